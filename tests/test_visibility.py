"""Only what Release.objects.published() returns is ever public."""

import datetime
import re

import pytest
from django.utils import timezone, translation

from releases.models import Edition, Release
from releases.states import State
from tests import factories

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def _public_edition(**kwargs):
    return factories.edition(state=State.PUBLISHED, **kwargs)


CASES = {
    "draft": lambda: factories.edition(state=State.DRAFT),
    "in review": lambda: factories.edition(state=State.IN_REVIEW),
    "scheduled in the future": lambda: factories.edition(
        state=State.SCHEDULED, published_at=timezone.now() + HOUR
    ),
    "scheduled and due": lambda: factories.edition(state=State.SCHEDULED, published_at=timezone.now() - HOUR),
    "published": lambda: _public_edition(),
    "superseded by a newer edition": lambda: _superseded(),
    "published but withdrawn": lambda: _withdrawn(),
}
EXPECTED_PUBLIC = {"scheduled and due", "published", "superseded by a newer edition"}


def _superseded():
    old = factories.edition(state=State.SUPERSEDED, published_at=timezone.now() - 2 * HOUR, headline_ar="القديم")
    factories.edition(release=old.release, state=State.PUBLISHED, headline_ar="الأحدث")
    return old


def _withdrawn():
    edition = _public_edition()
    Release.objects.filter(pk=edition.release_id).update(withdrawn_at=timezone.now())
    return edition


@pytest.mark.parametrize("case", sorted(CASES))
def test_is_published_and_the_queryset_agree(case):
    release = Release.objects.get(pk=CASES[case]().release_id)
    in_queryset = Release.objects.published().filter(pk=release.pk).exists()
    assert in_queryset == release.is_published()
    assert in_queryset == (case in EXPECTED_PUBLIC)
    if in_queryset:
        shown = Release.objects.with_public_edition().get(pk=release.pk).public_edition()
        assert shown == release.editions.exclude(state=State.SUPERSEDED).get()


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_release_page_shows_what_the_querysets_choose(case):
    """The detail page's one query (`public_page`) and `reachable()` with `with_public_edition()` agree:
    the page is up for the same releases (withdrawn ones too), and shows the same edition."""
    release_id = CASES[case]().release_id
    edition = Edition.objects.public_page(release_id)
    reachable = Release.objects.reachable().with_public_edition().filter(pk=release_id).first()
    assert (edition is None) == (reachable is None)
    if edition is not None:
        assert edition == reachable.public_edition()
        assert edition.release.public_edition() == edition


def test_scheduled_edition_becomes_public_at_its_time_without_any_process(time_machine):
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    edition = factories.edition(state=State.SCHEDULED, published_at=start + HOUR)
    assert not Release.objects.published().filter(pk=edition.release_id).exists()
    time_machine.move_to(start + HOUR + datetime.timedelta(seconds=1), tick=False)
    assert Release.objects.published().filter(pk=edition.release_id).exists()


def test_a_scheduled_new_edition_replaces_the_live_one_only_at_its_time(client, time_machine):
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    live = factories.edition(state=State.PUBLISHED, headline_en="Old words", published_at=start - HOUR)
    factories.edition(release=live.release, state=State.SCHEDULED, headline_en="New words", published_at=start + HOUR)
    url = f"/en/releases/{live.release_id}/{live.release.slug}/"
    assert "Old words" in client.get(url).content.decode()
    assert "New words" not in client.get(url).content.decode()
    time_machine.move_to(start + 2 * HOUR, tick=False)
    assert "New words" in client.get(url).content.decode()


def _crawl(client, start_urls):
    """Every same-site page reachable from the start URLs, as an anonymous visitor."""
    seen, queue, pages = set(), list(start_urls), {}
    while queue:
        url = queue.pop()
        if url in seen or url.startswith(("/static/", "/media/", "/admin/")):
            continue
        seen.add(url)
        response = client.get(url, follow=True)
        if not any(kind in response.get("Content-Type", "") for kind in ("html", "xml", "json", "text/plain")):
            continue
        html = response.content.decode()
        # Search marks the words it matched; a marked headline is still that headline.
        pages[url] = re.sub(r"</?mark>", "", html)
        links = re.findall(r'href="(/[^"#]*)"', html) + re.findall(r"<loc>https?://[^/<]+(/[^<]*)</loc>", html)
        # Absolute links to this site: hreflang alternates, and every address in the JSON API and feeds.
        links += re.findall(r'(?:href="|": ")http://testserver(/[^"#]*)"', html)
        queue.extend(link.replace("&amp;", "&") for link in links)
    return pages


def test_no_page_reachable_by_an_anonymous_visitor_shows_unpublished_headlines(client):
    factories.speaker()
    programme = factories.programme()
    speaker = factories.speaker()
    visible = _public_edition(headline_ar="عنوان منشور", headline_en="Published headline")
    visible.speakers.add(speaker)
    visible.programmes.add(programme)
    hidden = []
    for state, published_at in [
        (State.DRAFT, None),
        (State.IN_REVIEW, None),
        (State.SCHEDULED, timezone.now() + HOUR),
    ]:
        edition = factories.edition(
            state=state, published_at=published_at,
            headline_ar=f"عنوان سري {state}", headline_en=f"Secret headline {state}",
        )
        edition.speakers.add(speaker)
        edition.programmes.add(programme)
        hidden += [edition.headline_ar, edition.headline_en]
    # A withdrawn release keeps its page, but not its body.
    withdrawn = _public_edition(headline_en="Withdrawn headline", body_ar="<p>نص مسحوب سري</p>",
                                body_en="<p>Secret withdrawn body</p>")
    Release.objects.filter(pk=withdrawn.release_id).update(withdrawn_at=timezone.now(), withdrawal_notice_en="Gone")
    hidden += ["نص مسحوب سري", "Secret withdrawn body"]
    # A superseded edition's words are history, not public.
    superseded = factories.edition(release=visible.release, state=State.SUPERSEDED, number=0,
                                   headline_ar="عنوان قديم مستبدل", headline_en="Superseded headline",
                                   published_at=timezone.now() - 5 * HOUR)
    hidden += [superseded.headline_ar, superseded.headline_en]
    # A draft new edition of a live release must not leak either.
    draft_of_live = factories.edition(release=visible.release, state=State.DRAFT,
                                      headline_ar="تعديل لم يراجع", headline_en="Unreviewed change")
    hidden += [draft_of_live.headline_ar, draft_of_live.headline_en]

    # English that is not complete is not public English.
    _public_edition(english=False, headline_en="Half translated headline")
    hidden.append("Half translated headline")
    # Even an index that holds every edition's words must not let search show them.
    _index_every_edition()
    searches = [
        f"/{language}/search/?q={query}" for language in ("ar", "en")
        # Words of the hidden texts, never a whole hidden headline, which the page would echo back.
        for query in ("عنوان", "سري", "سري+scheduled", "مسحوب", "قديم", "مستبدل", "تعديل", "يراجع", "headline",
                      "Secret", "withdrawn", "Superseded", "Unreviewed", "translated", "draft", "in_review", "scheduled")
    ]
    pages = _crawl(client, ["/", "/ar/", "/en/", "/sitemap.xml", "/robots.txt"] + searches)
    assert "/ar/alerts/" in pages and "/en/alerts/" in pages, "the crawl reaches the sign-up pages"
    assert len(pages) >= 8
    assert any("عنوان منشور" in html for url, html in pages.items() if "/search/" in url)
    assert any("Published headline" in html for url, html in pages.items() if "/search/" in url)
    assert any("Published headline" in html for html in pages.values())
    # The machine-readable surfaces are reached from the pages' own links, and crawled through.
    for reached in ("/ar/api/releases/", "/en/api/releases/", "/ar/feed.json", "/en/feed.json",
                    f"/en/api/releases/{visible.release_id}/", f"/en/speakers/{speaker.slug}/feed.json",
                    f"/ar/programmes/{programme.slug}/feed.json"):
        assert reached in pages, reached
    for url, html in pages.items():
        for headline in hidden:
            assert headline not in html, (url, headline)
    for edition_url in [f"/ar/releases/{draft_of_live.release_id}/x/"]:
        assert "تعديل لم يراجع" not in client.get(edition_url, follow=True).content.decode()


def _index_every_edition():
    from django.conf import settings

    from releases.models import Edition, SearchDocument
    from releases.search.index import edition_documents

    languages = [code for code, _name in settings.LANGUAGES]
    SearchDocument.objects.bulk_create(
        row for edition in Edition.objects.all() for row in edition_documents(edition, languages=languages)
    )


def test_the_subscription_pages_show_no_unpublished_headlines(client):
    from releases.alerts.tokens import confirm_token, manage_token

    speaker, programme = factories.speaker(), factories.programme()
    for state, published_at in [(State.DRAFT, None), (State.SCHEDULED, timezone.now() + HOUR)]:
        edition = factories.edition(state=state, published_at=published_at,
                                    headline_ar=f"عنوان سري {state}", headline_en=f"Secret headline {state}")
        edition.speakers.add(speaker)
        edition.programmes.add(programme)
    subscriber = factories.subscriber(scopes=["all", f"speaker:{speaker.pk}", f"programme:{programme.pk}"])
    token = confirm_token(email="jane@example.org", languages=["ar", "en"], scope=f"speaker:{speaker.pk}")
    starts = []
    for language in ("ar", "en"):
        starts += [f"/{language}/alerts/", f"/{language}/alerts/requested/", f"/{language}/alerts/confirm/{token}/",
                   f"/{language}/alerts/manage/{manage_token(subscriber)}/",
                   f"/{language}/alerts/unsubscribe/{manage_token(subscriber)}/"]
    pages = _crawl(client, starts)
    assert set(starts) <= set(pages)
    for url, html in pages.items():
        assert "Secret headline" not in html and "عنوان سري" not in html, url
    assert client.post("/en/alerts/", {"email": "x@example.org", "languages": ["en"], "scope": "all"},
                       follow=True).status_code == 200


def test_unpublished_release_detail_is_not_found(client):
    edition = factories.edition(state=State.DRAFT)
    with translation.override("ar"):
        url = edition.release.get_absolute_url()
    assert client.get(url).status_code == 404


def test_a_correction_dated_in_the_future_stays_hidden_until_its_time(client, time_machine):
    import datetime

    from django.utils import timezone

    from releases.models import Correction

    now = timezone.now()
    time_machine.move_to(now, tick=False)
    live = factories.edition(state=State.PUBLISHED, published_at=now - datetime.timedelta(days=1))
    Correction.objects.create(release=live.release, edition=live, kind="correction", note_ar="ملاحظة لاحقة",
                              note_en="A later note", published_at=now + datetime.timedelta(hours=1))
    url = f"/en/releases/{live.release_id}/{live.release.slug}/"
    assert "A later note" not in client.get(url).content.decode()
    time_machine.move_to(now + datetime.timedelta(hours=2), tick=False)
    assert "A later note" in client.get(url).content.decode()


def test_speaker_and_programme_pages_count_only_what_the_public_edition_says(client, writer, editor):
    from releases import workflow

    speaker, programme = factories.speaker(), factories.programme()
    draft_only = factories.edition(headline_en="Draft that names them")
    draft_only.speakers.add(speaker)
    draft_only.programmes.add(programme)
    # Live without them; a newer draft adds them, but isn't published.
    live = factories.edition(state=State.PUBLISHED, headline_en="Live without them")
    draft = workflow.edition_start_new(release=live.release, user=writer)
    factories.edit(draft, writer, speakers=[speaker], programmes=[programme])
    for url in (f"/en/speakers/{speaker.slug}/", f"/en/programmes/{programme.slug}/",
                f"/en/speakers/{speaker.slug}/feed/", f"/en/releases/?speaker={speaker.slug}",
                f"/en/releases/?programme={programme.slug}"):
        html = client.get(url).content.decode()
        assert "Draft that names them" not in html and "Live without them" not in html, url
    factories.publish(factories.submit(draft, writer), editor, note_kind="minor")
    assert "Live without them" in client.get(f"/en/speakers/{speaker.slug}/").content.decode()
    assert "Live without them" in client.get(f"/en/programmes/{programme.slug}/").content.decode()


def test_a_reader_whose_clock_reading_came_just_before_a_publication_still_sees_the_release(writer, editor,
                                                                                             time_machine):
    """The reader read the clock, then the publication committed, then the reader's query ran."""
    from releases import workflow

    start = timezone.now()
    time_machine.move_to(start, tick=False)
    live = factories.edition(state=State.PUBLISHED, published_at=start - HOUR, headline_ar="الحالي")
    draft = factories.submit(factories.edit(workflow.edition_start_new(release=live.release, user=writer), writer,
                                            headline_ar="الجديد"), writer)
    reader_now = timezone.now()
    time_machine.move_to(start + datetime.timedelta(seconds=1), tick=False)
    factories.publish(draft, editor, note_kind="minor")
    then = Release.objects.published(reader_now).with_public_edition(reader_now).get()
    assert then.public_edition().headline_ar == "الحالي"
    assert Release.objects.published().with_public_edition().get().public_edition().headline_ar == "الجديد"


def test_a_new_edition_cannot_be_dated_before_the_one_it_replaces(writer, editor):
    from django.core.exceptions import ValidationError

    from releases import workflow

    live = factories.edition(state=State.PUBLISHED)
    draft = factories.submit(workflow.edition_start_new(release=live.release, user=writer), writer)
    with pytest.raises(ValidationError):
        factories.publish(draft, editor, note_kind="minor", at=live.published_at - HOUR)
