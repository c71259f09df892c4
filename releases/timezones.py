"""Times are stored in UTC and entered in the mission's time zone."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


def zone_name():
    return timezone.get_default_timezone_name()


def make_aware_strictly(naive):
    """Local wall time to an aware datetime; refuse times that a DST change skips or repeats."""
    zone = timezone.get_default_timezone()
    early, late = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    if early.utcoffset() != late.utcoffset():
        round_trip = early.astimezone(datetime.timezone.utc).astimezone(zone).replace(tzinfo=None)
        if round_trip != naive:
            raise ValidationError(
                _("%(time)s does not exist in %(zone)s: the clocks go forward then. Choose another time.")
                % {"time": naive.strftime("%Y-%m-%d %H:%M"), "zone": zone_name()},
                code="nonexistent",
            )
        raise ValidationError(
            _("%(time)s happens twice in %(zone)s: the clocks go back then. Choose a time outside that hour.")
            % {"time": naive.strftime("%Y-%m-%d %H:%M"), "zone": zone_name()},
            code="ambiguous",
        )
    return early
