"""Run the database task queue the way `manage.py db_worker` does, until nothing is ready."""

from unittest import mock

from django.core.management import call_command
from django_tasks_db.models import DBTaskResult


def run_queue():
    # The worker closes stale connections between tasks; inside a test's transaction
    # that would close the test's own connection (PostgreSQL), so here it is a no-op.
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0)
    failed = list(DBTaskResult.objects.filter(status="FAILED").values_list("task_path", "traceback"))
    assert failed == [], failed


def waiting():
    """Tasks queued for later (retries, scheduled times)."""
    return DBTaskResult.objects.filter(status="READY").count()
