from django.core.management.base import BaseCommand

from releases.management.base import NeedsMigratedDatabase
from releases.search.index import search_index_rebuild


class Command(NeedsMigratedDatabase, BaseCommand):
    help = "Index every public edition again, from nothing, printing progress."

    def handle(self, *args, **options):
        def progress(done, total):
            self.stdout.write(f"{done}/{total} releases")
            self.stdout.flush()

        releases, rows = search_index_rebuild(progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Indexed {releases} releases ({rows} documents)."))
