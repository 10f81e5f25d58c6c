from django.contrib.auth.hashers import PBKDF2PasswordHasher


class DemoPasswordHasher(PBKDF2PasswordHasher):
    """PBKDF2 with few iterations, for the throw-away user demo/demo only: the conformance suite
    signs in for nearly every check, and Django's default cost (hundreds of thousands of
    iterations) made those sign-ins most of the demo's CPU on a busy test machine. A real project
    keeps Django's default PASSWORD_HASHERS."""

    iterations = 1000
