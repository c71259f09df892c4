from django.core.management.base import BaseCommand
from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from releases.alerts.planning import deliveries_plan
from releases.alerts.sending import deliveries_send_due
from releases.management.base import NeedsMigratedDatabase
from releases.models import Delivery
from releases.templatetags.press import moment


class Command(NeedsMigratedDatabase, BaseCommand):
    help = _(
        "Send the email alerts that are due, catching up on anything a worker missed; "
        "with --status, only show what is pending, sent and failed. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--status", action="store_true", help=_("Show what is pending, sent and failed; send nothing."))

    def handle(self, *args, status=False, **options):
        if status:
            return self.show_status()
        planned = deliveries_plan()
        counts = deliveries_send_due()
        self.stdout.write(
            _("Planned %(planned)d; sent %(sent)d, to retry %(pending)d, failed %(failed)d, cancelled %(cancelled)d.")
            % {"planned": planned, **{key: counts.get(key, 0) for key in ("sent", "pending", "failed", "cancelled")}}
        )

    def show_status(self):
        counts = dict(Delivery.objects.values_list("status").annotate(n=Count("pk")).order_by())
        for value, label in Delivery.Status.choices:
            self.stdout.write(f"{label}: {counts.get(value, 0)}")
        pending = Delivery.objects.filter(status=Delivery.Status.PENDING)
        due = pending.filter(next_attempt_at__lte=timezone.now()).count()
        later = pending.aggregate(at=Min("next_attempt_at"))["at"]
        self.stdout.write(_("Due now: %(due)d. Next attempt: %(next)s.") % {"due": due, "next": moment(later) or "-"})
        failed = Delivery.objects.filter(status=Delivery.Status.FAILED).select_related("subscriber")[:20]
        for delivery in failed:
            self.stdout.write(
                _("Failed: release #%(release)d (%(language)s) to %(email)s after %(attempts)d attempts: %(error)s")
                % {"release": delivery.release_id, "language": delivery.language, "email": delivery.subscriber.email,
                   "attempts": delivery.attempts, "error": delivery.last_error}
            )
