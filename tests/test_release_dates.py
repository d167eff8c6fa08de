"""A post's dates agree with each other and with the clock: an embargoed
release is dated when its embargo lifts (a year typed wrong in either would
publish it early, or date it before it was out), and its "Updated …" date
(`modified:`) falls between its date and the build's now. And the press
kit's missing-credit message gives a line that can be pasted as it is."""

from __future__ import annotations

import json
import re
import textwrap

import feedparser
import pytest
from conftest import MINIMAL_SITE
from test_press_office import PRESS_PAGE

NOW = ("--now", "2026-11-27 12:00")
# MINIMAL_SITE has no press page: this one shows the press office file.


def release(*lines: str) -> dict[str, str]:
    """A press release whose front matter has `lines` from line 3 on."""
    fields = "\n".join(lines)
    return {"posts/otter-release.md": f"---\ntitle: Otter release\n{fields}\ncategory: press-releases\n"
                                      "summary: Out on the day.\n---\nThe text.\n"}


@pytest.mark.parametrize("date, embargo, problem", [
    # The auditor's year typo: passed, and went out at once dated tomorrow.
    # (Its fix offered 'date: 2025-11-28 00:01' too: out at once, back-dated.)
    ("2026-11-28", "2025-11-28 00:01",
     "content/posts/otter-release.md:3: date: 2026-11-28 is not when the embargo lifts (2025-11-28 00:01), and "
     "that embargo has passed already — to issue it on its date, write 'embargo: 2026-11-28 00:01'"),
    # `invoke new`'s example embargo, uncommented as it was, under today's
    # date: the fix was 'date: 2022-03-01 09:00', out at once, back-dated.
    ("2026-11-27", "2022-03-01 09:00",
     "content/posts/otter-release.md:3: date: 2026-11-27 is not when the embargo lifts (2022-03-01 09:00), and "
     "that embargo has passed already — write in both lines the moment ahead when the release may go out, "
     "e.g. 'embargo: 2026-11-28 09:00' and 'date: 2026-11-28 09:00'"),
    # The year typed wrong in the date, the embargo to come: an embargo of
    # the date's year would have passed, and held nothing back.
    ("2025-11-28", "2026-11-28 00:01",
     "content/posts/otter-release.md:3: date: 2025-11-28 is not when the embargo lifts (2026-11-28 00:01) — "
     "check the year: write 'date: 2026-11-28 00:01', the moment in the embargo"),
    ("2027-11-28", "2026-11-28 00:01",
     "content/posts/otter-release.md:3: date: 2027-11-28 is not when the embargo lifts (2026-11-28 00:01) — "
     "check the year: write the same moment in both, 'date: 2026-11-28 00:01' or 'embargo: 2027-11-28 00:01'"),
    # Issued, says the page, six days before anyone could read it (the
    # embargo to come: one passed is told so, above).
    ("2026-11-22", "2026-11-28 09:00",
     "content/posts/otter-release.md:3: date: 2026-11-22 is not when the embargo lifts (2026-11-28 09:00) — "
     "write 'date: 2026-11-28 09:00': a release is issued when its embargo lifts"),
    # Another time on the embargo's day.
    ("2026-11-28 08:00", "2026-11-28 09:00",
     "content/posts/otter-release.md:3: date: 2026-11-28 08:00 is not when the embargo lifts (2026-11-28 09:00) — "
     "write 'date: 2026-11-28 09:00': a release is issued when its embargo lifts"),
    # The time written on the date only: the fix was 'date: 2026-11-28 00:00',
    # which would have published it nine hours early.
    ("2026-11-28 09:00", "2026-11-28",
     "content/posts/otter-release.md:3: date: 2026-11-28 09:00 is not when the embargo lifts (2026-11-28) — "
     "an embargo with no time lifts at midnight: to lift it at 09:00, write 'embargo: 2026-11-28 09:00'"),
])
def test_an_embargoed_release_dated_other_than_its_embargo_is_refused(make_site, date, embargo, problem):
    build = make_site(release(f"date: {date}", f"embargo: {embargo}"), options=NOW)
    assert build.returncode != 0
    assert build.problem_lines == [problem]
    assert "Traceback" not in build.stderr


@pytest.mark.parametrize("date", ["2026-11-27 09:00",
                                  "2026-11-27"])  # the embargo's day alone: all the browser editor writes
def test_a_release_dated_when_its_embargo_lifts_goes_out_then(make_site, date):
    fields = release(f"date: {date}", "embargo: 2026-11-27 09:00")
    before = make_site(fields, options=("--now", "2026-11-27 08:59"))
    assert before.returncode == 0, before.stderr
    assert not (before.output / "news/otter-release/index.html").exists()
    after = make_site(fields, options=NOW)
    assert after.returncode == 0, after.stderr
    # Issued when the embargo lifted, not at the midnight before it, on the
    # page, in its structured data and in the feed.
    page = after.html("news/otter-release/")
    assert page.time["datetime"].startswith("2026-11-27T09:00")
    assert page.find("meta", property="article:published_time")["content"].startswith("2026-11-27T09:00")
    [data] = [json.loads(script.string) for script in page.find_all("script", type="application/ld+json")]
    assert data["datePublished"].startswith("2026-11-27T09:00")
    entry = next(e for e in feedparser.parse(after.output / "feeds/all.atom.xml").entries
                 if e.link.endswith("/news/otter-release/"))
    assert entry.published.startswith("2026-11-27T09:00")


@pytest.mark.parametrize("modified, problem", [
    ("2026-10-01", "modified: 2026-10-01 is before the post's date (2026-11-10) — "
                   "give the date you last changed the post, on or after its date, or remove the line"),
    ("2027-03-01", "modified: 2027-03-01 is in the future — "
                   "give the date you last changed the post (today's at the latest)"),
])
def test_updated_before_the_post_s_date_or_in_the_future_is_refused(make_site, modified, problem):
    build = make_site(release("date: 2026-11-10", f"modified: {modified}"), options=NOW)
    assert build.returncode != 0
    assert build.problem_lines == [f"content/posts/otter-release.md:4: {problem}"]


def test_updated_between_the_post_s_date_and_now_is_shown(make_site):
    # The same day as a post of 09:00 counts as on its date: the page shows days.
    for modified, shown in (("2026-11-20", "Updated 20 November 2026"), ("2026-11-10", "Updated 10 November 2026")):
        build = make_site(release("date: 2026-11-10 09:00", f"modified: {modified}"), options=NOW)
        assert build.returncode == 0, build.stderr
        assert shown in " ".join(build.html("news/otter-release/").get_text(" ").split())


def test_the_missing_credit_message_s_example_pastes_as_it_is(make_site):
    office = textwrap.dedent(MINIMAL_SITE["press-office.md"])
    without_credit = office.replace("    credit: Sample image\n", "", 1)
    refused = make_site({"press-office.md": without_credit})
    assert refused.returncode != 0
    [problem] = refused.problem_lines
    pasted = re.search(r", e\.g\. (credit: .*)$", problem).group(1)
    assert pasted == 'credit: "Photo: Priya Nair"'
    build = make_site({"press-office.md": office.replace("credit: Sample image", pasted, 1), "pages/press.md": PRESS_PAGE})
    assert build.returncode == 0, build.stderr
    assert "Photo: Priya Nair" in build.html("press/").select_one(".press-person figcaption").get_text()


def test_updated_is_checked_against_the_clock_even_when_the_post_passed_before(make_site):
    # The second build skips the checks that passed (nothing in the file
    # changed), but not the clock's: at an earlier now, "Updated" is ahead.
    fields = release("date: 2026-11-10", "modified: 2026-11-20")
    assert make_site(fields, options=NOW).returncode == 0
    earlier = make_site(fields, options=("--now", "2026-11-15 12:00"))
    assert re.search(r"Content checks: \d+ items, [1-9]\d* of them unchanged", earlier.stderr)
    assert earlier.problem_lines == [
        "content/posts/otter-release.md:4: modified: 2026-11-20 is in the future — "
        "give the date you last changed the post (today's at the latest)"]
