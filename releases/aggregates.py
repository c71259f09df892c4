"""Numbers about the whole public archive, kept until the public side changes.

A list page's count ("1,234 releases", the number of pages) and the years
drop-down read every published release: at 20,000 that is most of what the
page costs, and neither changes between two publications. So they are
computed once and kept beside the cached pages, by `releases.cache.shared_public_value`:
shared by every worker, renewed by the purge that every public change makes
(`events.public_change()`), and never kept past the next scheduled time, since a
scheduled edition goes public by the clock, with no event.

The values are computed from `Release.objects.published()`: what is public is
still decided there, and only there.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from releases.cache import shared_public_value


def published_years(now):
    """The years, newest first, in which releases public at `now` were first published (not later than now)."""
    from releases.models import Release

    def compute():
        moments = Release.objects.published(now).dates("first_published_at", "year", order="DESC")
        return [moment.year for moment in moments if moment.year <= now.year]

    return shared_public_value("years", compute, now)


def count_name(language, applied):
    """A name for the count of a filtered list: its language and each filter's value."""
    parts = [language] + [f"{name}={getattr(value, 'pk', value)}" for name, value in sorted(applied.items())]
    return "count:" + ":".join(str(part) for part in parts)


class CountedPaginator(Paginator):
    """A paginator whose count is kept under `name` (`shared_public_value`): the same count until the
    public side changes.

    The count only names the number of releases and of pages: a page's releases are read from the
    database as always, so a count that is a moment behind a publication never hides one.
    """

    def __init__(self, object_list, per_page, *, name, now, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.name, self.now = name, now

    @cached_property
    def count(self):
        return shared_public_value(self.name, lambda: Paginator.count.func(self), self.now)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom:bottom + self.per_page], number, self)
