"""The demo's settings, with the logs of ended sessions silenced for the test run."""

from demo_site.settings import *  # noqa: F401,F403

LOGGING = {
    'version': 1,
    'disable_existing_loggers': False,
    'handlers': {'null': {'class': 'logging.NullHandler'}},
    'loggers': {
        'session_security_v1': {'handlers': ['null'], 'propagate': False},
        'demo_site.audit': {'handlers': ['null'], 'propagate': False},
    },
}
