"""Synthetic published releases for `manage.py bench_search`, built from the quality set's sentences."""

import datetime
import re

from django.db import connection
from django.utils import timezone

from releases.models import Edition, Programme, Release, Speaker
from releases.states import State

from . import quality

_SENTENCE = re.compile(r"[^.،\n]+[.،]?")


def _sentences():
    arabic, english = [], []
    for _key, _kind, _year, ar_text, en_text in quality.releases_text():
        arabic += [s.strip() for s in _SENTENCE.findall("\n".join(ar_text.splitlines()[3:])) if len(s.split()) > 3]
        if en_text:
            english += [s.strip() for s in re.split(r"(?<=\.)\s", "\n".join(en_text.splitlines()[3:])) if len(s.split()) > 3]
    return arabic, english


def generate(count, rng):
    """`count` published releases with current editions, half of them with English, linked to a few speakers."""
    arabic, english = _sentences()
    speakers = [Speaker.objects.create(slug=f"bench-{n}", name_ar=f"متحدث تجريبي {n}", name_en=f"Bench Speaker {n}")
                for n in range(8)]
    programmes = [Programme.objects.create(slug=f"bench-{n}", name_ar=f"برنامج تجريبي {n}", name_en=f"Bench Programme {n}")
                  for n in range(5)]
    start = timezone.now() - datetime.timedelta(days=4000)
    kinds = Release.Kind.values
    for offset in range(0, count, 1000):
        batch = range(offset, min(offset + 1000, count))
        moments = {n: start + datetime.timedelta(hours=4 * n + rng.randint(0, 3)) for n in batch}
        releases = Release.objects.bulk_create(
            Release(kind=rng.choice(kinds), slug=f"bench-{n}", first_published_at=moments[n]) for n in batch
        )
        editions = []
        for n, release in zip(batch, releases):
            body_ar = " ".join(rng.sample(arabic, 6)) + f" ({rng.randint(1, 3000)})"
            fields = dict(headline_ar=rng.choice(arabic)[:200], body_ar=f"<p>{body_ar}</p>",
                          dateline_place_ar="نيويورك", dateline_source_ar="المكتب الإعلامي")
            if n % 2 == 0:
                fields.update(headline_en=rng.choice(english)[:200], body_en="<p>" + " ".join(rng.sample(english, 6)) + "</p>",
                              dateline_place_en="New York", dateline_source_en="Media Office")
            editions.append(Edition(release=release, number=1, state=State.PUBLISHED, published_at=moments[n],
                                    dateline_date=moments[n].date(), **fields))
        editions = Edition.objects.bulk_create(editions)
        through = Edition.speakers.through
        through.objects.bulk_create(through(edition=e, speaker=rng.choice(speakers)) for e in editions if rng.random() < 0.3)
        through = Edition.programmes.through
        through.objects.bulk_create(through(edition=e, programme=rng.choice(programmes)) for e in editions if rng.random() < 0.2)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE releases_release SET live_edition_id = "
                       "(SELECT MAX(id) FROM releases_edition WHERE release_id = releases_release.id)")
