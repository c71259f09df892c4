"""The background tasks. Each one only looks at the database and the clock, so running
one twice, late, or for a release that changed since, sends nothing twice and nothing early.
"""

import logging

from django.utils import timezone
from django_tasks import task

from releases import events

from . import scopes
from .messages import confirmation_message
from .planning import deliveries_plan
from .sending import deliveries_send_due, next_retry_at, send_or_retry

logger = logging.getLogger(__name__)


def _schedule_retries():
    at = next_retry_at()
    if at is not None and at > timezone.now():
        send_due.using(run_after=at).enqueue()


@task()
def send_alerts(release_ids=None, event=""):
    """Plan what these releases owe their subscribers, then send whatever is due."""
    planned = deliveries_plan(release_ids=release_ids)
    counts = deliveries_send_due()
    _schedule_retries()
    return {"planned": planned, **counts}


@task()
def send_due():
    counts = deliveries_send_due()
    _schedule_retries()
    return dict(counts)


@task()
def send_confirmation(email, token, language, attempt=1):
    from releases.models import Subscriber

    from .tokens import read_confirm_token

    if Subscriber.objects.filter(email__iexact=email, suppressed_at__isnull=False).exists():
        return "suppressed"
    request = read_confirm_token(token) or {}
    message = confirmation_message(
        email=email, token=token, language=language, languages=request.get("l", []),
        scope_text=scopes.describe(request.get("s", "")) if request else "",
    )
    return send_or_retry(message, task=send_confirmation, attempt=attempt, what="Confirmation email",
                         email=email, token=token, language=language)


def on_public_change(release_ids, *, event):
    """Queue the sending for a change on the public side; called after the transaction committed."""
    from releases.models import Edition
    from releases.states import State

    ids = list(release_ids)
    try:
        if event in (events.PUBLISHED, events.WENT_PUBLIC, events.WITHDRAWN):
            send_alerts.enqueue(release_ids=ids, event=event)
        elif event == events.SCHEDULED:
            # Wake up at the scheduled time too, so the alert goes out then even before
            # `publish_scheduled` runs; what is public then is decided by the clock, then.
            times = Edition.objects.filter(release_id__in=ids, state=State.SCHEDULED).values_list("published_at", flat=True)
            for at in sorted(set(times)):
                send_alerts.using(run_after=at).enqueue(release_ids=ids, event=events.WENT_PUBLIC)
    except Exception:  # the publication has happened; `manage.py send_alerts` catches up
        logger.exception("Could not queue email alerts for releases %s (%s).", ids, event)
