"""The subscription pages. Each is a thin layer over the services in `subscriptions`.

The sign-up form sits on publicly cached pages, so it carries no CSRF token:
a forged sign-up can do no more than anyone can, and double opt-in stops it.
The pages behind signed links are private, never cached and never indexed.
"""

from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import scopes, subscriptions
from .forms import ManageForm, SubscribeForm, scope_options
from .tokens import manage_token, read_confirm_token, subscriber_from_token


def _page(request, template, context=None, status=200):
    # The footer's sign-up form would only repeat these pages' own forms.
    return render(request, f"releases/alerts/{template}", {"alerts_page": True, **(context or {})}, status=status)


def _private(response):
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"  # the token is in the address
    return response


def _subscribe_page(request, form, status=200, refused=False):
    return _page(request, "subscribe.html", {
        "form": form, "scope_groups": scope_options(full=True), "refused": refused,
    }, status=status)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "GET":
        form = SubscribeForm(initial={"languages": [translation.get_language()], "scope": request.GET.get("scope", "all")[:250]})
        response = _subscribe_page(request, form)
        patch_cache_control(response, public=True, max_age=60)
        return response
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return _private(_subscribe_page(request, form, status=400))
    try:
        subscriptions.subscription_request(
            email=form.cleaned_data["email"], languages=form.cleaned_data["languages"],
            scope_key=form.cleaned_data["scope"], client=request.META.get("REMOTE_ADDR", ""),
            language=translation.get_language(),
        )
    except subscriptions.TooManySignups:
        return _private(_subscribe_page(request, form, status=429, refused=True))
    return redirect("releases:alerts:requested")


def requested(request):
    response = _page(request, "requested.html")
    patch_cache_control(response, public=True, max_age=60)
    return response


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    data = read_confirm_token(token)
    if data is None:
        return _private(_page(request, "link_invalid.html", status=404))
    context = {"email": data["e"], "scope": scopes.describe(data["s"]), "languages": data["l"]}
    if request.method == "GET":
        return _private(_page(request, "confirm.html", context))
    subscriber = subscriptions.subscriber_confirm(email=data["e"], languages=data["l"], scope_key=data["s"])
    if subscriber is None:
        return _private(_page(request, "suppressed.html", status=403))
    context["manage_token"] = manage_token(subscriber)
    return _private(_page(request, "confirmed.html", context))


@require_http_methods(["GET", "POST"])
def manage(request, token):
    subscriber = subscriber_from_token(token)
    if subscriber is None:
        return _private(_page(request, "link_invalid.html", status=404))
    if request.method == "POST" and "cancel" in request.POST:
        subscriptions.subscriber_cancel(subscriber=subscriber)
        return _private(_page(request, "unsubscribed.html"))
    initial = {"languages": subscriber.language_codes, "scopes": [s.pk for s in subscriber.scopes.all()]}
    form = ManageForm(request.POST or None, subscriber=subscriber, initial=initial)
    saved = False
    if request.method == "POST" and form.is_valid():
        kept = subscriptions.subscriber_update(
            subscriber=subscriber, languages=form.cleaned_data["languages"], scope_ids=form.cleaned_data["scopes"]
        )
        if kept is None:
            return _private(_page(request, "unsubscribed.html"))
        form = ManageForm(subscriber=kept, initial={"languages": kept.language_codes, "scopes": form.cleaned_data["scopes"]})
        saved = True
    return _private(_page(request, "manage.html", {
        "form": form, "subscriber": subscriber, "token": token, "saved": saved,
    }))


@csrf_exempt  # RFC 8058: the mail client posts "List-Unsubscribe=One-Click" with no cookies and no token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscriber = subscriber_from_token(token)
    if request.method == "GET":
        if subscriber is None:
            return _private(_page(request, "link_invalid.html", status=404))
        return _private(_page(request, "unsubscribe.html", {"subscriber": subscriber}))
    if subscriber is not None:
        subscriptions.subscriber_cancel(subscriber=subscriber)
    # Unsubscribing twice is not an error: the address gets no more alerts either way.
    return _private(_page(request, "unsubscribed.html"))

