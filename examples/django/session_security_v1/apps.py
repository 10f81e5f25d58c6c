from django.apps import AppConfig


class SessionSecurityV1Config(AppConfig):
    name = 'session_security_v1'
    label = 'session_security_v1'
    verbose_name = 'Session security (protocol v1)'
    default_auto_field = 'django.db.models.BigAutoField'

    def ready(self):
        from . import checks, receivers  # noqa: F401 (connects the signal receivers)
        from .conf import read_settings

        # Invalid settings are refused at start-up, never replaced by defaults.
        read_settings()
