"""The site's time zone as a calendar file gives it (VTIMEZONE, RFC 5545
3.6.5), made from the clock changes zoneinfo knows.

RFC 5545 gives each change (an observance's DTSTART and RDATEs) as the local
time on the clock before it, at TZOFFSETFROM: in Europe/London the clocks go
forward at 01:00 GMT, written 01:00 with TZOFFSETFROM +0000, and back at
02:00 BST, written 02:00 with TZOFFSETFROM +0100. icalendar's
`Timezone.from_tzid` wrote every clocks-forward change as 02:00 at +0000, an
hour late, so an app that reads the file's rules rather than the zone's name
put an event between 01:00 and 02:00 GMT that night an hour out. So each
change is found in zoneinfo (the zone's real instants, whatever the zone:
TIMEZONE is a setting) and written from its instant.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import icalendar

# From when the rules are given: icalendar's own default, as before (a
# calendar file holds the party's events, none of them before then).
RULES_FROM = dt.date(1970, 1, 1)
# How far apart the zone is looked at, before a change found between two
# looks is narrowed down to its second: a change undone before the next look
# would be missed. Every zone of the tzdata this was written with gave the
# same changes from 1970 to 2040 looked at daily as every six hours, which
# took four times as long (0.46 s for Europe/London).
LOOK_EVERY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Observance:
    """What the clocks show from a change on: a STANDARD or DAYLIGHT part."""

    offset_from: dt.timedelta
    offset_to: dt.timedelta
    name: str  # GMT, BST
    daylight: bool


def clock_state(zone: ZoneInfo, instant: dt.datetime) -> tuple[dt.timedelta, dt.timedelta, str]:
    local = instant.astimezone(zone)
    return local.utcoffset(), local.dst(), local.tzname()


def changes(zone_name: str, first: dt.date, until: dt.date) -> list[tuple[dt.datetime, Observance]]:
    """Each instant (UTC) the zone's clocks change between `first` and
    `until` (local midnights), with the observance it starts; the first is
    the observance in force at `first`, changing nothing (from = to)."""
    zone = ZoneInfo(zone_name)
    start = dt.datetime.combine(first, dt.time(), tzinfo=zone).astimezone(dt.timezone.utc)
    end = dt.datetime.combine(until, dt.time(), tzinfo=zone).astimezone(dt.timezone.utc)
    state = clock_state(zone, start)
    found = [(start, Observance(state[0], state[0], state[2], state[1] != dt.timedelta(0)))]
    before = start
    while before < end:
        after = min(before + LOOK_EVERY, end)
        if clock_state(zone, after) != state:
            after = first_second_of(zone, before, after, state)
            offset_from, state = state[0], clock_state(zone, after)
            found.append((after, Observance(offset_from, state[0], state[2], state[1] != dt.timedelta(0))))
        before = after
    return found


def first_second_of(zone: ZoneInfo, before: dt.datetime, after: dt.datetime, state: tuple) -> dt.datetime:
    """The first whole second after `before` whose clock state is not
    `state`, knowing `after`'s is not (tzdata gives changes to the second)."""
    while after - before > dt.timedelta(seconds=1):
        middle = (before + (after - before) // 2).replace(microsecond=0)
        if clock_state(zone, middle) == state:
            before = middle
        else:
            after = middle
    return after


# Each observance with its onsets.
Observances = tuple[tuple[Observance, tuple[dt.datetime, ...]], ...]


@functools.lru_cache(maxsize=4)
def observances(zone_name: str, first: dt.date, until: dt.date) -> Observances:
    """Each observance with its onsets, in the order each first occurs: the
    local time of each change on the clock before it (RFC 5545: at
    TZOFFSETFROM), without a zone, as DTSTART and RDATE take it. Worked out
    once per process: the same for every calendar file of every build."""
    onsets: dict[Observance, list[dt.datetime]] = {}
    for instant, observance in changes(zone_name, first, until):
        onsets.setdefault(observance, []).append((instant + observance.offset_from).replace(tzinfo=None))
    return tuple((observance, tuple(times)) for observance, times in onsets.items())


def zone_component(zone_name: str, until: dt.date) -> icalendar.Timezone:
    """The VTIMEZONE of `zone_name` from RULES_FROM to `until`."""
    component = icalendar.Timezone()
    # (No COMMENT saying which years: RFC 5545 allows one in its STANDARD
    # and DAYLIGHT parts only, and a strict reader refused it here.)
    component.add("tzid", zone_name)
    for observance, onsets in observances(zone_name, RULES_FROM, until):
        part = icalendar.TimezoneDaylight() if observance.daylight else icalendar.TimezoneStandard()
        part.add("dtstart", onsets[0])
        if onsets[1:]:
            part.add("rdate", list(onsets[1:]))
        part.add("tzname", observance.name)
        part.add("tzoffsetfrom", observance.offset_from)
        part.add("tzoffsetto", observance.offset_to)
        component.add_component(part)
    return component
