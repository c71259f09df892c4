from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from releases import workflow
from releases.management.base import NeedsMigratedDatabase
from releases.models import Edition
from releases.states import State
from releases.templatetags.press import moment


class Command(NeedsMigratedDatabase, BaseCommand):
    help = _(
        "Record scheduled editions whose time has come as published, and purge caches. "
        "They are already public by the clock; this keeps the history and caches right. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help=_("List overdue editions and change nothing."))

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        overdue = list(Edition.objects.filter(state=State.SCHEDULED, published_at__lte=now).select_related("release"))
        for edition in overdue:
            late = int((now - edition.published_at).total_seconds() // 60)
            self.stdout.write(
                _("Overdue: release #%(release)d edition %(number)d «%(headline)s», due %(due)s (%(late)d minutes ago)")
                % {"release": edition.release_id, "number": edition.number, "headline": edition.headline,
                   "due": moment(edition.published_at), "late": late}
            )
        if dry_run:
            self.stdout.write(_("%(count)d overdue; nothing changed (dry run).") % {"count": len(overdue)})
            return
        done = workflow.publish_due(now=now)
        upcoming = Edition.objects.filter(state=State.SCHEDULED, published_at__gt=now).count()
        self.stdout.write(
            _("Recorded %(done)d scheduled editions as published; %(upcoming)d still scheduled.")
            % {"done": len(done), "upcoming": upcoming}
        )
