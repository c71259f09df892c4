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
# Editions that can still be edited; a published one never changes again.
EDITABLE_STATES = (State.DRAFT, State.IN_REVIEW)
