"""What the rest of the site does when the public side of a release changes.

The workflow calls `public_change()` once its transaction has committed, for
every transition that changes what the public can see now or later: publish,
schedule, unschedule, a scheduled time passing (`publish_scheduled`), and
withdrawal. Caches, the search index and email alerts react here, and only
here, so that no transition can forget one of them.
"""

import threading
from contextlib import contextmanager

from .cache import purge_public_cache

PUBLISHED, SCHEDULED, UNSCHEDULED, WENT_PUBLIC, WITHDRAWN = (
    "published", "scheduled", "unscheduled", "went_public", "withdrawn",
)


def public_change(release_ids, *, event):
    """Called after commit with the releases whose public side changed, and why."""
    from .alerts.tasks import on_public_change as queue_alerts
    from .search.index import search_index_after_change

    search_index_after_change(release_ids)
    purge_public_cache()  # the pages, and the counts and years they show
    queue_alerts(release_ids, event=event)
    if event in (PUBLISHED, SCHEDULED, WENT_PUBLIC):
        prepare_lead_images(release_ids)


def prepare_lead_images(release_ids):
    """Make the renditions of the images going public now, so that no reader waits for them."""
    from .images.renditions import prepare
    from .models import Edition

    names = Edition.objects.public_of(release_ids).exclude(lead_image="").values_list("lead_image", flat=True)
    prepare(names)


_local = threading.local()
# How many releases a batch hands to `public_change()` at a time.
BATCH_SIZE = 1000


@contextmanager
def batched():
    """Gather the public changes committed inside, and react to them once, at the end.

    For bulk work (an import of thousands of files): the search index, the caches and the
    alerts then do one pass over all the releases instead of one per release. What commits
    inside is reacted to even if the block fails.
    """
    pending = {}
    batches = _local.__dict__.setdefault("batches", [])
    batches.append(pending)
    try:
        yield
    finally:
        batches.pop()
        for event, ids in pending.items():
            ids = sorted(ids)
            for start in range(0, len(ids), BATCH_SIZE):
                public_change(ids[start:start + BATCH_SIZE], event=event)


def on_commit_public_change(release_ids, *, event):
    from django.db import transaction

    ids = sorted(set(release_ids))

    def react():
        batches = getattr(_local, "batches", None)
        if batches:
            batches[-1].setdefault(event, set()).update(ids)
        else:
            public_change(ids, event=event)

    transaction.on_commit(react)


def handoff(entry):
    """Called inside a transition's transaction with its audit entry: the next person is told.

    Submitted, returned, translated and published editions are handed to someone;
    `notifications` decides to whom, and emails them once the transaction commits.
    """
    from .notifications import notify

    notify(entry)
    return entry


def handoff_all(entries):
    """`handoff()` for the audit entries of a bulk transition, told in a few queries for them all."""
    from .notifications import notify_all

    notify_all(entries)
    return entries
