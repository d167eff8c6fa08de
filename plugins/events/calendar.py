"""iCalendar files (RFC 5545) for events, made with the icalendar library:
one per event, and one calendar of every upcoming event to subscribe to.

Times are written in the site's zone (TIMEZONE, Europe/London) with that
zone's rules (VTIMEZONE, zone_rules.py), so a calendar shows 10:00 at a
conference in July (BST) and in January (GMT) alike. The same input gives
the same bytes: no build time goes in (see version_stamp), and events are in
date order.

A cancelled or postponed event stays in both files, so the calendars that
have it learn of the change at their next refresh instead of keeping it.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import icalendar

from sitecore.clock import clocks_show_twice
from sitecore.imprint import imprint_text
from sitecore.schema.fields import LATEST_YEAR
from sitecore.urls import canonical_url

from .zone_rules import zone_component

# RFC 5545's STATUS for each event_status. A postponed event is still to
# happen, at a time not yet known: TENTATIVE keeps it in people's calendars,
# marked as uncertain (many apps remove a CANCELLED entry), until the event
# is given its new times.
CALENDAR_STATUS = {"scheduled": "CONFIRMED", "postponed": "TENTATIVE", "cancelled": "CANCELLED"}
# SEQUENCE is the revision that calendar apps compare when an entry they
# already have comes again (RFC 5546, iTIP): a higher one replaces theirs.
# Made from the status alone (the build knows no earlier versions), in the
# order plans move (going ahead, put off, called off), so cancelling or
# postponing an event always raises it. A postponed event given its new
# date goes back to 0: subscribed calendars, which read the whole calendar
# again at each refresh, take it; an imported copy may keep the old one.
SEQUENCE = {"scheduled": 0, "postponed": 1, "cancelled": 2}
# DTSTAMP: see version_stamp. A fixed past span of about eight years.
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


def event_component(event, settings) -> icalendar.Event:
    component = icalendar.Event()
    domain = canonical_url(settings, "").split("://", 1)[1].strip("/")
    component.add("uid", f"{event.slug}@{domain}")
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
    component.add("sequence", SEQUENCE[event.event_status])
    component.add("dtstamp", version_stamp(component))
    return component


def calendar_time(moment: dt.datetime) -> dt.datetime:
    """A time as the calendar file gives it: in the site's zone (TZID), but
    in UTC in the hour the clocks go back. RFC 5545 (3.3.5) reads a local
    time the clocks show twice as the first of the two: 01:15 GMT, written
    as 01:15 in Europe/London, would be 01:15 BST, an hour early."""
    return moment.astimezone(dt.timezone.utc) if clocks_show_twice(moment) else moment


def version_stamp(component: icalendar.Event) -> dt.datetime:
    """DTSTAMP for an entry that has everything else.

    RFC 5545 makes DTSTAMP the moment the entry was last revised. The build
    cannot know that moment: a file's history is git's, not the content's
    (and CI checks out one commit), and the build's own clock (--now)
    differs from build to build, while the same files must give the same
    bytes. So it is a version stamp made from the entry itself: a moment in
    a fixed past span chosen by a hash of everything else it says. It is
    never in the future, it is the same for the same entry in both files and
    in every build, and it changes whenever anything a calendar shows of the
    event changes, so an app that keeps an entry's stamp sees a new version.
    It cannot say which of two versions is the newer: SEQUENCE does, for a
    change of status. (An event moved to other times keeps its SEQUENCE;
    subscribed calendars read the whole calendar again at each refresh and
    take the new times.) No LAST-MODIFIED for the same reason: a client
    without one takes the copy it fetched as the current one.
    """
    digest = hashlib.sha256(component.to_ical()).digest()
    seconds = int.from_bytes(digest[:8], "big") % VERSION_STAMP_SPAN_SECONDS
    return VERSION_STAMP_START + dt.timedelta(seconds=seconds)


def to_bytes(calendar: icalendar.Calendar) -> bytes:
    calendar.add_missing_timezones(last_date=RULES_UNTIL)
    return calendar.to_ical()


def event_calendar(event, settings) -> bytes:
    calendar = new_calendar(settings, event.title)
    calendar.add_component(event_component(event, settings))
    return to_bytes(calendar)


def upcoming_calendar(events, settings) -> bytes:
    calendar = new_calendar(settings, f"{settings['SITENAME']} events")
    for event in events:
        calendar.add_component(event_component(event, settings))
    return to_bytes(calendar)
