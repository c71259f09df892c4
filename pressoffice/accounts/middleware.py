import time

from django.conf import settings

from django.shortcuts import redirect
from django.urls import reverse

from .otp import has_second_factor, needs_second_factor


SEEN_KEY = "staff_seen_minute"


def renew(session):
    """Saving the session moves its expiry to SESSION_COOKIE_AGE from now; once a minute is enough."""
    minute = int(time.time() // 60)
    if session.get(SEEN_KEY) != minute:
        session[SEEN_KEY] = minute


class StaffSessionMiddleware:
    """Staff sessions expire after SESSION_COOKIE_AGE without a request; each request renews them.

    And someone who must use a second factor but has none yet is sent to set
    one up before any other admin page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            # No session, no staff: and not touching the session keeps public pages free of
            # "Vary: Cookie", so that they can be cached.
            return self.get_response(request)
        user = request.user
        if user.is_authenticated:
            renew(request.session)
            if user.is_staff and needs_second_factor(request) and not has_second_factor(user):
                enrol = reverse("admin:two_factor")
                allowed = {enrol, reverse("admin:logout"), reverse("admin:login"), reverse("admin:jsi18n")}
                admin_root = reverse("admin:index")
                if request.path.startswith(admin_root) and request.path not in allowed:
                    return redirect(enrol)
        return self.get_response(request)
