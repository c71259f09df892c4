"""What the rest of the site does when the public side of a release changes.

The workflow calls `public_change()` once its transaction has committed, for
every transition that changes what the public can see now or later: publish,
schedule, unschedule, a scheduled time passing (`publish_scheduled`), and
withdrawal. Caches, the search index and email alerts react here, and only
here, so that no transition can forget one of them.
"""

from .cache import purge_public_cache

PUBLISHED, SCHEDULED, UNSCHEDULED, WENT_PUBLIC, WITHDRAWN = (
    "published", "scheduled", "unscheduled", "went_public", "withdrawn",
)


def public_change(release_ids, *, event):
    """Called after commit with the releases whose public side changed, and why."""
    from .alerts.tasks import on_public_change as queue_alerts
    from .search.index import search_index_after_change

    search_index_after_change(release_ids)
    purge_public_cache()
    queue_alerts(release_ids, event=event)
    if event in (PUBLISHED, SCHEDULED, WENT_PUBLIC):
        prepare_lead_images(release_ids)


def prepare_lead_images(release_ids):
    """Make the renditions of the images going public now, so that no reader waits for them."""
    from .images.renditions import prepare
    from .models import Edition
    from .states import PUBLIC_STATES

    names = (Edition.objects.filter(release_id__in=release_ids, state__in=PUBLIC_STATES)
             .exclude(lead_image="").values_list("lead_image", flat=True))
    prepare(names)


def on_commit_public_change(release_ids, *, event):
    from django.db import transaction

    ids = sorted(set(release_ids))
    transaction.on_commit(lambda: public_change(ids, event=event))


def handoff(entry):
    """Called inside a transition's transaction with its audit entry: the next person is told.

    Submitted, returned, translated and published editions are handed to someone;
    `notifications` decides to whom, and emails them once the transaction commits.
    """
    from .notifications import notify

    notify(entry)
    return entry
