"""gunicorn's configuration, the same in every deployment; the environment sets the numbers.

    gunicorn -c pressoffice/gunicorn.conf.py pressoffice.wsgi
"""

import os

import gunicorn.http.wsgi

# Listen where the reverse proxy expects us; never on a public interface by default.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then, so a slow leak never becomes an outage. Not every 2,000 requests:
# a worker answers cache hits at thousands a second, and each restart costs a fork and a cold start.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = max_requests // 10
# The proxy in front terminates TLS and sets X-Forwarded-Proto; trust it only from where it runs.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Load the app before forking, so a configuration error stops the start with its message.
preload_app = True
# Headers larger than this are refused before Django sees them.
limit_request_line = 8190
limit_request_field_size = 8190


_default_headers = gunicorn.http.wsgi.Response.default_headers


def _without_server_header(self):
    # gunicorn has no setting for it: don't tell every client which server and version we run.
    return [header for header in _default_headers(self) if not header.lower().startswith("server:")]


gunicorn.http.wsgi.Response.default_headers = _without_server_header
