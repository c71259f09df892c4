"""Run the database task queue the way `manage.py db_worker` does, until nothing is ready."""

from django.core.management import call_command
from django_tasks_db.models import DBTaskResult


def run_queue():
    call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0)
    failed = list(DBTaskResult.objects.filter(status="FAILED").values_list("task_path", "traceback"))
    assert failed == [], failed


def waiting():
    """Tasks queued for later (retries, scheduled times)."""
    return DBTaskResult.objects.filter(status="READY").count()
