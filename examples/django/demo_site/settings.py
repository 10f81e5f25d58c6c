"""Settings of the demo project: session_security_v1 with timings from the environment
(SESSION_SECURITY_WARN_AFTER, SESSION_SECURITY_EXPIRE_AFTER, SESSION_SECURITY_ABSOLUTE_TIMEOUT,
in seconds). For trying it out and for tests only: the secret key is random per process."""

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
# The element's bundle, built by `npm run build` at the repository root.
DIST_DIR = BASE_DIR.parent.parent / 'dist'


def seconds_from_environment(name, default):
    """A number of seconds from the environment; unset or empty gives `default`."""
    text = os.environ.get(name, '').strip()
    if text == '':
        return default
    try:
        value = float(text)
    except ValueError:
        raise ImproperlyConfigured(f'{name} must be a number of seconds, got {text!r}') from None
    return int(value) if value.is_integer() else value


SESSION_SECURITY_WARN_AFTER = seconds_from_environment('SESSION_SECURITY_WARN_AFTER', 540)
SESSION_SECURITY_EXPIRE_AFTER = seconds_from_environment('SESSION_SECURITY_EXPIRE_AFTER', 600)
SESSION_SECURITY_ABSOLUTE_TIMEOUT = seconds_from_environment(
    'SESSION_SECURITY_ABSOLUTE_TIMEOUT', None
)
SESSION_SECURITY_PASSIVE_URL_NAMES = ['server-time']
SESSION_SECURITY_SCRIPT_URL = '/assets/session-security.js'

SECRET_KEY = secrets.token_urlsafe(50)
DEBUG = False
ALLOWED_HOSTS = ['127.0.0.1', 'localhost', '[::1]', 'testserver']

INSTALLED_APPS = [
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'session_security_v1',
    'demo_site',
]

MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
    'session_security_v1.middleware.SessionSecurityMiddleware',
    'django.middleware.clickjacking.XFrameOptionsMiddleware',
]

ROOT_URLCONF = 'demo_site.urls'
TEMPLATES = [
    {
        'BACKEND': 'django.template.backends.django.DjangoTemplates',
        'APP_DIRS': True,
        'OPTIONS': {
            'context_processors': [
                'django.template.context_processors.request',
                'django.contrib.auth.context_processors.auth',
                'django.template.context_processors.csrf',
            ]
        },
    }
]

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.sqlite3',
        # `manage.py serve` sets this to a file in a temporary directory it deletes on exit.
        'NAME': os.environ.get('SESSION_SECURITY_DEMO_DATABASE', ':memory:'),
    }
}
DEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'
USE_TZ = True
TIME_ZONE = 'UTC'
LANGUAGE_CODE = 'en'
STATIC_URL = '/static/'

# Demo only (see demo_site/hashers.py): never in a real project.
PASSWORD_HASHERS = ['demo_site.hashers.DemoPasswordHasher']

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = 'Lax'
LOGIN_URL = '/login'

LOGGING = {
    'version': 1,
    'disable_existing_loggers': False,
    'handlers': {'console': {'class': 'logging.StreamHandler'}},
    'loggers': {
        'session_security_v1': {'handlers': ['console'], 'level': 'INFO'},
        'demo_site.audit': {'handlers': ['console'], 'level': 'INFO'},
    },
}
