"""After an edit of posts' words only, a build takes every page that holds none
of the edited posts from the last build's site (sitebuild/page_reuse.py),
and writes exactly what a cold build writes; any other edit, the next day,
or a page changed by hand renders again."""

from __future__ import annotations

import textwrap

import pytest
from compare_builds import explain, files_of
from conftest import MINIMAL_SITE, build_in, sample_jpeg
from test_determinism import EDITS

REUSED = "as the last build wrote them"
MORE_POSTS = {
    f"posts/{slug}.md": textwrap.dedent(f"""\
        ---
        title: {title}
        date: 2022-0{month}-10
        category: news
        summary: {title}, in brief.
        tags: [{tag}]
        ---
        The words of {title.lower()}.
        """)
    for slug, title, month, tag in (("second", "A second post", 2, "housing"), ("third", "A third post", 3, "nhs"))
}
HELLO_REWORDED = {"posts/hello.md": MINIMAL_SITE["posts/hello.md"].replace("The first post's text.",
                                                                           "The first post's text, reworded.")}


def same_as_cold(built, cold_cache, tmp_path, now: str, **edit) -> None:
    """`built` holds exactly the files a build with an empty cache writes
    (but for the PDFs: conftest.py, cold_cache), from the same content
    folder, which the editor's configuration names, and the same templates
    and settings."""
    cold = build_in(tmp_path, content=tmp_path / "content", output=tmp_path / "cold/output",
                    cache=cold_cache(tmp_path / "cold/cache"), options=("--now", now),
                    **{key: value for key, value in edit.items() if key != "files"})
    assert cold.returncode == 0, cold.stderr
    mine, theirs = files_of(built.output), files_of(cold.output)
    assert mine == theirs, "the rebuilt site is not what a cold build writes:\n" + explain(theirs, mine)


def reused_pages(built) -> int:
    line = next((line for line in built.stdout.splitlines() if REUSED in line), "")
    return int(line.split(" (")[1].split(" of them")[0]) if line else 0


def test_a_post_reworded_renders_only_the_pages_that_hold_it(build, tmp_path, cold_cache):
    first = build("2022-06-01 12:00", MORE_POSTS)
    assert reused_pages(first) == 0  # nothing to reuse yet
    again = build("2022-06-01 12:10", HELLO_REWORDED)
    # Its own page, and the listings it is on (the news pages, its category
    # and tag): the rest of the site is as the last build wrote it.
    written = len([path for path in again.output.rglob("*.html") if path.parts[-2] != "admin"])
    assert written - 6 <= reused_pages(again) < written, again.stdout
    assert "reworded" in (again.output / "news/hello/index.html").read_text(encoding="utf-8")
    same_as_cold(again, cold_cache, tmp_path, "2022-06-01 12:10")


def test_pages_taken_from_the_last_build_still_place_their_images(build, tmp_path, cold_cache):
    """Rendering a page places the WebP copies of its images in the site;
    a page taken from the last build does the same (sitecore/page_effects.py),
    so a councillor's photo and an image in another post keep their copies."""
    with_images = {
        **MORE_POSTS,
        "images/jo.jpg": sample_jpeg(600, 600),
        "images/rally.jpg": sample_jpeg(700, 400),
        "councillors/jo-bloggs.md": textwrap.dedent(MINIMAL_SITE["councillors/jo-bloggs.md"]).replace(
            "region: London\n", "region: London\nphoto: images/jo.jpg\nphoto_alt: Jo Bloggs smiling\n"),
        "posts/second.md": MORE_POSTS["posts/second.md"] + "\n![Members at the rally]({static}/images/rally.jpg)\n",
    }
    build("2022-06-01 12:00", with_images)
    again = build("2022-06-01 12:10", {**with_images, **HELLO_REWORDED})
    assert reused_pages(again) > 0
    assert {path.name for path in (again.output / "images").glob("*.webp")} >= {"jo-480.webp", "rally-480.webp"}
    same_as_cold(again, cold_cache, tmp_path, "2022-06-01 12:10")


@pytest.mark.parametrize("edited", list(EDITS))
def test_every_kind_of_edit_rebuilt_in_place_writes_what_a_cold_build_writes(build, edited, tmp_path, cold_cache):
    """A post's words reuse pages; a policy, a template, a setting or an
    image renders every page again. Either way, the same bytes as cold."""
    edit, _ = EDITS[edited]
    build("2022-06-01 12:00")
    after = build("2022-06-01 12:10", **edit)
    assert (reused_pages(after) > 0) == (edited == "post"), after.stdout
    same_as_cold(after, cold_cache, tmp_path, "2022-06-01 12:10", **edit)


def test_a_title_change_renders_every_page(build):
    build("2022-06-01 12:00", MORE_POSTS)
    retitled = build("2022-06-01 12:10", {"posts/hello.md": MINIMAL_SITE["posts/hello.md"].replace(
        "title: Hello from the party", "title: Hello again from the party")})
    assert reused_pages(retitled) == 0
    assert "Hello again" in (retitled.output / "index.html").read_text(encoding="utf-8")


def test_the_next_day_renders_every_page(build, tmp_path, cold_cache):
    """Pages show the build's date, and embargoes and events turn on the
    time: pages are reused only while the last build's decisions hold."""
    build("2022-06-01 12:00")
    next_day = build("2022-06-02 09:00", HELLO_REWORDED)
    assert reused_pages(next_day) == 0
    same_as_cold(next_day, cold_cache, tmp_path, "2022-06-02 09:00")


def test_a_page_changed_by_hand_is_rendered_again(build, tmp_path, cold_cache):
    first = build("2022-06-01 12:00")
    about = first.output / "about/index.html"
    good = about.read_bytes()
    about.write_bytes(good.replace(b"We are a party.", b"We are a p4rty."))  # the same size
    again = build("2022-06-01 12:10", HELLO_REWORDED)
    assert reused_pages(again) > 0
    assert about.read_bytes() == good
    same_as_cold(again, cold_cache, tmp_path, "2022-06-01 12:10")
