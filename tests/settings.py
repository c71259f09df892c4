"""Test settings: the real settings, with a throwaway key and fast hashing."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")

from pressoffice.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
SECURE_SSL_REDIRECT = False
# Static files are served by runserver in development and whitenoise in production.
MIDDLEWARE = [m for m in MIDDLEWARE if "whitenoise" not in m]  # noqa: F405
# Second factors are switched on in the tests that are about them (tests/test_staff_login.py);
# elsewhere, force_login() stands for a whole login.
PRESSOFFICE_OTP_REQUIRED = False

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory: concurrency and browser tests run server threads with their own connections.
    import tempfile

    DATABASES["default"]["TEST"] = {"NAME": os.path.join(tempfile.mkdtemp(prefix="pressoffice-test-"), "test.sqlite3")}  # noqa: F405

# The page cache in files of its own for this run, as on the embedded default (shared by processes).
import tempfile  # noqa: E402

CACHES["pages"] = {  # noqa: F405
    "BACKEND": "pressoffice.file_cache.UncompressedFileBasedCache",
    "LOCATION": tempfile.mkdtemp(prefix="pressoffice-pages-"),
}
# Off for the suite, whose tests change records and settings between requests without the
# workflow's purge; tests/test_page_cache.py turns it on and holds its rules.
PAGE_CACHE_SECONDS = 0
