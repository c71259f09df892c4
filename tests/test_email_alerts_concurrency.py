"""Two clicks on Publish and two workers at the same moment still send each email once.

These tests use real threads and real transactions, on SQLite and on PostgreSQL.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection
from django_tasks_db.management.commands.db_worker import Worker

from releases import workflow
from releases.alerts.planning import deliveries_plan
from releases.alerts.sending import deliveries_send_due
from releases.models import Delivery, Edition
from releases.states import State
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(*jobs):
    """Run each job in its own thread, released together; return what they raised."""
    barrier, errors = threading.Barrier(len(jobs)), []

    def run(job):
        try:
            barrier.wait()
            job()
        except (ValidationError, DatabaseError) as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return errors


def worker():
    Worker(queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
           max_tasks=None, worker_id=threading.current_thread().name, excluded_queue_names=[]).run()


def test_a_double_click_on_publish_and_two_workers_send_each_subscriber_one_email(smtp_server, writer, editor,
                                                                                 other_editor):
    readers = [factories.subscriber(languages=["ar", "en"]) for _ in range(6)]
    edition = factories.edition(author=writer, state=State.IN_REVIEW)

    def click(user):
        def publish():
            fresh = Edition.objects.get(pk=edition.pk)
            workflow.edition_publish(edition=fresh, user=user, seen_version=fresh.version)
        return publish

    errors = at_once(click(editor), click(other_editor))
    assert all(isinstance(error, ValidationError) for error in errors), errors  # a refused click is fine
    assert Edition.objects.get(pk=edition.pk).state == State.PUBLISHED
    assert at_once(worker, worker) == [] and at_once(worker, worker) == []
    for reader in readers:
        assert sorted(m["Content-Language"] for m in smtp_server.to(reader.email)) == ["ar", "en"]
    assert len(smtp_server.messages) == 12
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}


def test_planning_and_sending_at_the_same_moment_in_two_processes_sends_once(smtp_server):
    readers = [factories.subscriber() for _ in range(40)]
    release = factories.published_release()

    def plan_and_send():
        deliveries_plan(release_ids=[release.pk])
        deliveries_send_due()

    assert at_once(plan_and_send, plan_and_send, plan_and_send) == []
    deliveries_send_due()
    assert sorted(m["To"] for m in smtp_server.messages) == sorted(r.email for r in readers)


@pytest.mark.django_db
def test_a_worker_cannot_take_rows_another_worker_took_after_both_read_them():
    from django.utils import timezone

    from releases.alerts.sending import due_ids, take

    factories.subscriber()
    factories.subscriber()
    deliveries_plan(release_ids=[factories.published_release().pk])
    now = timezone.now()
    seen_by_both = due_ids(now=now, limit=10)
    assert len(take(seen_by_both, now=now, worker="first")) == 2
    assert take(seen_by_both, now=now, worker="second") == []
