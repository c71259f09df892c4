from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class StaffAdminConfig(AdminConfig):
    """The Django admin, with our site: every `admin.site.register()` lands on it."""

    default_site = "pressoffice.accounts.site.StaffAdminSite"


class AccountsConfig(AppConfig):
    name = "pressoffice.accounts"
    label = "accounts"
    verbose_name = _("Staff accounts")

    def ready(self):
        from pressoffice import lookups

        from . import audit  # noqa: F401 - connects the login, lockout and second-factor receivers

        lookups.register()
