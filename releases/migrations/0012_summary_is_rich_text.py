"""Summaries become rich text (paragraphs, emphasis, links), like the body.

Every summary stored so far was plain text, shown escaped: each becomes escaped
paragraphs, so it reads exactly as before, "<" and ">" included. The Arabic that a
translation was made from (`translation_basis`) is converted the same way, so no
translation turns stale because of the new format.
"""

from django.conf import settings
from django.db import migrations

import releases.fields

from releases.sanitise import html_to_text, text_to_paragraphs


def _convert(apps, convert):
    Edition = apps.get_model("releases", "Edition")
    columns = [f"summary_{code}" for code, _name in settings.LANGUAGES]
    batch = []
    for edition in Edition.objects.only("id", "translation_basis", *columns).iterator(chunk_size=500):
        for column in columns:
            value = getattr(edition, column)
            if value:
                setattr(edition, column, convert(value))
        for basis in (edition.translation_basis or {}).values():
            if isinstance(basis, dict) and basis.get("summary"):
                basis["summary"] = convert(basis["summary"])
        batch.append(edition)
        if len(batch) == 500:
            Edition.objects.bulk_update(batch, [*columns, "translation_basis"])
            batch = []
    if batch:
        Edition.objects.bulk_update(batch, [*columns, "translation_basis"])


def to_rich_text(apps, schema_editor):
    _convert(apps, text_to_paragraphs)


def to_plain_text(apps, schema_editor):
    _convert(apps, lambda value: html_to_text(value, "\n\n"))


class Migration(migrations.Migration):

    dependencies = [
        ("releases", "0011_search_language_in_vector"),
    ]

    operations = [
        migrations.AlterField(
            model_name='edition',
            name='summary',
            field=releases.fields.PublicTextField(blank=True, help_text='One or two sentences under the headline, also used in search results, feeds and alerts. Bold, italic and links only.', verbose_name='summary'),
        ),
        migrations.AlterField(
            model_name='edition',
            name='summary_ar',
            field=releases.fields.PublicTextField(blank=True, help_text='One or two sentences under the headline, also used in search results, feeds and alerts. Bold, italic and links only.', null=True, verbose_name='summary'),
        ),
        migrations.AlterField(
            model_name='edition',
            name='summary_en',
            field=releases.fields.PublicTextField(blank=True, help_text='One or two sentences under the headline, also used in search results, feeds and alerts. Bold, italic and links only.', null=True, verbose_name='summary'),
        ),
        migrations.RunPython(to_rich_text, to_plain_text),
    ]
