"""The harness's own checks find what they are there to find, so that "nothing found" means something."""

from tests.browser.checks import REPORT, Findings, assert_known, axe, vnu


def test_axe_reports_an_image_without_alt_text_and_an_unlabelled_input(page, live_server):
    page.goto("/robots.txt")  # any page of ours, then a broken document in its place
    page.set_content('<html lang="en"><title>t</title><main><img src="/static/admin/img/icon-yes.svg"><input></main></html>')
    found = axe(page, where=("broken",))
    assert {("broken", "image-alt"), ("broken", "label")} <= found.keys(), found
    assert "critical" in str(found)


def test_vnu_reports_errors_in_one_run_over_several_files(tmp_path):
    good, bad = tmp_path / "good.html", tmp_path / "bad.html"
    good.write_text('<!doctype html><html lang="en"><title>t</title><p>fine</p></html>')
    bad.write_text('<!doctype html><html lang="en"><title>t</title><form action=""></form><p><div></p>')
    found = vnu([good, bad])
    assert found and {stem for stem, _message in found.keys()} == {"bad"}, found


def test_a_request_to_another_host_is_recorded(page, new_context):
    # From a blank page: our own pages' Content-Security-Policy would stop the fetch before it is a request.
    page.goto("about:blank")
    page.evaluate("() => fetch('http://third-party.invalid/pixel.gif').catch(() => null)")
    assert any("third-party.invalid" in request for request in new_context.foreign_requests)
    new_context.foreign_requests.clear()  # recorded is what we wanted; don't fail this test for it


def test_the_live_server_serves_static_files_and_media(page, settings):
    settings.MEDIA_ROOT.mkdir(parents=True)
    (settings.MEDIA_ROOT / "note.txt").write_text("media")
    assert page.request.get("/media/note.txt").text() == "media"
    assert page.request.get("/static/admin/css/base.css").ok
    response = page.request.get("/static/releases/missing.css")
    assert response.status == 404


def test_a_missing_stylesheet_of_ours_is_recorded(page, new_context):
    page.goto("/robots.txt")
    page.set_content('<html><link rel="stylesheet" href="/static/releases/missing.css"></html>')
    page.wait_for_load_state()
    assert any("missing.css" in asset for asset in new_context.broken_assets)
    new_context.broken_assets.clear()


def test_known_failures_must_shrink():
    reported = len(REPORT)
    found = Findings([(("ar", "home", "color-contrast"), "serious: ...")])
    assert_known(found, {("ar", "home", "color-contrast")}, checker="axe")
    for known in (set(), {("ar", "home", "color-contrast"), ("en", "list", "label")}):
        try:
            assert_known(found, known, checker="axe")
        except AssertionError as error:
            assert "color-contrast" in str(error) or "label" in str(error)
        else:
            raise AssertionError(f"assert_known accepted {known}")
    del REPORT[reported:]  # made-up findings: keep them out of the end-of-run report
