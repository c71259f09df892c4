"""Settings for the press office CMS.

Everything that differs between a laptop and production comes from the
environment. The defaults are safe for development: SQLite, the local-memory
cache and media files on disk.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long "
            "random string, or set DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation must come before the admin so that its fields are patched in first.
    "modeltranslation",
    # The admin with our site class: two factors, lockouts and a configurable path.
    "pressoffice.accounts.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    # Only its static files: the ProseMirror build our edition form starts (releases/edition_form.js).
    "django_prose_editor",
    "releases",
    "pressoffice.accounts.apps.AccountsConfig",
]

MIDDLEWARE = [
    # ETag and 304s for every response, cached or not; then the anonymous page cache, first so
    # that a hit costs nothing else: a stored page keeps the headers the middleware below added.
    "django.middleware.http.ConditionalGetMiddleware",
    "releases.cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "pressoffice.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "pressoffice.middleware.HostileInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "pressoffice.accounts.middleware.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pressoffice.urls"
WSGI_APPLICATION = "pressoffice.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent staff writes wait their turn instead of failing with "database is locked":
    # WAL lets readers run beside a writer, IMMEDIATE takes the write lock when a transaction
    # starts (never as an upgrade that can't wait), and the timeout is how long to wait for it.
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": int(os.environ.get("SQLITE_TIMEOUT", "30")),
    })
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's backend, keeping its Redis client (pressoffice/redis_cache.py).
            "BACKEND": "pressoffice.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "pressoffice"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whole public pages (releases/cache.py), shared by every worker: in Redis beside the rest, or
# in files that all the workers of this machine share. Not the database: on SQLite every page
# stored would queue behind the editors' writes for the one write lock.
if REDIS_URL:
    CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": CACHES["default"]["KEY_PREFIX"] + ":pages"}
else:
    CACHES["pages"] = {
        "BACKEND": "pressoffice.file_cache.UncompressedFileBasedCache",  # Django's, uncompressed
        "LOCATION": os.environ.get("PAGE_CACHE_DIR") or str(BASE_DIR / ".page-cache"),
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    }
# Seconds an anonymous page is kept (never past the next scheduled publication); 0 turns it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0 if DEBUG else 300)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Arabic is the source language; English is the translation. Adding a third
# language is this list plus `makemigrations`.
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "America/New_York")
# Dates that Django formats itself follow the order of ours (day, month name, year, 24-hour time).
FORMAT_MODULE_PATH = ["pressoffice.formats"]

MODELTRANSLATION_DEFAULT_LANGUAGE = "ar"
MODELTRANSLATION_LANGUAGES = ("ar", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("ar",)
# modeltranslation's tabs load jQuery UI from a CDN by default (its setting is the unprefixed
# JQUERY_UI_URL); the admin must
# not talk to third-party hosts, so we serve our own copy.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# Languages written in Arabic script: their pages use the Arabic font and ARABIC_DIGITS.
PRESSOFFICE_ARABIC_SCRIPT_LANGUAGES = ["ar"]
# "arabic-indic" (١٢٣) or "latin" (123) digits on Arabic public pages: every number we generate.
PRESSOFFICE_ARABIC_DIGITS = os.environ.get("ARABIC_DIGITS", "arabic-indic")
if PRESSOFFICE_ARABIC_DIGITS not in ("arabic-indic", "latin"):
    raise ImproperlyConfigured("ARABIC_DIGITS must be 'arabic-indic' or 'latin'.")
# Also show the digits of stored text (headline, body...) in the page's system, while rendering only.
PRESSOFFICE_DIGITS_IN_TEXT = env_bool("DIGITS_IN_TEXT", default=True)
# The Hijri (Umm al-Qura) date beside the Gregorian: "off", "release" (release pages), or
# "dateline" (release pages and every dateline).
PRESSOFFICE_HIJRI_DATES = os.environ.get("HIJRI_DATES", "off")
if PRESSOFFICE_HIJRI_DATES not in ("off", "release", "dateline"):
    raise ImproperlyConfigured("HIJRI_DATES must be 'off', 'release' or 'dateline'.")
# How the public reads the mission's zone: "10:00 New York time" / "الساعة ١٠:٠٠ بتوقيت نيويورك".
# Translated through the catalogue; TIME_ZONE_LABEL names a city not listed here.
_ZONE_CITIES = {
    "America/New_York": _("New York"), "Europe/Geneva": _("Geneva"), "Europe/Vienna": _("Vienna"),
    "Europe/Paris": _("Paris"), "Europe/Rome": _("Rome"), "Africa/Nairobi": _("Nairobi"),
}
# (No `or` between lazy strings here: testing one's truth would translate it before the apps are ready.)
PRESSOFFICE_TIME_ZONE_LABEL = os.environ.get("TIME_ZONE_LABEL") or (
    _ZONE_CITIES[TIME_ZONE] if TIME_ZONE in _ZONE_CITIES else TIME_ZONE.rsplit("/", 1)[-1].replace("_", " ")
)
# OpenGraph wants a territory with the language.
PRESSOFFICE_OG_LOCALES = {"ar": "ar_AR", "en": "en_US"}
PRESSOFFICE_PAGE_SIZE = env_int("PRESSOFFICE_PAGE_SIZE", 12)
PRESSOFFICE_PREVIEW_MAX_AGE = env_int("PRESSOFFICE_PREVIEW_MAX_AGE", 72 * 3600)
# How far ahead a release may be scheduled: a typo in the year must not hide a release for decades.
PRESSOFFICE_MAX_SCHEDULE_AHEAD = datetime.timedelta(days=env_int("PRESSOFFICE_MAX_SCHEDULE_DAYS", 366))

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files are private until their edition is public: they are only ever
# served by releases.media, which checks visibility (no web server serves MEDIA_ROOT).
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# "stream" (the app sends the file), "accel" (nginx sends it: X-Accel-Redirect to
# MEDIA_ACCEL_PREFIX, an `internal` location), or "redirect" (to a short-lived signed URL on S3).
PRESSOFFICE_MEDIA_DELIVERY = os.environ.get("MEDIA_DELIVERY", "stream")
PRESSOFFICE_MEDIA_ACCEL_PREFIX = os.environ.get("MEDIA_ACCEL_PREFIX", "/protected-media/")
# File names are random and never reused, so a public file can be cached for long.
PRESSOFFICE_MEDIA_MAX_AGE = env_int("MEDIA_MAX_AGE", 365 * 24 * 3600)
MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None,
            # Objects are private; the only URLs are signed ones, valid for minutes.
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": env_int("MEDIA_SIGNED_URL_SECONDS", 300),
            "signature_version": "s3v4",
            "file_overwrite": False,
        },
    }
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage" if DEBUG else "pressoffice.staticfiles.StaticFilesStorage"
        ),
    },
}

# Forms: 5 MB of text is a hundred releases; files don't count towards it. A form that
# is larger is refused with a page that says so, and the admin warns before sending it.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
PRESSOFFICE_MAX_IMAGE_BYTES = 10 * 1024 * 1024
PRESSOFFICE_MAX_IMAGE_PIXELS = 40_000_000
PRESSOFFICE_MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024

# Staff accounts. The admin's address is not announced anywhere (robots.txt included).
ADMIN_PATH = os.environ.get("ADMIN_PATH", "admin/").strip("/") + "/"
LOGIN_URL = "admin:login"
AUTHENTICATION_BACKENDS = [
    # django-axes first: a locked-out account or address is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "releases.backends.NoDemoPasswordsBackend",
]
# Editors and superusers need a second factor (TOTP, or a recovery code) unless this is off.
PRESSOFFICE_OTP_REQUIRED = env_bool("OTP_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = os.environ.get("OTP_ISSUER", "Media Office")
PRESSOFFICE_RECOVERY_CODES = 10
# A staff session ends after this long without a request.
SESSION_COOKIE_AGE = env_int("STAFF_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = False  # StaffSessionMiddleware renews staff sessions only
# Failed logins are counted per account and per client address, in the database, so every
# app server sees the same counts. An editor unlocks from the admin (Access attempts).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "pressoffice.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "pressoffice.accounts.client.client_ip"
AXES_SENSITIVE_PARAMETERS = ["password", "code"]
AXES_VERBOSE = False
# How many reverse proxies of ours add themselves to X-Forwarded-For (0: REMOTE_ADDR is the client).
PRESSOFFICE_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Headers. No inline script or style anywhere except through a per-response nonce.
PRESSOFFICE_MEDIA_ORIGINS = env_list("MEDIA_ORIGINS")  # e.g. the S3 endpoint, for "redirect"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, *PRESSOFFICE_MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF, *PRESSOFFICE_MEDIA_ORIGINS],
        "frame-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
        **({"report-uri": [os.environ["CSP_REPORT_URI"]]} if os.environ.get("CSP_REPORT_URI") else {}),
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(self), "
    "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), "
    "picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), usb=(), "
    "xr-spatial-tracking=(), browsing-topics=()"
)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
if not DEBUG:
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    # Off only to try the production set-up over plain http on one's own machine.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)

# Email. With none of these set, messages are printed to the console (development).
EMAIL_SETTINGS = ("EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD", "EMAIL_USE_TLS")
if any(os.environ.get(name) for name in EMAIL_SETTINGS):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587" if env_bool("EMAIL_USE_TLS") else "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Media Office <media-office@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Handoffs (submitted, returned, translated, published) are always shown in the admin; they are
# emailed too once there is a real mail server, so development doesn't print a mail per click.
PRESSOFFICE_HANDOFF_EMAILS = EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"

# The public address of the site, for links in emails (a worker has no request to read it from).
SITE_URL = os.environ.get(
    "SITE_URL", "http://127.0.0.1:8000" if DEBUG or not ALLOWED_HOSTS else f"https://{ALLOWED_HOSTS[0]}"
).rstrip("/")

# Background tasks (Django's tasks framework, through the django-tasks backport). The
# default keeps the queue in the database, so nothing but the database is needed;
# TASK_QUEUE=redis keeps it in Redis (REDIS_URL) and runs `manage.py rqworker` instead.
TASK_QUEUE = os.environ.get("TASK_QUEUE", "database")
if TASK_QUEUE == "redis":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")}}
elif TASK_QUEUE == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
else:
    raise ImproperlyConfigured("TASK_QUEUE must be 'database' or 'redis'.")

# Email alerts: how long a confirmation link lasts, how often a failing message is
# retried, and how old a publication may be and still be sent (so an archive import
# dated last year mails nobody).
PRESSOFFICE_ALERTS_CONFIRM_MAX_AGE = int(os.environ.get("ALERTS_CONFIRM_MAX_AGE", 3 * 24 * 3600))
PRESSOFFICE_ALERTS_RETRY_DELAYS = [60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600]
PRESSOFFICE_ALERTS_MAX_AGE = 2 * 24 * 3600
PRESSOFFICE_ALERTS_LEASE = 15 * 60
PRESSOFFICE_ALERTS_BATCH_SIZE = 200
PRESSOFFICE_ALERTS_SIGNUPS_PER_ADDRESS = (3, 3600)
PRESSOFFICE_ALERTS_SIGNUPS_PER_CLIENT = (20, 3600)
PRESSOFFICE_ALERTS_MESSAGE_ID_DOMAIN = SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
