"""The editorial roles are Django groups; this is what each may do."""

from django.contrib.auth.models import Group, Permission

WRITER, TRANSLATOR, EDITOR = "Writer", "Translator", "Editor"

_BASE = [
    "view_release", "view_edition", "view_speaker", "view_programme", "view_organisation",
    "view_appointment", "view_attachment", "view_correction", "view_auditentry",
    "change_edition",
]
ROLE_PERMISSIONS = {
    WRITER: _BASE + [
        "add_release", "change_release", "add_edition", "edit_source_edition", "delete_edition",
        "add_attachment", "change_attachment", "delete_attachment",
    ],
    TRANSLATOR: _BASE + ["change_attachment"],
    EDITOR: _BASE + [
        "add_release", "change_release", "add_edition", "edit_source_edition", "delete_edition",
        "publish_edition", "add_attachment", "change_attachment", "delete_attachment",
        "add_speaker", "change_speaker", "add_appointment", "change_appointment", "delete_appointment",
        "add_programme", "change_programme", "add_organisation", "change_organisation",
        "add_correction", "change_correction",
        # About and Contact: standing pages that editors keep up to date.
        "view_page", "add_page", "change_page",
        # Email alerts: look at subscribers and the delivery log, export, suppress, delete, retry.
        "view_subscriber", "change_subscriber", "delete_subscriber", "export_subscriber", "view_scope",
        "view_delivery", "change_delivery",
    ],
}


def ensure_roles():
    """Create or update the three groups. Idempotent."""
    groups = {}
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(content_type__app_label="releases", codename__in=codenames)
        group.permissions.set(permissions)
        groups[name] = group
    return groups
