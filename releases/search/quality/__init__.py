"""The judged quality set: load it into a database, and measure search on it.

`manage.py search_quality` runs `evaluate()` on a scratch database, for our
analyzer and, side by side, for the database's own plain configuration on the
same texts (FTS5's `unicode61` tokenizer, or PostgreSQL's `arabic` and
`english` configurations with plainto_tsquery).
"""

import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection

from .judgements import ARABIC_QUERIES, ENGLISH_QUERIES, ORGANISATIONS, PROGRAMMES, SPEAKERS

RELEASES_FILE = Path(__file__).with_name("releases.txt")
_BLOCK = re.compile(r"^### (\S+) (\S+) (\d{4})\n", re.MULTILINE)


def releases_text():
    """(key, kind, year, arabic text, english text or None) for each release in releases.txt."""
    text = RELEASES_FILE.read_text(encoding="utf-8")
    heads = list(_BLOCK.finditer(text))
    for head, following in zip(heads, heads[1:] + [None]):
        body = text[head.end():following.start() if following else len(text)]
        arabic, _sep, english = body.partition("\n--- en\n")
        yield head.group(1), head.group(2), int(head.group(3)), arabic.strip(), (english.strip() or None)


def load():
    """Create the records and import and publish every release; {key: release id}."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from releases.importer.parse import parse_release
    from releases.importer.services import release_import
    from releases.models import Appointment, Organisation, Programme, Speaker
    from releases.roles import EDITOR, ensure_roles

    ensure_roles()
    editor = get_user_model().objects.create_user(username="quality-editor", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR))
    organisations = {
        slug: Organisation.objects.create(name_ar=name_ar, acronym_ar=acronym_ar, name_en=name_en, acronym_en=acronym_en)
        for slug, (name_ar, acronym_ar, name_en, acronym_en) in ORGANISATIONS.items()
    }
    for slug, (honorific_ar, name_ar, honorific_en, name_en, post_ar, post_en) in SPEAKERS.items():
        speaker = Speaker.objects.create(slug=slug, honorific_ar=honorific_ar, name_ar=name_ar,
                                         honorific_en=honorific_en, name_en=name_en)
        Appointment.objects.create(speaker=speaker, post_title_ar=post_ar, post_title_en=post_en,
                                   organisation=organisations["mission"], started_on=datetime.date(2020, 1, 1))
    for slug, (name_ar, short_ar, name_en, short_en, partners) in PROGRAMMES.items():
        programme = Programme.objects.create(slug=slug, name_ar=name_ar, short_name_ar=short_ar,
                                             name_en=name_en, short_name_en=short_en)
        programme.partners.set([organisations[partner] for partner in partners])
    keys = {}
    for key, kind, year, arabic, english in releases_text():
        source = parse_release(arabic.encode(), year=year)
        translation = parse_release(english.encode(), year=year) if english else None
        outcome = release_import(source=source, translation=translation, origin=key, user=editor,
                                 publish=True, kind=kind)
        keys[outcome.release.pk] = key
    return keys


@dataclass
class Scores:
    recall: float
    precision: float
    mrr: float
    queries: int
    empty: int


def score(runs):
    """`runs` is [(judged keys, shown keys)]: mean recall@10, precision of what was shown, MRR."""
    recalls, precisions, ranks, empty = [], [], [], 0
    for judged, shown in runs:
        recalls.append(len(judged & set(shown[:10])) / len(judged))
        if shown:
            precisions.append(len(judged & set(shown)) / len(shown))
        else:
            empty += 1
        first = next((rank for rank, key in enumerate(shown, 1) if key in judged), None)
        ranks.append(1 / first if first else 0.0)
    mean = lambda values: sum(values) / len(values) if values else 0.0  # noqa: E731
    return Scores(mean(recalls), mean(precisions), mean(ranks), len(runs), empty)


def ours(query, page_language, limit):
    from .. import query as search

    found = search.search_prepare(text=query, page_language=page_language)
    return [document.release_id for document in found.results(page_size=limit).documents]


class Plain:
    """The database's own full-text search on the raw texts of the same public editions."""

    def __init__(self):
        from releases.models import Release
        from releases.sanitise import html_to_text

        self.rows = []
        for release in Release.objects.published().with_public_edition():
            edition = release.public_edition()
            for language, _name in settings.LANGUAGES:
                if edition.is_complete_in(language):
                    headline = getattr(edition, f"headline_{language}")
                    body = " ".join([html_to_text(getattr(edition, f"summary_{language}")),
                                     html_to_text(getattr(edition, f"body_{language}"))])
                    self.rows.append((release.pk, language, headline, body))
        getattr(self, f"_create_{connection.vendor}")()

    def _create_sqlite(self):
        with connection.cursor() as cursor:
            cursor.execute("CREATE VIRTUAL TABLE temp.plain_fts USING fts5(release_id UNINDEXED, language UNINDEXED, headline, body)")
            cursor.executemany("INSERT INTO temp.plain_fts VALUES (%s, %s, %s, %s)", self.rows)

    def _create_postgresql(self):
        with connection.cursor() as cursor:
            cursor.execute("CREATE TEMP TABLE plain_docs (release_id bigint, language text, headline text, body text)")
            cursor.executemany("INSERT INTO plain_docs VALUES (%s, %s, %s, %s)", self.rows)

    def search(self, query, page_language, limit):
        from releases.models.querysets import SOURCE_LANGUAGE

        from ..analysis import is_arabic

        language = SOURCE_LANGUAGE if is_arabic(query) else page_language
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                words = ['"' + word.replace('"', '""') + '"' for word in query.split()]
                if not words:
                    return []
                cursor.execute(
                    "SELECT release_id FROM temp.plain_fts WHERE plain_fts MATCH %s AND language = %s "
                    "ORDER BY bm25(plain_fts, 0, 0, 8.0, 1.0) LIMIT %s", [" ".join(words), language, limit])
            else:
                config = "arabic" if language == "ar" else "english"
                cursor.execute(
                    "SELECT release_id FROM (SELECT release_id, setweight(to_tsvector(%s::regconfig, headline), 'A') "
                    "|| to_tsvector(%s::regconfig, body) AS vector FROM plain_docs WHERE language = %s) docs "
                    "WHERE vector @@ plainto_tsquery(%s::regconfig, %s) "
                    "ORDER BY ts_rank_cd(vector, plainto_tsquery(%s::regconfig, %s)) DESC LIMIT %s",
                    [config, config, language, config, query, config, query, limit])
            return [row[0] for row in cursor.fetchall()]


def evaluate(keys, *, report=None):
    """{(system, set name): Scores}; `report(system, language, query, judged, shown)` is told each run."""
    limit = settings.PRESSOFFICE_PAGE_SIZE
    plain = Plain()
    systems = {"ours": ours, "plain": plain.search}
    results = {}
    for set_name, page_language, queries in (("Arabic", "ar", ARABIC_QUERIES), ("English", "en", ENGLISH_QUERIES)):
        for system, run in systems.items():
            runs = []
            for query, judged in queries:
                shown = [keys.get(pk, pk) for pk in run(query, page_language, limit)]
                runs.append((set(judged), shown))
                if report:
                    report(system, set_name, query, set(judged), shown)
            results[(system, set_name)] = score(runs)
    return results
