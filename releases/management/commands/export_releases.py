"""python manage.py export_releases DIR: published releases as the office's plain-text files."""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from releases.importer.export import releases_export
from releases.importer.sources import ENGLISH_SUFFIX
from releases.management.base import NeedsMigratedDatabase, TranslatedCommand


class Command(NeedsMigratedDatabase, TranslatedCommand):
    help = gettext_lazy(
        "Write every published release to DIR as plain text, in the form import_releases reads: "
        "NAME.txt for the Arabic and NAME.en.txt beside it for the English."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR", help=_("The folder to write to; created if needed."))
        parser.add_argument(
            "--digits", choices=("latin", "arabic-indic"),
            default=getattr(settings, "PRESSOFFICE_ARABIC_DIGITS", "latin"),
            help=_("Digits of the Arabic dateline; by default as on the Arabic pages."),
        )

    def handle(self, *args, **options):
        written = releases_export(directory=options["directory"], digits=options["digits"])
        if options["verbosity"] >= 2:
            for path in written:
                self.stdout.write(str(path))
        english = sum(1 for path in written if path.name.endswith(ENGLISH_SUFFIX))
        self.stdout.write(
            _("Wrote %(releases)d published releases, %(english)d of them with English, to %(directory)s.")
            % {"releases": len(written) - english, "english": english, "directory": options["directory"]}
        )
