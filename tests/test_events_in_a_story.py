"""A post names the events it is about (`events: [canvass]`), and each shows
the other: the event's page lists the post, and the post's page says
"Events in this story", with each event's days and whether it still goes
ahead, as it says "Policies in this story" (plugins/crossrefs). Published
events only: a post may not name a draft or embargoed one (refused), and a
draft no post names is on no page."""

from __future__ import annotations

import textwrap

import pytest
from conftest import MINIMAL_SITE

NOW = ("--now", "2022-03-10 12:00")  # after the minifesto's date: it may not be dated ahead


def event(title: str, start: str, end: str, *extra: str) -> str:
    fields = "".join(f"{line}\n" for line in extra)
    return (f"---\ntitle: {title}\nstart: {start}\nend: {end}\nsummary: Come along.\ncategory: campaign-day\n"
            f"place: Market Square, Truro\n{fields}---\nWhat happens.\n")


POST = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]).replace(
    "tags: [launch]", "tags: [launch]\nevents: [canvass, rally]")
FILES = {
    "posts/hello.md": POST,
    "events/canvass.md": event("Truro canvass", "2022-04-02 10:00", "2022-04-02 13:00"),
    "events/rally.md": event("Spring rally", "2022-04-09 10:00", "2022-04-10 16:00", "event_status: cancelled"),
    "events/secret.md": event("Secret meeting", "2022-04-16 10:00", "2022-04-16 12:00", "status: draft"),
    "posts/other.md": POST.replace("title: Hello from the party", "title: Another post").replace(
        "events: [canvass, rally]\n", ""),
}


@pytest.fixture(scope="module")
def story(tmp_path_factory, factory_cache):
    from conftest import build_in

    built = build_in(tmp_path_factory.mktemp("story"), FILES, cache=factory_cache, options=NOW)
    assert built.returncode == 0, built.stderr
    return built


def events_section(page):
    heading = page.select_one(".post-footer").find("h2", string="Events in this story")
    assert heading is not None, "the post's page has no 'Events in this story'"
    return heading.find_next_sibling("ul")


def test_a_post_s_page_shows_the_events_it_names(story):
    page = story.html("news/hello/")
    items = events_section(page).find_all("li")
    assert [" ".join(item.get_text(" ").split()) for item in items] == [
        "Truro canvass , Saturday 2 April 2022, 10:00 – 13:00",
        "Spring rally , Saturday 9 April 2022, 10:00 to Sunday 10 April 2022, 16:00 · Cancelled"]
    assert [item.a["href"] for item in items] == ["/events/canvass/", "/events/rally/"]
    assert items[0].time["datetime"].startswith("2022-04-02T10:00")
    # After the policies and councillors, as the event's page lists the post after its own facts.
    assert [h2.get_text() for h2 in page.select(".post-footer h2")] == [
        "Policies in this story", "Councillors in this story", "Events in this story", "Tags"]
    assert "Secret meeting" not in (story.output / "news/hello/index.html").read_text()
    assert "Events in this story" not in story.html("news/other/").get_text()  # it names none
    assert story.html("events/canvass/").select_one("section[aria-labelledby=related-news]").find(
        "a", href="/news/hello/") is not None


@pytest.mark.browser
def test_the_events_section_passes_axe_and_the_nu_html_checker(story, browser, settings):
    from reader_visits import problems_of_built_pages
    from test_accessibility import nu_messages

    events_section(story.html("news/hello/"))  # what is checked is there
    assert nu_messages([story.output / "news/hello/index.html"]) == []
    assert problems_of_built_pages(browser, story.output, settings, {"a post naming events": "news/hello/"}) == []
