"""Events that do not go ahead as planned, events held online only, and what
the calendar files tell the calendar apps that have them: real builds of
throwaway sites (plugins/events, sitecore/schema, the event templates)."""

from __future__ import annotations

import datetime as dt
import json

import icalendar
import pytest
from test_events import event_file, titles
from test_site import text_of

BEFORE = "2022-05-01 12:00"  # before every event below
AFTER = "2022-06-01 12:00"  # after all of them

CALLED_OFF = {
    "events/canvass.md": event_file(event_status="cancelled", register="https://example.org/register"),
    "events/social.md": event_file(title="Summer social", start="2022-05-14 18:00", end="2022-05-14 21:00",
                                   category="social", event_status="postponed"),
    "events/members-meeting.md": event_file(title="Members meeting", start="2022-05-10 19:00",
                                            end="2022-05-10 20:30", category="meeting", place=None,
                                            online="https://meet.example.org/members"),
}


@pytest.fixture
def called_off(make_site):
    build = make_site(CALLED_OFF, options=("--now", BEFORE))
    assert build.returncode == 0, build.stderr
    return build


def json_ld(build, page: str) -> dict:
    return json.loads(build.html(page).find("script", type="application/ld+json").string)


def calendar_entries(path) -> dict:
    """The VEVENTs of a calendar file by UID, after icalendar has read it."""
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(event["UID"]).split("@")[0]: event for event in calendar.walk("VEVENT")}


def test_a_cancelled_event_keeps_its_page_and_says_so_first(called_off):
    page = called_off.html("events/canvass/")
    main = page.main
    notice = main.select_one("h1 + p")
    assert text_of(notice) == "This event has been cancelled."
    assert text_of(page.title).startswith("Cancelled: Canvass, ")
    assert main.find("a", href="https://example.org/register") is None  # no registering for it
    assert "as first planned" in text_of(main.select_one("dl.facts"))
    postponed = called_off.html("events/social/").main
    assert text_of(postponed.select_one("h1 + p")) == (
        "This event has been postponed: its new date will be announced.")


def test_a_called_off_event_offers_no_way_to_come_to_it(make_site):
    """From an audit: a cancelled event's page still linked its online
    meeting and offered "Add to your calendar", sending voters to a room no
    one would open. Its meeting's address is told, not linked (as once an
    event has taken place), and neither it nor a postponed event, whose first
    date no longer holds, is offered for a calendar; one that goes ahead is."""
    online = "https://meet.example.org/canvass"
    build = make_site({**CALLED_OFF, "events/canvass.md": event_file(event_status="cancelled", online=online)},
                      options=("--now", BEFORE))
    assert build.returncode == 0, build.stderr
    cancelled = build.html("events/canvass/").main
    assert cancelled.find("a", href=online) is None
    facts = cancelled.select_one("dl.facts")
    online_fact = facts.find("dt", string="Online").find_next_sibling("dd")
    assert text_of(online_fact).replace(" ", "") == online
    for slug, offered in (("canvass", False), ("social", False), ("members-meeting", True)):
        page = build.html(f"events/{slug}/").main
        assert (page.find("a", string="Add to your calendar") is not None) == offered, slug
    assert build.html("events/members-meeting/").main.find("a", href="https://meet.example.org/members")
    # Its calendar file stays, for whoever added it before: it says cancelled.
    assert (build.output / "events/canvass/event.ics").is_file()


def test_a_link_to_a_called_off_event_says_so_in_its_preview(called_off, settings):
    """From an audit: a chat's preview of a cancelled event's page said
    "Canvass", and its picture's description said nothing more: only the
    picture told. The shared title says it as the page's title does, and
    the picture's description reads the card's words, its kicker too."""
    from sitecore.imprint import imprint_text

    page = called_off.html("events/canvass/")
    for key in ("og:title", "twitter:title"):
        shared = page.find("meta", property=key) or page.find("meta", attrs={"name": key})
        assert shared["content"] == "Cancelled: Canvass"
    alt = page.find("meta", property="og:image:alt")["content"]
    assert alt == f"Cancelled, Campaign day, 7 May 2022: Canvass. {imprint_text(settings)}"
    going_ahead = called_off.html("events/members-meeting/")
    assert going_ahead.find("meta", property="og:title")["content"] == "Members meeting"


def test_the_listings_label_a_cancelled_or_postponed_event_in_words(called_off):
    cards = called_off.html("events/").main.select("section[aria-labelledby=upcoming] .event-card")
    assert titles(cards) == ["Canvass", "Members meeting", "Summer social"]
    labels = [text_of(card.select_one(".event-status")) if card.select_one(".event-status") else None
              for card in cards]
    assert labels == ["Cancelled", None, "Postponed"]
    # The home page invites people to what goes ahead: a cancelled and a
    # postponed event took both its places from the one that did.
    home = called_off.html("").main
    assert titles(home.select("section[aria-labelledby=next-events] .event-card")) == ["Members meeting"]
    assert home.find("a", string="come to an event") is not None


def test_the_home_page_has_no_next_events_when_none_goes_ahead(make_site):
    build = make_site({path: text for path, text in CALLED_OFF.items() if "members-meeting" not in path},
                      options=("--now", BEFORE))
    assert build.returncode == 0, build.stderr
    home = build.html("").main
    assert home.select_one("section[aria-labelledby=next-events]") is None
    assert home.find("a", string="come to an event") is None
    assert titles(build.html("events/").main.select("section[aria-labelledby=upcoming] .event-card")) == [
        "Canvass", "Summer social"]


def test_the_calendar_files_tell_calendar_apps_it_is_cancelled_or_postponed(called_off):
    for path in ("events/calendar.ics", "events/canvass/event.ics"):
        canvass = calendar_entries(called_off.output / path)["canvass"]
        assert str(canvass["STATUS"]) == "CANCELLED" and canvass["SEQUENCE"] == 2
        assert str(canvass["SUMMARY"]) == "Cancelled: Canvass"
        assert str(canvass["DESCRIPTION"]).startswith("This event has been cancelled.\n\nKnocking on doors.")
        assert "https://example.org/register" not in str(canvass["DESCRIPTION"])
    social = calendar_entries(called_off.output / "events/calendar.ics")["social"]
    assert str(social["STATUS"]) == "TENTATIVE" and social["SEQUENCE"] == 1
    assert str(social["SUMMARY"]) == "Postponed: Summer social"
    meeting = calendar_entries(called_off.output / "events/calendar.ics")["members-meeting"]
    assert str(meeting["STATUS"]) == "CONFIRMED" and meeting["SEQUENCE"] == 0


def test_json_ld_says_whether_the_event_goes_ahead(called_off):
    assert json_ld(called_off, "events/canvass/")["eventStatus"] == "https://schema.org/EventCancelled"
    assert json_ld(called_off, "events/social/")["eventStatus"] == "https://schema.org/EventPostponed"
    assert json_ld(called_off, "events/members-meeting/")["eventStatus"] == "https://schema.org/EventScheduled"


def test_an_event_held_online_only_has_no_place(called_off):
    data = json_ld(called_off, "events/members-meeting/")
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://meet.example.org/members"}
    facts = called_off.html("events/members-meeting/").main.select_one("dl.facts")
    where = {text_of(term): text_of(term.find_next_sibling("dd")) for term in facts.find_all("dt")}
    assert where["Where"] == "Online only"
    assert facts.find("a", href="https://meet.example.org/members") is not None
    card = called_off.html("events/").main.find("a", string="Members meeting").find_parent("article")
    assert text_of(card.select("p.meta")[1]) == "Online"
    entry = calendar_entries(called_off.output / "events/members-meeting/event.ics")["members-meeting"]
    assert str(entry["LOCATION"]) == "https://meet.example.org/members"
    # An event with a place as well is attended both ways, as before.
    canvass = json_ld(called_off, "events/canvass/")
    assert canvass["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"


def test_a_cancelled_event_in_the_past_does_not_say_it_took_place(make_site):
    build = make_site(CALLED_OFF, options=("--now", AFTER))
    assert build.returncode == 0, build.stderr
    main = build.html("events/canvass/").main
    assert "This event has taken place." not in text_of(main)
    assert text_of(main.select_one("h1 + p")) == "This event has been cancelled."
    past = build.html("events/").main.select("section[aria-labelledby=past] .event-card")
    assert [text_of(card.select_one(".event-status")) for card in past if card.select_one(".event-status")] == [
        "Cancelled"]


def test_a_postponed_event_stays_to_come_after_its_first_date(make_site):
    """It has not happened: it waits for its new date. From a review: once
    its first date passed it moved to the past, and left the calendar people
    subscribe to, whose apps then dropped it without a word."""
    build = make_site(CALLED_OFF, options=("--now", AFTER))
    assert build.returncode == 0, build.stderr
    listing = build.html("events/").main
    assert titles(listing.select("section[aria-labelledby=upcoming] .event-card")) == ["Summer social"]
    assert "Summer social" not in titles(listing.select("section[aria-labelledby=past] .event-card"))
    social = calendar_entries(build.output / "events/calendar.ics")["social"]
    assert str(social["STATUS"]) == "TENTATIVE"
    page = build.html("events/social/").main
    assert "This event has taken place." not in text_of(page)
    assert build.html("").main.select_one("section[aria-labelledby=next-events]") is None


def test_postponed_events_come_after_those_with_a_date_and_stay_off_a_branchs_coming_up(make_site):
    """Sorted by the date they first had, events postponed years before led
    the listing (six of them before the first real one, in an audit of
    years of events), and a branch's "Coming up" showed a 2022 meeting in
    2024. They follow the events with a date, under a heading of their own."""
    from test_branches import LONDON_BRANCH

    build = make_site({**CALLED_OFF, "branches/breakthrough-london.md": LONDON_BRANCH,
                       "events/social.md": event_file(title="Summer social", start="2022-05-14 18:00",
                                                      end="2022-05-14 21:00", category="social",
                                                      event_status="postponed", region="London"),
                       "events/rally.md": event_file(title="Summer rally", start="2022-07-02 12:00",
                                                     end="2022-07-02 15:00", region="London")},
                      options=("--now", AFTER))
    assert build.returncode == 0, build.stderr
    upcoming = build.html("events/").main.select_one("section[aria-labelledby=upcoming]")
    assert titles(upcoming.find("ul").select(".event-card")) == ["Summer rally"]
    heading = upcoming.select_one("h3#postponed")
    assert text_of(heading) == "Postponed: new dates to come"
    cards = heading.find_next_sibling("ul").select(".event-card")
    assert titles(cards) == ["Summer social"] and cards[0].find("h4") is not None
    branch = build.html("branches/breakthrough-london/").main
    assert branch.find("a", href="/events/rally/") is not None
    assert branch.find("a", href="/events/social/") is None
    # A page whose only events to come are postponed does not say it has none.
    socials = build.html("events/category/social/").main.select_one("section[aria-labelledby=upcoming]")
    assert "No upcoming events" not in text_of(socials)
    assert titles(socials.select(".event-card")) == ["Summer social"]


def test_a_postponed_event_still_without_a_date_90_days_on_is_a_warning_at_its_line(make_site, tmp_path):
    """An event postponed and forgotten tells readers for years that it is
    still to come (an audit of years of events found some from 2022 in
    2024). 90 days after its date the build warns at its event_status line,
    and still builds; a build that keeps the site says it again, and the
    kept site is built again when the 90 days run out."""
    from conftest import check_content

    events = {"events/social.md": CALLED_OFF["events/social.md"]}  # 14 May 2022, 18:00
    warning = ("content/events/social.md:8: event_status: postponed, and its date (2022-05-14) was 90 days ago: the "
               'events page still lists it under "Postponed: new dates to come" — give it its new start and end and '
               "remove event_status, or write 'event_status: cancelled' if it will not take place (warning)")
    builds = [make_site(events, options=("--now", now, "--annotations", "github"))
              for now in ("2022-08-12 17:30", "2022-08-12 18:30", "2022-08-12 18:45")]
    assert [build.returncode for build in builds] == [0, 0, 0]
    assert warning not in builds[0].stderr and "warning" not in builds[0].stdout
    for build in builds[1:]:
        assert build.stderr.splitlines()[-2:] == ["1 warning to look at:", warning]
        assert "::warning file=content/events/social.md,line=8,title=event_status::postponed, and its date" in (
            build.stdout)
    assert "Nothing changed since the last build" in builds[2].stdout
    assert "Postponed: new dates to come" in text_of(builds[2].html("events/").main)
    # The review's check shows it on its line of the pull request.
    checked = check_content(builds[2].content, "--now", "2022-08-12 18:45", "--annotations", "github")
    assert checked.returncode == 0
    assert "no problems found, 1 warning to look at." in checked.stdout and warning in checked.stderr
    assert "::warning file=content/events/social.md,line=8,title=event_status::" in checked.stdout
    # With its new date, it is no longer postponed, and nothing is said.
    rescheduled = make_site({"events/social.md": event_file(title="Summer social", start="2022-09-10 18:00",
                                                            end="2022-09-10 21:00", category="social")},
                            options=("--now", "2022-08-12 18:45"))
    assert rescheduled.returncode == 0 and "warning" not in rescheduled.stderr


def test_a_report_named_before_the_event_is_a_warning_at_its_line(make_site):
    """Its page links the report only once the event has taken place: until
    then the line does nothing, and a published post reporting on an event
    not yet held most likely reports on another. The site builds; once the
    event has ended, nothing is said and the report is linked."""
    report = ("---\ntitle: How the canvass went\ndate: 2022-05-01\ncategory: news\nsummary: Our report.\n---\n"
              "Text.\n")
    files = {"events/canvass.md": event_file(report="canvass-report"), "posts/canvass-report.md": report}
    before = make_site(files, options=("--now", "2022-05-07 12:00"))
    assert before.returncode == 0, before.stderr
    assert before.stderr.splitlines()[-2:] == [
        "1 warning to look at:",
        "content/events/canvass.md:8: report: the event has not taken place yet: its page links the report only "
        "once it ends (2022-05-07 13:00) — if the post reports on another event, move this line to that event's "
        "file (warning)"]
    after = make_site(files, options=("--now", "2022-05-07 13:30"))
    assert after.returncode == 0 and "warning" not in after.stderr
    assert after.html("events/canvass/").main.find("a", href="/news/canvass-report/") is not None
    # A postponed one: once it has taken place, on its new date.
    postponed = {**files, "events/canvass.md": event_file(report="canvass-report", event_status="postponed")}
    build = make_site(postponed, options=("--now", "2022-05-08 12:00"))
    assert build.returncode == 0, build.stderr
    assert build.stderr.splitlines()[-1] == (
        "content/events/canvass.md:8: report: the event has not taken place yet: its page links the report only once "
        "it has taken place, on its new date — if the post reports on another event, move this line to that event's "
        "file (warning)")
    # A cancelled event's page links no report, before or after its date.
    cancelled = {**files, "events/canvass.md": event_file(report="canvass-report", event_status="cancelled")}
    for now in ("2022-05-07 12:00", "2022-05-08 12:00"):
        build = make_site(cancelled, options=("--now", now))
        assert build.returncode == 0, build.stderr
        assert build.stderr.splitlines()[-1] == (
            "content/events/canvass.md:8: report: the event is cancelled: its page links no report — delete the "
            "line; if the post reports on another event, move this line to that event's file (warning)")
        assert build.html("events/canvass/").main.find("a", href="/news/canvass-report/") is None


def test_the_live_preview_prints_a_warning_in_its_terminal(tmp_path, factory_cache, capsys):
    from conftest import MINIMAL_SITE, REPO, preview_overrides, write_content

    from sitebuild.preview_builds import Preview

    content = tmp_path / "content"
    write_content(content, {**MINIMAL_SITE, "events/social.md": CALLED_OFF["events/social.md"]})
    live = Preview(REPO / "pelicanconf.py", tmp_path / "preview",
                   preview_overrides(content, factory_cache, "2022-08-12 18:30"))
    live.rebuild()
    assert live.status()["problems"] == []
    printed = capsys.readouterr().out.splitlines()
    assert printed[-1].startswith("content/events/social.md:8: event_status: postponed, and its date (2022-05-14)")
    assert printed[-1].endswith("(warning)")


def test_the_calendar_keeps_an_event_for_half_a_year_after_it_ended(make_site):
    """A calendar app deletes an entry the calendar it subscribes to no
    longer has: an event that left the calendar on the day it ended left its
    subscribers' calendars too. It stays EVENTS_CALENDAR_KEEPS_DAYS (180),
    and the build that is kept as it was knows when it must build again."""
    events = {"events/canvass.md": event_file(),  # 7 May 2022, 10:00–13:00
              "events/rally.md": event_file(title="Rally", start="2022-10-01 12:00", end="2022-10-01 15:00")}
    listed = {}
    # The canvass ends 180 days before 3 November 2022, 13:00: the builds
    # either side of that, on the same day, go into the same folder, so the
    # second is kept as the first made it unless the first knew to end then.
    for now in ("2022-10-30 12:00", "2022-11-03 12:30", "2022-11-03 13:30", "2023-04-01 12:00"):
        build = make_site(events, options=("--now", now))
        assert build.returncode == 0, build.stderr
        listed[now] = sorted(calendar_entries(build.output / "events/calendar.ics"))
    assert listed == {"2022-10-30 12:00": ["canvass", "rally"], "2022-11-03 12:30": ["canvass", "rally"],
                      "2022-11-03 13:30": ["rally"], "2023-04-01 12:00": []}


def test_the_calendar_of_upcoming_events_is_valid_when_there_are_none(make_site):
    build = make_site({}, options=("--now", BEFORE))
    assert build.returncode == 0, build.stderr
    calendar = icalendar.Calendar.from_ical((build.output / "events/calendar.ics").read_bytes())
    assert calendar.walk("VEVENT") == []
    # RFC 5545: a calendar has at least one component; here, the zone's rules.
    assert [zone["TZID"] for zone in calendar.subcomponents] == ["Europe/London"]
    assert calendar.subcomponents[0].walk("STANDARD") and calendar.subcomponents[0].walk("DAYLIGHT")


def dtstamp_and_sequence(build, slug: str) -> tuple[dt.datetime, int]:
    entry = calendar_entries(build.output / f"events/{slug}/event.ics")[slug]
    return entry.decoded("DTSTAMP"), entry["SEQUENCE"]


def test_dtstamp_is_the_same_for_the_same_event_and_changes_with_it(make_site, tmp_path):
    one = make_site({"events/canvass.md": event_file()}, options=("--now", BEFORE))
    assert one.returncode == 0, one.stderr
    first = (one.output / "events/canvass/event.ics").read_bytes()
    stamp, sequence = dtstamp_and_sequence(one, "canvass")
    # Never in the future, nor the event's start: the moment of a revision.
    assert stamp < dt.datetime(2022, 5, 1, tzinfo=dt.timezone.utc) and sequence == 0
    # In both files alike.
    assert calendar_entries(one.output / "events/calendar.ics")["canvass"].decoded("DTSTAMP") == stamp

    # The same files at another moment: the same bytes.
    again = make_site({"events/canvass.md": event_file()}, options=("--now", "2022-05-02 08:00"),
                      output=tmp_path / "again")
    assert again.returncode == 0, again.stderr
    assert (again.output / "events/canvass/event.ics").read_bytes() == first

    # Brought forward an hour: a new version.
    moved = make_site({"events/canvass.md": event_file(start="2022-05-07 09:00")}, options=("--now", BEFORE),
                      output=tmp_path / "moved")
    assert moved.returncode == 0, moved.stderr
    moved_stamp, _ = dtstamp_and_sequence(moved, "canvass")
    assert moved_stamp != stamp and moved_stamp < dt.datetime(2022, 5, 1, tzinfo=dt.timezone.utc)


def test_every_mistake_in_an_event_is_reported_in_one_build(make_site):
    build = make_site({
        "events/canvass.md": event_file(start="2022-05-07 14:00", end="2022-05-07 12:00", category="canvass"),
        "events/nowhere.md": event_file(place=None),
        "events/called-off.md": event_file(status="cancelled"),
    })
    assert build.returncode == 1 and "Traceback" not in build.stderr
    assert set(build.problem_lines) == {
        "content/events/canvass.md:4: end: 2022-05-07 12:00 is not after the start (2022-05-07 14:00) — "
        "give the time the event ends, after it starts (YYYY-MM-DD HH:MM)",
        'content/events/canvass.md:6: category: "canvass" is not one of the allowed values — use one of: '
        "conference, campaign-day, protest, meeting, social (the list is EVENT_CATEGORIES in pelicanconf.py)",
        "content/events/nowhere.md:7: place: is missing, and so is online (every event needs at least one of "
        "them) — add a line 'place: Friends Meeting House, Manchester' or "
        "'online: https://meet.example.org/conference' before the closing '---', with your own value",
        'content/events/called-off.md:8: status: "cancelled" is not allowed here — use one of: published, draft; '
        "to say the event is cancelled, write 'event_status: cancelled' instead",
    }, "\n".join(build.problem_lines)


def test_the_end_is_compared_with_the_start_as_an_instant(settings):
    """On the night the clocks go back, 01:15 GMT comes after 01:45 BST,
    though its clock reads earlier."""
    from sitecore.schema.content_types import EVENT
    from sitecore.schema.document import parse_document

    def problems(start: str, end: str) -> list[str]:
        found = []
        doc = parse_document(event_file(start=start, end=end))
        EVENT.validate_all("content/events/canvass.md", doc, settings, lambda *problem: found.append(problem[2]))
        return found

    assert problems("2022-10-30T01:45:00+01:00", "2022-10-30T01:15:00+00:00") == []
    assert problems("2022-10-30T01:15:00+00:00", "2022-10-30T01:45:00+01:00") == ["end"]


# After every version below: a `modified` may not be in the future.
REVISED_BY_NOW = "2022-05-05 12:00"


def revision(build) -> tuple[int, dt.datetime, dt.datetime | None]:
    """(SEQUENCE, DTSTAMP, LAST-MODIFIED or None) of the canvass, the same in both files."""
    entries = [calendar_entries(build.output / path)["canvass"]
               for path in ("events/canvass/event.ics", "events/calendar.ics")]
    found = [(entry["SEQUENCE"], entry.decoded("DTSTAMP"),
              entry.decoded("LAST-MODIFIED") if "LAST-MODIFIED" in entry else None) for entry in entries]
    assert found[0] == found[1]
    return found[0]


def test_every_revision_of_an_events_plans_raises_its_sequence_and_stamp(make_site, tmp_path):
    """RFC 5545: SEQUENCE rises with every change of the start, the end or
    the status, and never falls. From a review: it came from the status
    alone, so a moved event kept 0 (with a stamp that could be older than
    the last one's), and a postponed event given its new date went from 1
    back to 0, which a calendar app that had imported it ignored."""
    versions = [
        event_file(),
        event_file(event_status="postponed"),  # without `modified`: raised by the status, as before
        event_file(start="2022-05-14 10:00", end="2022-05-14 13:00", modified="2022-05-03 10:00"),  # its new date
        event_file(start="2022-05-14 11:00", end="2022-05-14 14:00", modified="2022-05-04 18:30"),  # moved again
        # Cancelled, `modified` left as it was: the status still raises it.
        event_file(start="2022-05-14 11:00", end="2022-05-14 14:00", modified="2022-05-04 18:30",
                   event_status="cancelled"),
    ]
    revisions = []
    for number, text in enumerate(versions):
        build = make_site({"events/canvass.md": text}, options=("--now", REVISED_BY_NOW),
                          output=tmp_path / f"version-{number}")
        assert build.returncode == 0, build.stderr
        revisions.append(revision(build))
    utc = dt.timezone.utc
    # Whole minutes from 1900 to `modified` (UTC: 09:00 BST is 08:00 UTC), times 3, plus the status's rank.
    assert [sequence for sequence, _, _ in revisions] == [0, 1, 193_027_860, 193_033_710, 193_033_712]
    stamps = [stamp for _, stamp, _ in revisions]
    assert stamps[0] < dt.datetime(2009, 1, 1, tzinfo=utc) and stamps[1] < dt.datetime(2009, 1, 1, tzinfo=utc)
    assert stamps[2:] == [dt.datetime(2022, 5, 3, 9, 0, tzinfo=utc), dt.datetime(2022, 5, 4, 17, 30, tzinfo=utc),
                          dt.datetime(2022, 5, 4, 17, 30, tzinfo=utc)]
    assert [modified for _, _, modified in revisions] == [None, None, *stamps[2:]]
    page = build.html("events/canvass/").main
    assert text_of(page.select_one("p.meta")) == "Events · Campaign day · Updated 4 May 2022"


def test_a_revised_event_gives_the_same_bytes_whatever_the_builds_now(make_site, tmp_path):
    revised = {"events/canvass.md": event_file(modified="2022-05-03 10:00")}
    files = []
    for now in (REVISED_BY_NOW, "2022-05-06 23:00"):
        build = make_site(revised, options=("--now", now), output=tmp_path / now.replace(" ", "T"))
        assert build.returncode == 0, build.stderr
        files.append([(build.output / path).read_bytes()
                      for path in ("events/canvass/event.ics", "events/calendar.ics")])
    assert files[0] == files[1]


def test_an_events_plans_cannot_have_changed_in_the_future(make_site):
    build = make_site({"events/canvass.md": event_file(modified="2022-05-05 12:30")}, options=("--now", REVISED_BY_NOW))
    assert build.returncode == 1 and "Traceback" not in build.stderr
    assert build.problem_lines == [
        "content/events/canvass.md:8: modified: 2022-05-05 12:30 is in the future — give the date and time the "
        "event's plans last changed (now at the latest)"]
