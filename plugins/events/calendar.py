"""iCalendar files (RFC 5545) for events, made with the icalendar library:
one per event, and one calendar to subscribe to, of every upcoming event
and those that ended in the last EVENTS_CALENDAR_KEEPS_DAYS (plugins/events).

Times are written in the site's zone (TIMEZONE, Europe/London) with that
zone's rules (VTIMEZONE, zone_rules.py), so a calendar shows 10:00 at a
conference in July (BST) and in January (GMT) alike. The same input gives
the same bytes: no build time goes in (an entry's revision comes from its
file: see revision_number and version_stamp), and events are in date order.

A cancelled or postponed event stays in both files, so the calendars that
have it learn of the change at their next refresh instead of keeping it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import icalendar

from sitecore.clock import clocks_show_twice
from sitecore.imprint import imprint_text
from sitecore.renamed_items import first_address
from sitecore.schema.fields import EARLIEST_YEAR, LATEST_YEAR
from sitecore.urls import address_pattern, canonical_url

from .zone_rules import zone_component

# RFC 5545's STATUS for each event_status. A postponed event is still to
# happen, at a time not yet known: TENTATIVE keeps it in people's calendars,
# marked as uncertain (many apps remove a CANCELLED entry), until the event
# is given its new times.
CALENDAR_STATUS = {"scheduled": "CONFIRMED", "postponed": "TENTATIVE", "cancelled": "CANCELLED"}
# SEQUENCE is the revision that calendar apps compare when an entry they
# already have comes again (RFC 5546, iTIP): a higher one replaces theirs,
# and RFC 5545 (3.8.7.4) raises it at every significant revision (the start,
# the end, the status) and never lowers it. The build knows no earlier
# version, only the file, and must write the same bytes for the same files
# whatever its --now, so the revision comes from the file: the event's
# `modified`, when its plans last changed (see revision_number). Each status
# has a rank, in the order plans move (going ahead, put off, called off).
STATUS_RANK = {"scheduled": 0, "postponed": 1, "cancelled": 2}
# Revisions are counted in whole minutes from the earliest moment a
# `modified` may be (sitecore.schema.fields), so none is negative; the last
# it may be (2100) gives about 317 million, within the 31 bits of RFC 5545's
# INTEGER.
REVISIONS_FROM = dt.datetime(EARLIEST_YEAR, 1, 1, tzinfo=dt.timezone.utc)
# DTSTAMP without `modified`: see version_stamp. A fixed past span of about eight years.
VERSION_STAMP_START = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
VERSION_STAMP_SPAN_SECONDS = 2**28


RULES_UNTIL = dt.date(LATEST_YEAR + 1, 1, 1)


def new_calendar(settings, name: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{settings['SITENAME']}//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # icalendar writes an unknown (X-) property as it is given; RFC 5545
    # reads X- properties as TEXT, so ; , \ are escaped as in SUMMARY.
    calendar.add("x-wr-calname", icalendar.vText(name))
    calendar.add("x-wr-timezone", settings["TIMEZONE"])
    # Every event's times are in the site's zone. Its rules are there even
    # when no event is: RFC 5545 wants at least one component in a calendar,
    # and some apps refuse an empty one (no upcoming events).
    # Its clock changes up to the last year a date may have (icalendar's own
    # default stops at 2037: a summer event after it would show an hour out),
    # each at its real moment (zone_rules.py: icalendar's were an hour late).
    calendar.add_component(zone_component(settings["TIMEZONE"], RULES_UNTIL))
    return calendar


def calendar_uids(events, settings) -> dict[str, str]:
    """Each event's UID, by its source file, decided from its own addresses
    alone (an event added or removed never changes another's). RFC 5545
    wants an event's UID never to change, so it holds the name the event was
    first published under here (sitecore.renamed_items.first_address: the
    first of its old_addresses of the shape of this site's events'
    addresses, EVENT_URL: events/agm/ gives agm), so that renamed, it stays
    one event in people's calendars, not a new one beside the old."""
    domain = canonical_url(settings, "").split("://", 1)[1].strip("/")
    # EVENT_URL as a pattern whose group `name` is the slug.
    shape = re.compile(address_pattern(settings["EVENT_URL"], {"slug": "(?P<name>[^/]+)"}))

    def uid(event) -> str:
        return f"{shape.fullmatch(first_address(event))['name']}@{domain}"  # always of EVENT_URL's shape

    return {event.source_path: uid(event) for event in events}


def event_component(event, settings, uid: str) -> icalendar.Event:
    component = icalendar.Event()
    component.add("uid", uid)
    component.add("dtstart", calendar_time(event.start))
    component.add("dtend", calendar_time(event.end))
    component.add("summary", f"{event.status_label}: {event.title}" if event.status_label else event.title)
    # An event held online only is where its link is: apps make it a link.
    component.add("location", event.where or event.online)
    page = canonical_url(settings, event.url)
    component.add("url", page)
    details = [event.status_notice, event.description]
    if event.online:
        details.append(f"Online: {event.online}")
    if getattr(event, "accessibility", None):
        details.append(f"Access: {event.accessibility}")
    if event.register_link:
        details.append(f"Register: {event.register_link}")
    details += [f"Details: {page}", imprint_text(settings)]
    component.add("description", "\n\n".join(detail for detail in details if detail))
    component.add("categories", [event.category_name])
    component.add("status", CALENDAR_STATUS[event.event_status])
    add_revision(component, event)
    return component


def add_revision(component: icalendar.Event, event) -> None:
    """SEQUENCE, then DTSTAMP (and LAST-MODIFIED): the moment the event's
    plans last changed, as its file says (`modified`, in UTC as RFC 5545
    wants both), or without it a version stamp of everything else."""
    component.add("sequence", revision_number(event))
    revised = getattr(event, "modified", None)
    if revised is None:
        component.add("dtstamp", version_stamp(component))
        return
    component.add("dtstamp", revised.astimezone(dt.timezone.utc))
    component.add("last-modified", revised.astimezone(dt.timezone.utc))


def revision_number(event) -> int:
    """SEQUENCE: the status's rank alone while the file has no `modified`
    (cancelling or postponing an event still raises it, 0 to 2); with one,
    the whole minutes from REVISIONS_FROM to it, times the number of ranks,
    plus the rank. A later `modified` then always gives a higher number,
    whatever the status (a minute is worth 3, more than any two ranks differ
    by), so a postponed event given its new date goes up, not back to 0; and
    any `modified` gives more than none. Within one `modified`, a change of
    status alone still moves it the way the plans move. The number never
    falls so long as `modified` is never moved back or removed: the README
    asks volunteers to set it when they move, postpone or cancel an event,
    and the browser editor does it for them."""
    rank = STATUS_RANK[event.event_status]
    revised = getattr(event, "modified", None)
    if revised is None:
        return rank
    minutes = (revised.astimezone(dt.timezone.utc) - REVISIONS_FROM) // dt.timedelta(minutes=1)
    return minutes * len(STATUS_RANK) + rank


def calendar_time(moment: dt.datetime) -> dt.datetime:
    """A time as the calendar file gives it: in the site's zone (TZID), but
    in UTC in the hour the clocks go back. RFC 5545 (3.3.5) reads a local
    time the clocks show twice as the first of the two: 01:15 GMT, written
    as 01:15 in Europe/London, would be 01:15 BST, an hour early."""
    return moment.astimezone(dt.timezone.utc) if clocks_show_twice(moment) else moment


def version_stamp(component: icalendar.Event) -> dt.datetime:
    """DTSTAMP for an entry that has everything else, when its file has no
    `modified`.

    RFC 5545 makes DTSTAMP the moment the entry was last revised. Without
    `modified` the build cannot know that moment: a file's history is git's,
    not the content's (and CI checks out one commit), and the build's own
    clock (--now) differs from build to build, while the same files must
    give the same bytes. So it is a version stamp made from the entry
    itself: a moment in a fixed past span chosen by a hash of everything
    else it says. It is never in the future, it is the same for the same
    entry in both files and in every build, and it changes whenever anything
    a calendar shows of the event changes, so an app that keeps an entry's
    stamp sees a new version. It cannot say which of two versions is the
    newer: SEQUENCE does, and `modified` (after 2008, when this span ends)
    makes a later stamp than any of these. No LAST-MODIFIED for the same
    reason: a client without one takes the copy it fetched as the current one.
    """
    digest = hashlib.sha256(component.to_ical()).digest()
    seconds = int.from_bytes(digest[:8], "big") % VERSION_STAMP_SPAN_SECONDS
    return VERSION_STAMP_START + dt.timedelta(seconds=seconds)


def to_bytes(calendar: icalendar.Calendar) -> bytes:
    calendar.add_missing_timezones(last_date=RULES_UNTIL)
    return calendar.to_ical()


def event_calendar(event, settings, uids: dict[str, str]) -> bytes:
    calendar = new_calendar(settings, event.title)
    calendar.add_component(event_component(event, settings, uids[event.source_path]))
    return to_bytes(calendar)


# How often a subscribed calendar should fetch the calendar again (RFC 7986's
# REFRESH-INTERVAL, and X-PUBLISHED-TTL, which Outlook and Apple read): a
# cancelled event leaves subscribers' calendars within hours, not at the
# app's own pace (Outlook's default is a week).
CALENDAR_REFRESH = dt.timedelta(hours=6)


def upcoming_calendar(events, settings, uids: dict[str, str]) -> bytes:
    """The calendar people subscribe to (a single event's file is imported once)."""
    calendar = new_calendar(settings, f"{settings['SITENAME']} events")
    calendar.add("refresh-interval", CALENDAR_REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(CALENDAR_REFRESH))
    for event in events:
        calendar.add_component(event_component(event, settings, uids[event.source_path]))
    return to_bytes(calendar)
