"""python manage.py bench_import [--files N] [--archive M]: how fast the importer is, small and big archive."""

import io
import os
import tempfile
import time
from json import dumps

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from releases.generate import generate_archive, generate_import_files
from releases.management.base import NeedsMigratedDatabase, TranslatedCommand, count_argument
from releases.models import Release
from releases.roles import EDITOR, ensure_roles

USERNAME = "bench-importer"


class Command(NeedsMigratedDatabase, TranslatedCommand):
    help = gettext_lazy(
        "Time `import_releases --publish` on generated files: first into this database as it is (it must "
        "hold no releases), then again after growing it to --archive releases. It writes to the "
        "database: run it on one made for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--files", type=count_argument(1), default=10_000, help=_("Files imported each time."))
        parser.add_argument("--archive", type=count_argument(0), default=20_000, help=_("Releases in the big archive."))
        # For `bench`, which reads the results from the last line.
        parser.add_argument("--json", action="store_true", help="(internal)")

    def handle(self, *args, files, archive, json, **options):
        if Release.objects.exists():
            raise CommandError(_("This database already holds releases: run the benchmark on an empty one."))
        user = self._editor()
        results = []
        with tempfile.TemporaryDirectory() as directory:
            results.append(self._run(directory, "small", files, user, seed=1, years=(1960, 1974)))
            self.stdout.write(_("Growing the archive to %(count)d releases…") % {"count": archive})
            generate_archive(releases=max(0, archive - Release.objects.count()), seed=2)
        with tempfile.TemporaryDirectory() as directory:
            results.append(self._run(directory, "big", files, user, seed=3, years=(1975, 1994)))
        self.stdout.write("")
        self.stdout.write(_("import with --publish     files  archive before   seconds   files/s   CPU s   load average"))
        labels = {"small": _("small archive"), "big": _("big archive")}
        for name, count, before, seconds, cpu, load in results:
            self.stdout.write(f"{labels[name]:<24} {count:>6} {before:>16} {seconds:>9.1f} {count / seconds:>9.1f} "
                              f"{cpu:>7.1f}   {load[0]:.1f} → {load[1]:.1f}")
        (_small, _n, _b, small, _c, _l), (_big, _n2, _b2, big, _c2, _l2) = results
        self.stdout.write(_("Time with the big archive over the small: %(ratio).2f (1.00: the cost does not grow with the archive)")
                          % {"ratio": big / small})
        if json:
            self.stdout.write(dumps([{"run": name, "files": count, "archive": before, "seconds": seconds, "cpu": cpu,
                                      "load": load} for name, count, before, seconds, cpu, load in results]))

    def _editor(self):
        ensure_roles()
        user, _created = get_user_model().objects.get_or_create(username=USERNAME, defaults={"is_staff": True})
        user.groups.add(Group.objects.get(name=EDITOR))
        return user

    def _run(self, directory, name, count, user, *, seed, years):
        generate_import_files(directory, count=count, seed=seed, start_year=years[0], end_year=years[1])
        before = Release.objects.count()
        self.stdout.write(_("Importing %(count)d files into an archive of %(before)d releases…")
                          % {"count": count, "before": before})
        progress = _Progress(self.stdout, count)
        load = os.getloadavg()[0]
        started, cpu = time.perf_counter(), _cpu_seconds()
        call_command("import_releases", directory, "--publish", "--as", user.username, stdout=progress,
                     stderr=io.StringIO())
        seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
        load = (load, os.getloadavg()[0])
        created = Release.objects.count() - before
        if created != count:
            raise CommandError(_("%(created)d of %(count)d files became releases.") % {"created": created, "count": count})
        return name, count, before, seconds, cpu, load


def _cpu_seconds():
    """CPU time of this process and of its children that have ended: the importer's reading process too."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


class _Progress(io.StringIO):
    """The importer's output, reduced to a line every tenth of the way."""

    def __init__(self, stdout, total):
        super().__init__()
        self.out, self.total, self.lines, self.step = stdout, total, 0, max(1, total // 10)
        self.started = time.perf_counter()

    def write(self, text):
        if text.startswith("["):
            self.lines += 1
            if self.lines % self.step == 0 or self.lines == self.total:
                rate = self.lines / (time.perf_counter() - self.started)
                self.out.write(_("  %(done)d/%(total)d files, %(rate).1f a second")
                               % {"done": self.lines, "total": self.total, "rate": rate})
                self.out.flush()
        return len(text)
