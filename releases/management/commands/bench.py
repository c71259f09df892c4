"""`make bench`: the site under gunicorn at 100 and 20,000 releases, on SQLite and PostgreSQL,
cached and uncached, beside a plain WSGI ceiling (and a comparison site) measured in the same run.

Every archive is generated in a scratch database (a file under --workdir, or a database
named after --postgres with `_bench_<size>` appended); the database in DATABASE_URL is never used.
README, "Measuring: make bench", says how to read the output.
"""

import json
import os
import secrets
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from django.core.management import get_commands
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from releases.bench import load
from releases.bench.servers import ROOT, Server, measure
from releases.management.base import choices_argument, count_argument

PAGES = ("detail", "list", "home", "sitemap")
LOAD_PAGES = ("home", "list", "detail")
MODES = (("uncached", "0"), ("cached", "300"))
RSS_LIMIT_MIB = 150


def _sizes(text):
    """--sizes: published releases in each archive, comma-separated, each at least 10."""
    return [count_argument(10)(part.strip()) for part in text.split(",") if part.strip()] or count_argument(10)("")


class Command(BaseCommand):
    help = _("Benchmark the public pages under gunicorn against a plain WSGI ceiling, and run the load test.")

    def add_arguments(self, parser):
        parser.add_argument("--sizes", type=_sizes, default="100,20000", help=_("Published releases in each archive."))
        parser.add_argument("--databases", type=choices_argument(("sqlite", "postgresql")), default="sqlite,postgresql",
                            help=_("Which databases to measure: sqlite, postgresql, or both."))
        parser.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES_URL", ""),
                            help=_("A PostgreSQL server URL; the bench creates and drops <name>_bench_<size> on it."))
        parser.add_argument("--redis", default=os.environ.get("BENCH_REDIS_URL", ""),
                            help=_("Redis for the page cache in the PostgreSQL runs (else files, as on SQLite)."))
        parser.add_argument("--seconds", type=count_argument(1), default=5, help=_("Length of each page's run."))
        parser.add_argument("--connections", type=count_argument(1), default=8)
        parser.add_argument("--modes", type=choices_argument([mode for mode, _seconds in MODES]), default="uncached,cached",
                            help=_("Which series to run: uncached (PAGE_CACHE_SECONDS=0), cached, or both."))
        parser.add_argument("--load-seconds", type=count_argument(0), default=15,
                            help=_("Length of the load test (60 in the issue; 0 skips it)."))
        parser.add_argument("--load-connections", type=count_argument(1), default=64)
        parser.add_argument("--import-files", type=count_argument(0), default=10_000,
                            help=_("Files the importer's timing imports (0 skips it)."))
        parser.add_argument("--importer-only", action="store_true",
                            help=_("Time only the importer, on each database (no pages, no load test)."))
        parser.add_argument("--port", type=count_argument(1024), default=8100)
        parser.add_argument("--workdir", default="/tmp/pressoffice-bench")
        parser.add_argument("--reuse", action="store_true",
                            help=_("Keep the archives of an earlier run in --workdir instead of generating them again."))
        parser.add_argument("--compare", default="", help=_("A folder with compare.json: another site to measure."))
        # Run by the bench itself, inside a scratch archive's settings.
        parser.add_argument("--probe", action="store_true", help="(internal)")
        parser.add_argument("--staff-loop", type=int, default=0, help="(internal)")

    def handle(self, *args, **options):
        if options["probe"]:
            from releases.bench.staff import pages, queries_per_page

            urls = pages()
            self.stdout.write(json.dumps({"pages": urls, "queries": queries_per_page(urls)}))
            return
        if options["staff_loop"]:
            from releases.bench.staff import staff_loop

            self.stdout.write(json.dumps(staff_loop(options["staff_loop"])))
            return
        Bench(self, options).run()


class Bench:
    def __init__(self, command, options):
        self.command, self.options = command, options
        self.work = Path(options["workdir"])
        self.port = options["port"]
        self.load = load.run
        self.results = []

    def say(self, text=""):
        self.command.stdout.write(text)
        self.command.stdout.flush()

    def run(self):
        self.compare_spec = self._compare_spec()  # a broken one is refused before anything runs
        if not self.options["reuse"]:
            shutil.rmtree(self.work, ignore_errors=True)
        self.work.mkdir(parents=True, exist_ok=True)
        tool = "wrk" if load.have_wrk() else "a Python load generator (wrk not installed)"
        self.say(f"Load: {tool}; gunicorn with pressoffice/gunicorn.conf.py, 2 sync workers; "
                 f"{self.options['seconds']} s per page, {self.options['connections']} connections; "
                 f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} before starting.")
        self.base_env = self._base_env()
        if self.options["importer_only"]:
            for database in self.options["databases"]:
                url = self._database_url(database)
                if url is not None:
                    self.say(f"\n{database}:")
                    self._importer(database, url, max(self.options["sizes"]))
            return self._summary(None, {})
        self._collectstatic()
        self.say("\nCeiling: a plain WSGI app returning 8 KB, under the same gunicorn (again before each cached series).")
        ceiling = self._ceiling()
        compare = self._compare()
        for database in self.options["databases"]:
            url = self._database_url(database)
            if url is None:
                continue
            sizes = self.options["sizes"]
            for size in sizes:
                self._archive(database, url, size, load_test=size == max(sizes))
        self._summary(ceiling, compare)

    # Set-up

    def _base_env(self):
        env = {key: value for key, value in os.environ.items()
               if key not in ("DJANGO_SETTINGS_MODULE", "REDIS_URL", "DATABASE_URL", "PAGE_CACHE_SECONDS")}
        env.update(DJANGO_SETTINGS_MODULE="pressoffice.settings", DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50),
                   ALLOWED_HOSTS="127.0.0.1,localhost,testserver", SECURE_SSL_REDIRECT="0", SECURE_COOKIES="0",
                   OTP_REQUIRED="0", STATIC_ROOT=str(self.work / "static"), MEDIA_ROOT=str(self.work / "media"),
                   LOG_LEVEL="ERROR")
        return env

    def _manage(self, env, *arguments, timeout=3600):
        done = subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=timeout)
        if done.returncode:
            raise CommandError(f"manage.py {' '.join(arguments)} failed:\n{done.stderr[-3000:]}")
        return done.stdout

    def _collectstatic(self):
        self._manage({**self.base_env, "DATABASE_URL": f"sqlite:///{self.work / 'static.sqlite3'}"},
                     "collectstatic", "--noinput", "-v0")

    def _database_url(self, database):
        if database == "sqlite":
            return "sqlite"
        if database == "postgresql":
            if not self.options["postgres"]:
                self.say("\nPostgreSQL: skipped (give --postgres URL or BENCH_POSTGRES_URL).")
                return None
        return self.options["postgres"]

    def _fresh_database(self, database, url, size):
        """The archive's database URL, and whether it is already there (--reuse)."""
        done = self.work / f"archive-{database}-{size}.done"
        if database == "sqlite":
            path = self.work / f"archive-{size}.sqlite3"
            if not (self.options["reuse"] and done.exists()):
                for stale in self.work.glob(f"archive-{size}.sqlite3*"):
                    stale.unlink()
            return f"sqlite:///{path}", done
        import psycopg

        server, name = url.rsplit("/", 1)
        name = f"{name or 'pressoffice'}_bench_{size}"
        if self.options["reuse"] and done.exists():
            return f"{server}/{name}", done
        with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
        return f"{server}/{name}", done

    def _cache_env(self, database, label):
        if database == "postgresql" and self.options["redis"]:
            return {"REDIS_URL": self.options["redis"], "CACHE_KEY_PREFIX": f"bench-{label}-{secrets.token_hex(3)}"}
        return {"PAGE_CACHE_DIR": str(self.work / f"pages-{label}")}

    def _next_port(self):
        self.port += 1
        return self.port

    # Measurements

    def _ceiling(self, label="ceiling"):
        env = {**self.base_env, "PYTHONPATH": str(ROOT)}
        with Server("releases.bench.plain_wsgi:application", self._next_port(), env) as server:
            server.wait()
            result = measure(server, ["/"], connections=self.options["connections"],
                             seconds=self.options["seconds"], load=self.load)
        self.say(self._row(label, "plain WSGI", result))
        return result

    def _compare_spec(self):
        if not self.options["compare"]:
            return None
        path = Path(self.options["compare"]) / "compare.json"
        try:
            spec = json.loads(path.read_text())
        except (OSError, ValueError) as error:
            raise CommandError(_("--compare: %(path)s can't be read: %(error)s") % {"path": path, "error": error}) from None
        missing = [key for key in ("name", "gunicorn", "app", "pages") if not isinstance(spec, dict) or key not in spec]
        if missing or not {"detail", "list"} <= set(spec.get("pages") or ()):
            raise CommandError(_("--compare: %(path)s needs name, gunicorn, app, and pages with detail and list "
                                 "(README, Measuring).") % {"path": path})
        return spec

    def _compare(self):
        spec = self.compare_spec
        if spec is None:
            self.say("Comparison site: none (see README: --compare).")
            return {}
        folder = Path(self.options["compare"])
        described = f" ({spec['description']})" if spec.get("description") else ""
        self.say(f"\nComparison: {spec['name']}{described}, same gunicorn settings.")
        results = {}
        env = {**{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}, **spec.get("env", {})}
        with Server(spec["app"], self._next_port(), env, gunicorn=spec["gunicorn"], cwd=folder,
                    config=ROOT / "pressoffice" / "gunicorn.conf.py") as server:
            server.wait(spec["pages"]["list"])
            for name, path in spec["pages"].items():
                server.get(path)
                results[name] = measure(server, [path], connections=self.options["connections"],
                                        seconds=self.options["seconds"], load=self.load)
                self.say(self._row(name, spec["name"], results[name]))
        return {"name": spec["name"], **results}

    def _archive(self, database, url, size, *, load_test):
        label = f"{database}-{size}"
        database_url, done = self._fresh_database(database, url, size)
        env = {**self.base_env, "DATABASE_URL": database_url}
        started = time.monotonic()
        made = "kept from an earlier run"
        self._manage(env, "migrate", "--noinput", "-v0")  # a kept archive gets this branch's indexes too
        if not done.exists():
            self._manage(env, "generate_archive", "--releases", str(size), "--drafts", str(max(size // 10, 5)))
            done.touch()
            made = f"made in {time.monotonic() - started:.0f} s"
        self.say(f"\n{database}, {size} published releases and {max(size // 10, 5)} drafts ({made}; "
                 f"load average {os.getloadavg()[0]:.1f}):")
        probe = json.loads(self._manage({**env, "PAGE_CACHE_SECONDS": "0"}, "bench", "--probe"))
        urls = probe["pages"]
        self.say(f"  pages: {', '.join(f'{name} {path}' for name, path in urls.items())}")
        self.say(f"  {'page':<8} {'mode':<9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'CPU ms/req':>11} "
                 f"{'RSS MiB':>8} {'queries':>8}")
        for mode, seconds in MODES:
            if mode not in self.options["modes"]:
                continue
            if mode == "cached":
                ceiling = self._ceiling()  # beside the pages it is compared with: the machine's load drifts
            server_env = {**env, "PAGE_CACHE_SECONDS": seconds, **self._cache_env(database, f"{label}-{mode}")}
            with Server("pressoffice.wsgi", self._next_port(), server_env) as server:
                server.wait("/ar/")
                for name in PAGES:
                    server.get(urls[name])  # each worker has started; the cache is warm when there is one
                    result = measure(server, [urls[name]], connections=self.options["connections"],
                                     seconds=self.options["seconds"], load=self.load)
                    queries = probe["queries"][name] if mode == "uncached" else 0
                    result.update(database=database, size=size, page=name, mode=mode, queries=queries,
                                  ceiling=ceiling if mode == "cached" else None)
                    self.results.append(result)
                    self.say(self._row(name, mode, result, queries))
                if load_test and mode == "cached":
                    self._load_test(server, env, urls, database)
        if load_test:
            self._importer(database, url, size)

    def _load_test(self, server, env, urls, database):
        seconds, connections = self.options["load_seconds"], self.options["load_connections"]
        if not seconds:
            self.say("  load test: skipped (--load-seconds 0).")
            return
        self.say(f"  load test: wrk -c{connections} -d{seconds}s on home, list and detail while three staff "
                 "save and publish in a loop (page cache on):")
        staff = {}

        def run_staff():
            staff.update(json.loads(self._manage(env, "bench", "--staff-loop", str(seconds))))

        thread = threading.Thread(target=run_staff)
        thread.start()
        result = measure(server, [urls[name] for name in LOAD_PAGES], connections=connections,
                         seconds=seconds, load=self.load)
        thread.join()
        verdict = "OK" if not result["non2xx"] and not result["errors"] and not staff.get("failed") else "FAILED"
        self.say(f"    {result['requests']} requests, {result['rps']:.0f} req/s, p50 {result['p50']:.1f} ms, "
                 f"p99 {result['p99']:.1f} ms; non-2xx {result['non2xx']}, socket errors {result['errors']}; "
                 f"{staff.get('published', 0)} releases published, failed writes {staff.get('failed', '?')}: {verdict}")
        for failure in staff.get("failures", []):
            self.say(f"      {failure}")
        self.results.append({**result, "database": database, "page": "load", "staff": staff, "verdict": verdict})

    def _importer(self, database, url, size):
        name = next((candidate for candidate in ("bench_import", "benchmark_import") if candidate in get_commands()), None)
        if name is None:
            self.say("  importer: no bench_import command in this branch yet (the hook runs it when there is one).")
            return
        if not self.options["import_files"]:
            self.say("  importer: skipped (--import-files 0).")
            return
        (self.work / f"archive-{database}-import.done").unlink(missing_ok=True)  # it needs an empty database
        database_url, _done = self._fresh_database(database, url, "import")
        env = {**self.base_env, "DATABASE_URL": database_url}
        self.say(f"  importer ({name} --files {self.options['import_files']} --archive {size}, in an empty database):")
        try:
            self._manage(env, "migrate", "--noinput", "-v0")
            out = self._manage(env, name, "--files", str(self.options["import_files"]), "--archive", str(size),
                               "--json")
        except CommandError as error:  # the page measurements above stand; say what went wrong
            out = f"FAILED: {error}"
        lines = out.splitlines()
        if lines and lines[-1].startswith("["):
            for run in json.loads(lines.pop()):
                self.results.append({**run, "database": database, "page": "importer"})
        for line in lines:
            self.say(f"    {line}")

    # Output

    def _row(self, page, mode, result, queries=""):
        def number(value, digits=1):
            return "-" if value is None else f"{value:.{digits}f}"

        line = (f"  {page:<8} {mode:<9} {number(result['rps'], 0):>8} {number(result['p50']):>8} "
                f"{number(result['p99']):>8} {number(result['cpu_ms'], 2):>11} {number(result['rss'], 0):>8} "
                f"{str(queries):>8}")
        if result["non2xx"] or result["errors"]:
            line += f"  ({result['non2xx']} non-2xx, {result['errors']} errors)"
        return line

    def _summary(self, ceiling, compare):
        self.say("\nSummary (ratios from this run):")
        for result in self.results:
            if result["page"] == "importer":
                self.say(f"  {result['database']:<10} importer, {result['files']} files with --publish into "
                         f"{result['archive']} releases: {result['seconds']:.1f} s, "
                         f"{result['files'] / result['seconds']:.0f} files/s, {result['cpu']:.1f} s of CPU in "
                         f"the importer and its reading process (target < 60 s at 20,000; load average {result['load'][0]:.1f} → "
                         f"{result['load'][1]:.1f})")
            if result["page"] in ("load", "importer"):
                continue
            notes = []
            if result["mode"] == "cached":
                nearest = result["ceiling"] or ceiling
                notes.append(f"{result['rps'] / nearest['rps']:.0%} of the ceiling's req/s (target ≥ 60%), "
                             f"{nearest['cpu_ms'] / result['cpu_ms']:.0%} by CPU per request")
            if result["mode"] == "uncached" and result["page"] in compare:
                ratio = result["rps"] / compare[result["page"]]["rps"]
                notes.append(f"{ratio:.2f}× {compare['name']} (target ≥ 3×)")
            if result["page"] == "sitemap":
                notes.append(f"largest worker {result['rss']:.0f} MiB (limit {RSS_LIMIT_MIB})")
            if notes:
                self.say(f"  {result['database']:<10} {result['size']:>6} {result['page']:<8} {result['mode']:<9} "
                         + "; ".join(notes))
        for result in self.results:
            if result["page"] == "load":
                self.say(f"  {result['database']:<10} load test: {result['verdict']} ({result['non2xx']} non-2xx, "
                         f"{result['staff'].get('failed', '?')} failed writes)")
