"""Handoffs: when an edition changes hands, the next person is told, in the admin and by email.

`events.handoff()` calls `notify()` inside the transition's transaction, with its
audit entry, so a notification exists exactly when its transition does. Emails
are queued once the transaction has committed, through the task queue that the
alerts use, and only when the site has a real mail server
(`PRESSOFFICE_HANDOFF_EMAILS`, on when an `EMAIL_*` variable is set).
"""

import logging
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext as _, gettext_lazy
from django_tasks import task

from .history import FIRST_STRONG_ISOLATE as FSI, POP_DIRECTIONAL_ISOLATE as PDI, person
from .models import AuditEntry, Notification
from .workflow.rules import PUBLISH_PERMISSION

logger = logging.getLogger(__name__)
Kind = Notification.Kind
# The audit actions that hand an edition to someone else, and what the notification is called.
HANDOFFS = {"submit": Kind.SUBMITTED, "return": Kind.RETURNED, "translated": Kind.TRANSLATED,
            "publish": Kind.PUBLISHED, "schedule": Kind.SCHEDULED}
SENTENCES = {
    Kind.SUBMITTED: gettext_lazy("%(who)s submitted “%(headline)s” for review."),
    Kind.RETURNED: gettext_lazy("%(who)s returned “%(headline)s” to you."),
    Kind.TRANSLATED: gettext_lazy("%(who)s marked the translation of “%(headline)s” ready."),
    Kind.PUBLISHED: gettext_lazy("%(who)s published “%(headline)s”."),
    Kind.SCHEDULED: gettext_lazy("%(who)s scheduled “%(headline)s”."),
}


def editors():
    """Everyone who may publish: they review submissions and finished translations."""
    return get_user_model().objects.with_perm(
        PUBLISH_PERMISSION, include_superusers=False, backend="django.contrib.auth.backends.ModelBackend"
    ).filter(is_staff=True)


def _recipients(handoffs):
    """Who each (kind, edition, actor) in `handoffs` is handed to, never the person who acted.

    A few queries for them all, however many there are (a bulk publication).
    """
    to_editors = (Kind.SUBMITTED, Kind.TRANSLATED)
    going_public = (Kind.PUBLISHED, Kind.SCHEDULED)
    everyone = list(editors()) if any(kind in to_editors for kind, _edition, _actor in handoffs) else []
    # The translators who finished an edition hear that their English is out too.
    translators = defaultdict(set)
    public = [edition.pk for kind, edition, _actor in handoffs if kind in going_public]
    if public:
        for edition_id, user_id in (AuditEntry.objects.filter(edition_id__in=public, action="translated")
                                    .values_list("edition_id", "user_id")):
            translators[edition_id].add(user_id)
    named = [
        set() if kind in to_editors else ({edition.author_id, edition.submitted_by_id}
                                          | (translators[edition.pk] if kind in going_public else set())) - {None}
        for kind, edition, _actor in handoffs
    ]
    wanted = set().union(*named)
    people = {user.pk: user for user in get_user_model().objects.filter(pk__in=wanted, is_active=True)} if wanted else {}
    return [
        [user for user in (everyone if kind in to_editors else [people[pk] for pk in sorted(ids) if pk in people])
         if actor is None or user.pk != actor.pk]
        for (kind, _edition, actor), ids in zip(handoffs, named)
    ]


def recipients(kind, edition, actor):
    """Who the edition is handed to. Never the person who acted."""
    return _recipients([(kind, edition, actor)])[0]


def notify(entry):
    """Record the handoff that `entry` is, if it is one, for each person it goes to."""
    return notify_all([entry])


def notify_all(entries):
    """`notify()` for many audit entries at once (a bulk publication), in a few queries for them all."""
    handoffs = [(entry, HANDOFFS[entry.action]) for entry in entries
                if entry.action in HANDOFFS and entry.edition_id is not None]
    if not handoffs:
        return []
    people = _recipients([(kind, entry.edition, entry.user) for entry, kind in handoffs])
    made = Notification.objects.bulk_create([
        Notification(recipient=user, kind=kind, actor=entry.user, edition=entry.edition,
                     comment=entry.reason if kind == Kind.RETURNED else "")
        for (entry, kind), users in zip(handoffs, people) for user in users
    ])
    if made and settings.PRESSOFFICE_HANDOFF_EMAILS:
        ids = [notification.pk for notification in made if notification.recipient.email]
        transaction.on_commit(lambda: _queue_emails(ids))
    return made


def _queue_emails(ids):
    for pk in ids:
        try:
            send_handoff_email.enqueue(notification_id=pk)
        except Exception:  # the handoff happened, and the admin shows it; the email is a courtesy
            logger.exception("Could not queue the handoff email for notification %s.", pk)


def sentence(notification, *, html=True):
    """The notification in the active language."""
    template = str(SENTENCES[notification.kind])
    who, headline = person(notification.actor), notification.edition.headline or f"#{notification.edition.release_id}"
    if html:
        return format_html(template.replace("%(who)s", "{who}").replace("%(headline)s", "{headline}"),
                           who=format_html("<bdi>{}</bdi>", who), headline=format_html("<bdi>{}</bdi>", headline))
    return template % {"who": f"{FSI}{who}{PDI}", "headline": f"{FSI}{headline}{PDI}"}


def inbox(user, limit=10):
    """The person's unread notifications, newest first, with what their sentences need."""
    return list(Notification.objects.for_user(user).unread().select_related("actor", "edition")[:limit])


def mark_read(user, notification_id=None):
    notifications = Notification.objects.for_user(user).unread()
    if notification_id is not None:
        notifications = notifications.filter(pk=notification_id)
    return notifications.update(read_at=timezone.now())


def email_message(notification):
    """The email for one notification, in the office's language (the admin's default)."""
    with translation.override(settings.LANGUAGE_CODE):
        link = settings.SITE_URL + reverse("admin:releases_edition_change", args=[notification.edition_id])
        lines = [sentence(notification, html=False)]
        if notification.comment:
            lines += ["", _("Comment: %(comment)s") % {"comment": notification.comment}]
        lines += ["", _("Open the edition: %(link)s") % {"link": link}]
        subject = f"{notification.get_kind_display()}: {notification.edition.headline}"[:200]
    return EmailMessage(subject=subject.replace("\n", " "), body="\n".join(lines), to=[notification.recipient.email])


@task()
def send_handoff_email(notification_id, attempt=1):
    notification = (Notification.objects.select_related("recipient", "actor", "edition")
                    .filter(pk=notification_id).first())
    if notification is None or not notification.recipient.email:
        return "nothing to send"
    from .alerts.sending import send_or_retry

    return send_or_retry(email_message(notification), task=send_handoff_email, attempt=attempt, what="Handoff email",
                         notification_id=notification_id)
