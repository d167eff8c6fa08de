"""A corrected post says so where a reader meets it: at the top of its page,
at the top of its feed entry (whose <updated> moves, so feed readers show it
again) and in its structured data, with the day of each correction."""

from __future__ import annotations

import json

import feedparser
import pytest

NOW = ("--now", "2022-03-10 12:00")  # after the minifesto's date: it may not be dated ahead


def corrected_post(*corrections: tuple[str, str]) -> dict:
    listed = "".join(f"          - date: {day}\n            note: {note}\n" for day, note in corrections)
    return {"posts/vote.md": f"""\
        ---
        title: Councillors back the climate vote
        date: 2021-11-25 09:00
        category: press-releases
        summary: Our councillors voted for the climate plan.
        modified: 2021-11-26
        corrections:
{listed}        ---
        The vote passed on Tuesday.
        """}


@pytest.fixture(scope="module")
def corrected(tmp_path_factory, factory_cache):
    from conftest import build_in

    built = build_in(tmp_path_factory.mktemp("corrected"), corrected_post(
        ("2021-11-27", "An earlier version said the vote was on Monday. It was on Tuesday."),
        ("2021-12-01", "We misspelt the council's name & have put it right.")), cache=factory_cache, options=NOW)
    assert built.returncode == 0, built.stderr
    return built


def test_the_page_shows_each_correction_before_the_words(corrected):
    page = corrected.html("news/vote/")
    notes = page.select(".post-header .correction-notes p")
    assert [" ".join(note.get_text(" ").split()) for note in notes] == [
        "Correction, 27 November 2021 : An earlier version said the vote was on Monday. It was on Tuesday.",
        "Correction, 1 December 2021 : We misspelt the council’s name & have put it right."]
    assert notes[0].time["datetime"].startswith("2021-11-27")
    # "Updated": the latest change, the last correction's day.
    assert "Updated 1 December 2021" in " ".join(page.select_one(".post-header").get_text(" ").split())
    assert page.find("meta", property="article:modified_time")["content"].startswith("2021-12-01")


def test_the_feed_entry_starts_with_the_corrections_and_is_updated(corrected):
    feed = feedparser.parse(corrected.output / "feeds/all.atom.xml")
    [entry] = [e for e in feed.entries if e.link.endswith("/news/vote/")]
    assert entry.updated.startswith("2021-12-01")
    text = entry.content[0].value
    assert text.index("Correction, 27 November 2021:") < text.index("Correction, 1 December 2021:") < text.index(
        "The vote passed")
    assert "name &amp; have" in text  # the note's text, escaped as HTML


def test_the_structured_data_carries_the_corrections(corrected):
    [data] = [json.loads(s.string) for s in corrected.html("news/vote/").find_all("script", type="application/ld+json")]
    article = data if data.get("@type") == "NewsArticle" else next(
        d for d in data.get("@graph", []) if d.get("@type") == "NewsArticle")
    assert article["dateModified"].startswith("2021-12-01")
    assert [c["datePublished"][:10] for c in article["correction"]] == ["2021-11-27", "2021-12-01"]
    assert article["correction"][0]["@type"] == "CorrectionComment"


@pytest.mark.parametrize("day, problem", [
    ("2021-11-20", "corrections: item 1, date: 2021-11-20 is before the post's date (2021-11-25 09:00) — "
                   "give the day the post was corrected, on or after its date"),
    ("2022-04-05", "corrections: item 1, date: 2022-04-05 is in the future — "
                   "give the day the post was corrected (today's at the latest)"),
])
def test_a_correction_before_the_post_or_in_the_future_is_refused_at_its_line(make_site, day, problem):
    built = make_site(corrected_post(("2021-11-27", "Fine."), (day, "Wrong day.")), options=NOW)
    assert built.returncode == 1
    assert built.problem_lines == [f"content/posts/vote.md:10: {problem.replace('item 1', 'item 2')}"]


def test_a_correction_without_its_note_is_refused(make_site):
    built = make_site({"posts/vote.md": corrected_post(("2021-11-27", "x"))["posts/vote.md"].replace(
        "            note: x\n", "")}, options=NOW)
    assert built.returncode == 1
    [problem] = built.problem_lines
    assert problem.startswith("content/posts/vote.md:8: corrections: item 1, note: is missing")


@pytest.mark.browser
def test_a_corrected_post_passes_axe_and_the_nu_html_checker(corrected, browser, settings):
    from reader_visits import problems_of_built_pages
    from test_accessibility import nu_messages

    assert nu_messages([corrected.output / "news/vote/index.html"]) == []
    assert problems_of_built_pages(browser, corrected.output, settings, {"a corrected post": "news/vote/"}) == []


def test_a_correction_on_the_day_of_a_timed_release_is_not_dated_before_it(make_site):
    """A day alone is its midnight: a correction given as the day of an
    18:30 release dated the update six hours before the release, in the
    structured data, the page's metadata, the feed and the sitemap."""
    import textwrap

    files = {path: textwrap.dedent(text).replace("date: 2021-11-25 09:00", "date: 2021-11-25 18:30")
             .replace("modified: 2021-11-26\n", "") for path, text in corrected_post(
                 ("2021-11-25", "An earlier version said the vote was on Monday.")).items()}
    build = make_site(files, options=NOW)
    assert build.returncode == 0, build.stderr
    page = build.html("news/vote/")
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["datePublished"] == data["dateModified"] == "2021-11-25T18:30:00+00:00"
    assert page.find("meta", property="article:modified_time")["content"] == "2021-11-25T18:30:00+00:00"
    [entry] = [e for e in feedparser.parse(build.output / "feeds/all.atom.xml").entries if e.link.endswith("/vote/")]
    assert entry.updated == entry.published == "2021-11-25T18:30:00+00:00"


def dated_post(title: str, day: str, corrected: str | None = None) -> str:
    correction = f"corrections:\n  - date: {corrected}\n    note: We put a figure right.\n" if corrected else ""
    return (f"---\ntitle: {title}\ndate: {day}\ncategory: news\nsummary: A post.\n{correction}---\nText.\n")


def test_a_post_corrected_since_comes_back_into_the_feed(make_site):
    """The feeds hold the posts published or put right most recently (here
    the 2 latest: FEED_MAX_ITEMS), in the order of their dates. Pelican
    took the newest by date alone, so a correction to an older post never
    reached the feed, though the README says its entry moves up. The entry
    brought back is finished as every other: its picture is the plain copy
    feeds carry, not the full-size original (a reviewer found it was)."""
    from test_images import jpeg

    picture = "\n\n![Members marching]({static}/images/rally.jpg)\n"
    build = make_site({"posts/january.md": dated_post("January", "2022-01-05", corrected="2022-02-20") + picture,
                       "posts/february.md": dated_post("February", "2022-02-01"),
                       "posts/march.md": dated_post("March", "2022-02-10"),
                       "images/rally.jpg": jpeg(1600, 900)},
                      settings={"FEED_MAX_ITEMS": "2"}, options=NOW)
    assert build.returncode == 0, build.stderr
    for feed in ("feeds/all.atom.xml", "feeds/category/news.atom.xml"):
        entries = feedparser.parse(build.output / feed).entries
        assert [(entry.title, entry.updated[:10]) for entry in entries] == [
            ("March", "2022-02-10"), ("January", "2022-02-20")], feed
        assert entries[1].content[0].value.startswith('<p class="correction">')
        assert 'src="https://breakthroughparty.org.uk/images/rally-960.jpg"' in entries[1].content[0].value, feed
