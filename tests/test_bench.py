"""The parts of `manage.py bench` that can be wrong without a benchmark noticing."""

import pytest

from releases.bench.load import parse_wrk
from releases.bench.plain_wsgi import application
from releases.models import AuditEntry, Release
from tests import factories

WRK = """Running 5s test @ http://127.0.0.1:8101/ar/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.21ms    1.00ms  20.00ms   90.00%
  Latency Distribution
     50%  850.00us
     75%    3.50ms
     90%    4.20ms
     99%    1.20s
  1234 requests in 5.00s, 10.00MB read
Requests/sec:    246.80
Transfer/sec:      2.00MB
NON2XX 3
ERRORS 1
"""


def test_wrk_output_is_read_in_its_own_units():
    result = parse_wrk(WRK)
    assert result["requests"] == 1234 and result["rps"] == 246.8
    assert result["p50"] == pytest.approx(0.85) and result["p99"] == pytest.approx(1200)
    assert result["non2xx"] == 3 and result["errors"] == 1


def test_the_ceiling_answers_8_kb():
    statuses = []
    body = b"".join(application({}, lambda status, headers: statuses.append((status, dict(headers)))))
    assert len(body) == 8192 and statuses[0][0] == "200 OK" and statuses[0][1]["Content-Length"] == "8192"


@pytest.mark.django_db(transaction=True)
def test_the_staff_loop_saves_and_publishes_through_the_workflow():
    from releases.bench.staff import staff_loop

    result = staff_loop(1)
    assert result["failed"] == 0, result["failures"]
    assert result["published"] >= 3
    assert Release.objects.published().count() == result["published"]
    assert AuditEntry.objects.filter(action="publish").count() == result["published"]
    assert AuditEntry.objects.filter(action="edit").count() >= result["published"]


@pytest.mark.django_db
def test_the_probe_measures_a_published_release_and_counts_queries():
    from releases.bench.staff import pages, queries_per_page

    release = factories.published_release()
    factories.edition()  # a draft is never the page measured
    urls = pages()
    assert urls["detail"] == release.get_absolute_url()
    counts = queries_per_page(urls)
    assert all(isinstance(count, int) and count > 0 for count in counts.values()), counts


@pytest.mark.parametrize("arguments, message", [
    (["bench", "--sizes", "100,many"], "is not a whole number"),
    (["bench", "--sizes", "5"], "is too small"),
    (["bench", "--load-seconds", "-1"], "is too small"),
    (["bench", "--connections", "0"], "is too small"),
    (["bench_import", "--files", "0"], "is too small"),
    (["bench_search", "--releases", "-1"], "is too small"),
    (["benchmark_alerts", "--subscribers", "ten"], "is not a whole number"),
    # Once refused only when the run reached it, after the SQLite half had taken a quarter of an hour.
    (["bench", "--databases", "sqlite,postgres"], "“postgres” is not one of: sqlite, postgresql"),
    (["bench", "--databases", ","], "is not one of: sqlite, postgresql"),
    (["bench", "--modes", "cahced"], "“cahced” is not one of: uncached, cached"),
])
def test_benchmarks_refuse_arguments_they_cannot_run_with_a_message(arguments, message):
    from django.core.management import CommandError, call_command
    from django.utils import translation

    # From the shell this is argparse's usage line and the reason, with no traceback (in Arabic there).
    with translation.override("en"), pytest.raises(CommandError, match=message):
        call_command(*arguments)


def test_a_load_test_of_zero_seconds_is_skipped_not_run(capsys):
    """`--load-seconds 0` once started the staff loop with 0, which reads as "not the staff loop": a whole
    second benchmark ran inside the first, and wrk refused -d0s with a traceback."""
    from django.core.management import call_command
    from releases.management.commands.bench import Bench

    bench = Bench(call_command.__globals__["load_command_class"]("releases", "bench"),
                  {"load_seconds": 0, "load_connections": 64, "workdir": "/tmp/unused", "port": 8100})
    bench.command.stdout = type("Out", (), {"write": lambda self, text: print(text), "flush": lambda self: None})()
    bench._load_test(server=None, env={}, urls={}, database="sqlite")
    assert "skipped (--load-seconds 0)" in capsys.readouterr().out
    assert bench.results == []


@pytest.mark.django_db
def test_the_alerts_benchmark_never_runs_beside_real_accounts():
    """It makes staff accounts and subscribers of its own: on a database with accounts it would add to them."""
    from django.core.management import CommandError, call_command
    from django.utils import translation

    factories.user()
    with translation.override("en"), pytest.raises(CommandError, match="accounts or subscribers"):
        call_command("benchmark_alerts", "--subscribers", "1")


def test_the_bench_runs_end_to_end_on_the_importer_alone(tmp_path):
    """The command's own path (its header, a scratch database, a subprocess, the summary): a few files only.

    Its arguments are checked above; this is what a typo in the run itself breaks."""
    import io

    from django.core.management import call_command
    from django.utils import translation

    out = io.StringIO()
    with translation.override("en"):
        call_command("bench", "--importer-only", "--databases", "sqlite", "--sizes", "10", "--import-files", "4",
                     "--workdir", str(tmp_path), stdout=out)
    text = out.getvalue()
    assert "CPUs, load average" in text
    assert text.count("importer, 4 files with --publish into") == 2, text


@pytest.mark.parametrize("content, message", [
    (None, "can't be read"),
    ("{not json", "can't be read"),
    ('{"name": "Other site", "app": "site.wsgi"}', "needs name, gunicorn, app, and pages with detail and list"),
    ('["a list"]', "needs name, gunicorn, app"),
])
def test_a_broken_comparison_is_refused_before_anything_runs(tmp_path, content, message):
    from django.core.management import CommandError, call_command
    from django.utils import translation

    if content is not None:
        (tmp_path / "compare.json").write_text(content)
    workdir = tmp_path / "work"
    with translation.override("en"), pytest.raises(CommandError, match=message):
        call_command("bench", "--compare", str(tmp_path), "--workdir", str(workdir))
    assert not workdir.exists()
