"""What the bench runs inside the archive's own settings (a subprocess with its DATABASE_URL):
the pages to measure and their queries, and three staff who save and publish in a loop."""

import threading
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from releases import workflow
from releases.models import Release
from releases.roles import EDITOR, WRITER, ensure_roles

STAFF = 3


def pages():
    """Home, the list, one release (the newest with both languages), the sitemap's first page."""
    now = timezone.now()
    # Not one the staff loop of an earlier run (--reuse) wrote: those are a line long.
    public = Release.objects.published(now).exclude(editions__author__username__startswith="bench-")
    release = (public.in_language("en", now).newest_first().only("pk", "slug").first()
               or public.newest_first().only("pk", "slug").first())
    return {
        "detail": release.get_absolute_url() if release else None,
        "list": "/ar/releases/",
        "home": "/ar/",
        "sitemap": "/sitemap-releases-ar.xml",
    }


def queries_per_page(urls):
    """Queries that each page runs when it is not cached."""
    client, counts = Client(), {}
    for name, url in urls.items():
        client.get(url)  # warm: what a worker has already loaded
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        counts[name] = len(queries) if response.status_code == 200 else f"HTTP {response.status_code}"
    return counts


def _account(name, role):
    account, _created = get_user_model().objects.get_or_create(username=name, defaults={"is_staff": True})
    account.groups.add(Group.objects.get(name=role))
    return account


def staff_loop(seconds):
    """Three writer/editor pairs, each saving, submitting and publishing new releases until the time is up.

    Returns how many releases were published and which writes failed (each one, with its error).
    """
    ensure_roles()
    pairs = [(_account(f"bench-writer-{n}", WRITER), _account(f"bench-editor-{n}", EDITOR)) for n in range(STAFF)]
    deadline = time.monotonic() + seconds
    published, failures, lock = [0], [], threading.Lock()

    def work(n, writer, editor):
        round_ = 0
        try:
            while time.monotonic() < deadline:
                round_ += 1
                try:
                    _publish_one(writer, editor, f"{n}.{round_}")
                except Exception as error:  # noqa: BLE001 - every failed write is counted and reported
                    with lock:
                        failures.append(f"{type(error).__name__}: {error}")
                else:
                    with lock:
                        published[0] += 1
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(n, *pair)) for n, pair in enumerate(pairs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"published": published[0], "failed": len(failures), "failures": failures[:10]}


def _publish_one(writer, editor, label):
    today = timezone.localdate()
    edition = workflow.edition_create(user=writer, kind=Release.Kind.NEWS, data={
        "headline_ar": f"بيان تجريبي تحت الضغط {label}", "body_ar": "<p>نص أول.</p>",
        "dateline_place_ar": "نيويورك", "dateline_date": today,
        "headline_en": f"Statement under load {label}", "body_en": "<p>First text.</p>",
        "dateline_place_en": "New York", "dateline_source_en": "Media Office",
    })
    edition = workflow.edition_update(edition=edition, user=writer, seen_version=edition.version,
                                      data={"body_ar": "<p>نص بعد المراجعة.</p>", "body_en": "<p>Revised text.</p>"})
    edition = workflow.edition_submit(edition=edition, user=writer, seen_version=edition.version)
    workflow.edition_publish(edition=edition, user=editor, seen_version=edition.version)
