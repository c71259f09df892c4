"""The emails themselves: plain text and simple HTML, in one language each.

A group of deliveries (same release, language and kind of send) shares one
rendering; only the subscriber's own link differs, and is put in last.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _, pgettext

from releases.dates import localise_digits

from releases.dates import format_day
from releases.models import Delivery, Release
from releases.sanitise import html_to_text, sanitise_html
from releases.templatetags.press import dateline

from .tokens import manage_token

PLACEHOLDER = "@@TOKEN@@"


def absolute(path):
    return settings.SITE_URL + path


def link(name, language, token=PLACEHOLDER):
    with translation.override(language):
        return absolute(reverse(f"releases:alerts:{name}", kwargs={"token": token}))


EMAIL_SUMMARY_TAGS = {"p", "br", "strong", "b", "em", "i"}


@dataclass
class Content:
    subject: str
    text: str
    html: str
    edition: object
    unsubscribe_url: str


def _subject(kind, correction, headline):
    if kind == Delivery.Kind.WITHDRAWAL:
        return _("Withdrawn: %(headline)s") % {"headline": headline}
    if kind == Delivery.Kind.CORRECTION:
        template = _("Correction: %(headline)s") if correction.kind == "correction" else _("Update: %(headline)s")
        return template % {"headline": headline}
    return headline


def content_for(delivery, *, now):
    """What a delivery says, or None when it must no longer be sent (not public, or withdrawn since)."""
    release, language, kind = delivery.release, delivery.language, delivery.kind
    if kind == Delivery.Kind.WITHDRAWAL:
        if not release.withdrawn_at:
            return None
        edition = release.public_edition(now)
    else:
        if not Release.objects.published(now).in_language(language, now).filter(pk=release.pk).exists():
            return None
        edition = release.public_edition(now)
    if edition is None:
        return None
    correction = delivery.correction
    with translation.override(language):
        headline = getattr(edition, f"headline_{language}") or edition.headline
        context = {
            "kind": kind, "language": language, "direction": "rtl" if translation.get_language_bidi() else "ltr",
            "headline": headline, "dateline": dateline(edition), "summary": html_to_text(getattr(edition, f"summary_{language}"), "\n\n"),
            # Emphasis kept, links dropped (their words stay): every link in our emails goes to our site.
            "summary_html": sanitise_html(getattr(edition, f"summary_{language}") or "", EMAIL_SUMMARY_TAGS),
            "url": absolute(release.get_absolute_url()),
            "correction": correction,
            "correction_heading": pgettext("list separator", ", ").join(
                [str(correction.get_kind_display()), format_day(timezone.localtime(correction.published_at).date())]
            ) if correction else "",
            "correction_note": getattr(correction, f"note_{language}", "") if correction else "",
            "withdrawal_notice": getattr(release, f"withdrawal_notice_{language}", ""),
            "manage_url": link("manage", language), "unsubscribe_url": link("unsubscribe", language),
        }
        return Content(
            subject=_subject(kind, correction, headline),
            text=render_to_string("releases/alerts/email/release.txt", context),
            html=render_to_string("releases/alerts/email/release.html", context),
            edition=edition,
            unsubscribe_url=context["unsubscribe_url"],
        )


def message_for(delivery, content, *, connection=None):
    token = manage_token(delivery.subscriber)
    message = EmailMultiAlternatives(
        subject=content.subject, body=content.text.replace(PLACEHOLDER, token),
        to=[delivery.subscriber.email], connection=connection,
        headers={
            "Message-ID": delivery.message_id,
            "List-Unsubscribe": f"<{content.unsubscribe_url.replace(PLACEHOLDER, token)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"<alerts.{settings.PRESSOFFICE_ALERTS_MESSAGE_ID_DOMAIN}>",
            "Content-Language": delivery.language,
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(content.html.replace(PLACEHOLDER, token), "text/html")
    return message


def confirmation_message(*, email, token, language, languages, scope_text, connection=None):
    with translation.override(language):
        names = dict(settings.LANGUAGES)
        context = {
            "language": language, "direction": "rtl" if translation.get_language_bidi() else "ltr",
            "url": link("confirm", language, token), "scope": scope_text,
            "languages": pgettext("list separator", ", ").join(str(names[code]) for code in languages if code in names),
            "days": settings.PRESSOFFICE_ALERTS_CONFIRM_MAX_AGE // 86400,
        }
        context["days_shown"] = localise_digits(context["days"], language)
        message = EmailMultiAlternatives(
            subject=_("Confirm your email alerts from the Media Office"),
            body=render_to_string("releases/alerts/email/confirm.txt", context),
            to=[email], connection=connection,
            headers={"Content-Language": language, "Auto-Submitted": "auto-generated"},
        )
        message.attach_alternative(render_to_string("releases/alerts/email/confirm.html", context), "text/html")
    return message
