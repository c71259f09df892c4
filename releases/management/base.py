"""What our management commands share."""

from django.core.management.base import BaseCommand


class TranslatedCommand(BaseCommand):
    """A command whose `help` is translated (gettext_lazy): argparse needs it as a str when --help is shown."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        self.help = str(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)
