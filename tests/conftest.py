import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


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
def translator(db):
    from releases.roles import TRANSLATOR
    from tests import factories

    return factories.user(role=TRANSLATOR)
