from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReleasesConfig(AppConfig):
    name = "releases"
    verbose_name = _("Press releases")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import pre_save

        # Connects the signals that forget the search's list of names when a record changes.
        from .search import entities  # noqa: F401
        from . import admin_alerts  # noqa: F401  (registers the alerts admin beside releases/admin.py)
        from . import media_cleanup
        from .fields import refuse_bidi_controls_on_save

        media_cleanup.connect()
        from . import cache

        cache.connect()
        pre_save.connect(refuse_bidi_controls_on_save, dispatch_uid="refuse-bidi-controls")
        from . import admin_pages  # noqa: F401  (About and Contact)
