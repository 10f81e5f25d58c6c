from django.apps import AppConfig


class DemoSiteConfig(AppConfig):
    name = 'demo_site'
    default_auto_field = 'django.db.models.BigAutoField'

    def ready(self):
        from . import audit  # noqa: F401 (connects the audit log)
