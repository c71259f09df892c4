"""A throwaway database for the measuring commands, so they never write into the real one."""

from contextlib import contextmanager

from django.db import connection


@contextmanager
def scratch_database(*, suffix, sqlite_path=None):
    """Create, migrate and use a new database beside the configured one; drop it afterwards.

    On PostgreSQL it is `<name>_<suffix>`; on SQLite it is in memory unless
    `sqlite_path` names a file (a benchmark should measure a file on disk).
    """
    test_settings = connection.settings_dict.setdefault("TEST", {})
    saved = dict(test_settings)
    test_settings["NAME"] = sqlite_path if connection.vendor == "sqlite" else f"{connection.settings_dict['NAME']}_{suffix}"
    original_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield connection.settings_dict["NAME"]
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)
        test_settings.clear()
        test_settings.update(saved)
