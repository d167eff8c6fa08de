"""Events (plugins/events): pages, the listing of upcoming and past events and
its filters, iCalendar files in Europe/London time, JSON-LD, and what the
build's "now" decides. Real builds of the real content/ (its sample events)
at chosen moments, and throwaway sites for mistakes."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import textwrap
from zoneinfo import ZoneInfo

import icalendar
import pytest
from conftest import MINIMAL_SITE, REPO, build_in, copy_of_site_cache, run_build, write_content
from test_site import text_of

LONDON = ZoneInfo("Europe/London")
# Before the Kill the Bill protest (26 March 2022) and the conference (July 2022);
# after the COP26 day of action (November 2021).
SPRING_2022 = "2022-03-01 12:00"
# Sunday 27 March 2022: the clocks went forward at 01:00 GMT.
CLOCKS_CHANGE = {
    "events/before-the-change.md": """\
        ---
        title: Saturday canvass
        start: 2022-03-26 10:00
        end: 2022-03-26 13:00
        summary: Knocking on doors the day before the clocks change.
        category: campaign-day
        place: Market Square, Truro
        region: South West
        ---
        Canvassing.
        """,
    "events/after-the-change.md": """\
        ---
        title: Sunday canvass
        start: 2022-03-27 10:00
        end: 2022-03-27 13:00
        summary: Knocking on doors the day the clocks change.
        category: campaign-day
        place: Market Square, Truro
        region: South West
        ---
        Canvassing.
        """,
}


@pytest.fixture(scope="module")
def spring(tmp_path_factory, site):
    """The real content/ with two canvasses around the clocks' change, built
    on 1 March 2022 (from a copy of the run's site cache: the same PDFs)."""
    root = tmp_path_factory.mktemp("events")
    content = root / "content"
    shutil.copytree(REPO / "content", content)
    write_content(content, CLOCKS_CHANGE)
    build = run_build(content, root / "output", cache=copy_of_site_cache(site, root / "cache"),
                      options=("--now", SPRING_2022))
    assert build.returncode == 0, build.stderr
    return build


def titles(cards) -> list[str]:
    return [text_of(card.select_one(".card-title")) for card in cards]


def test_the_listing_shows_upcoming_events_by_date_and_past_ones_newest_first(spring):
    page = spring.html("events/").main
    upcoming = page.select("section[aria-labelledby=upcoming] .event-card")
    assert titles(upcoming) == ["Saturday canvass", "Kill the Bill protest", "Sunday canvass", "Party Conference 2022"]
    past = page.select("section[aria-labelledby=past] .event-card")
    assert titles(past) == ["COP26 day of action"]
    home = spring.html("").main
    assert titles(home.select("section[aria-labelledby=next-events] .event-card")) == [
        "Saturday canvass", "Kill the Bill protest"]


def test_the_filters_are_pages_that_work_without_javascript(spring):
    london = spring.html("events/region/london/").main
    assert titles(london.select(".event-card")) == ["Kill the Bill protest"]
    conference = spring.html("events/category/conference/").main
    assert titles(conference.select(".event-card")) == ["Party Conference 2022"]
    # The listing links each region and kind with upcoming events, with its count.
    links = {text_of(a): a["href"] for a in spring.html("events/").select("nav.event-filters a")}
    assert links["London (1)"] == "/events/region/london/"
    assert links["Campaign day (2)"] == "/events/category/campaign-day/"
    assert "Scotland (0)" not in links
    # A region without events still has its page, for a link shared earlier.
    assert "No upcoming events here yet" in text_of(spring.html("events/region/scotland/").main)


def test_a_past_event_links_its_report_and_the_report_names_it(spring):
    cop26 = spring.html("events/cop26-day-of-action/").main
    assert "This event has taken place." in text_of(cop26)
    assert cop26.find("a", href="/news/cop26-protests/") is not None
    conference = spring.html("events/party-conference-2022/").main
    assert "This event has taken place." not in text_of(conference)
    assert conference.find("a", href="https://join.breakthroughparty.org.uk/") is not None


def calendar_events(path) -> list:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert [zone["TZID"] for zone in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    # Only what RFC 5545 (3.6.5) allows a VTIMEZONE itself (a COMMENT belongs in its parts).
    [zone] = calendar.walk("VTIMEZONE")
    assert set(zone) <= {"TZID", "LAST-MODIFIED", "TZURL"}, set(zone)
    return calendar.walk("VEVENT")


def test_each_event_has_a_calendar_file_in_london_time_across_the_clocks_change(spring):
    [saturday] = calendar_events(spring.output / "events/before-the-change/event.ics")
    [sunday] = calendar_events(spring.output / "events/after-the-change/event.ics")
    for event, offset in ((saturday, 0), (sunday, 1)):
        start = event.decoded("DTSTART")
        assert start.tzinfo is not None and str(event["DTSTART"].params["TZID"]) == "Europe/London"
        assert (start.hour, start.minute) == (10, 0)
        assert start.utcoffset() == dt.timedelta(hours=offset)
    # 10:00 on each day is 10:00 GMT, then 09:00 UTC once the clocks have gone forward.
    assert saturday.decoded("DTSTART").astimezone(dt.timezone.utc).hour == 10
    assert sunday.decoded("DTSTART").astimezone(dt.timezone.utc).hour == 9
    assert str(sunday["UID"]) == "after-the-change@breakthroughparty.org.uk"
    assert str(sunday["LOCATION"]) == "Market Square, Truro"
    assert "Promoted by" in str(sunday["DESCRIPTION"])  # the imprint, as everywhere


def test_the_subscribable_calendar_holds_every_upcoming_event_in_date_order(spring):
    """Every upcoming event, and those that ended in the last 180 days (the
    COP26 day of action, November 2021), in date order."""
    events = calendar_events(spring.output / "events/calendar.ics")
    assert [str(event["SUMMARY"]) for event in events] == [
        "COP26 day of action", "Saturday canvass", "Kill the Bill protest", "Sunday canvass", "Party Conference 2022"]
    conference = events[-1]
    assert conference.decoded("DTSTART") == dt.datetime(2022, 7, 16, 10, 0, tzinfo=LONDON)
    assert conference.decoded("DTEND") == dt.datetime(2022, 7, 17, 16, 0, tzinfo=LONDON)
    # A subscription (webcal:, which calendar apps fetch again), not a file
    # downloaded and imported once; the address too, for apps that take no link.
    lead = spring.html("events/").select_one("main .lead")
    link = lead.find("a", string="Subscribe to our calendar")
    assert link["href"] == "webcal://breakthroughparty.org.uk/events/calendar.ics"
    assert "https://breakthroughparty.org.uk/events/calendar.ics" in lead.get_text("").replace("\u200b", "")
    calendar = (spring.output / "events/calendar.ics").read_bytes().decode().split("\r\n")
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT6H" in calendar and "X-PUBLISHED-TTL:PT6H" in calendar
    single = (spring.output / "events/party-conference-2022/event.ics").read_text()
    assert "REFRESH-INTERVAL" not in single  # imported once: nothing to refresh


def test_an_event_page_has_json_ld_with_place_and_organiser(spring):
    script = spring.html("events/party-conference-2022/").find("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["@type"] == "Event" and data["name"] == "Party Conference 2022"
    assert data["startDate"] == "2022-07-16T10:00:00+01:00" and data["endDate"] == "2022-07-17T16:00:00+01:00"
    assert data["location"]["@type"] == "Place" and data["location"]["containedInPlace"]["name"] == "North West"
    assert data["organizer"]["@type"] == "PoliticalParty" and data["organizer"]["name"] == "Breakthrough Party"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"


def test_events_are_in_the_sitemap_and_have_share_cards(spring):
    sitemap = (spring.output / "sitemap.xml").read_text()
    for slug in ("party-conference-2022", "kill-the-bill-protest", "cop26-day-of-action"):
        assert f"https://breakthroughparty.org.uk/events/{slug}/</loc>" in sitemap
        assert (spring.output / f"share/events/{slug}.png").is_file()
    assert "https://breakthroughparty.org.uk/events/</loc>" in sitemap


def test_an_event_moves_to_the_past_when_the_builds_now_passes_its_end(tmp_path, site):
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    output, cache = tmp_path / "output", copy_of_site_cache(site, tmp_path / "cache")
    during = run_build(content, output, cache=cache, options=("--now", "2022-07-17 15:30"))
    assert during.returncode == 0, during.stderr
    assert titles(during.html("events/").select("section[aria-labelledby=upcoming] .event-card")) == [
        "Party Conference 2022"]
    after = run_build(content, output, cache=cache, options=("--now", "2022-07-17 16:30"))
    assert after.returncode == 0, after.stderr
    assert titles(after.html("events/").select("section[aria-labelledby=upcoming] .event-card")) == []
    assert "Party Conference 2022" in titles(after.html("events/").select("section[aria-labelledby=past] .event-card"))
    # The calendar people subscribe to keeps it a while (EVENTS_CALENDAR_KEEPS_DAYS), then lets it go.
    def in_calendar() -> list[str]:
        return [str(event["SUMMARY"]) for event in calendar_events(output / "events/calendar.ics")]

    assert "Party Conference 2022" in in_calendar()
    later = run_build(content, output, cache=cache, options=("--now", "2023-01-14 16:30"))  # 181 days after
    assert later.returncode == 0, later.stderr
    assert in_calendar() == []


HIDDEN = {
    "events/secret-rally.md": """\
        ---
        title: Secret rally
        start: 2022-05-01 10:00
        end: 2022-05-01 12:00
        summary: Not to be announced yet.
        category: protest
        place: Somewhere secret
        status: draft
        ---
        Hush.
        """,
    "events/embargoed-launch.md": """\
        ---
        title: Embargoed launch
        start: 2022-05-02 10:00
        end: 2022-05-02 12:00
        summary: Announced at the embargo.
        category: meeting
        place: Somewhere later
        embargo: 2022-04-01 09:00
        ---
        Later.
        """,
}


def test_draft_and_embargoed_events_appear_in_no_output_file(make_site):
    build = make_site(HIDDEN, options=("--now", SPRING_2022))
    assert build.returncode == 0, build.stderr
    for path in build.output.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".ics", ".xml", ".json", ".txt"):
            data = path.read_bytes()
            for hidden in (b"Secret rally", b"secret-rally", b"Embargoed launch", b"embargoed-launch"):
                assert hidden not in data, (path, hidden)
    assert not (build.output / "share/events/secret-rally.png").exists()
    lifted = make_site(HIDDEN, options=("--now", "2022-04-01 09:01"))
    assert lifted.returncode == 0, lifted.stderr
    assert (lifted.output / "events/embargoed-launch/index.html").is_file()


def test_past_events_are_the_newest_few_and_a_page_for_each_year_under_its_months(make_site):
    """Years of events were one page (305 events, 171 KB, 293 past ones
    under one heading): /events/ shows the newest PAST_EVENTS_SHOWN past
    ones and links a page for each year, its events newest first under
    their months, in the sitemap."""
    days = ["2021-03-06", "2021-03-20", "2021-11-06", "2022-01-15", "2022-01-29", "2022-02-12"]
    events = {f"events/canvass-{n}.md": event_file(title=f"Canvass {n}", start=f"{day} 10:00", end=f"{day} 13:00")
              for n, day in enumerate(days)}
    built = make_site(events, settings={"PAST_EVENTS_SHOWN": "4"}, options=("--now", "2022-06-01 12:00"))
    assert built.returncode == 0, built.stderr
    listing = built.html("events/").select_one("section[aria-labelledby=past]")
    assert titles(listing.select(".event-card")) == ["Canvass 5", "Canvass 4", "Canvass 3", "Canvass 2"]
    years = [(a["href"], a.find_next_sibling("span").get_text())
             for a in listing.select("nav[aria-labelledby=past-years] a")]
    assert years == [("/events/past/2022/", "(3)"), ("/events/past/2021/", "(3)")]
    for url, months in (("events/past/2022/", {"February 2022": ["Canvass 5"], "January 2022": ["Canvass 4", "Canvass 3"]}),
                        ("events/past/2021/", {"November 2021": ["Canvass 2"], "March 2021": ["Canvass 1", "Canvass 0"]})):
        page = built.html(url)
        assert page.h1.get_text() == f"Past events of {url[12:16]}"
        shown = {h2.get_text(): titles(h2.find_next_sibling("ul").select(".event-card"))
                 for h2 in page.main.select("h2") if h2.get("id") != "past-years"}
        assert shown == months and list(shown) == list(months)
        assert page.select_one(f'nav[aria-labelledby=past-years] a[href="/{url}"]')["aria-current"] == "page"
    sitemap = (built.output / "sitemap.xml").read_text()
    assert "/events/past/2021/</loc>" in sitemap and "/events/past/2022/</loc>" in sitemap


def test_a_past_events_page_offers_no_calendar_and_no_meeting_link(make_site):
    """Once an event has taken place its page says so; adding it to a
    calendar, or following its online meeting's link, is no longer offered
    (the meeting's address is still told)."""
    online = "https://meet.example.org/breakthrough-canvass"
    built = make_site({"events/before.md": event_file(title="Before", online=online),
                       "events/after.md": event_file(title="After", start="2022-08-06 10:00",
                                                     end="2022-08-06 13:00", online=online)},
                      options=("--now", "2022-06-01 12:00"))
    assert built.returncode == 0, built.stderr
    for slug, past in (("before", True), ("after", False)):
        page = built.html(f"events/{slug}/").main
        meeting = next(dt.find_next_sibling("dd") for dt in page.select("dl.facts dt") if dt.get_text() == "Online")
        assert meeting.get_text() == online
        assert (meeting.find("a") is None) == past
        assert (page.find("a", string="Add to your calendar") is None) == past, slug
        assert ("This event has taken place." in page.get_text()) == past


def event_file(**changes: str | None) -> str:
    """An event's file; a change to None leaves that field out."""
    fields = {"title": "Canvass", "start": "2022-05-07 10:00", "end": "2022-05-07 13:00",
              "summary": "Knocking on doors.", "category": "campaign-day", "place": "Truro", **changes}
    return "---\n" + "".join(f"{key}: {value}\n" for key, value in fields.items() if value is not None) + (
        "---\nCanvassing.\n")


@pytest.mark.parametrize("changes, expected", [
    ({"end": "2022-05-07 09:00"},
     "content/events/canvass.md:4: end: 2022-05-07 09:00 is not after the start (2022-05-07 10:00) — "
     "give the time the event ends, after it starts (YYYY-MM-DD HH:MM)"),
    # In the hour the clocks go back each time says its zone: 01:45 BST is
    # before 01:15 GMT, which the times alone made look wrong (an audit).
    ({"start": "2022-10-30T01:15:00+00:00", "end": "2022-10-30 01:45"},
     "content/events/canvass.md:4: end: 2022-10-30 01:45 BST is not after the start (2022-10-30 01:15 GMT) — "
     "give the time the event ends, after it starts (YYYY-MM-DD HH:MM)"),
    ({"category": "party"},
     'content/events/canvass.md:6: category: "party" is not one of the allowed values — use one of: conference, '
     "campaign-day, protest, meeting, social (the list is EVENT_CATEGORIES in pelicanconf.py)"),
    ({"register": "www.example.org/join"},
     'content/events/canvass.md:8: register: "www.example.org/join" is not a web address starting https:// — '
     "copy the whole address from the browser, e.g. https://example.org/page"),
    ({"report": "no-such-post"},
     'content/events/canvass.md:8: report: no post is called "no-such-post" — name a published post by its '
     "file name without '.md'"),
    ({"start": "2022-05-07", "end": "2022-05-07"},
     'content/events/canvass.md:3: start: "2022-05-07" has no time of day — write the date and the time, '
     "e.g. 2022-06-01 10:00 (UK time)"),
    ({"title": "|\n  Party Conference 2022\n  Manchester"},
     "content/events/canvass.md:2: title: is on more than one line — write it on one line after the colon (a | or > "
     "after the colon starts several lines)"),
    ({"start": "next Saturday"},
     'content/events/canvass.md:3: start: "next Saturday" is not a date and time — write it as YYYY-MM-DD HH:MM, '
     "on the 24-hour clock (e.g. 2022-06-01 19:00)"),
    # A time written as people write it: told the time to write, not "has no time of day".
    ({"start": "2022-04-10 19.00"},
     'content/events/canvass.md:3: start: "2022-04-10 19.00" is not a date and time: the time is written '
     "otherwise than HH:MM — write it on the 24-hour clock, hours and minutes with a colon: 2022-04-10 19:00"),
    ({"start": "10/04/2022 19:00"},
     'content/events/canvass.md:3: start: "10/04/2022 19:00" is not a date and time: it is written day first — '
     "write it as 2022-04-10 19:00 (YYYY-MM-DD HH:MM), read the UK way: 10 April; for 4 October, write "
     "2022-10-04 19:00"),
    ({"start": "10 April 2022"},
     'content/events/canvass.md:3: start: "10 April 2022" is not a date and time: its month is written in words — '
     "write it as 2022-04-10 and the time, on the 24-hour clock, e.g. 2022-04-10 19:00"),
    ({"start": "2022-04-10 7pm"},
     'content/events/canvass.md:3: start: "2022-04-10 7pm" is not a date and time: the time is written '
     "otherwise than HH:MM — write it on the 24-hour clock, hours and minutes with a colon: 2022-04-10 19:00"),
    # The night the clocks go forward: no clock shows 01:30 (it was refused as
    # ending before it began, or published an hour out).
    ({"start": "2030-03-31 01:30", "end": "2030-03-31 03:30"},
     'content/events/canvass.md:3: start: "2030-03-31 01:30" is a time the clocks skip: they go forward an hour '
     "that night — write the time as the clocks will show it: 2030-03-31 02:30"),
])
def test_a_wrong_event_is_refused_at_its_line(make_site, changes, expected):
    build = make_site({"events/canvass.md": event_file(**changes)})
    assert build.returncode == 1
    assert "Traceback" not in build.stderr
    assert expected in build.problem_lines, "\n".join(build.problem_lines)


def test_a_post_names_events_like_it_names_policies(make_site):
    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]).replace("tags: [launch]", "tags: [launch]\nevents: [canvass]")
    build = make_site({"events/canvass.md": event_file(), "posts/hello.md": post})
    assert build.returncode == 0, build.stderr
    news = build.html("events/canvass/").select_one("section[aria-labelledby=related-news]")
    assert news.find("a", href="/news/hello/") is not None
    wrong = make_site({"events/canvass.md": event_file(), "posts/hello.md": post.replace("[canvass]", "[canvas]")})
    assert wrong.returncode == 1
    assert any(line.startswith("content/posts/hello.md:") and 'events: no event is called "canvas"' in line
               for line in wrong.problem_lines), wrong.problem_lines


def test_a_report_whose_own_file_has_a_mistake_is_reported_there_only(make_site):
    """The event names the post as its report; the post's title reads as
    true or false (an unquoted No). Its own line is the problem: the event
    is not told the post does not exist."""
    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"])
    post = post.replace(post.splitlines()[1], "title: No")
    build = make_site({"events/canvass.md": event_file(report="hello"), "posts/hello.md": post})
    assert build.returncode == 1
    assert [line.split(":", 1)[0] for line in build.problem_lines] == ["content/posts/hello.md"], build.problem_lines


def test_a_numbered_event_whose_own_file_has_a_mistake_is_reported_there_only(make_site):
    """An event's name may start with a number, which is its name (only a
    policy's file name drops its number): the post naming it is not told
    that no such event exists while the event's own file has a mistake."""
    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]).replace("tags: [launch]",
                                                                    "tags: [launch]\nevents: [10-days-of-action]")
    build = make_site({"events/10-days-of-action.md": event_file(category="party"), "posts/hello.md": post})
    assert build.returncode == 1
    assert [line.split(":", 1)[0] for line in build.problem_lines] == ["content/events/10-days-of-action.md"], (
        build.problem_lines)


def test_invoke_new_event_starts_a_file_the_check_explains(tmp_path):
    from conftest import derived_settings

    from sitebuild.build import load_settings
    from sitebuild.scaffold import new_content

    build = build_in(tmp_path)
    settings = load_settings(derived_settings(tmp_path / "s.py", {"PATH": repr(str(build.content))}))
    path = new_content("event", "Truro canvass", settings, today=dt.date(2022, 5, 1))
    assert path == build.content / "events/truro-canvass.md"
    text = path.read_text()
    assert "category: TODO choose one of conference, campaign-day, protest, meeting, social" in text
    assert "# region: North West" in text
    check = run_build(build.content, tmp_path / "out", options=("--check",))
    assert check.returncode == 1
    fields = [line.split(": ")[1] for line in check.problem_lines if line.startswith("content/events/truro-canvass.md")]
    assert fields == ["start", "end", "summary", "category", "place", "body"]


def test_the_calendar_name_escapes_what_rfc_5545_text_escapes(make_site):
    """X-WR-CALNAME is TEXT: an event's title with ; , and \\ in it must
    read back as written (icalendar writes an X- property as it is given)."""
    title = 'Conference; AGM, & vote \\\\ "2022"'
    build = make_site({"events/canvass.md": event_file(title=f"'{title}'")})
    assert build.returncode == 0, build.stderr
    ics = (build.output / "events/canvass/event.ics").read_bytes()
    assert b"X-WR-CALNAME:Conference\\; AGM\\, & vote \\\\" in ics
    lines = dict(line.split(b":", 1) for line in ics.splitlines() if line.startswith((b"X-WR-CALNAME:", b"SUMMARY:")))
    assert lines[b"X-WR-CALNAME"] == lines[b"SUMMARY"]  # escaped as SUMMARY, a TEXT property, is


@pytest.mark.parametrize("event_changes, refused", [
    ({"status": "draft"}, None),  # a draft may name anything
    ({"embargo": "2022-05-07 14:00"}, None),  # public after its report: fine
    # Public before its report: wait, or embargo the event too; an event has
    # no date, so the fix gives its embargo alone (a fuzzing audit found a
    # fix asking for a date, which the build then refused).
    ({}, 'content/events/canvass.md:8: report: "hello" is embargoed until 7 May 2022, 13:00 — remove the report line '
         "until then, or, if this file is not published yet, embargo it until then too (embargo: 2022-05-07 13:00)"),
])
def test_an_events_report_follows_the_rule_every_name_follows(make_site, event_changes, refused):
    """An embargoed report named by a draft event, or by one embargoed until
    after it, was refused as "still a draft or embargoed" (and passed once
    the report was out): the rule for any item naming another is that the
    named one is public no later than the one naming it."""
    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]).replace(
        "date: 2021-11-24", "date: 2022-05-07 13:00\nembargo: 2022-05-07 13:00")
    build = make_site({"events/canvass.md": event_file(report="hello", **event_changes), "posts/hello.md": post},
                      options=("--now", "2022-05-07 12:00"))
    if refused is None:
        assert build.returncode == 0, build.stderr
    else:
        assert build.returncode == 1 and refused in build.problem_lines, build.problem_lines


def test_the_hour_the_clocks_go_back_is_told_apart_in_listings_pages_and_calendars(make_site):
    """01:30 on the night the clocks go back is two moments. From a review:
    an event given as 01:15 GMT (+00:00) was written in the calendar as
    01:15 Europe/London, which RFC 5545 reads as the first 01:15 (BST), an
    hour early; one from 01:30 BST to 01:20 GMT ended before it began there
    and on its page; and listings sorted by the clock's reading, not the
    moment."""
    build = make_site({
        "events/first.md": event_file(title="First", start="2022-10-30 01:45", end="2022-10-30 02:30"),
        "events/second.md": event_file(title="Second", start="2022-10-30T01:15:00+00:00", end="2022-10-30 02:30"),
        "events/night.md": event_file(title="Night", start="2022-10-30T00:30:00Z", end="2022-10-30T01:20:00Z"),
    }, options=("--now", "2022-10-01 12:00"))
    assert build.returncode == 0, build.stderr
    in_order = ["Night", "First", "Second"]  # 00:30, 00:45 and 01:15 UTC
    assert titles(build.html("events/").main.select("section[aria-labelledby=upcoming] .event-card")) == in_order
    events = calendar_events(build.output / "events/calendar.ics")
    assert [str(event["SUMMARY"]) for event in events] == in_order
    utc = dt.timezone.utc
    assert [(event.decoded("DTSTART").astimezone(utc), event.decoded("DTEND").astimezone(utc)) for event in events] == [
        (dt.datetime(2022, 10, 30, 0, 30, tzinfo=utc), dt.datetime(2022, 10, 30, 1, 20, tzinfo=utc)),
        (dt.datetime(2022, 10, 30, 0, 45, tzinfo=utc), dt.datetime(2022, 10, 30, 2, 30, tzinfo=utc)),
        (dt.datetime(2022, 10, 30, 1, 15, tzinfo=utc), dt.datetime(2022, 10, 30, 2, 30, tzinfo=utc))]
    # Read as RFC 5545 reads it, not only as this library does: no local time the clocks show twice.
    ics = (build.output / "events/calendar.ics").read_text()
    assert "DTSTART:20221030T003000Z" in ics and "DTEND:20221030T012000Z" in ics
    assert "DTEND;TZID=Europe/London:20221030T023000" in ics  # after the hour: local time, as every other
    night = build.html("events/night/").main
    assert "Sunday 30 October 2022, 01:30 BST – 01:20 GMT (UK time)" in text_of(night)
    assert [time["datetime"] for time in night.select(".facts time")] == [
        "2022-10-30T01:30:00+01:00", "2022-10-30T01:20:00+00:00"]
    assert "Sunday 30 October 2022, 01:45 BST – 02:30 (UK time)" in text_of(build.html("events/first/").main)


def test_an_event_ending_at_midnight_ends_at_midnight_on_its_day(make_site):
    """From an audit: "Saturday 2 April 2022, 19:00 to Sunday 3 April 2022,
    00:00" read to some as Saturday night, to others as Sunday's; it ends at
    midnight on the day it starts, said so, and one of several days at
    midnight at the end of its last day (a review). Ending at another time
    the next day, it keeps its days and times."""
    build = make_site({
        "events/social.md": event_file(title="Social", start="2022-04-02 19:00", end="2022-04-03 00:00"),
        "events/vigil.md": event_file(title="Vigil", start="2022-04-02 22:00", end="2022-04-03 01:00"),
        "events/night.md": event_file(title="Night", start="2022-04-01 00:00", end="2022-04-02 00:00"),
        "events/school.md": event_file(title="School", start="2022-04-01 18:00", end="2022-04-03 00:00"),
    }, options=("--now", "2022-03-01 12:00"))
    assert build.returncode == 0, build.stderr
    social = build.html("events/social/").main
    assert "Saturday 2 April 2022, 19:00 – midnight (UK time)" in text_of(social)
    assert [time["datetime"] for time in social.select(".facts time")] == [
        "2022-04-02T19:00:00+01:00", "2022-04-03T00:00:00+01:00"]
    assert "Saturday 2 April 2022, 22:00 to Sunday 3 April 2022, 01:00" in text_of(build.html("events/vigil/").main)
    assert "Friday 1 April 2022, 00:00 – midnight" in text_of(build.html("events/night/").main)  # the whole day
    assert "Friday 1 April 2022, 18:00 to midnight at the end of Saturday 2 April 2022" in text_of(
        build.html("events/school/").main)


def test_the_calendar_files_say_the_uk_clocks_up_to_the_last_year_an_event_may_have(spring):
    """icalendar wrote the zone's clock changes only up to 2037: an app
    that reads them would show a summer event after that an hour out."""
    calendar = icalendar.Calendar.from_ical((spring.output / "events/before-the-change/event.ics").read_bytes())
    [zone] = calendar.walk("VTIMEZONE")
    # The moments the clocks go forward, as the file lists them (not as an
    # app that knows the zone by its name would work them out).
    [summer] = [part for part in zone.subcomponents if part.name == "DAYLIGHT"]
    rdates = summer.get("RDATE")
    changes = [summer.decoded("DTSTART"), *(when.dt for group in (rdates if isinstance(rdates, list) else [rdates])
                                          for when in group.dts)]
    assert {moment.year for moment in changes} >= set(range(2022, 2101))
    assert any((moment.year, moment.month) == (2099, 3) for moment in changes)  # the last Sunday of March


def onsets(observance) -> list[dt.datetime]:
    """An observance's DTSTART and RDATEs, as written: local times, no zone."""
    rdates = observance.get("RDATE") or []
    return [observance.decoded("DTSTART"), *(when.dt for group in (rdates if isinstance(rdates, list) else [rdates])
                                           for when in group.dts)]


def last_sunday(year: int, month: int) -> dt.date:
    day = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


def test_every_change_of_the_clocks_in_the_calendar_file_is_when_the_clocks_change(spring):
    """RFC 5545 (3.6.5) reads each onset as a local time on the clock before
    it (TZOFFSETFROM). From a review: icalendar wrote the clocks going
    forward as 02:00 at +0000, 02:00 GMT, an hour after they do (01:00 GMT),
    so an app reading the file's rules put that night's early hours an hour out."""
    calendar = icalendar.Calendar.from_ical((spring.output / "events/calendar.ics").read_bytes())
    [zone] = calendar.walk("VTIMEZONE")
    utc, second = dt.timezone.utc, dt.timedelta(seconds=1)
    changes = {"STANDARD": [], "DAYLIGHT": []}
    for observance in zone.subcomponents:
        offset_from, offset_to = observance.decoded("TZOFFSETFROM"), observance.decoded("TZOFFSETTO")
        for onset in onsets(observance):
            instant = (onset - offset_from).replace(tzinfo=utc)
            if offset_from == offset_to:  # what the clocks show where the rules start, changing nothing
                assert instant.astimezone(LONDON).utcoffset() == offset_to
                continue
            # Each onset is a moment the clocks really change, from TZOFFSETFROM to TZOFFSETTO.
            assert (instant - second).astimezone(LONDON).utcoffset() == offset_from, (observance.name, onset)
            assert instant.astimezone(LONDON).utcoffset() == offset_to, (observance.name, onset)
            assert instant.astimezone(LONDON).tzname() == str(observance["TZNAME"]), (observance.name, onset)
            changes[observance.name].append(instant)
    # And every change is there, to the last year a date may have: since 1996 the
    # clocks go forward and back at 01:00 UTC on the last Sundays of March and October.
    for name, month in (("DAYLIGHT", 3), ("STANDARD", 10)):
        expected = [dt.datetime.combine(last_sunday(year, month), dt.time(1, 0), tzinfo=utc)
                    for year in range(1996, 2101)]
        assert [instant for instant in changes[name] if instant.year >= 1996] == expected, name


@pytest.mark.browser
def test_the_filter_a_page_shows_is_marked_by_more_than_its_colour(make_site):
    """/events/category/…/ marks its filter aria-current, which a screen
    reader says; it looked like every other filter to sighted readers (an
    accessibility audit). It is bold with a thicker underline."""
    from browser import chromium, serve_folder

    build = make_site({"events/canvass.md": event_file(),
                       "events/meeting.md": event_file(title="Members meeting", category="meeting")},
                      options=("--now", "2022-05-01 12:00"))
    assert build.returncode == 0, build.stderr
    with serve_folder(build.output) as url, chromium() as browser:
        page = browser.new_page()
        page.goto(f"{url}/events/category/meeting/")
        looks = page.eval_on_selector_all(".event-filters .tag-list a", """links => links.map(link => [
            link.getAttribute('aria-current'), getComputedStyle(link).fontWeight,
            getComputedStyle(link).textDecorationThickness])""")
        page.close()
    current = [look for look in looks if look[0] == "page"]
    others = [look for look in looks if look[0] is None]
    assert len(current) == 1 and others, looks
    assert int(current[0][1]) >= 700 and all(int(weight) < 700 for _, weight, _ in others)
    assert all(current[0][2] != thickness for _, _, thickness in others)
