from .alerts import Delivery, Scope, Subscriber
from .audit import AuditEntry
from .notifications import Notification
from .pages import Page
from .people import Appointment, Organisation, Speaker
from .programmes import Programme
from .releases import Attachment, Correction, Edition, Release
from .search import SearchDocument

__all__ = [
    "Appointment",
    "Attachment",
    "AuditEntry",
    "Correction",
    "Delivery",
    "Edition",
    "Notification",
    "Organisation",
    "Page",
    "Programme",
    "Release",
    "Scope",
    "SearchDocument",
    "Speaker",
    "Subscriber",
]
