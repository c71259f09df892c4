"""The page cache under gunicorn, two workers sharing the embedded default's files, each keeping
copies of the entries it read (releases.cache.LocalEntries): a purge is seen by every worker at once."""

import secrets
import urllib.request

import pytest
from django.db import connection

from releases.cache import purge_public_cache
from releases.states import State
from tests import factories
from tests.test_security_headers import collectstatic, start_gunicorn


def _database_url():
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings_dict['NAME']}"
    return (f"postgres://{settings_dict['USER']}@{settings_dict['HOST'] or '127.0.0.1'}:"
            f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}")


@pytest.fixture
def two_workers(tmp_path, settings, transactional_db):
    import os

    environment = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "REDIS_URL")}
    environment.update(
        DJANGO_SETTINGS_MODULE="pressoffice.settings", DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1", DATABASE_URL=_database_url(), MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"), SECURE_SSL_REDIRECT="0", SECURE_COOKIES="0", OTP_REQUIRED="0",
        PAGE_CACHE_SECONDS="300", PAGE_CACHE_DIR=settings.CACHES["pages"]["LOCATION"],  # this run's own files
    )
    collectstatic(environment)
    process, base = start_gunicorn({**environment, "WEB_CONCURRENCY": "2"})
    yield base
    process.terminate()
    process.wait(timeout=30)


def _read(url):
    with urllib.request.urlopen(url, timeout=60) as response:  # a new connection each time: either worker
        assert response.status == 200
        return response.read().decode()


def test_a_purge_is_seen_by_every_worker_at_the_next_request(two_workers):
    factories.edition(state=State.PUBLISHED, headline_en="The first statement")
    for _ in range(30):  # both workers hold the page now, and answer it from their copies
        assert "The first statement" in _read(two_workers + "/en/")
    factories.edition(state=State.PUBLISHED, headline_en="The second statement")
    purge_public_cache()  # what the workflow does after commit, here from a third process
    for _ in range(30):
        assert "The second statement" in _read(two_workers + "/en/")
