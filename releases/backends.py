from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from .demo_content import ACCOUNTS

DEMO_CREDENTIALS = {(username, password) for username, _role, password in ACCOUNTS}


class NoDemoPasswordsBackend(ModelBackend):
    """The demo accounts' published passwords work only in DEBUG, even if a demo database is deployed."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not settings.DEBUG and (username, password) in DEMO_CREDENTIALS:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
