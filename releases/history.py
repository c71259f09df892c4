"""The audit trail in words, in the reader's language: "Layla submitted edition 2 for review."

The trail stores codes (action, from and to state) so that it reads the same in
every language; it is put into words only when shown. Names are isolated
(<bdi> in HTML, Unicode isolates in plain text), since an Arabic sentence may
name a person in Latin letters and the other way round.
"""

from django.utils.html import format_html
from django.utils.translation import gettext as _, gettext_lazy

from .digits import localise_digits
from .states import State

# The system acting alone: `publish_scheduled`, or a command run without a user.
SENTENCES = {
    "create": gettext_lazy("%(who)s created edition %(number)s."),
    "edit": gettext_lazy("%(who)s changed edition %(number)s."),
    "import": gettext_lazy("%(who)s imported edition %(number)s."),
    "import_translation": gettext_lazy("%(who)s imported the English of edition %(number)s."),
    "submit": gettext_lazy("%(who)s submitted edition %(number)s for review."),
    "recall": gettext_lazy("%(who)s took edition %(number)s back to the drafts."),
    "return": gettext_lazy("%(who)s returned edition %(number)s to the writer."),
    "translated": gettext_lazy("%(who)s marked the translation of edition %(number)s ready."),
    "publish": gettext_lazy("%(who)s published edition %(number)s."),
    "force_publish": gettext_lazy("%(who)s force published edition %(number)s."),
    "schedule": gettext_lazy("%(who)s scheduled edition %(number)s."),
    "force_schedule": gettext_lazy("%(who)s force scheduled edition %(number)s."),
    "unschedule": gettext_lazy("%(who)s unscheduled edition %(number)s."),
    "publish_scheduled": gettext_lazy("Edition %(number)s went public at its scheduled time."),
    "supersede": gettext_lazy("Edition %(number)s was replaced by a newer edition."),
    "withdraw": gettext_lazy("%(who)s withdrew the release."),
    "new_edition": gettext_lazy("%(who)s started edition %(number)s."),
    "restore": gettext_lazy("%(who)s restored an old text as edition %(number)s."),
    "mark_reviewed": gettext_lazy("%(who)s reviewed force-published edition %(number)s."),
    "revoke_previews": gettext_lazy("%(who)s revoked the preview links of edition %(number)s."),
    "delete": gettext_lazy("%(who)s deleted draft edition %(number)s."),
    "release_change": gettext_lazy("%(who)s changed the kind or address of the release."),
    "duplicate_import": gettext_lazy("A duplicate import of this release was found and merged."),
    "login": gettext_lazy("%(who)s logged in."),
    "login_failed": gettext_lazy("A login as %(who)s failed."),
    "lockout": gettext_lazy("%(who)s was locked out after too many failed logins."),
    "unlock": gettext_lazy("%(who)s was unlocked."),
    "otp_enrolled": gettext_lazy("%(who)s set up two-factor authentication."),
    "otp_removed": gettext_lazy("A two-factor device of %(who)s was removed."),
    "recovery_code_used": gettext_lazy("%(who)s logged in with a recovery code."),
    "recovery_codes_replaced": gettext_lazy("%(who)s got new recovery codes."),
}
# The audit list's filter: each action by name.
ACTION_NAMES = {
    "create": gettext_lazy("Created"), "edit": gettext_lazy("Changed"), "import": gettext_lazy("Imported"),
    "import_translation": gettext_lazy("English imported"), "submit": gettext_lazy("Submitted for review"),
    "recall": gettext_lazy("Taken back to drafts"), "return": gettext_lazy("Returned to the writer"),
    "translated": gettext_lazy("Translation ready"), "publish": gettext_lazy("Published"),
    "schedule": gettext_lazy("Scheduled"), "unschedule": gettext_lazy("Unscheduled"),
    "publish_scheduled": gettext_lazy("Went public at its time"), "supersede": gettext_lazy("Superseded"),
    "withdraw": gettext_lazy("Withdrawn"), "new_edition": gettext_lazy("New edition"),
    "restore": gettext_lazy("Restored"), "mark_reviewed": gettext_lazy("Reviewed after force publishing"),
    "revoke_previews": gettext_lazy("Preview links revoked"), "delete": gettext_lazy("Draft deleted"),
    "release_change": gettext_lazy("Kind or address changed"), "duplicate_import": gettext_lazy("Duplicate import"),
    "login": gettext_lazy("Logged in"), "login_failed": gettext_lazy("Failed login"),
    "lockout": gettext_lazy("Locked out"), "unlock": gettext_lazy("Unlocked"),
    "otp_enrolled": gettext_lazy("Two-factor set up"), "otp_removed": gettext_lazy("Two-factor device removed"),
    "recovery_code_used": gettext_lazy("Recovery code used"),
    "recovery_codes_replaced": gettext_lazy("Recovery codes replaced"),
}
FALLBACK = gettext_lazy("%(who)s: %(action)s, edition %(number)s (%(from)s → %(to)s).")
ACCOUNT_ACTIONS = {"login", "login_failed", "lockout", "unlock", "otp_enrolled", "otp_removed",
                   "recovery_code_used", "recovery_codes_replaced"}
FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"


def person(user):
    """How the desk names a colleague: their full name, else their user name."""
    if user is None:
        return _("The system")
    return user.get_full_name() or user.get_username()


def state_label(code):
    if code == "withdrawn":
        return _("Withdrawn")
    try:
        return State(code).label
    except ValueError:
        return code or "·"


def _action(entry):
    # Only a forced publication or schedule carries a reason (the one the editor gave).
    if entry.action in ("publish", "schedule") and entry.reason:
        return f"force_{entry.action}"
    return entry.action


def describe(entry, *, html=True):
    """One audit entry as a sentence in the active language; HTML with the name in <bdi>, or plain text."""
    action = _action(entry)
    who = person(entry.user) if entry.user_id or action not in ACCOUNT_ACTIONS else entry.subject or "?"
    number = localise_digits(entry.edition_number) if entry.edition_number else "·"
    template = SENTENCES.get(action, FALLBACK)
    values = {"number": number, "action": action, "from": state_label(entry.from_state),
              "to": state_label(entry.to_state)}
    if html:
        # The sentence is translated text; only the name and the number are values, each escaped.
        return format_html(str(template).replace("%(who)s", "{who}").replace("%(number)s", "{number}")
                           .replace("%(action)s", "{action}").replace("%(from)s", "{frm}").replace("%(to)s", "{to}"),
                           who=format_html("<bdi>{}</bdi>", who), number=number, action=action,
                           frm=values["from"], to=values["to"])
    return str(template) % {**values, "who": f"{FIRST_STRONG_ISOLATE}{who}{POP_DIRECTIONAL_ISOLATE}"}


def _field_label(name):
    from django.conf import settings
    from django.core.exceptions import FieldDoesNotExist

    from .models import Edition

    if name == "attachments":
        return str(Edition._meta.get_field("attachments").related_model._meta.verbose_name_plural)
    languages = dict(settings.LANGUAGES)
    base, _sep, language = name.rpartition("_")
    try:
        if base and language in languages:
            return _("%(field)s (%(language)s)") % {"field": Edition._meta.get_field(base).verbose_name,
                                                    "language": languages[language]}
        return str(Edition._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def reason(entry):
    """The entry's reason; an edit's list of changed columns becomes the fields' names in this language."""
    if entry.action == "edit" and entry.reason:
        from django.utils.text import get_text_list

        return get_text_list([_field_label(name.strip()) for name in entry.reason.split(",")], _("and"))
    return entry.reason
