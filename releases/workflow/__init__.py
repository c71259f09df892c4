"""The one path for every change to an edition: its text (`edits`) and its state (`transitions`).

Who may do what is in `rules`; the row lock and the version check in `common`.
"""

from .batch import NewRelease, edition_create_many
from .common import Conflict, parse_version
from .edits import edition_create, edition_delete, edition_update, release_update
from .rules import PUBLISH_PERMISSION, SOURCE_PERMISSION, available_actions
from .transitions import (
    edition_mark_reviewed,
    edition_mark_translated,
    edition_publish,
    edition_recall,
    edition_restore,
    edition_return,
    edition_revoke_previews,
    edition_schedule,
    edition_start_new,
    edition_submit,
    edition_unschedule,
    publish_due,
    release_withdraw,
)

__all__ = [
    "Conflict", "NewRelease", "PUBLISH_PERMISSION", "SOURCE_PERMISSION", "available_actions", "edition_create",
    "edition_create_many", "edition_delete", "edition_mark_reviewed", "edition_mark_translated", "edition_publish", "edition_recall",
    "edition_restore", "edition_return", "edition_revoke_previews", "edition_schedule", "edition_start_new",
    "edition_submit", "edition_unschedule", "edition_update", "parse_version", "publish_due", "release_update",
    "release_withdraw",
]
