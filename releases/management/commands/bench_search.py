"""Search latency and indexing time at scale, in a scratch database (never the configured one)."""

import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import override_settings

from releases.management.base import NeedsMigratedDatabase, count_argument
from releases.search.scratch import scratch_database

QUERIES = [
    ("ar", "الامم المتحده"), ("ar", "للاجئين"), ("ar", "مدرسه"), ("ar", "كوفيد 19"), ("ar", "UNICEF"),
    ("ar", "عبدالرحمن الكواري"), ("ar", "الطائرات المسيرة"), ("ar", "مجلس حقوق الانسان"), ("ar", "الشباب"),
    ("ar", "ملاعب كرة القدم"), ("ar", "المياه النظيفه للقري"), ("ar", "افطار رمضان"), ("ar", "أبو ظبي"),
    ("ar", "الدوره ٧٨ للجمعيه العامه"),
    ("en", "refugees"), ("en", "climate change"), ("en", "vaccine"), ("en", "General Assembly"),
    ("en", "Interpol border security"), ("en", "الامم المتحده"),
]


class Command(NeedsMigratedDatabase, BaseCommand):
    help = "Generate published releases in a scratch database, index them, and time the search page."

    def add_arguments(self, parser):
        parser.add_argument("--releases", type=count_argument(1), default=20_000)
        parser.add_argument("--rounds", type=count_argument(1), default=5, help="Times each query is run.")
        parser.add_argument("--seed", type=int, default=10)

    def handle(self, *args, releases, rounds, seed, **options):
        with tempfile.TemporaryDirectory() as folder, \
                scratch_database(suffix="bench", sqlite_path=str(Path(folder) / "bench.sqlite3")):
            from releases.search.bench import generate
            from releases.search.index import search_index_rebuild

            started = time.perf_counter()
            generate(releases, random.Random(seed))
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:  # fresh tables have no statistics for the planner yet
                    cursor.execute("ANALYZE")
            self.stdout.write(f"{connection.vendor}: generated {releases} published releases "
                              f"in {time.perf_counter() - started:.1f} s")
            started = time.perf_counter()
            indexed, rows = search_index_rebuild(progress=self._progress)
            self.stdout.write(f"indexed {indexed} releases ({rows} documents) in {time.perf_counter() - started:.1f} s")
            self._time_queries(rounds)

    def _progress(self, done, total):
        if done % 5000 == 0 or done == total:
            self.stdout.write(f"  {done}/{total}")

    # As production serves pages (run with DEBUG off, so templates are compiled once), but over
    # the test client, without collected static files, and with the page cache off: this times
    # the search, not a cache hit.
    @override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False, PAGE_CACHE_SECONDS=0, STORAGES={
        **settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}})
    def _time_queries(self, rounds):
        client = Client()
        for language, query in QUERIES:  # warm caches and connections once
            client.get(f"/{language}/search/", {"q": query})
        every, every_cpu = [], []
        self.stdout.write(f"{'query':<36}{'results':>8}{'p50 ms':>9}{'p95 ms':>9}{'cpu p50':>9}{'cpu p95':>9}")
        for language, query in QUERIES:
            times, cpu = [], []
            for _round in range(rounds):
                started, started_cpu = time.perf_counter(), time.process_time()
                response = client.get(f"/{language}/search/", {"q": query})
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            assert response.status_code == 200
            every += times
            every_cpu += cpu
            self.stdout.write(f"{language + ' ' + query:<36}{_count(language, query):>8}"
                              f"{statistics.median(times):>9.1f}{_p95(times):>9.1f}"
                              f"{statistics.median(cpu):>9.1f}{_p95(cpu):>9.1f}")
        self.stdout.write(self.style.SUCCESS(
            f"search page, all queries: p50 {statistics.median(every):.1f} ms, p95 {_p95(every):.1f} ms "
            f"(this process's CPU: p50 {statistics.median(every_cpu):.1f} ms, p95 {_p95(every_cpu):.1f} ms; "
            f"on SQLite that includes the database's work, on PostgreSQL it does not)"))
        self.stdout.write(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; "
                          f"DEBUG {'on: templates are parsed on every request' if settings.DEBUG else 'off'}")


def _count(language, query):
    from releases.search.query import search_prepare

    results = search_prepare(text=query, page_language=language).results()
    return results.count if results.is_exact else f">{results.count}"


def _p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
