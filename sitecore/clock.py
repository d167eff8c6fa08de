"""The build's clock: what "now" is, in the site's time zone.

Embargoes, past and upcoming, the security.txt expiry: every decision about
time reads this one clock, so a scheduled or test build (BUILD_TIME) sees
the same moment everywhere. Every comparison of a moment with now goes
through `has_passed`, which notes the moment for `moments_compared`: a site
built at one moment is then known to be the site for every moment on the
same side of each (sitebuild/unchanged.py). What a page shows of the build
time itself is the date, not the time of day.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from zoneinfo import ZoneInfo

from sitecore.settings_check import our_setting


# In English whatever the machine's locale (calendar.month_name and
# strftime's %B follow it).
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")


def month_name(month: int) -> str:
    """The English name of month 1–12."""
    return MONTH_NAMES[month - 1]


def month_of_year(year: int, month: int) -> str:
    """"March 2022": a month's heading in a listing of months."""
    return f"{month_name(month)} {year}"


def in_months(items, moment_of) -> dict[tuple[int, int], list]:
    """`items` by the (year, month) of `moment_of(item)` (the site's time, as
    items hold it), in the order first met, each month's items in their
    order: the news archive's, the press archive's and past events' months."""
    months: dict[tuple[int, int], list] = {}
    for item in items:
        moment = moment_of(item)
        months.setdefault((moment.year, moment.month), []).append(item)
    return months


def site_zone(settings: dict) -> ZoneInfo:
    """TIMEZONE, or its default (sitecore/settings_check.py)."""
    return ZoneInfo(our_setting(settings, "TIMEZONE"))


def build_time(settings: dict) -> dt.datetime:
    """The moment this build treats as now: BUILD_TIME if set (a scheduled
    or test build), else the clock; always in the site's time zone."""
    zone = site_zone(settings)
    fixed = settings.get("BUILD_TIME")
    if fixed:
        moment = fixed if isinstance(fixed, dt.datetime) else dt.datetime.fromisoformat(str(fixed))
        return moment.astimezone(zone) if moment.tzinfo else moment.replace(tzinfo=zone)
    return dt.datetime.now(zone)


def pin_build_time(settings: dict) -> None:
    """One moment for the whole build: embargoes, security.txt's expiry and the
    accessibility page's "last built" must agree, not each read the clock.
    Calling it again in the same build changes nothing."""
    settings["BUILD_TIME"] = build_time(settings).isoformat()


# The lists of the builds under way in this process (one at a time; a list
# so that nothing is shared if one is ever nested in another).
_noting: list[list[dt.datetime]] = []


@contextmanager
def moments_compared():
    """The moments `has_passed` compared with now while the block ran."""
    moments: list[dt.datetime] = []
    _noting.append(moments)
    try:
        yield moments
    finally:
        _noting.remove(moments)


def instant(moment: dt.datetime) -> dt.datetime:
    """The moment in UTC, to compare: Python compares two times in the same
    zone by their wall clocks and ignores `fold`, so 01:30 BST and 01:30 GMT
    on the night the clocks go back would count as equal."""
    return moment.astimezone(dt.timezone.utc)


def clocks_show_twice(moment: dt.datetime) -> bool:
    """Is this a time the clocks show twice, in the hour they go back (01:30
    on the last Sunday of October, first in BST, then in GMT)? Its wall-clock
    time alone does not say which of the two it is."""
    return moment.replace(fold=0).utcoffset() != moment.replace(fold=1).utcoffset()


def has_passed(moment: dt.datetime, now: dt.datetime) -> bool:
    """Compare instants, not wall-clock times (see instant)."""
    for moments in _noting:
        moments.append(moment)
    return instant(moment) <= instant(now)


def as_written(moment: dt.datetime) -> str:
    """A moment as the front matter writes it, for messages: 2022-03-01 09:00."""
    return moment.strftime("%Y-%m-%d %H:%M")


def next_morning(day: dt.date) -> str:
    """The day after `day` at 09:00, as the front matter writes it: an
    example moment to come (an embargo in `invoke new`'s file, in a fix).
    An example in the past, copied as it is, would lift an embargo at once."""
    return f"{(day + dt.timedelta(days=1)).isoformat()} 09:00"


def at_midnight(moment: dt.datetime) -> bool:
    """What a date written alone reads as: no one wrote "00:00"."""
    return (moment.hour, moment.minute) == (0, 0)


def date_as_written(moment: dt.datetime) -> str:
    """A moment as a volunteer writes it: a date alone at midnight,
    2022-03-01; else 2022-03-01 09:00."""
    return moment.strftime("%Y-%m-%d") if at_midnight(moment) else as_written(moment)


def in_words(moment: dt.datetime) -> str:
    """A moment as a page or a message says it: the day alone at midnight,
    1 March 2022; else 1 March 2022, 09:00."""
    return moment.strftime("%-d %B %Y" if at_midnight(moment) else "%-d %B %Y, %H:%M")
