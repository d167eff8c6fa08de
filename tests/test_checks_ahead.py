"""`--check` (the review, `invoke check`) also checks the content at each
moment ahead at which the build decides something differently: content that
is fine now could fail when an embargo lifts, and the hourly build would
then publish nothing, the release included, with no one there to see why."""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize("now", ["2026-06-30 12:00", "2026-07-01 08:59"])
def test_a_release_that_cannot_be_built_once_its_embargo_lifts_is_refused_before(make_site, now):
    """Share cards are drawn for public items only, so a title the party's
    fonts cannot draw passed every check until the embargo lifted."""
    checked = make_site({"posts/eid.md": EID}, options=("--check", "--now", now, "--annotations", "github"))
    assert checked.returncode == 1
    # In UK time (summer time here), as the embargo is written.
    assert "No problem now, but from 2026-07-01 09:00 (when an embargo lifts" in checked.stderr
    assert any(line.startswith("content/posts/eid.md:2: title:") for line in checked.problem_lines)
    assert "::error file=content/posts/eid.md,line=2,title=title::" in checked.stdout


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
