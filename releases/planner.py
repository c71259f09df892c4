"""What PostgreSQL's planner knows of our tables, brought up to date after a bulk write.

A table that has only been written since it was created has no statistics until
autovacuum gets to it (a minute or more later), and the planner then guesses. The
guess that hurts is in the foreign-key checks: PostgreSQL plans each check once per
session, and on an edition table it has never analysed it may look an id up through
a wide index led by another column, reading the whole index for every row that
refers to an edition (audit entries, search rows, the live edition). An import
into an archive of 20,000 releases then spent most of its time committing, more so
the bigger the archive. `ANALYZE` also makes the session plan those checks again.

SQLite plans from the schema alone: there is nothing to do there.
"""

from django.db import connection


def refresh_statistics(models):
    """`ANALYZE` the tables of `models` (and of their many-to-many tables) on PostgreSQL."""
    if connection.vendor != "postgresql":
        return
    tables = []
    for model in models:
        tables.append(model._meta.db_table)
        tables += [field.remote_field.through._meta.db_table for field in model._meta.local_many_to_many]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(table) for table in dict.fromkeys(tables)))
