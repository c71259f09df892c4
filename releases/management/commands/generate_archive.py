from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from releases.generate import generate_archive
from releases.management.base import NeedsMigratedDatabase, TranslatedCommand


class Command(NeedsMigratedDatabase, TranslatedCommand):
    help = gettext_lazy("Write a realistic archive quickly, for benchmarks: public releases (some scheduled, "
             "some withdrawn, some corrected) and drafts, with speakers, programmes and the search index.")

    def add_arguments(self, parser):
        parser.add_argument("--releases", type=int, required=True, help=_("How many public releases to write."))
        parser.add_argument("--drafts", type=int, default=0, help=_("How many unpublished releases to add."))
        parser.add_argument("--seed", type=int, default=1, help=_("The same seed writes the same archive."))

    def handle(self, *args, **options):
        if options["releases"] < 0 or options["drafts"] < 0:
            raise CommandError(_("Counts can't be negative."))

        def progress(done, total, what):
            self.stdout.write(_("%(what)s: %(done)d/%(total)d") % {"what": what, "done": done, "total": total})
            self.stdout.flush()

        ids, seconds = generate_archive(releases=options["releases"], drafts=options["drafts"],
                                        seed=options["seed"], progress=progress)
        self.stdout.write(self.style.SUCCESS(
            _("Wrote %(count)d releases in %(seconds).1f s.") % {"count": len(ids), "seconds": seconds}
        ))
