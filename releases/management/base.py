"""What our management commands share."""

import argparse

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext as _


def count_argument(minimum):
    """An argparse `type`: a whole number of at least `minimum`, refused with a clear message otherwise."""

    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(_("“%(value)s” is not a whole number.") % {"value": text}) from None
        if value < minimum:
            raise argparse.ArgumentTypeError(_("%(value)d is too small: give at least %(minimum)d.")
                                             % {"value": value, "minimum": minimum})
        return value

    return parse


def choices_argument(choices):
    """An argparse `type`: a comma-separated list of some of `choices`, refused with a clear message
    when a name is not one of them (before a long command starts, not once it reaches it)."""

    def parse(text):
        names = [name.strip() for name in text.split(",") if name.strip()]
        unknown = [name for name in names if name not in choices]
        if unknown or not names:
            raise argparse.ArgumentTypeError(
                _("“%(value)s” is not one of: %(choices)s (separate several with commas).")
                % {"value": unknown[0] if unknown else text, "choices": ", ".join(choices)})
        return names

    return parse


class TranslatedCommand(BaseCommand):
    """A command whose `help` is translated (gettext_lazy): argparse needs it as a str when --help is shown."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        self.help = str(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)


# Databases found up to date: a process looks once (building the migration graph is the cost of
# a small command, and the tests call commands hundreds of times).
_up_to_date = set()


def unapplied_migrations(database=DEFAULT_DB_ALIAS):
    """The migrations `migrate` would apply to `database`: all of them on a new, empty one."""
    from django.db import connections
    from django.db.migrations.executor import MigrationExecutor

    connection = connections[database]
    key = (database, str(connection.settings_dict["NAME"]))
    if key in _up_to_date:
        return []
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if not plan:
        _up_to_date.add(key)
    return plan


class NeedsMigratedDatabase:
    """A command that reads or writes the project's database refuses one that `migrate` has not set up,
    with a message, instead of stopping at its first query with "no such table" and a traceback."""

    def execute(self, *args, **options):
        if unapplied_migrations():
            raise CommandError(_(
                "This database is not set up, or not up to date with the code: run "
                "`python manage.py migrate` first."
            ))
        return super().execute(*args, **options)
