"""The ceiling: the cheapest WSGI app there is, 8 KB of HTML, served by the same gunicorn.

No Django here, so it measures gunicorn, the network and the load generator alone.
"""

BODY = b"<!doctype html><title>ceiling</title>" + b"x" * (8192 - 37)
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
