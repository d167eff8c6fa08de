"""iCalendar files (RFC 5545) for events, made with the icalendar library:
one per event, and one calendar of every upcoming event to subscribe to.

Times are written in Europe/London with that zone's rules (VTIMEZONE), so a
calendar shows 10:00 at a conference in July (BST) and in January (GMT)
alike. The same input gives the same bytes: DTSTAMP is the event's start
(no build time goes in), and events are in date order.
"""

from __future__ import annotations

import datetime as dt

import icalendar

from sitecore.imprint import imprint_text
from sitecore.urls import canonical_url


def new_calendar(settings, name: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{settings['SITENAME']}//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # icalendar writes an unknown (X-) property as it is given; RFC 5545
    # reads X- properties as TEXT, so ; , \ are escaped as in SUMMARY.
    calendar.add("x-wr-calname", icalendar.vText(name))
    calendar.add("x-wr-timezone", settings["TIMEZONE"])
    return calendar


def event_component(event, settings) -> icalendar.Event:
    component = icalendar.Event()
    domain = canonical_url(settings, "").split("://", 1)[1].strip("/")
    component.add("uid", f"{event.slug}@{domain}")
    component.add("dtstamp", event.start.astimezone(dt.timezone.utc))
    component.add("dtstart", event.start)
    component.add("dtend", event.end)
    component.add("summary", event.title)
    where = ", ".join(part for part in (event.place, getattr(event, "address", None)) if part)
    component.add("location", where)
    page = canonical_url(settings, event.url)
    component.add("url", page)
    details = [event.description]
    if getattr(event, "online", None):
        details.append(f"Online: {event.online}")
    if getattr(event, "accessibility", None):
        details.append(f"Access: {event.accessibility}")
    if getattr(event, "register", None):
        details.append(f"Register: {event.register}")
    details += [f"Details: {page}", imprint_text(settings)]
    component.add("description", "\n\n".join(details))
    component.add("categories", [event.category_name])
    component.add("status", "CONFIRMED")
    return component


def to_bytes(calendar: icalendar.Calendar) -> bytes:
    calendar.add_missing_timezones()
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
