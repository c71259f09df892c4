import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache, caches

    cache.clear()
    caches["pages"].clear()  # a test's own cache directory (tests/settings.py); the site never clears
    yield
    cache.clear()
    caches["pages"].clear()


@pytest.fixture
def writer(db):
    from releases.roles import WRITER
    from tests import factories

    return factories.user(role=WRITER)


@pytest.fixture
def editor(db):
    from releases.roles import EDITOR
    from tests import factories

    return factories.user(role=EDITOR)


@pytest.fixture
def other_editor(db):
    from releases.roles import EDITOR
    from tests import factories

    return factories.user(role=EDITOR)


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1, and the site's email settings pointed at it."""
    from tests.smtp_server import SMTPServer

    server = SMTPServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
    settings.EMAIL_TIMEOUT = 10
    yield server
    server.stop()


@pytest.fixture
def translator(db):
    from releases.roles import TRANSLATOR
    from tests import factories

    return factories.user(role=TRANSLATOR)


@pytest.fixture
def redis_server():
    """A client of the Redis that the tests may use (PRESSOFFICE_TEST_REDIS_URL); the test is skipped without one."""
    from tests.factories import REDIS_URL

    redis = pytest.importorskip("redis")
    try:
        server = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
        server.ping()
    except redis.RedisError:
        pytest.skip(f"needs Redis at {REDIS_URL} (set PRESSOFFICE_TEST_REDIS_URL)")
    return server
