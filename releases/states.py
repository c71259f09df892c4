from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


# A scheduled edition is public from its time on: the clock decides, not a process.
PUBLIC_STATES = (State.PUBLISHED, State.SCHEDULED)
# Editions that have gone public at their time. The newest by that time is the one the public
# sees; a superseded edition counts too, so that a reader whose clock reading came just before
# a publication still sees the edition that was current then, never nothing.
HAS_BEEN_PUBLIC_STATES = (*PUBLIC_STATES, State.SUPERSEDED)
# Editions that can still be edited; a published one never changes again.
EDITABLE_STATES = (State.DRAFT, State.IN_REVIEW)
