"""`--check` (the review, `invoke check`) also checks the content at each
moment ahead at which the build decides something differently: content that
is fine now could fail when an embargo lifts, and the hourly build would
then publish nothing, the release included, with no one there to see why."""

from __future__ import annotations

import os
import textwrap

import pytest
from conftest import MINIMAL_SITE, REPO

EID = """\
    ---
    title: "Eid Mubarak — عيد مبارك"
    date: 2026-07-01 09:00
    embargo: 2026-07-01 09:00
    category: news
    summary: Greetings to everyone celebrating.
    ---
    Greetings.
    """


# A plugin with a rule that, like share cards' lettering once did, only
# public items are held to (a real plugin, in the build's own process).
PUBLIC_ONLY_RULE = """
from pelican import signals

from sitecore.content_items import published_items
from sitecore.problems import problem_log


def check(generators):
    for item in published_items(generators):
        if "Time bomb" in item.title:
            problem_log.add(item.source_path, 2, "title", "breaks a rule public items are held to", "fix it")


def register():
    signals.all_generators_finalized.connect(check)
"""


@pytest.mark.parametrize("now", ["2026-06-30 12:00", "2026-07-01 08:59"])
def test_a_problem_that_comes_when_an_embargo_lifts_is_reported_before(make_site, tmp_path, monkeypatch, now):
    (tmp_path / "extra").mkdir()
    (tmp_path / "extra" / "public_only_rule.py").write_text(PUBLIC_ONLY_RULE)
    monkeypatch.setenv("PYTHONPATH", f"{tmp_path / 'extra'}{os.pathsep}{REPO}")
    bomb = EID.replace("Eid Mubarak — عيد مبارك", "Time bomb")
    checked = make_site({"posts/eid.md": bomb}, settings={"PLUGINS": "PLUGINS + ['public_only_rule']"},
                        options=("--check", "--now", now, "--annotations", "github"),
                        new_process=True)  # where PYTHONPATH finds the plugin
    assert checked.returncode == 1, checked.stderr
    # In UK time (summer time here), as the embargo is written.
    assert "No problem now, but by 2026-07-01 09:00 (when an embargo lifts" in checked.stderr
    assert checked.problem_lines == ["content/posts/eid.md:2: title: breaks a rule public items are held to — fix it"]
    assert "::error file=content/posts/eid.md,line=2,title=title::" in checked.stdout


def test_beyond_the_nearest_moments_the_last_is_checked(make_site, tmp_path, monkeypatch):
    """Six releases go out before the one that breaks a rule: the look
    ahead checks the five nearest moments and the last, when every one of
    them is public."""
    (tmp_path / "extra").mkdir()
    (tmp_path / "extra" / "public_only_rule.py").write_text(PUBLIC_ONLY_RULE)
    monkeypatch.setenv("PYTHONPATH", f"{tmp_path / 'extra'}{os.pathsep}{REPO}")
    earlier = {f"posts/release-{day}.md": EID.replace("Eid Mubarak — عيد مبارك", f"Release {day}")
               .replace("2026-07-01", f"2026-07-0{day}") for day in range(1, 7)}
    bomb = EID.replace("Eid Mubarak — عيد مبارك", "Time bomb").replace("2026-07-01", "2026-07-09")
    checked = make_site({**earlier, "posts/bomb.md": bomb}, settings={"PLUGINS": "PLUGINS + ['public_only_rule']"},
                        options=("--check", "--now", "2026-06-30 12:00"), new_process=True)
    assert checked.returncode == 1, checked.stderr
    assert "No problem now, but by 2026-07-09 09:00" in checked.stderr
    assert checked.problem_lines == ["content/posts/bomb.md:2: title: breaks a rule public items are held to — fix it"]


def test_content_fine_now_and_ahead_passes(make_site):
    fine = EID.replace("Eid Mubarak — عيد مبارك", "Eid Mubarak")
    checked = make_site({"posts/eid.md": fine}, options=("--check", "--now", "2026-06-30 12:00"))
    assert checked.returncode == 0, checked.stderr


def test_an_embargoed_post_whose_address_another_page_has_is_refused_now(make_site):
    """Its address was compared only once it was public: the build at its
    embargo's hour failed. Now the public build refuses it at once."""
    tags = EID.replace("Eid Mubarak — عيد مبارك", "Tags")
    build = make_site({"posts/tag.md": tags}, options=("--now", "2026-06-30 12:00"))
    assert build.returncode == 1
    assert build.problem_lines == [
        "content/posts/tag.md:1: (file name): its address /news/tag/ is already used by the site's own tags page "
        "— rename this file so its slug (the file name) is unique"]


def test_an_embargoed_title_the_cards_cannot_draw_is_refused_at_once(make_site):
    """Its card is drawn when it is public, but its lettering is checked
    now, by the public build itself: until now the build at the embargo's
    hour failed on it, and published nothing."""
    build = make_site({"posts/eid.md": EID}, options=("--now", "2026-06-30 12:00"))
    assert build.returncode == 1
    assert [line.split(":")[:3] for line in build.problem_lines] == [["content/posts/eid.md", "2", " title"]]


def test_a_file_only_an_embargoed_post_uses_is_checked_at_once(make_site):
    """Held back until the post is public, and checked now: a PNG named as a
    published JPEG is (their WebP copies would be one file) failed the build
    at the embargo's hour. A draft's file waits: a draft goes public only by
    a change that is reviewed."""
    from conftest import sample_jpeg, sample_png

    uses_rally = EID.replace("Eid Mubarak — عيد مبارك", "Rally").replace("Greetings.\n",
                                                                         "![A rally]({static}/images/rally.png)\n")
    files = {"images/rally.jpg": sample_jpeg(), "images/rally.png": sample_png(),
             "pages/about.md": MINIMAL_SITE["pages/about.md"].replace("We are a party.",
                                                                      "![A rally]({static}/images/rally.jpg)")}
    build = make_site({**files, "posts/rally.md": uses_rally}, options=("--now", "2026-06-30 12:00"))
    assert build.returncode == 1
    assert [line.split(" — ")[0] for line in build.problem_lines] == [
        "content/images/rally.png:1: (file): has the same name as images/rally.jpg, so their copies would "
        "overwrite each other"]
    as_draft = uses_rally.replace("embargo: 2026-07-01 09:00\n", "status: draft\n").replace("date: 2026-07-01 09:00",
                                                                                             "date: 2026-06-01")
    waits = make_site({**files, "posts/rally.md": as_draft}, options=("--now", "2026-06-30 12:00"))
    assert waits.returncode == 0, waits.stderr
    assert not (waits.output / "images/rally.png").exists()


def test_a_plain_draft_still_waits_for_its_review(make_site):
    """A draft goes public only by a change that is reviewed: its title's
    letters and its address are the public rules' business then, not now
    (a volunteer's draft on main must not stop the hourly build)."""
    draft = EID.replace("embargo: 2026-07-01 09:00\n", "status: draft\n").replace(
        "date: 2026-07-01 09:00", "date: 2026-06-01")
    hello_again = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]).replace("tags:", "status: draft\ntags:")
    build = make_site({"posts/eid.md": draft, "posts/rewrites/hello.md": hello_again},
                      options=("--now", "2026-06-30 12:00"))
    assert build.returncode == 0, build.stderr


def test_a_drafts_damaged_image_waits_and_an_embargoed_posts_is_refused(make_site):
    """A file of bytes that is no picture, used by a plain draft: held back,
    and checked when the draft is published (a volunteer's draft must not
    stop the hourly build). Used by an embargoed post: refused now."""
    broken = {"images/broken.jpg": bytes(range(256)) + b"not a picture"}
    as_draft = EID.replace("embargo: 2026-07-01 09:00\n", "status: draft\n").replace(
        "date: 2026-07-01 09:00", "date: 2026-06-01").replace("Greetings.\n", "![x]({static}/images/broken.jpg)\n")
    waits = make_site({**broken, "posts/eid.md": as_draft.replace("Eid Mubarak — عيد مبارك", "Draft")},
                      options=("--now", "2026-06-30 12:00"))
    assert waits.returncode == 0, waits.stderr
    assert not (waits.output / "images/broken.jpg").exists()
    embargoed = EID.replace("Eid Mubarak — عيد مبارك", "Embargoed").replace(
        "Greetings.\n", "![x]({static}/images/broken.jpg)\n")
    refused = make_site({**broken, "posts/eid.md": embargoed}, options=("--now", "2026-06-30 12:00"))
    assert refused.returncode == 1
    assert any(line.startswith("content/images/broken.jpg:1: (file):") for line in refused.problem_lines)
