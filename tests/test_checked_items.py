"""Items that passed the content checks are not checked again until something
their checks read changes (plugins/contentcheck/passed.py): a build with the
last build's cache reports exactly the problems a build with an empty cache
reports, whatever changed around an item that did not change itself."""

from __future__ import annotations

import hashlib
import shutil
import textwrap
from types import SimpleNamespace

import pytest
from conftest import MINIMAL_SITE, build_in, sample_jpeg

PASSED_BEFORE = "of them unchanged since they passed in the last build"
# A post that stays the same while what it links to changes around it.
LINKING = {
    "posts/linking.md": textwrap.dedent("""\
        ---
        title: A post that links
        date: 2022-05-01
        category: news
        summary: It links to another post and shows a picture.
        ---
        Read [the launch post]({filename}/posts/hello.md).

        ![Members at the launch]({static}/images/launch.jpg)
        """),
    "images/launch.jpg": sample_jpeg(60, 40),
    "posts/hello.md": textwrap.dedent(MINIMAL_SITE["posts/hello.md"]).replace(
        "date: 2021-11-24", "date: 2022-04-01 09:00\nembargo: 2022-04-01 09:00"),
}
BEFORE = "2022-06-01 12:00"
NEXT_DAY = "2022-06-02 12:00"
# Each change leaves posts/linking.md as it is, and makes its checks report
# a problem: (files changed, the build's moment, the problem, whether items
# that passed before may be skipped: a change to any file but a post's body
# changes the key of every item).
CHANGES = {
    "the post it links to becomes a draft": ({"posts/hello.md": LINKING["posts/hello.md"].replace(
        "category: news", "category: news\nstatus: draft")}, BEFORE, "goes to an item not yet public", False),
    "the post it links to is deleted": ({"posts/hello.md": None}, BEFORE, "points to a file that does not exist",
                                        False),
    "the picture it shows is not a picture": ({"images/launch.jpg": b"not a picture"}, BEFORE,
                                              "is not an image the site can use", False),
    "the build is at a time before the linked post's embargo ends": ({}, "2022-03-31 12:00",
                                                                     "goes to an item not yet public", False),
    # Nothing an item's key holds changes: the items are skipped, but the
    # check that reads the clock still runs on each.
    "the build is at a time before its own date": ({}, "2022-04-15 12:00", "is in the future", True),
}


def checked(build) -> tuple[int, int]:
    """(items, of them unchanged since they passed) from the build's log."""
    line = next(line for line in build.stderr.splitlines() if PASSED_BEFORE in line)
    words = line.split("Content checks: ")[1].split()
    return int(words[0]), int(words[2])


def test_an_item_that_passed_is_checked_again_only_once_it_changes(tmp_path, cold_cache):
    cache = cold_cache(tmp_path / "cache")
    first = build_in(tmp_path, LINKING, cache=cache, options=("--now", BEFORE))
    assert first.returncode == 0, first.stderr
    items, unchanged = checked(first)
    assert items > 5 and unchanged == 0
    # The next day: the same moment would keep the site as it is (nothing changed).
    again = build_in(tmp_path, LINKING, cache=cache, options=("--now", NEXT_DAY))
    assert checked(again) == (items, items)
    edited_files = {**LINKING, "posts/linking.md": LINKING["posts/linking.md"] + "\nOne more line.\n"}
    edited = build_in(tmp_path, edited_files, cache=cache, options=("--now", NEXT_DAY))
    assert checked(edited) == (items, items - 1)
    # Another post's words: no check of the linking post reads them.
    hello = LINKING["posts/hello.md"].replace("The first post's text.", "The first post's text, reworded.")
    reworded = build_in(tmp_path, {**edited_files, "posts/hello.md": hello}, cache=cache, options=("--now", NEXT_DAY))
    assert checked(reworded) == (items, items - 1)


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_change_around_an_unchanged_item_is_reported_as_a_cold_build_reports_it(change, tmp_path, cold_cache):
    files, now, message, skipped = CHANGES[change]
    first = build_in(tmp_path, LINKING, cache=cold_cache(tmp_path / "cache"), options=("--now", BEFORE))
    assert first.returncode == 0, first.stderr
    warm_cache = shutil.copytree(tmp_path / "cache", tmp_path / "warm-cache")
    warm = build_in(tmp_path, {**LINKING, **files}, cache=warm_cache, options=("--now", now))
    cold = build_in(tmp_path, {**LINKING, **files}, cache=cold_cache(tmp_path / "cold-cache"), options=("--now", now))
    assert warm.returncode == cold.returncode == 1
    assert warm.problem_lines == cold.problem_lines
    assert any(line.startswith("content/posts/linking.md:") and message in line for line in warm.problem_lines), \
        warm.problem_lines
    assert (checked(warm)[1] > 0) == skipped


def test_an_item_is_known_by_the_text_the_reader_read_not_the_file_now(tmp_path):
    """A file saved again while the build checks it: the pass is the read text's."""
    from plugins.contentcheck.passed import ItemsThatPassed
    from sitecore.passed_before import INPUTS_BUT_POST_BODIES

    settings = {INPUTS_BUT_POST_BODIES: "digest", "PATH": str(tmp_path), "CACHE_PATH": str(tmp_path / "cache")}
    passed = ItemsThatPassed(settings, {"news/post/"}, set())
    post = tmp_path / "post.md"
    post.write_text("as read")
    read = SimpleNamespace(source_path=str(post), source_digest=hashlib.sha256(b"as read").hexdigest())
    key = passed.key(read)
    post.write_text("saved again")
    assert passed.key(read) == key
    assert passed.key(SimpleNamespace(source_path=str(post), source_digest="another text")) != key
    assert passed.key(SimpleNamespace(source_path=str(post))) is None  # not digested by the reader: checked


def test_passes_are_kept_only_by_the_build_that_made_them(tmp_path):
    """keep_passes runs when Pelican finishes a build: a build stopped
    before then (another one's settings finish) keeps none of its passes."""
    from plugins.contentcheck import plugin
    from plugins.contentcheck.passed import ItemsThatPassed
    from sitecore.passed_before import INPUTS_BUT_POST_BODIES

    settings = {INPUTS_BUT_POST_BODIES: "digest", "PATH": str(tmp_path), "CACHE_PATH": str(tmp_path / "cache")}
    passed = ItemsThatPassed(settings, set(), set())
    passed.add(b"k" * 32)
    plugin.passes_to_keep[:] = [(settings, passed)]
    plugin.keep_passes(SimpleNamespace(settings=dict(settings)))  # equal, but another build's
    assert not list((tmp_path / "cache").rglob("items-*"))
    plugin.passes_to_keep[:] = [(settings, passed)]
    plugin.keep_passes(SimpleNamespace(settings=settings))
    [kept] = (tmp_path / "cache").rglob("items-*")
    assert kept.read_bytes() == b"k" * 32
