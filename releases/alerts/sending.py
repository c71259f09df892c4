"""Sending what the planner decided, over SMTP, exactly once where SMTP allows it.

A worker claims a batch of due deliveries with one conditional UPDATE, so two
workers never claim the same row, on SQLite or PostgreSQL. Each message's
"sent" is committed the moment the server accepts it. When the server is down
or answers 4xx, the message goes back to pending with a growing delay; a 5xx
for a recipient fails that message alone. The one window no mail system can
close is a crash after the server accepted a message and before "sent" was
written: such a claim expires after PRESSOFFICE_ALERTS_LEASE and is sent again
with the same Message-ID, so that the receiving side can recognise the repeat.
"""

import datetime
import logging
import smtplib
import uuid
from collections import Counter

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.message import sanitize_address
from django.db.models import F, Min
from django.utils import timezone

from releases.models import Delivery

from .messages import content_for, message_for

logger = logging.getLogger(__name__)
Status = Delivery.Status


class ServerUnavailable(Exception):
    """The connection itself failed: nothing more can be sent in this batch."""


def _is_permanent(error):
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _msg in error.recipients.values())
    if isinstance(error, (smtplib.SMTPDataError, smtplib.SMTPResponseException)) and not isinstance(
        error, smtplib.SMTPSenderRefused
    ):
        return error.smtp_code >= 500
    return False


def _describe(error):
    return f"{type(error).__name__}: {error}"[:1000]


def retry_delay(attempts):
    """Seconds before the next try after `attempts` failed ones, or None when it is time to give up."""
    delays = settings.PRESSOFFICE_ALERTS_RETRY_DELAYS
    return delays[attempts - 1] if attempts <= len(delays) else None


def send_or_retry(message, *, task, attempt, what, **arguments):
    """Send one message now; after a temporary failure, queue `task` again (with `arguments` and the
    next attempt) after the configured delay. Returns "sent" or "retrying"; the last failure raises."""
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        delay = retry_delay(attempt)
        if delay is None:
            raise
        logger.warning("%s not sent (%s); retrying in %ss.", what, error, delay)
        task.using(run_after=timezone.now() + datetime.timedelta(seconds=delay)).enqueue(
            attempt=attempt + 1, **arguments)
        return "retrying"
    return "sent"


def _failed(delivery, error, now, *, permanent):
    attempts = delivery.attempts + 1
    delay = None if permanent else retry_delay(attempts)
    fields = {"attempts": attempts, "last_error": _describe(error), "claimed_by": "", "claimed_at": None}
    if delay is None:
        fields["status"] = Status.FAILED
    else:
        fields.update(status=Status.PENDING, next_attempt_at=now + datetime.timedelta(seconds=delay))
    Delivery.objects.filter(pk=delivery.pk, claimed_by=delivery.claimed_by).update(**fields)
    return fields["status"]


def reclaim_expired(*, now):
    """Claims older than the lease belong to a worker that died: they are due again."""
    expired = now - datetime.timedelta(seconds=settings.PRESSOFFICE_ALERTS_LEASE)
    return Delivery.objects.filter(status=Status.SENDING, claimed_at__lt=expired).update(
        status=Status.PENDING, claimed_by="", claimed_at=None, next_attempt_at=now,
        last_error="Interrupted while sending; sent again with the same Message-ID.",
    )


def due_ids(*, now, limit):
    due = Delivery.objects.filter(status=Status.PENDING, next_attempt_at__lte=now).order_by("next_attempt_at", "pk")
    return list(due.values_list("pk", flat=True)[:limit])


def take(ids, *, now, worker):
    """Claim those of `ids` that are still pending; another worker may have taken some since they were read."""
    if not ids:
        return []
    Delivery.objects.filter(pk__in=ids, status=Status.PENDING).update(
        status=Status.SENDING, claimed_by=worker, claimed_at=now
    )
    return list(
        Delivery.objects.filter(pk__in=ids, status=Status.SENDING, claimed_by=worker)
        .select_related("release", "subscriber", "correction").order_by("pk")
    )


def claim(*, now, worker, limit):
    return take(due_ids(now=now, limit=limit), now=now, worker=worker)


def _subscriber_wants(delivery):
    subscriber = delivery.subscriber
    return bool(subscriber.confirmed_at and not subscriber.suppressed_at and delivery.language in subscriber.language_codes)


def _send_batch(batch, connection, now, counts):
    contents = {}
    for position, delivery in enumerate(batch):
        group = (delivery.release_id, delivery.language, delivery.kind, delivery.correction_id)
        if group not in contents:
            contents[group] = content_for(delivery, now=now)
        content = contents[group]
        if content is None or not _subscriber_wants(delivery):
            Delivery.objects.filter(pk=delivery.pk, claimed_by=delivery.claimed_by).update(
                status=Status.CANCELLED, claimed_by="", claimed_at=None)
            counts[Status.CANCELLED] += 1
            continue
        try:
            sanitize_address(delivery.subscriber.email, "utf-8")  # an address that can't be encoded fails alone, for good
            message = message_for(delivery, content, connection=connection)
        except (ValueError, UnicodeError) as error:
            counts[_failed(delivery, error, now, permanent=True)] += 1
            continue
        try:
            connection.send_messages([message])
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as error:
            # The server answered, about this message: the connection is still good for the next one.
            counts[_failed(delivery, error, now, permanent=_is_permanent(error))] += 1
            continue
        except OSError as error:  # refused, reset, timed out, disconnected (SMTPException is an OSError)
            for unsent in batch[position:]:
                counts[_failed(unsent, error, now, permanent=False)] += 1
            raise ServerUnavailable(error) from error
        Delivery.objects.filter(pk=delivery.pk, claimed_by=delivery.claimed_by).update(
            status=Status.SENT, sent_at=timezone.now(), attempts=F("attempts") + 1,
            edition=content.edition, claimed_by="", claimed_at=None, last_error="",
        )
        counts[Status.SENT] += 1


def deliveries_send_due(*, now=None, limit=None):
    """Send every due delivery, batch by batch. Returns counts by outcome."""
    worker = uuid.uuid4().hex
    counts = Counter()
    reclaim_expired(now=now or timezone.now())
    connection = None
    try:
        while limit is None or sum(counts.values()) < limit:
            moment = now or timezone.now()
            batch = claim(now=moment, worker=worker, limit=settings.PRESSOFFICE_ALERTS_BATCH_SIZE)
            if not batch:
                break
            if connection is None:
                connection = get_connection()
                try:
                    connection.open()
                except OSError as error:
                    for delivery in batch:
                        counts[_failed(delivery, error, moment, permanent=False)] += 1
                    connection = None
                    break
            try:
                _send_batch(batch, connection, moment, counts)
            except ServerUnavailable:
                logger.warning("Mail server unavailable; alerts will be retried.", exc_info=True)
                break
    finally:
        if connection is not None:
            try:
                connection.close()
            except Exception:  # the server may already have gone
                pass
    return counts


def next_retry_at():
    return Delivery.objects.filter(status=Status.PENDING).aggregate(at=Min("next_attempt_at"))["at"]
