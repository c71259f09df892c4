"""Each role's queue on the admin home: what is waiting for this person now.

Every queue is a queryset built from `EditionQuerySet`'s own methods (open,
incomplete_in, stale_in, upcoming, overdue, awaiting_second_look) and the
states in `releases.states`; who sees which queue follows the permissions that
`workflow.rules` checks. The edition list's "Queue" filter uses the same
querysets, so a queue's count and its "see all" list always agree.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import admin
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy

from .models import AuditEntry, Edition
from .models.querysets import translation_languages
from .states import EDITABLE_STATES, State
from .workflow import rules

SHOWN = 8  # items listed per queue; the count and "see all" give the rest
# The audit actions that move an edition between a writer and the review.
HANDBACK_ACTIONS = ("submit", "recall", "return")


def _language_name(code):
    return str(dict(settings.LANGUAGES)[code])


def _returned(user):
    last = AuditEntry.objects.filter(edition=OuterRef("pk"), action__in=HANDBACK_ACTIONS).order_by("-at", "-pk")
    return (Edition.objects.filter(state=State.DRAFT).filter(Q(author=user) | Q(submitted_by=user))
            .annotate(last_handback=Subquery(last.values("action")[:1]),
                      return_comment=Subquery(last.values("reason")[:1]))
            .filter(last_handback="return"))


def _stale(language):
    """Open editions with stale translations, and live ones that nobody has started a new edition of."""
    has_open = Edition.objects.filter(release=OuterRef("release"), state__in=EDITABLE_STATES)
    live = Q(pk=F("release__live_edition"), release__withdrawn_at__isnull=True) & ~Q(Exists(has_open))
    return Edition.objects.stale_in(language).filter(Q(state__in=EDITABLE_STATES) | live)


def _queues():
    """(key, title, who sees it, the queryset for a user, the time to show, ordering)."""
    editor = rules.is_editor

    def writer(user):
        return user.has_perm(rules.SOURCE_PERMISSION) and user.has_perm(rules.CHANGE_PERMISSION)

    def translator(user):
        return user.has_perm(rules.CHANGE_PERMISSION) and not user.has_perm(rules.SOURCE_PERMISSION)

    queues = [
        ("review", gettext_lazy("Waiting for review"), editor,
         lambda user, now: Edition.objects.filter(state=State.IN_REVIEW), "submitted_at", ("submitted_at", "pk")),
        ("overdue", gettext_lazy("Overdue"), editor,
         lambda user, now: Edition.objects.overdue(now), "published_at", ("published_at", "pk")),
        ("scheduled", gettext_lazy("Scheduled"), editor,
         lambda user, now: Edition.objects.upcoming(now), "published_at", ("published_at", "pk")),
        ("second_look", gettext_lazy("Force published, awaiting a second look"), editor,
         lambda user, now: Edition.objects.awaiting_second_look(), "published_at", ("-published_at", "-pk")),
    ]
    for code in translation_languages():
        name = _language_name(code)
        queues.append((f"stale_{code}", gettext_lazy("Stale %(language)s") % {"language": name}, editor,
                       lambda user, now, code=code: _stale(code), "updated_at", ("-updated_at", "-pk")))
    queues += [
        ("returned", gettext_lazy("Came back to me"), writer,
         lambda user, now: _returned(user), "updated_at", ("-updated_at", "-pk")),
        ("mine", gettext_lazy("My drafts"), writer,
         lambda user, now: Edition.objects.filter(state=State.DRAFT, author=user)
         .exclude(pk__in=_returned(user).values("pk")), "updated_at", ("-updated_at", "-pk")),
    ]
    for code in translation_languages():
        name = _language_name(code)
        queues += [
            (f"translate_{code}", gettext_lazy("Waiting for %(language)s") % {"language": name}, translator,
             lambda user, now, code=code: Edition.objects.open().incomplete_in(code), "updated_at",
             ("-updated_at", "-pk")),
            (f"translator_stale_{code}", gettext_lazy("Stale %(language)s") % {"language": name}, translator,
             lambda user, now, code=code: _stale(code), "updated_at", ("-updated_at", "-pk")),
        ]
    return queues


@dataclass
class Queue:
    key: str
    title: str
    count: int
    editions: list
    time_field: str
    url: str
    more: int = field(default=0)

    @property
    def time_label(self):
        return {"submitted_at": _("submitted"), "published_at": _("public from"),
                "updated_at": _("changed")}.get(self.time_field, "")


def queue_queryset(key, user, now=None):
    """The queryset of queue `key` as `user` sees it, or None if there is no such queue for them."""
    for name, _title, sees, build, _time, ordering in _queues():
        if name == key and sees(user):
            return build(user, now or timezone.now()).order_by(*ordering)
    return None


def queues_for(user, now=None):
    """The queues this person sees on the admin home, each with its count and first editions."""
    now = now or timezone.now()
    changelist = reverse("admin:releases_edition_changelist")
    result = []
    for key, title, sees, build, time_field, ordering in _queues():
        if not sees(user):
            continue
        queryset = build(user, now).select_related("release", "author", "submitted_by").order_by(*ordering)
        if key == "second_look":
            # Only another editor can give the second look: show this person the ones they can.
            editions = [e for e in queryset if rules.allows(rules.check_mark_reviewed, user, e)]
            count = len(editions)
            editions = editions[:SHOWN]
        else:
            editions = list(queryset[:SHOWN])
            count = len(editions) if len(editions) < SHOWN else queryset.count()
        result.append(Queue(key=key, title=str(title), count=count, editions=editions, time_field=time_field,
                            url=f"{changelist}?queue={key}", more=max(count - len(editions), 0)))
    return result


class QueueFilter(admin.SimpleListFilter):
    """The edition list shows one queue whole: "see all" on the admin home links here."""

    title = gettext_lazy("queue")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [(key, title) for key, title, sees, *_rest in _queues() if sees(request.user)]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        chosen = queue_queryset(self.value(), request.user)
        if chosen is None:
            return queryset.none()
        return queryset.filter(pk__in=chosen.values("pk"))
