"""PostgreSQL: the search vector also holds the lexeme `@<language>`, so the GIN index narrows by language.

Without it, an Arabic search for a word that half the English documents hold
read every one of those rows to check its language (see `PostgreSQLBackend`).
Nothing changes on SQLite, where FTS5 has the language as a column of its own.
"""

from django.db import migrations

VECTOR = """ALTER TABLE releases_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', headline_terms), 'A')
    || setweight(to_tsvector('simple', entity_terms), 'B')
    || setweight(to_tsvector('simple', body_terms), 'D'){language}) STORED"""
INDEX = "CREATE INDEX releases_searchdocument_vector ON releases_searchdocument USING gin (vector)"
DROP = ["DROP INDEX IF EXISTS releases_searchdocument_vector",
        "ALTER TABLE releases_searchdocument DROP COLUMN IF EXISTS vector"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("releases", "0010_notifications"),
    ]

    operations = [
        migrations.RunPython(
            _run([*DROP, VECTOR.format(language="\n    || array_to_tsvector(ARRAY['@' || language])"), INDEX]),
            _run([*DROP, VECTOR.format(language=""), INDEX]),
        ),
    ]
