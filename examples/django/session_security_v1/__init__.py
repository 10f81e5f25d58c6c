"""Protocol v1 of session-security for Django: idle and absolute timeouts enforced on every
request, and the /session-security resource the <session-security> element talks to.

See examples/django/README.md. The app uses the standard library and Django only.
"""
