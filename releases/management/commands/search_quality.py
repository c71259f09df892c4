from django.core.management.base import BaseCommand
from django.db import connection

from releases.management.base import NeedsMigratedDatabase
from releases.search import quality
from releases.search.scratch import scratch_database


class Command(NeedsMigratedDatabase, BaseCommand):
    help = ("Measure search on the judged quality set, in a scratch database: recall@10, precision of "
            "what is shown and MRR, for our analyzer and for the database's plain configuration.")

    def add_arguments(self, parser):
        parser.add_argument("--verbose-queries", action="store_true", help="List every query with what it found.")
        parser.add_argument("--misses", action="store_true", help="List only the queries where ours missed or showed noise.")

    def handle(self, *args, verbose_queries=False, misses=False, **options):
        with scratch_database(suffix="quality"):
            keys = quality.load()
            self.stdout.write(f"Database: {connection.vendor}; {len(keys)} releases, "
                              f"{len(quality.ARABIC_QUERIES)} Arabic and {len(quality.ENGLISH_QUERIES)} English queries.")

            def report(system, set_name, query, judged, shown):
                missed, noise = judged - set(shown[:10]), [key for key in shown if key not in judged]
                if verbose_queries or (misses and system == "ours" and (missed or noise)):
                    self.stdout.write(f"  [{system} {set_name}] {query!r}: missed {sorted(missed)} noise {noise}")

            results = quality.evaluate(keys, report=report)
        plain_name = "FTS5 unicode61" if connection.vendor == "sqlite" else "PostgreSQL arabic/english"
        self.stdout.write(f"{'system':<28}{'set':<9}{'recall@10':>10}{'shown-prec':>12}{'MRR':>7}{'no result':>11}")
        for (system, set_name), scores in results.items():
            name = "ours (releases.search)" if system == "ours" else f"plain ({plain_name})"
            self.stdout.write(f"{name:<28}{set_name:<9}{scores.recall:>10.2f}{scores.precision:>12.2f}"
                              f"{scores.mrr:>7.2f}{scores.empty:>6}/{scores.queries}")
