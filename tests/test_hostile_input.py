"""No address, parameter or form value reaches a 500, for anyone, on SQLite or PostgreSQL.

The public URL patterns are found by walking the resolver, so a new page is
covered the day it is added; the admin's lists and forms are found from the
admin site's registry.
"""

import re

import pytest
from django.conf import settings
from django.contrib import admin
from django.urls import URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern

from releases.roles import EDITOR
from releases.states import State
from tests import factories

pytestmark = pytest.mark.django_db

# Raw, already percent-encoded, as an attacker would type them.
HOSTILE = [
    "%00", "a%00b", "%ff", "%c0%af", "0", "10000", "99999999999999999999", "%C2%B2", "%E2%91%A0",
    "%D9%A2%D9%A0%D9%A2%D9%A6", "%E2%80%AE", "..%2F..%2Fetc%2Fpasswd", "%3Cscript%3E", "x" * 10_000,
    "'%22;--",
]
PARAMETERS = ["kind", "programme", "speaker", "year", "page", "q", "preview", "against", "o", "p", "e", "term",
              "_changelist_filters", "id__exact", "pk__in", "state__exact", "next"]
PUBLIC_PARAMETERS = ["kind", "programme", "speaker", "year", "page", "q", "preview"]
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")
# The admin's lists are many and slow to render: the worst of the corpus is enough there.
ADMIN_HOSTILE = ["%00", "%ff", "0", "99999999999999999999", "%E2%91%A0", "x" * 10_000, "'%22;--"]
INT_VALUES = ["0", "1", "99999999999999999999", "00000000000000000000000000001"]


def _walk(patterns, prefixes):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if getattr(pattern, "app_name", None) == "admin":
                continue
            if isinstance(pattern.pattern, LocalePrefixPattern):
                parts = [f"{code}/" for code, _name in settings.LANGUAGES]
            else:
                parts = [str(pattern.pattern)]
            yield from _walk(pattern.url_patterns, [prefix + part for prefix in prefixes for part in parts])
        else:
            for prefix in prefixes:
                yield "/" + prefix + str(pattern.pattern)


def public_routes():
    return sorted(set(_walk(get_resolver().url_patterns, [""])))


def concrete_paths(route, known):
    """The route with each converter filled by a known value, then by each hostile one in turn."""
    names = CONVERTER.findall(route)

    def fill(choice):
        return CONVERTER.sub(lambda m: choice(m.group(1) or "str", m.group(2)), route)

    paths = [fill(lambda conv, name: known.get(name, "1"))]
    for bad in HOSTILE:
        for conv, name in names:
            if conv == "int" and not bad.isdigit():
                continue
            paths.append(fill(lambda c, n, bad=bad, target=name: bad if n == target else known.get(n, "1")))
    if any(conv == "int" for conv, _n in names):
        paths += [fill(lambda c, n, v=v: v if c == "int" else known.get(n, "1")) for v in INT_VALUES]
    return paths


@pytest.fixture
def content():
    speaker = factories.speaker(slug="speaker-a")
    factories.appointment(speaker=speaker)
    programme = factories.programme(slug="programme-a")
    release = factories.published_release()
    edition = release.public_edition()
    edition.speakers.add(speaker)
    edition.programmes.add(programme)
    draft = factories.edition(state=State.DRAFT)
    return {"pk": str(release.pk), "slug": release.slug or "-", "speaker": speaker, "programme": programme,
            "edition": edition, "draft": draft}


def _known(content, route):
    slug = "speaker-a" if "speakers" in route else "programme-a" if "programmes" in route else content["slug"]
    return {"pk": content["pk"], "slug": slug, "token": "bad-token", "name": "images/00/none.png"}


def _assert_no_server_error(client, url, method="get", data=None):
    response = getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
    assert response.status_code < 500, f"{method.upper()} {url[:200]} gave {response.status_code}"
    return response


@pytest.fixture(params=["anonymous", "superuser"])
def visitor(request, client, db):
    if request.param == "editor":
        client.force_login(factories.user(role=EDITOR))
    elif request.param == "superuser":
        client.force_login(factories.user(is_superuser=True))
    return client


def test_every_public_url_survives_hostile_paths_and_parameters(visitor, content):
    routes = public_routes()
    assert any("releases/" in route for route in routes) and "/robots.txt" in routes
    for route in routes:
        known = _known(content, route)
        paths = concrete_paths(route, known)
        for path in paths:
            _assert_no_server_error(visitor, path)
        for bad in HOSTILE:
            # Every parameter at once, then (for pages without arguments, where filters live) one by one.
            _assert_no_server_error(visitor, f"{paths[0]}?" + "&".join(f"{key}={bad}" for key in PARAMETERS))
            if route.endswith("/releases/") or "/media/" in route:
                for key in PUBLIC_PARAMETERS:
                    _assert_no_server_error(visitor, f"{paths[0]}?{key}={bad}")


def test_the_year_filter_ignores_what_is_not_a_year(client, content):
    for bad in ["0", "10000", "99999999999999999999", "%C2%B2", "%E2%91%A0", "1", "9999"]:
        response = client.get(f"/ar/releases/?year={bad}")
        assert response.status_code == 200, bad
    release_year = factories.published_release().first_published_at.year
    assert client.get(f"/en/releases/?year={release_year}").context["filters"]["year"] == release_year
    arabic_digits = str(release_year).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert client.get("/en/releases/", {"year": arabic_digits}).context["filters"]["year"] == release_year


def test_a_nul_in_an_address_is_a_clear_error_not_a_database_error(client, content):
    assert client.get("/ar/speakers/%00/").status_code == 404
    assert client.get("/ar/programmes/%00/feed/atom/").status_code == 404
    for query in ("speaker=%00", "programme=%00", "year=%00", "speaker=speaker-a%00"):
        response = client.get(f"/ar/releases/?{query}")
        assert response.status_code == 200
        values = [value for values in response.context["request"].GET.lists() for value in values[1]]
        assert values and not any("\x00" in value for value in values)


def _admin_urls(content):
    urls = []
    for model, model_admin in admin.site._registry.items():
        info = model._meta.app_label, model._meta.model_name
        urls.append(reverse("admin:%s_%s_changelist" % info))
        urls.append(reverse("admin:%s_%s_add" % info))
        existing = model._default_manager.order_by("pk").first()
        change = reverse("admin:%s_%s_change" % info, args=[existing.pk if existing else 1])
        urls.append(change)
        for bad in ("99999999999999999999", "%00", "abc", "x" * 5000, "%ff"):
            urls.append(change.replace(f"/{existing.pk if existing else 1}/", f"/{bad}/"))
    return urls


def test_every_admin_list_and_form_survives_hostile_input(visitor, content):
    for url in _admin_urls(content):
        response = _assert_no_server_error(visitor, url)
        if url.endswith(("/change/", "/add/")):
            continue
        keys = ["q", "o", "p", "e", "_changelist_filters", "all", "id__exact"]
        for spec in getattr(response.context and response.context.get("cl"), "filter_specs", []):
            keys += spec.expected_parameters()
        for bad in ADMIN_HOSTILE:
            for key in keys:
                _assert_no_server_error(visitor, f"{url}?{key}={bad}")
    autocomplete = reverse("admin:autocomplete")
    for field, model in (("speakers", "edition"), ("programmes", "edition"), ("organisation", "appointment")):
        for bad in HOSTILE:
            _assert_no_server_error(
                visitor, f"{autocomplete}?app_label=releases&model_name={model}&field_name={field}&term={bad}")


def test_admin_forms_given_hostile_values_answer_with_errors_not_500(client, content):
    client.force_login(factories.user(is_superuser=True))
    for url in [u for u in _admin_urls(content) if u.endswith(("/add/", "/change/"))][:40]:
        response = client.get(url)
        if response.status_code != 200 or not response.context or "adminform" not in response.context:
            continue
        form = response.context["adminform"].form
        for raw in ("\x00", "9" * 25, "x" * 10_000, "\u202e", "①", "\udcff".encode("utf-8", "surrogatepass").decode("latin-1")):
            data = {name: raw for name in form.fields}
            data.update({f"{prefix}-TOTAL_FORMS": "0" for prefix in _formset_prefixes(response)})
            data.update({f"{prefix}-INITIAL_FORMS": "0" for prefix in _formset_prefixes(response)})
            _assert_no_server_error(client, url, method="post", data=data)


def _formset_prefixes(response):
    return [formset.formset.prefix for formset in response.context.get("inline_admin_formsets", [])]


@pytest.mark.parametrize("language, says", [("en", "The form is too large"), ("ar", "النموذج أكبر من المسموح")])
def test_a_form_over_the_size_limit_gets_a_translated_page_that_explains_it(client, settings, language, says):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    client.force_login(factories.user(is_superuser=True))
    response = client.post("/admin/releases/edition/add/", {"headline_ar": "x" * 5000}, HTTP_ACCEPT_LANGUAGE=language)
    html = response.content.decode()
    assert response.status_code == 413
    assert says in html and f'lang="{language}"' in html
    assert "Back" in html or "الرجوع" in html


def test_admin_pages_carry_the_size_guard_that_keeps_text_in_the_page(client):
    client.force_login(factories.user(is_superuser=True))
    html = client.get("/admin/releases/edition/add/").content.decode()
    assert 'form_size_guard' in html and f'data-limit="{settings.DATA_UPLOAD_MAX_MEMORY_SIZE}"' in html


@pytest.mark.parametrize("cache_seconds", [0, 300])
@pytest.mark.parametrize("url", ["/ar/", "/en/releases/", "/ar/search/?q=x", "/sitemap.xml", "/no-such-page/"])
def test_a_host_we_dont_serve_gets_the_400_page_never_a_500(client, settings, url, cache_seconds):
    settings.PAGE_CACHE_SECONDS = cache_seconds
    factories.published_release()
    response = client.get(url, HTTP_HOST="evil.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert "evil.example" not in html
    assert "<h1>" in html
