"""Numbers about the whole public archive, kept until the public side changes.

A list page's count ("1,234 releases", the number of pages) and the years
drop-down read every published release: at 20,000 that is most of what the
page costs, and neither changes between two publications. So they are
computed once and kept in the cache (shared by all workers), and:

- `events.public_change()` calls `forget()` after every public change
  (publish, schedule, unschedule, a scheduled time passing, withdrawal): that
  starts a new generation of values, so none from before it is read again.
  Old values simply expire; nothing else in the cache is touched;
- a generation ends at the next scheduled time, since a scheduled edition
  goes public by the clock, with no event; and after `MAX_AGE` in any case.

The values are computed from `Release.objects.published()`: what is public is
still decided there, and only there.
"""

import datetime
import time

from django.core.paginator import Paginator
from django.db.models import Min
from django.utils.functional import cached_property

GENERATION_KEY = "pressoffice:aggregates:generation"


class _SharedCache:
    """The page cache (Redis, or files every worker of the machine shares): a count or the years
    kept per process would stay stale in the other workers after a purge in one."""

    def __getattr__(self, name):
        from releases.cache import page_cache

        return getattr(page_cache(), name)


cache = _SharedCache()
# The longest a generation lasts, scheduled editions or not.
MAX_AGE = datetime.timedelta(hours=6)


def forget():
    """A new generation: no value computed before now is read again."""
    cache.delete(GENERATION_KEY)


def _next_scheduled(now):
    from releases.models import Edition
    from releases.states import State

    return (Edition.objects.filter(state=State.SCHEDULED, published_at__gt=now)
            .aggregate(next=Min("published_at"))["next"])


def _generation(now):
    """(name, until) of the values current at `now`; a generation ends at the next scheduled time."""
    generation = cache.get(GENERATION_KEY)
    if generation is None or now >= generation[1]:
        until = min(filter(None, [_next_scheduled(now), now + MAX_AGE]))
        generation = (time.time_ns(), until)
        cache.set(GENERATION_KEY, generation, max(1, int((until - now).total_seconds())))
    return generation


def cached(name, compute, now):
    """`compute()`, or its value from the cache if nothing public changed since it was computed.

    The generation is read before computing: a value computed while a change commits is stored
    under the generation before the change, which is never read again.
    """
    generation, until = _generation(now)
    key = f"pressoffice:aggregates:{generation}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, max(1, int((until - now).total_seconds())))
    return value


def published_years(now):
    """The years, newest first, in which releases public at `now` were first published (not later than now)."""
    from releases.models import Release

    def compute():
        moments = Release.objects.published(now).dates("first_published_at", "year", order="DESC")
        return [moment.year for moment in moments if moment.year <= now.year]

    return cached("years", compute, now)


def count_name(language, applied):
    """A name for the count of a filtered list: its language and each filter's value."""
    parts = [language] + [f"{name}={getattr(value, 'pk', value)}" for name, value in sorted(applied.items())]
    return "count:" + ":".join(str(part) for part in parts)


class CountedPaginator(Paginator):
    """A paginator whose count is `cached()` under `name`: the same count until the public side changes.

    The count only names the number of releases and of pages: a page's releases are read from the
    database as always, so a count that is a moment behind a publication never hides one.
    """

    def __init__(self, object_list, per_page, *, name, now, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.name, self.now = name, now

    @cached_property
    def count(self):
        return cached(self.name, lambda: Paginator.count.func(self), self.now)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom:bottom + self.per_page], number, self)
