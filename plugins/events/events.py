"""The Event content type and its generator.

An event is upcoming until its end has passed, by the build's clock
(sitecore.clock.has_passed, which also tells an unchanged build when the
split changes, so the hourly scheduled build moves an event to the past).
/events/ lists the upcoming events by date and the newest past ones
(PAST_EVENTS_SHOWN), and links a page for each year of past events, which
lists them newest first under their months: years of events were one page
(305 events, 171 KB). A page per region and per category lists the
upcoming events of each, so the listing is filtered with plain links,
without JavaScript.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from plugins.typedcontent import TypedContentGenerator
from sitecore.clock import build_time, clocks_show_twice, has_passed, in_months, instant, month_of_year
from sitecore.content_items import TypedContent
from sitecore.output import write_output
from sitecore.problems import problem_log
from sitecore.regions import region_slug
from sitecore.settings_check import our_setting
from sitecore.site_files import SiteFile, listing_page

from .calendar import calendar_uids, event_calendar, upcoming_calendar

# How many of the events that go ahead the home page shows.
NEXT_EVENTS_SHOWN = 2
# A postponed event stays under "Postponed: new dates to come" until its file
# says otherwise. This long after the date it had, the build warns at its
# file: one forgotten there tells readers for years that it is still coming.
POSTPONED_WARNING_AFTER = dt.timedelta(days=90)


@dataclass(frozen=True, eq=False)
class PastEventsYear:
    year: int
    months: list[tuple[str, list]]  # ("March 2023", its events, newest first), newest first
    url: str
    save_as: str

    @property
    def count(self) -> int:
        return sum(len(events) for _, events in self.months)


class Event(TypedContent):
    mandatory_properties = ("title", "start", "end", "event_category")
    default_template = "event"
    collection = "events"
    # What the front matter leaves out: an event held online only has no
    # place, one that goes ahead no event_status.
    place = address = online = None
    event_status = "scheduled"

    @property
    def category_name(self) -> str:
        return self.settings["EVENT_CATEGORIES"][self.event_category]

    @property
    def status_label(self) -> str:
        """"Cancelled" or "Postponed", in words wherever the event is shown;
        "" for an event that goes ahead."""
        return "" if self.event_status == "scheduled" else self.event_status.capitalize()

    @property
    def status_notice(self) -> str:
        """What the event's page and its calendar entry say first, if it
        does not go ahead as planned."""
        return {"cancelled": "This event has been cancelled.",
                "postponed": "This event has been postponed: its new date will be announced.",
                }.get(self.event_status, "")

    @property
    def called_off(self) -> bool:
        """It will not take place: its page offers no way to come to it."""
        return self.event_status == "cancelled"

    @property
    def register_link(self) -> str | None:
        """Where to register, while there is something to register for."""
        return None if self.called_off else getattr(self, "register", None)

    @property
    def where(self) -> str:
        """The place and its address on one line; "" for an event held online only."""
        return ", ".join(part for part in (self.place, self.address) if part)

    @property
    def card_kicker(self) -> str:
        kicker = f"{self.category_name} · {self.start.strftime(self.settings['DEFAULT_DATE_FORMAT'])}"
        return f"{self.status_label} · {kicker}" if self.status_label else kicker

    @property
    def calendar_url(self) -> str:
        return self.settings["EVENT_CALENDAR_SAVE_AS"].format(slug=self.slug)

    @property
    def old_calendar_urls(self) -> list[str]:
        """Where its calendar file was before a rename: the same file under
        each old address (/events/<old name>/event.ics). A link shared to
        add the event to a calendar is a file's, which no notice page can
        stand in for (plugins/redirects): it gets the calendar file itself,
        whose UID the rename kept, so an app adds it once."""
        name = self.calendar_url.removeprefix(self.url)
        if name == self.calendar_url:  # EVENT_CALENDAR_SAVE_AS not under the event's own address
            return []
        return [address + name for address in getattr(self, "old_addresses", None) or () if address.endswith("/")]

    @property
    def same_day(self) -> bool:
        """Shown as one day's: ending that day, or at midnight after it."""
        return self.start.date() == self.end.date() or (
            self.ends_at_midnight and self.end.date() - self.start.date() == dt.timedelta(days=1))

    @property
    def ends_at_midnight(self) -> bool:
        """It ends at 00:00, the end of the day before: "19:00–midnight"
        (as GOV.UK writes it), where "to Sunday 3 April 2022, 00:00" read as
        the night before to some, who came a day late (an audit)."""
        return self.end.time() == dt.time(0, 0) and self.end.date() > self.start.date()

    @property
    def start_shown(self) -> str:
        """The start as pages show it: "Saturday 10 September 2022, 10:00"."""
        return self.time_shown(self.start, with_day=True)

    @property
    def end_shown(self) -> str:
        """The end as pages show it after the start: its time alone on the
        same day, "midnight" at the end of it."""
        if self.ends_at_midnight and self.same_day:
            return "midnight"
        if self.ends_at_midnight:  # days later: the day it ends at midnight of, by its name
            last_day = self.end - dt.timedelta(days=1)
            return "midnight at the end of " + last_day.strftime(f"%A {self.settings['DEFAULT_DATE_FORMAT']}")
        return self.time_shown(self.end, with_day=not self.same_day)

    def time_shown(self, moment, with_day: bool) -> str:
        day = moment.strftime(f"%A {self.settings['DEFAULT_DATE_FORMAT']}, ") if with_day else ""
        # In the hour the clocks go back, 01:30 is two moments: which one is said ("01:30 GMT").
        zone = f" {moment.tzname()}" if clocks_show_twice(moment) else ""
        return f"{day}{moment.strftime('%H:%M')}{zone}"


class EventGenerator(TypedContentGenerator):
    content_class = Event
    index_template = "events"

    def order(self, items):
        # By instant: Python compares two times of one zone by their wall
        # clocks, so 01:15 GMT sorted before 01:45 BST, half an hour earlier.
        return sorted(items, key=lambda event: (instant(event.start), event.slug))

    def generate_context(self) -> None:
        super().generate_context()
        now = build_time(self.settings)
        # A postponed event waits for its new date: still to come, however
        # long ago it was first planned (it left the listing and the
        # calendar people subscribe to, which then dropped it unannounced).
        # It comes after the events with a date, under a heading of its own:
        # sorted by the date it had, postponed events from years before led
        # the listing.
        postponed = [event for event in self.items if event.event_status == "postponed"]
        for event in postponed:
            warn_if_postponed_too_long(event, now)
        upcoming = [event for event in self.items
                    if event.event_status != "postponed" and not has_passed(event.end, now)] + postponed
        for event in self.items:
            warn_of_a_report_never_linked(event, upcoming)
        self.context["upcoming_events"] = upcoming
        # What the home page invites people to: events that go ahead (a
        # cancelled and a postponed one took both places from the conference).
        self.context["next_events"] = [event for event in upcoming
                                       if event.event_status == "scheduled"][:NEXT_EVENTS_SHOWN]
        past = [event for event in reversed(self.items) if event not in upcoming]
        self.context["past_events"] = past
        # The calendar people subscribe to keeps what ended in the last
        # EVENTS_CALENDAR_KEEPS_DAYS: an event that left it left the
        # subscribers' calendars too, the day after they went to it.
        kept = dt.timedelta(days=our_setting(self.settings, "EVENTS_CALENDAR_KEEPS_DAYS"))
        self.context["calendar_events"] = self.order(
            upcoming + [event for event in past if not has_passed(event.end + kept, now)])
        self.context["recent_past_events"] = past[:our_setting(self.settings, "PAST_EVENTS_SHOWN")]
        self.context["past_event_years"] = self.past_years(past)
        self.context["event_filters"] = self.filters(upcoming)

    def past_years(self, past) -> list[PastEventsYear]:
        """The years of past events, newest first, each with its events under their months."""
        by_year: dict[int, list[tuple[str, list]]] = {}
        for (year, month), events in in_months(past, lambda event: event.start).items():  # newest first
            by_year.setdefault(year, []).append((month_of_year(year, month), events))
        return [PastEventsYear(year, months, self.settings["EVENT_YEAR_URL"].format(year=year),
                               self.settings["EVENT_YEAR_SAVE_AS"].format(year=year))
                for year, months in by_year.items()]

    def filters(self, upcoming) -> dict[str, list[dict]]:
        """For each way to filter (region, category), every value with the
        address of its page and its upcoming events; every region and every
        category is listed, so a reader sees "no events" rather than no link."""
        settings = self.settings
        regions = [{"name": region, "slug": region_slug(region, settings),
                    "events": [e for e in upcoming if getattr(e, "region", None) == region]}
                   for region in settings["REGIONS"]]
        categories = [{"name": name, "slug": key, "events": [e for e in upcoming if e.event_category == key]}
                      for key, name in settings["EVENT_CATEGORIES"].items()]
        for kind, values in (("region", regions), ("category", categories)):
            for value in values:
                value["url"] = settings[f"EVENT_{kind.upper()}_URL"].format(slug=value["slug"])
                value["save_as"] = settings[f"EVENT_{kind.upper()}_SAVE_AS"].format(slug=value["slug"])
                value["kind"] = kind
        return {"region": regions, "category": categories}

    def declare_files(self, generators) -> list[SiteFile]:
        files = super().declare_files(generators)
        files += [SiteFile(address, f"the calendar file of {event.relative_source_path}")
                  for event in self.items for address in (event.calendar_url, *event.old_calendar_urls)]
        files.append(SiteFile(self.settings["EVENTS_CALENDAR_SAVE_AS"], "the calendar of upcoming and recent events"))
        files += [listing_page(value["save_as"], f"{value['name']} events", in_sitemap=False)
                  for values in self.context["event_filters"].values() for value in values]
        files += [listing_page(year.save_as, f"past events of {year.year}")
                  for year in self.context["past_event_years"]]
        return files

    def generate_output(self, writer) -> None:
        super().generate_output(writer)
        settings = self.settings
        for values in self.context["event_filters"].values():
            for value in values:
                writer.write_file(value["save_as"], self.get_template(self.index_template), self.context,
                                  event_filter=value, page_kind="events-filtered",
                                  relative_urls=settings["RELATIVE_URLS"], url=value["url"])
        for year in self.context["past_event_years"]:
            writer.write_file(year.save_as, self.get_template(self.index_template), self.context,
                              events_year=year, page_kind="events-year", relative_urls=settings["RELATIVE_URLS"],
                              url=year.url)
        uids = calendar_uids(self.items, settings)  # one per event, the same in both files
        for event in self.items:
            calendar = event_calendar(event, settings, uids)
            for address in (event.calendar_url, *event.old_calendar_urls):
                write_output(self.output_path, address, calendar)
        write_output(self.output_path, settings["EVENTS_CALENDAR_SAVE_AS"],
                     upcoming_calendar(self.context["calendar_events"], settings, uids))


def warn_of_a_report_never_linked(event: Event, upcoming: list[Event]) -> None:
    """A report the event's page does not link (event.html links it once
    the event has taken place, unless it did not go ahead): named by an
    event still to come or postponed, the line does nothing until then, and
    a published post that reports on an event not yet held most likely
    reports on another one; named by a cancelled event, never. A warning,
    not a refusal: a report may be named ahead (the kept site is built
    again as the event ends, and then shows it)."""
    if not getattr(event, "report", None):
        return
    line = event.frontmatter_lines.get("report", 1)
    fix = "if the post reports on another event, move this line to that event's file"
    if event.event_status == "cancelled":
        problem_log.warn(event.source_path, line, "report", "the event is cancelled: its page links no report",
                         f"delete the line; {fix}")
    elif event in upcoming:
        when = ("it has taken place, on its new date" if event.event_status == "postponed"
                else f"it ends ({event.end:%Y-%m-%d %H:%M})")
        problem_log.warn(event.source_path, line, "report",
                         f"the event has not taken place yet: its page links the report only once {when}", fix)


def warn_if_postponed_too_long(event: Event, now: dt.datetime) -> None:
    """A postponed event whose date passed POSTPONED_WARNING_AFTER ago: a
    warning at its event_status line (has_passed: a kept site is built
    again when one starts to apply, so the warning is never missed)."""
    if not has_passed(event.start + POSTPONED_WARNING_AFTER, now):
        return
    days = (instant(now) - instant(event.start)).days
    problem_log.warn(event.source_path, event.frontmatter_lines.get("event_status", 1), "event_status",
                     f"postponed, and its date ({event.start:%Y-%m-%d}) was {days} days ago: the events page "
                     "still lists it under \"Postponed: new dates to come\"",
                     "give it its new start and end and remove event_status, or write "
                     "'event_status: cancelled' if it will not take place")
