"""python manage.py import_releases [--year YEAR] [--dry-run] [--publish --as USER] PATH..."""

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from releases import events
from releases.importer import linking
from releases.importer.parse import ImportRefused, ParsedRelease, parse_release, read_file
from releases.importer.services import Pending, fingerprint, pair_links, release_import_many
from releases.importer.sources import ENGLISH_SUFFIX, collect_sources, display_name, display_path, refusal_for
from releases.management.base import NeedsMigratedDatabase, TranslatedCommand
from releases.models import Edition, Release
from releases.planner import refresh_statistics
from releases.sanitise import html_to_text, sanitise_html
from releases.search.analysis import document_tokens, tokens_known
from releases.workflow import PUBLISH_PERMISSION

logger = logging.getLogger(__name__)

# Files imported in one transaction: the search index, caches and alerts follow each chunk once it is committed.
CHUNK_SIZE = 200
# The tables whose rows an import's other rows refer to, so whose ids every foreign-key check looks up.
ANALYSED = (Release, Edition)
# From this many files on, with more than one CPU, a second process reads the next chunk's files
# (decoding, parsing, finding the names they mention: a third of an import's work) while this
# one writes the current chunk. It only reads files: everything written is written here.
READ_AHEAD_FROM = 2 * CHUNK_SIZE
# Seconds to wait for one chunk's reading (about one second): past it, the reading process is given up on.
READ_AHEAD_TIMEOUT = 300


def _read_file(path, year):
    """A file parsed, or the ImportRefused that says why not (an unexpected error becomes one)."""
    try:
        return parse_release(read_file(path), year=year)
    except ImportRefused as error:
        return error
    except Exception as error:  # noqa: BLE001 - one broken file must not stop the others
        return ImportRefused(f"{type(error).__name__}: {error}")


def _index_tokens(parsed):
    """The search index's tokens of the texts of a parsed file, as they will be stored (headline, body)."""
    body = html_to_text(sanitise_html(parsed.body_html))
    return {text: document_tokens(text) for text in (parsed.headline, body)}


def read_ahead(sources, year, index=False):
    """In the reading process, for each source: {path: ParsedRelease or ImportRefused} of the files that
    `Command._read_source()` will read, and (arabic, english, links, tokens) of the pair it would
    import; `tokens` are the search index's of its texts when it will be published (`index`)."""
    results = []
    for source in sources:
        files, pair = {}, None
        arabic = _read_file(source.arabic, year) if source.arabic is not None else None
        if isinstance(arabic, ParsedRelease):
            files[source.arabic] = arabic
            english = None
            if arabic.language == "ar" and source.english is not None:
                english = files[source.english] = _read_file(source.english, year or arabic.date.year)
            translation = english if isinstance(english, ParsedRelease) and english.language == "en" else None
            tokens = {}
            if index:
                for parsed in filter(None, (arabic, translation)):
                    tokens.update(_index_tokens(parsed))
            pair = (arabic, translation, pair_links(arabic, translation), tokens)
        elif arabic is not None:
            files[source.arabic] = arabic
        results.append((files, pair))
    return results


class _ReadAhead:
    """The reading process, one chunk ahead of the import. If it fails, the files are read here instead."""

    def __init__(self, chunks, year, index):
        self.chunks, self.year, self.index, self.next_index, self.given_up = chunks, year, index, 0, False
        # fork: the process starts with the names to recognise, the settings and the language already here;
        # it never touches the database connection it inherits.
        self.executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        self.pending = self._submit()

    def _submit(self):
        if self.next_index >= len(self.chunks):
            return None
        sources = [source for _progress, source in self.chunks[self.next_index]]
        self.next_index += 1
        try:
            return self.executor.submit(read_ahead, sources, self.year, self.index)
        except Exception:  # noqa: BLE001 - the reading process is gone: the rest is read here
            self._give_up()
            return None

    def take(self):
        """The current chunk's files, read; the next chunk is read meanwhile."""
        try:
            results = self.pending.result(timeout=READ_AHEAD_TIMEOUT) if self.pending else []
        except Exception:  # noqa: BLE001 - it failed, died or hangs: this chunk, and the rest, are read here
            logger.warning("Reading files ahead failed; reading them in the importing process.", exc_info=True)
            self._give_up()
            results = []
        self.pending = self._submit()
        return results

    def _give_up(self):
        self.next_index, self.pending, self.given_up = len(self.chunks), None, True
        for process in list((getattr(self.executor, "_processes", None) or {}).values()):
            process.terminate()  # one that hangs would otherwise keep the command from ending
        self.executor.shutdown(wait=False, cancel_futures=True)

    def close(self):
        if not self.given_up:
            self.executor.shutdown(wait=True, cancel_futures=True)


class Command(NeedsMigratedDatabase, TranslatedCommand):
    help = gettext_lazy(
        "Import releases from the office's plain-text files: a headline line, a dateline line "
        "(place - source - day month [year]), then paragraphs. NAME.en.txt beside NAME.txt is its "
        "English translation. Each file is imported on its own; a file imported before is skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="PATH", help=_("Files, or folders of .txt files."))
        parser.add_argument("--year", type=int, help=_("The year of datelines that have none."))
        parser.add_argument("--dry-run", action="store_true", help=_("Show what would happen; write nothing."))
        parser.add_argument("--publish", action="store_true", help=_("Publish what is imported (needs --as)."))
        parser.add_argument("--as", dest="username", metavar="USER", help=_("The account that imports and publishes."))
        parser.add_argument(
            "--pair", nargs=2, action="append", default=[], metavar=("ARABIC", "ENGLISH"),
            help=_("Import ENGLISH as the translation of ARABIC, whatever their names. May be repeated."),
        )
        parser.add_argument("--kind", choices=Release.Kind.values, default=Release.Kind.NEWS,
                            help=_("The kind of the releases created."))

    def handle(self, *args, **options):
        self.options = options
        paths = options["paths"]
        if not paths and not options["pair"]:
            raise CommandError(_("Name at least one file or folder to import."))
        self.user = self._user(options)
        if options["year"] is not None and not 1900 <= options["year"] <= 2100:
            raise CommandError(_("--year should be a year such as 2022."))
        sources, missing = collect_sources(paths, pairs=options["pair"])
        self.counts = {"created": 0, "updated": 0, "skipped": 0}
        self.failures = [(path, refusal_for(path)) for path in missing]
        self.lines = None  # while a chunk is read, the reports that wait for its import
        # What the reading process read (READ_AHEAD_FROM): files, links of pairs, search tokens of texts.
        self.files_read, self.pairs_read, self.tokens_read = {}, {}, {}
        # Fingerprints met in this run: a dry run rolls back, so it can't find them in the database.
        self.seen = {}
        # The names to recognise are read once for the whole run (an import never creates a speaker).
        with linking.names_read_once():
            numbered = [(f"[{number}/{len(sources)}]", source) for number, source in enumerate(sources, 1)]
            chunks = [numbered[start:start + CHUNK_SIZE] for start in range(0, len(numbered), CHUNK_SIZE)]
            self.held, self.analysed_at = Release.objects.count(), None
            reader = None
            if len(numbered) >= READ_AHEAD_FROM and (os.cpu_count() or 1) > 1 and not options["traceback"]:
                reader = _ReadAhead(chunks, options["year"], index=options["publish"] and not options["dry_run"])
            try:
                for chunk in chunks:
                    self._take_read(reader.take() if reader else [])
                    # The chunk's search rows are written when it commits, from these tokens where they match.
                    with tokens_known(self.tokens_read):
                        self._import_chunk(chunk)
                    self._refresh_statistics()
            finally:
                if reader:
                    reader.close()
        self._summary()

    def _take_read(self, results):
        """What the reading process read of this chunk, for `_read()` and `_links_read()` to take."""
        self.files_read, self.pairs_read, self.tokens_read = {}, {}, {}
        for files, pair in results:
            self.files_read.update(files)
            if pair is not None:
                self.pairs_read[id(pair[0])] = pair
                self.tokens_read.update(pair[3])

    def _links_read(self, arabic, english):
        """The links that the reading process found for exactly this pair, or None to find them now."""
        pair = self.pairs_read.get(id(arabic))
        return pair[2] if pair is not None and pair[0] is arabic and pair[1] is english else None

    def _refresh_statistics(self):
        """The planner's statistics, after the first chunk that created releases and whenever the archive
        has doubled since: one never analysed is otherwise planned as if it were empty, and every later
        chunk pays for it (see releases.planner)."""
        created = self.counts["created"]
        if not created or self.options["dry_run"]:
            return
        if self.analysed_at is None or self.held + created >= 2 * self.analysed_at:
            self.analysed_at = self.held + created
            refresh_statistics(ANALYSED)

    def _user(self, options):
        if options["publish"] and not options["username"]:
            raise CommandError(_("--publish needs --as USER: the editor who publishes."))
        if not options["username"]:
            return None
        try:
            user = get_user_model().objects.get_by_natural_key(options["username"])
        except get_user_model().DoesNotExist:
            raise CommandError(_("There is no user “%(user)s”.") % {"user": options["username"]}) from None
        if options["publish"] and not user.has_perm(PUBLISH_PERMISSION):
            raise CommandError(
                _("“%(user)s” may not publish: only an account with the Editor role can. "
                  "Import without --publish, or use an editor's account.") % {"user": options["username"]}
            )
        if not user.has_perm("releases.add_release"):
            raise CommandError(_("“%(user)s” may not create releases.") % {"user": options["username"]})
        return user

    def _read(self, path, *, year=None):
        read = self.files_read.pop(path, None)  # read ahead, or read now
        if read is None:
            if self.options["traceback"]:  # an unexpected error as it is
                return parse_release(read_file(path), year=self.options["year"] or year)
            read = _read_file(path, self.options["year"] or year)
        if isinstance(read, ImportRefused):
            raise read
        return read

    def _import_chunk(self, chunk):
        """Read a chunk of files, import them in one transaction, then report on each in order.

        The search index, caches and alerts follow the chunk's publications once, when it is committed.
        """
        self.lines, pending = [], []
        for progress, source in chunk:
            item = self._read_source(source, progress)
            if item is not None:
                pending.append(item)
                self.lines.append(item)  # its report, once it is imported
        if pending:
            with events.batched(), transaction.atomic():
                results = release_import_many(
                    items=[Pending(arabic, english, origin, links=self._links_read(arabic, english))
                           for _p, _s, arabic, english, origin, _f in pending],
                    user=self.user, publish=self.options["publish"], kind=self.options["kind"])
                if self.options["dry_run"]:
                    transaction.set_rollback(True)
            outcomes = {id(item): result for item, result in zip(pending, results)}
        lines, self.lines = self.lines, None
        for line in lines:
            if callable(line):
                line()
            else:
                self._imported(*line, outcomes[id(line)])

    def _read_source(self, source, progress):
        """(progress, source, arabic, english, origin, files) of a file pair to import, or None if it
        failed or is skipped (reported)."""
        if source.arabic is None:
            return self._fail(progress, source.english, _(
                "This English file has no Arabic file to translate: put the Arabic beside it as %(name)s, "
                "or use --pair ARABIC ENGLISH."
            ) % {"name": display_name(source.english)[: -len(ENGLISH_SUFFIX)] + ".txt"})
        try:
            arabic = self._read(source.arabic)
            if arabic.language != "ar":
                raise ImportRefused(_(
                    "This file is in English. An English translation goes beside its Arabic file as "
                    "NAME.en.txt, or is named with --pair ARABIC ENGLISH."
                ))
        except ImportRefused as error:
            self._fail(progress, source.arabic, error)
            if source.english:
                self._fail(progress, source.english, _("Not imported, because its Arabic file failed."))
            return
        english = self._read_english(source, progress, year=arabic.date.year)
        key = fingerprint(arabic)
        if key in self.seen and english is None:
            return self._report(progress, source, "skipped",
                                _("skipped, same text as %(name)s") % {"name": display_path(self.seen[key])})
        self.seen.setdefault(key, source.arabic)
        origin = display_name(source.arabic) + (f", {display_name(source.english)}" if english else "")
        files = f"{display_path(source.arabic)} + {display_path(source.english)}" if english else source.arabic
        return progress, source, arabic, english, origin, files

    def _imported(self, progress, source, arabic, english, _origin, files, outcome):
        if isinstance(outcome, ImportRefused):
            return self._fail(progress, files, outcome)
        if isinstance(outcome, Exception):  # one broken file must not stop the others
            if self.options["traceback"]:
                raise outcome
            return self._fail(progress, files, f"{type(outcome).__name__}: {outcome}")
        warnings = arabic.warnings + (english.warnings if english else ())
        self._report(progress, source, outcome.action, self._describe(outcome), warnings=warnings)

    def _read_english(self, source, progress, *, year):
        """The English file, which may leave the year to its Arabic's dateline."""
        if source.english is None:
            return None
        try:
            english = self._read(source.english, year=year)
        except ImportRefused as error:
            self._fail(progress, source.english, error)
            return None
        if english.language != "en":
            self._fail(progress, source.english, _("This file is named as English but written in Arabic."))
            return None
        return english

    def _describe(self, outcome):
        """What happened to one release, in a line: what was done, then what was linked."""
        edition, dry = outcome.edition, self.options["dry_run"]
        if outcome.action == "created":
            state = edition.get_state_display()
            if edition.is_complete_in("en"):
                state = _("%(state)s, with English") % {"state": state}
            # A dry run's new release was rolled back: its number means nothing.
            text = (_("would create a release (%(state)s)") if dry else _("created release #%(id)d (%(state)s)")) % {
                "id": outcome.release.pk, "state": state}
        elif outcome.action == "updated":
            text = (_("would update release #%(id)d") if dry else _("updated release #%(id)d")) % {"id": outcome.release.pk}
        else:
            text = _("skipped release #%(id)d, imported before") % {"id": outcome.release.pk}
        parts = [text, *outcome.notes]
        links = outcome.links
        for label, records in ((_("speakers"), links.speakers), (_("programmes"), links.programmes),
                               (_("organisations mentioned"), links.organisations)):
            if records:
                parts.append(f"{label}: " + ", ".join(str(record) for record in records))
        if links.ambiguous:
            parts.append(_("not linked, as more than one record has the name: %(names)s")
                         % {"names": ", ".join(links.ambiguous)})
        return "; ".join(str(part) for part in parts)

    def _report(self, progress, source, action, detail, warnings=()):
        if self.lines is not None:  # reading a chunk: told in order once it is imported
            return self.lines.append(lambda: self._report(progress, source, action, detail, warnings))
        self.counts[action] += 1
        names = " + ".join(display_name(path) for path in source.paths)
        if self.options["verbosity"] >= 1:
            self.stdout.write(f"{progress} {names}: {detail}")
        for warning in warnings:
            self.stdout.write(self.style.WARNING(f"{progress} {names}: {warning}"))
        # Progress must show as it happens, even when the output goes to a pipe or a log.
        self.stdout.flush()

    def _fail(self, progress, path, reason):
        if self.lines is not None:
            return self.lines.append(lambda: self._fail(progress, path, reason))
        self.failures.append((path, str(reason)))
        failed = _("failed")
        self.stderr.write(f"{progress} {display_path(path)}: {failed}: {reason}")

    def _summary(self):
        dry = self.options["dry_run"]
        self.stdout.write(
            (_("Dry run, nothing was written. Would create %(created)d, update %(updated)d, skip %(skipped)d; "
               "%(failed)d failed.") if dry else
             _("Created %(created)d, updated %(updated)d, skipped %(skipped)d; %(failed)d failed."))
            % {**self.counts, "failed": len(self.failures)}
        )
        if self.failures:
            for path, reason in self.failures:
                self.stderr.write(f"  {display_path(path)}: {reason}")
            raise CommandError(
                ngettext("%(count)d file failed.", "%(count)d files failed.", len(self.failures))
                % {"count": len(self.failures)},
                returncode=1,
            )
