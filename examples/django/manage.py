#!/usr/bin/env python3
"""The demo project of session_security_v1. `python3 manage.py serve 127.0.0.1:8000` prepares a
throw-away database, creates the user demo/demo and serves the demo; `python3 manage.py test tests`
runs the app's tests."""

import atexit
import os
import shutil
import sys
import tempfile


def main():
    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'demo_site.settings')
    if len(sys.argv) > 1 and sys.argv[1] == 'serve' and 'SESSION_SECURITY_DEMO_DATABASE' not in os.environ:
        directory = tempfile.mkdtemp(prefix='session-security-django-')
        atexit.register(shutil.rmtree, directory, ignore_errors=True)
        os.environ['SESSION_SECURITY_DEMO_DATABASE'] = os.path.join(directory, 'demo.sqlite3')
    try:
        from django.core.management import execute_from_command_line
    except ImportError as error:
        raise SystemExit(
            f'Django cannot be imported by {sys.executable}: install it for this Python, or use '
            "Debian's (apt-get install python3-django) with /usr/bin/python3 manage.py ..."
        ) from error

    execute_from_command_line(sys.argv)


if __name__ == '__main__':
    main()
