from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReleasesConfig(AppConfig):
    name = "releases"
    verbose_name = _("Press releases")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connects the signals that forget the search's list of names when a record changes.
        from .search import entities  # noqa: F401
        from . import admin_alerts  # noqa: F401  (registers the alerts admin beside releases/admin.py)
