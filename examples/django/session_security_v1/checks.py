"""System checks: settings under which protocol v1 cannot hold (python manage.py check)."""

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.utils.module_loading import import_string

MIDDLEWARE_PATH = 'session_security_v1.middleware.SessionSecurityMiddleware'
AUTHENTICATION_MIDDLEWARE = 'django.contrib.auth.middleware.AuthenticationMiddleware'
DSS_MIDDLEWARE = 'session_security.middleware.SessionSecurityMiddleware'


def _middleware_index(path):
    """Index in MIDDLEWARE of `path` or of a subclass of it, or None."""
    wanted = import_string(path)
    for index, entry in enumerate(settings.MIDDLEWARE):
        try:
            found = import_string(entry)
        except ImportError:
            continue
        if found is wanted or (isinstance(found, type) and issubclass(found, wanted)):
            return index
    return None


@register()
def check_settings(app_configs, **kwargs):
    problems = []
    ours = _middleware_index(MIDDLEWARE_PATH)
    authentication = _middleware_index(AUTHENTICATION_MIDDLEWARE)
    if ours is None:
        problems.append(
            Error(
                f'{MIDDLEWARE_PATH} is not in MIDDLEWARE: nothing enforces the timeouts',
                id='session_security_v1.E001',
            )
        )
    elif authentication is None or ours < authentication:
        problems.append(
            Error(
                f'{MIDDLEWARE_PATH} must come after {AUTHENTICATION_MIDDLEWARE} in MIDDLEWARE',
                id='session_security_v1.E002',
            )
        )
    if getattr(settings, 'SESSION_SAVE_EVERY_REQUEST', False):
        problems.append(
            Error(
                'SESSION_SAVE_EVERY_REQUEST = True saves the session and sends Set-Cookie on status '
                'reads and passive requests, which protocol v1 forbids',
                hint='Remove it: the last activity is kept apart from the session.',
                id='session_security_v1.E003',
            )
        )
    if DSS_MIDDLEWARE in settings.MIDDLEWARE:
        problems.append(
            Error(
                f'{DSS_MIDDLEWARE} (django-session-security) and {MIDDLEWARE_PATH} both enforce '
                'timeouts: the old one writes the session on status reads',
                hint='Remove the old middleware; keep old pages working with '
                'session_security_v1.legacy.ping (see the migration guide).',
                id='session_security_v1.E004',
            )
        )
    absolute = getattr(settings, 'SESSION_SECURITY_ABSOLUTE_TIMEOUT', None)
    if absolute is not None and settings.SESSION_COOKIE_AGE < absolute:
        problems.append(
            Warning(
                f'SESSION_COOKIE_AGE ({settings.SESSION_COOKIE_AGE} s) is shorter than '
                f'SESSION_SECURITY_ABSOLUTE_TIMEOUT ({absolute} s): the session is not re-saved '
                'on activity, so Django ends it first',
                id='session_security_v1.W001',
            )
        )
    return problems
