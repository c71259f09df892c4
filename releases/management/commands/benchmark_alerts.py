"""Send one release to many subscribers through a local SMTP sink, and time it.

It refuses to run on a database that already has subscribers, so it can never
mail real people; its mail goes only to a sink it starts on 127.0.0.1.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from releases.management.base import NeedsMigratedDatabase, count_argument


class Sink:
    """aiosmtpd in its own process, as a real mail server would be, counting what it accepts."""

    def __init__(self, port):
        self.port = port
        self.count_file = tempfile.NamedTemporaryFile(suffix=".count", delete=False).name
        self.process = subprocess.Popen(
            [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c", "tests.smtp_server.CountingSink"],
            env={**os.environ, "ALERTS_SINK_COUNT_FILE": self.count_file},
        )
        for _ in range(100):
            try:
                import socket

                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise CommandError("The SMTP sink did not start.")

    @property
    def received(self):
        with open(self.count_file) as counted:
            return sum(1 for _line in counted)

    def stop(self):
        self.process.terminate()
        self.process.wait(10)
        os.unlink(self.count_file)


class Command(NeedsMigratedDatabase, BaseCommand):
    help = "Benchmark: send one release to N subscribers through a local SMTP sink (use a scratch database)."

    def add_arguments(self, parser):
        parser.add_argument("--subscribers", type=count_argument(1), default=10_000)

    def handle(self, *args, subscribers, **options):
        from django.contrib.auth import get_user_model

        from releases.models import Subscriber

        try:
            from tests.smtp_server import free_port
        except ImportError as error:
            raise CommandError("The benchmark needs the test extra: pip install -e '.[test]'") from error
        # It creates staff accounts and subscribers of its own: never beside real ones.
        if Subscriber.objects.exists() or get_user_model().objects.exists():
            raise CommandError("This database has accounts or subscribers: run the benchmark on a scratch database.")
        sink = Sink(free_port())
        try:
            smtp = {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "127.0.0.1",
                    "EMAIL_PORT": sink.port, "EMAIL_USE_TLS": False, "EMAIL_HOST_USER": "", "EMAIL_HOST_PASSWORD": "",
                    "ALLOWED_HOSTS": ["testserver", *settings.ALLOWED_HOSTS], "SECURE_SSL_REDIRECT": False}
            with override_settings(**smtp):
                self.run(sink, subscribers)
        finally:
            sink.stop()

    def publish_click(self, client, writer):
        from tests import factories

        edition = factories.edition(author=writer)
        factories.submit(edition, writer)
        edition.refresh_from_db()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.post(f"/admin/releases/edition/{edition.pk}/workflow/publish/",
                                   {"seen_version": edition.version})
            elapsed = time.perf_counter() - started
        assert response.status_code == 302, response.status_code
        return edition, elapsed, len(queries)

    def timed_clicks(self, client, writer, count=5):
        results = [self.publish_click(client, writer) for _ in range(count)]
        return results[-1][0], statistics.median(r[1] for r in results), results[-1][2]

    def run(self, sink, count):
        from django_tasks_db.models import DBTaskResult

        from releases.alerts.planning import deliveries_plan
        from releases.alerts.sending import deliveries_send_due
        from releases.models import Delivery, Scope, Subscriber
        from releases.roles import EDITOR, WRITER
        from tests import factories

        writer, editor = factories.user(role=WRITER), factories.user(role=EDITOR)
        client = Client()
        client.force_login(editor)
        _edition, before, queries_before = self.timed_clicks(client, writer)

        confirmed = factories.timezone.now() - factories.datetime.timedelta(days=1)
        people = Subscriber.objects.bulk_create(
            [Subscriber(email=f"reader{n}@bench.example.org", languages=",ar,", confirmed_at=confirmed)
             for n in range(count)], batch_size=1000)
        Scope.objects.bulk_create([Scope(subscriber=p, kind="all", key="all", added_at=confirmed) for p in people],
                                  batch_size=1000)
        Delivery.objects.all().delete()
        DBTaskResult.objects.all().delete()
        edition, after, queries_after = self.timed_clicks(client, writer, count=1)
        self.stdout.write(f"Publish request, median of 5, no subscribers: {before * 1000:.1f} ms, {queries_before} queries")
        self.stdout.write(f"Publish request with {count} subscribers:      {after * 1000:.1f} ms, {queries_after} queries"
                          f" (it only queues: {DBTaskResult.objects.count()} task, {Delivery.objects.count()} deliveries)")

        started = time.perf_counter()
        planned = deliveries_plan(release_ids=[edition.release_id])
        planning = time.perf_counter() - started
        counts = deliveries_send_due()
        total = time.perf_counter() - started
        received = sink.received
        self.stdout.write(f"Planned {planned} deliveries in {planning:.2f} s")
        self.stdout.write(f"Sent {counts.get('sent', 0)}, sink received {received}, in {total:.2f} s: "
                          f"{received / total:.0f} messages per second (planning included)")
        self.stdout.write(f"Database: {connection.vendor}; SMTP sink: aiosmtpd on 127.0.0.1:{sink.port}, its own process")
