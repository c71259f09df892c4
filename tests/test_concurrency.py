"""Several people at once: real threads, each with its own database connection, started together.

Every race runs ROUNDS times. In each, the loser gets a clear message with
their own text shown back, nothing is lost or done twice, and no request
fails with a server error. These run on SQLite (WAL, immediate transactions,
a busy timeout) and again on PostgreSQL in CI.
"""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from releases import workflow
from releases.models import AuditEntry, Correction, Edition, Release
from releases.roles import EDITOR, TRANSLATOR, WRITER
from releases.states import State
from tests import factories
from tests.test_editing import form_data

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 20
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
CONFLICT = "Someone else changed edition"


def together(*jobs):
    """Run the jobs in threads that start at the same moment; return what each returned or raised."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except BaseException as error:  # noqa: BLE001 - a crash is a result the test reports
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, job)) for index, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def client_for(user):
    client = Client(raise_request_exception=True)
    client.force_login(user)
    return client


def post(client, url, data):
    return lambda: client.post(url, data, **EN)


def assert_no_server_errors(results):
    for result in results:
        assert not isinstance(result, BaseException), repr(result)
        assert result.status_code < 500, result.content[:2000]


def refused_with_own_text(response, text, message=""):
    html = response.content.decode()
    return response.status_code == 200 and text in html and (message in html) and "errornote" in html


def change_url(edition):
    return f"/admin/releases/edition/{edition.pk}/change/"


def test_save_against_save_keeps_one_and_shows_the_other_its_text():
    writer = factories.user(role=WRITER)
    tab_a, tab_b = client_for(writer), client_for(writer)
    for round_ in range(ROUNDS):
        edition = factories.edition(author=writer, headline_ar="الأصل")
        texts = (f"نص التبويب الأول {round_}", f"نص التبويب الثاني {round_}")
        results = together(*(post(tab, change_url(edition), form_data(edition, headline_ar=text))
                             for tab, text in zip((tab_a, tab_b), texts)))
        assert_no_server_errors(results)
        edition.refresh_from_db()
        winners = [text for text, result in zip(texts, results) if result.status_code == 302]
        losers = [(text, result) for text, result in zip(texts, results) if result.status_code != 302]
        assert len(winners) == 1, [r.status_code for r in results]
        assert edition.headline_ar == winners[0]
        (loser_text, loser), = losers
        assert refused_with_own_text(loser, loser_text, CONFLICT)


def test_save_against_submit_never_loses_the_saved_text():
    writer = factories.user(role=WRITER)
    saving, submitting = client_for(writer), client_for(writer)
    for round_ in range(ROUNDS):
        edition = factories.edition(author=writer, headline_ar="الأصل")
        typed = f"نص حُفظ في اللحظة نفسها {round_}"
        save, submit = together(
            post(saving, change_url(edition), form_data(edition, headline_ar=typed)),
            post(submitting, change_url(edition), form_data(edition, _workflow="submit")),
        )
        assert_no_server_errors([save, submit])
        edition.refresh_from_db()
        if save.status_code == 302:
            assert edition.headline_ar == typed and edition.state == State.DRAFT
            assert refused_with_own_text(submit, "الأصل", CONFLICT)
        else:
            assert submit.status_code == 302 and edition.state == State.IN_REVIEW
            assert edition.headline_ar == "الأصل"
            assert refused_with_own_text(save, typed, "in review")


def test_a_translation_saved_while_an_editor_publishes_is_never_lost_or_published_unseen():
    writer, translator, editor = (factories.user(role=role) for role in (WRITER, TRANSLATOR, EDITOR))
    translating, publishing = client_for(translator), client_for(editor)
    for round_ in range(ROUNDS):
        edition = factories.submit(factories.edition(author=writer, english=False), writer)
        seen = edition.version
        english = {"headline_en": f"English headline {round_}", "body_en": "English body.",
                   "dateline_place_en": "New York"}
        save, publish = together(
            post(translating, change_url(edition), form_data(edition, **english)),
            post(publishing, f"/admin/releases/edition/{edition.pk}/workflow/publish/", {"seen_version": seen}),
        )
        assert_no_server_errors([save, publish])
        edition.refresh_from_db()
        if save.status_code == 302:
            assert edition.headline_en == english["headline_en"]
            assert edition.state == State.IN_REVIEW, "the editor published a version they never saw"
            assert publish.status_code == 200 and CONFLICT in publish.content.decode()
        else:
            assert publish.status_code == 302 and edition.state == State.PUBLISHED and not edition.headline_en
            assert refused_with_own_text(save, english["headline_en"], "can no longer be changed")


def test_two_editors_publishing_at_once_publish_once_with_one_correction():
    writer = factories.user(role=WRITER)
    first, second = (client_for(factories.user(role=EDITOR)) for _ in range(2))
    for round_ in range(ROUNDS):
        live = factories.edition(state=State.PUBLISHED)
        draft = workflow.edition_start_new(release=live.release, user=writer)
        draft = factories.submit(factories.edit(draft, writer, change_note_ar=f"تصحيح {round_}"), writer)
        url = f"/admin/releases/edition/{draft.pk}/workflow/publish/"
        data = {"seen_version": draft.version, "note_kind": "correction"}
        results = together(post(first, url, data), post(second, url, data))
        assert_no_server_errors(results)
        assert sorted(result.status_code for result in results) == [200, 302]
        refused = next(result for result in results if result.status_code == 200).content.decode()
        assert "can&#x27;t be done from this state" in refused or "errornote" in refused
        assert Correction.objects.filter(release=live.release).count() == 1
        assert AuditEntry.objects.filter(edition=draft, action="publish").count() == 1
        draft.refresh_from_db()
        assert draft.state == State.PUBLISHED


def test_two_new_edition_clicks_at_once_open_one_edition():
    clients = [client_for(factories.user(role=WRITER)) for _ in range(2)]
    for _round in range(ROUNDS):
        live = factories.edition(state=State.PUBLISHED)
        url = f"/admin/releases/edition/{live.pk}/workflow/new_edition/"
        results = together(*(post(client, url, {"seen_version": live.version}) for client in clients))
        assert_no_server_errors(results)
        assert all(result.status_code == 302 for result in results)
        assert live.release.editions.count() == 2
        assert live.release.editions.filter(state=State.DRAFT).count() == 1


def test_public_pages_read_while_editions_are_published_are_always_whole():
    writer, editor = factories.user(role=WRITER), factories.user(role=EDITOR)
    live = factories.edition(state=State.PUBLISHED, headline_ar="الجولة 0", headline_en="Round 0")
    done = threading.Event()
    pages = ["/ar/", "/ar/releases/", "/en/", "/en/releases/", "/ar/feed/", "/en/feed/atom/",
             f"/ar/releases/{live.release_id}/{live.release.slug}/"]

    def publish_rounds():
        try:
            for round_ in range(1, ROUNDS + 1):
                draft = workflow.edition_start_new(release=live.release, user=writer)
                draft = factories.edit(draft, writer, headline_ar=f"الجولة {round_}", headline_en=f"Round {round_}")
                factories.publish(factories.submit(draft, writer), editor, note_kind="minor")
            return ROUNDS
        finally:
            done.set()

    def read():
        reader, seen = Client(raise_request_exception=True), []
        while not done.is_set() or not seen:
            for page in pages:
                response = reader.get(page, follow=True)
                text = response.content.decode()
                assert response.status_code == 200, (page, response.status_code)
                assert "الجولة" in text or "Round" in text, page
                seen.append(page)
        return len(seen)

    results = together(publish_rounds, read, read)
    assert_no_server_errors([])
    for result in results:
        assert not isinstance(result, BaseException), repr(result)
    assert results[0] == ROUNDS and results[1] > 0 and results[2] > 0
    assert Release.objects.published().get().public_edition().headline_ar == f"الجولة {ROUNDS}"


def test_a_page_read_across_a_publish_shows_one_snapshot(client):
    """The publish commits between the query that picks the releases and the one that loads their text."""
    writer, editor = factories.user(role=WRITER), factories.user(role=EDITOR)
    live = factories.edition(state=State.PUBLISHED, headline_ar="النص القديم")
    draft = factories.submit(factories.edit(workflow.edition_start_new(release=live.release, user=writer), writer,
                                            headline_ar="النص الجديد"), writer)
    fired = []

    def publish_after_first_release_query(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not fired and 'FROM "releases_release"' in sql:
            fired.append(sql)
            together(lambda: factories.publish(draft, editor, note_kind="minor"))
        return result

    with connection.execute_wrapper(publish_after_first_release_query):
        response = client.get("/ar/")
    assert fired and response.status_code == 200
    html = response.content.decode()
    assert "النص القديم" in html or "النص الجديد" in html
    draft.refresh_from_db()
    assert draft.state == State.PUBLISHED


def test_a_page_read_across_a_withdrawal_lists_whole_cards_only(client):
    """The withdrawal commits between the query that picks the releases and the one that loads their text."""
    editor = factories.user(role=EDITOR)
    kept = factories.edition(state=State.PUBLISHED, headline_ar="البيان الباقي")
    going = factories.edition(state=State.PUBLISHED, headline_ar="البيان المسحوب")
    fired = []

    def withdraw_after_first_release_query(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not fired and "public_edition_pk" in sql:  # the query that picks the page's releases
            fired.append(sql)
            together(lambda: workflow.release_withdraw(release=going.release, user=editor, notice_ar="سحب"))
        return result

    with connection.execute_wrapper(withdraw_after_first_release_query):
        response = client.get("/ar/releases/")
    assert fired and response.status_code == 200
    html = response.content.decode()
    assert "البيان الباقي" in html
    # The page was chosen before the withdrawal: it shows that release whole, from the same snapshot.
    assert "البيان المسحوب" in html and going.release.get_absolute_url() in html


def test_staff_saving_different_drafts_at_once_wait_their_turn_instead_of_failing():
    writers = [factories.user(role=WRITER) for _ in range(4)]
    clients = [client_for(writer) for writer in writers]
    for round_ in range(ROUNDS):
        editions = [factories.edition(author=writer) for writer in writers]
        results = together(*(post(client, change_url(edition), form_data(edition, headline_ar=f"حفظ {round_} {n}"))
                             for n, (client, edition) in enumerate(zip(clients, editions))))
        assert_no_server_errors(results)
        assert [result.status_code for result in results] == [302] * len(writers)
        for n, edition in enumerate(editions):
            assert Edition.objects.get(pk=edition.pk).headline_ar == f"حفظ {round_} {n}"
