from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from releases.management.base import NeedsMigratedDatabase
from releases.roles import ensure_roles


class Command(NeedsMigratedDatabase, BaseCommand):
    help = _("Create or update the Writer, Translator and Editor groups. Safe to run again.")

    def handle(self, *args, **options):
        for name, group in ensure_roles().items():
            self.stdout.write(
                _("%(group)s: %(count)d permissions") % {"group": name, "count": group.permissions.count()}
            )
