"""A page saved where the site never looks, a tag spelled two ways, and
Pelican's own warnings for mistakes our checks already explain.

Each was silent (or noise) for a volunteer: a post saved in content/news/
vanished while the check said all was fine; one post's "Climate" renamed the
site's "climate" tag for every post; Pelican's bare warnings came above our
`path:line: field: message — fix` lines, reading like the real error.
"""

from __future__ import annotations

import pytest
from conftest import MINIMAL_SITE

# A post as a volunteer might save it: its title not quoted (": " makes it
# YAML no one can read) and its date written the British way.
POST_IN_THE_WRONG_PLACE = """\
---
title: Buses: bad
date: 25/11/2026
category: news
summary: Bus fares are going up again.
---
The text.
"""


def post(title: str, date: str = "2021-11-24", front_matter: str = "", body: str = "Text.") -> str:
    """A valid post; `front_matter` lines come after line 5 (summary)."""
    return (f"---\ntitle: {title}\ndate: {date}\ncategory: news\nsummary: A post.\n{front_matter}---\n{body}\n")


def assert_fails_with(build, *expected_lines: str) -> None:
    assert build.returncode == 1, build.stdout + build.stderr
    assert "Traceback" not in build.stderr
    for expected in expected_lines:
        assert expected in build.problem_lines, "\n".join(build.problem_lines)


# --- Pages outside the content folders -----------------------------------------

@pytest.mark.parametrize("path", ["news/buses-news.md", "post/buses-news.md", "buses-news.md"])
def test_a_post_outside_the_content_folders_is_refused_with_where_it_belongs(make_site, path):
    build = make_site({path: POST_IN_THE_WRONG_PLACE})
    assert_fails_with(build, f"content/{path}:1: (file): this folder is not read, so the file is not on the site "
                             "— move it to content/posts/")


def test_the_check_refuses_it_too(make_site):
    checked = make_site({"news/buses-news.md": POST_IN_THE_WRONG_PLACE}, options=("--check",))
    assert checked.returncode == 1
    assert "no problems found" not in checked.stdout
    assert checked.problem_lines == ["content/news/buses-news.md:1: (file): this folder is not read, so the file "
                                     "is not on the site — move it to content/posts/"]


@pytest.mark.parametrize("status", ["status: draft", "status: 'draft'  # not yet"])
def test_a_draft_in_the_wrong_folder_waits_until_it_is_published_or_previewed(make_site, status):
    """A draft is held to the public rules when it is published, so it never
    stops the hourly build; the drafts preview (what the live preview
    builds) says where it belongs at once."""
    draft = POST_IN_THE_WRONG_PLACE.replace("---\n", f"---\n{status}\n", 1)
    expected = ("content/news/buses-news.md:1: (file): this folder is not read, so the file is not on the site "
                "— move it to content/posts/")
    public = make_site({"news/buses-news.md": draft})
    assert public.returncode == 0, public.stderr
    assert_fails_with(make_site({"news/buses-news.md": draft}, options=("--drafts",)), expected)
    published = make_site({"news/buses-news.md": draft.replace(status, "status: published")})
    assert_fails_with(published, expected)


@pytest.mark.parametrize("line, draft", [
    ("status: draft", True), ("status: 'draft'  # not yet", True), ('status:   "draft"', True),
    ("status: published", False), ("status: drafts", False), ("status: draft, maybe", False),
    ("status: draft#x", False),  # YAML reads "draft#x": a "#" starts a note only after a space
    # Parsed as YAML, 2000 brackets ran out Python's stack: the build ended in a RecursionError.
    ("status: " + "[" * 2000 + "]" * 2000, False),
])
def test_a_draft_in_the_wrong_folder_is_known_by_its_status_line(line, draft):
    from plugins.contentcheck.unread_files import says_draft

    assert says_draft({"status": line}) is draft


def test_the_check_counts_the_files_it_read(make_site):
    """Every file the site reads (a .markdown file too), not hidden ones or others."""
    checked = make_site({"posts/second.markdown": post("Second post"), "posts/.second.md.swp": "x"},
                        options=("--check",))
    assert checked.returncode == 0, checked.stderr
    read = sum(1 for name in MINIMAL_SITE if name.endswith(".md")) + 1
    assert f"Checked {read} content files: no problems found." in checked.stdout


def test_a_page_is_sent_to_the_pages_folder_and_a_text_file_renamed(make_site):
    build = make_site({"about/team.txt": "---\ntitle: Our team\nsummary: Who does what.\n---\nText.\n"})
    assert_fails_with(build, "content/about/team.txt:1: (file): this folder is not read, so the file is not on "
                             "the site — move it to content/pages/, renamed team.md")


def test_a_file_that_says_nothing_of_its_kind_gets_the_list_of_folders(make_site):
    build = make_site({"notes.md": "Remember to write about the buses.\n"})
    assert_fails_with(build, "content/notes.md:1: (file): this folder is not read, so the file is not on the site "
                             "— move it to the content folder for what it is: content/posts/, content/pages/, "
                             "content/policies/, content/councillors/, content/events/, content/branches/, "
                             'content/candidates/ (the README\'s "Where things go")')


@pytest.mark.parametrize("path, text, expected", [
    # A page saved among the posts: told to add a date and a category, it was published as news.
    ("posts/volunteer.md", "---\ntitle: Volunteer with us\nsummary: Help the campaign.\n---\nText.\n",
     "content/posts/volunteer.md:1: (file): its fields are a page's, not those of a post, which this folder holds — "
     "if it is a page, move it to content/pages/; if it is a post, mend its fields as told below"),
    ("posts/ben.md", "---\ntitle: Ben Munro\nrole: Councillor\njoined: 2021-12-15\nsummary: A councillor.\n---\nBio.\n",
     "content/posts/ben.md:1: (file): its fields are a councillor's, not those of a post, which this folder holds — "
     "if it is a councillor, move it to content/councillors/; if it is a post, mend its fields as told below"),
    ("events/buses.md", post("Buses"),
     "content/events/buses.md:1: (file): its fields are a post's, not those of an event, which this folder holds — "
     "if it is a post, move it to content/posts/; if it is an event, mend its fields as told below"),
])
def test_a_file_with_another_kinds_fields_is_told_where_that_kind_goes(make_site, path, text, expected):
    build = make_site({path: text})
    assert_fails_with(build, expected)
    assert build.problem_lines[0] == expected  # first: before the fields its folder's kind would want


def test_a_post_that_forgot_a_field_is_told_only_the_field(make_site):
    build = make_site({"posts/buses.md": post("Buses").replace("date: 2021-11-24\n", "")})
    assert build.returncode == 1
    assert [line.split(": ", 2)[1] for line in build.problem_lines] == ["date"]


def test_files_the_site_reads_outside_the_content_folders_are_not_reported(make_site):
    # The minifesto and the press office are single files in content/; a
    # frozen edition is read from minifesto/editions/; images/ may hold a
    # text download; a draft is read from posts/ and kept off the site.
    build = make_site({
        "posts/coming-soon.md": post("Coming soon", front_matter="status: draft\n"),
        "images/fares-table.txt": "Fares from 1 January.\n",
        "notes/.scratch.md": "a hidden file: ignored, as Pelican ignores it (IGNORE_FILES)\n",
    })
    assert build.returncode == 0, build.stderr
    assert (build.output / "images/fares-table.txt").is_file()


# --- Tags spelled two ways ----------------------------------------------------------

def test_a_tag_spelled_otherwise_than_most_posts_is_refused_at_its_line(make_site):
    build = make_site({
        "posts/a-climate.md": post("First", "2021-11-20", "tags: [climate, cop26]\n"),
        "posts/b-climate.md": post("Second", "2021-11-21", "tags: [climate]\n"),
        "posts/c-climate.md": post("Third", "2021-11-22", "tags:\n  - Climate\n  - COP26\n"),
    })
    assert_fails_with(
        build,
        'content/posts/c-climate.md:7: tags: "Climate" is another spelling of the tag "climate", which '
        'content/posts/a-climate.md and 1 other post use — write it "climate" as the other 2 posts do: one tag '
        "has one name on the site",
        'content/posts/c-climate.md:8: tags: "COP26" is another spelling of the tag "cop26", which '
        'content/posts/a-climate.md uses — write it "cop26" as the other post does: one tag has one name on the site',
    )
    assert not [line for line in build.problem_lines if "a-climate" in line.split(":")[0]]


def test_every_post_with_the_rarer_spelling_is_reported(make_site):
    build = make_site({
        "posts/a.md": post("A", "2021-11-20", "tags: [NHS]\n"),
        "posts/b.md": post("B", "2021-11-21", "tags: [nhs]\n"),
        "posts/c.md": post("C", "2021-11-22", "tags: [nhs]\n"),
        "posts/d.md": post("D", "2021-11-23", "tags: [NHS]\n"),
        "posts/e.md": post("E", "2021-11-24", "tags: [nhs]\n"),
    })
    fix = 'write it "nhs" as the other 3 posts do: one tag has one name on the site'
    assert build.returncode == 1
    assert sorted(line for line in build.problem_lines if "tags:" in line) == [
        f'content/posts/{name}.md:6: tags: "NHS" is another spelling of the tag "nhs", which content/posts/b.md '
        f"and 2 other posts use — {fix}" for name in ("a", "d")]



def test_a_spelling_that_differs_by_an_invisible_character_says_which(make_site):
    """A zero-width space pasted from a web page: the two spellings look alike in a terminal."""
    build = make_site({
        "posts/a.md": post("A", "2021-11-20", "tags: [climate]\n"),
        "posts/b.md": post("B", "2021-11-21", 'tags: ["climate\\u200b"]\n'),
    })
    assert_fails_with(build, 'content/posts/b.md:6: tags: "climate<U+200B>" is another spelling of the tag '
                             '"climate", which content/posts/a.md uses — write it "climate" as the other post does: '
                             "one tag has one name on the site")

def test_a_tie_goes_to_the_earliest_post_not_the_first_file_read(make_site):
    # Pelican reads a-….md first; the post dated first is z-….md.
    build = make_site({
        "posts/a-later.md": post("Later", "2021-12-01", "tags: [West Yorkshire]\n"),
        "posts/z-earlier.md": post("Earlier", "2021-11-01", "tags: [west yorkshire]\n"),
    })
    assert_fails_with(build, 'content/posts/a-later.md:6: tags: "West Yorkshire" is another spelling of the tag '
                             '"west yorkshire", which content/posts/z-earlier.md uses — write it "west yorkshire" '
                             "as the other post does: one tag has one name on the site")
    assert not [line for line in build.problem_lines if line.startswith("content/posts/z-earlier.md")]


def test_a_post_that_gives_one_tag_twice_is_refused(make_site):
    build = make_site({"posts/leeds.md": post("Leeds", front_matter="tags:\n  - West Yorkshire\n  - buses\n"
                                                                      "  - west-yorkshire\n")})
    assert_fails_with(build, 'content/posts/leeds.md:9: tags: "west-yorkshire" (item 3) is the same tag as '
                             '"West Yorkshire" (item 1) — give each tag once: the post would be listed twice on '
                             "the tag's page")
    assert len(build.problem_lines) == 1, build.problem_lines


def test_tags_spelled_alike_build(make_site):
    build = make_site({"posts/a.md": post("A", "2021-11-20", "tags: [climate, West Yorkshire]\n"),
                       "posts/b.md": post("B", "2021-11-21", "tags: [climate, West Yorkshire]\n")})
    assert build.returncode == 0, build.stderr
    assert (build.output / "news/tag/west-yorkshire/index.html").is_file()


def test_a_plain_drafts_spelling_waits_for_its_publication_an_embargoed_posts_does_not(make_site):
    """A volunteer's draft is held to the public rules when it is published
    (reviewed then), so its tag never stops the hourly build that lifts
    embargoes; an embargoed post is published by that build, so it is
    checked now."""
    published = {"posts/a.md": post("A", "2021-11-20", "tags: [climate]\n"),
                 "posts/b.md": post("B", "2021-11-21", "tags: [climate]\n")}
    draft = post("Draft", "2021-11-22", "tags: [Climate]\nstatus: draft\n")
    assert make_site({**published, "posts/c.md": draft}).returncode == 0
    embargoed = post("Later", "2030-07-01 09:00", "tags: [Climate]\nembargo: 2030-07-01 09:00\n")
    assert_fails_with(make_site({**published, "posts/c.md": embargoed}),
                      'content/posts/c.md:6: tags: "Climate" is another spelling of the tag "climate", which '
                      'content/posts/a.md and 1 other post use — write it "climate" as the other 2 posts do: one tag '
                      "has one name on the site")


# --- Pelican's warnings for what our checks explain ----------------------------------

BROKEN_LINK = {"posts/housing-news.md": post("Housing", body="Read [our policy]({filename}/policies/housing.md).")}
# Our line (its fix is the link check's own, tested with it: test_bad_input.py).
OUR_BROKEN_LINK_LINE = ("content/posts/housing-news.md:7: body: the link {filename}/policies/housing.md points to a "
                        "file that does not exist — ")


def assert_our_broken_link_line(build) -> None:
    assert build.returncode == 1, build.stderr
    assert [line for line in build.problem_lines if line.startswith(OUR_BROKEN_LINK_LINE)], build.stderr


def test_pelicans_warning_for_a_broken_link_is_not_shown_above_ours(make_site):
    build = make_site(BROKEN_LINK)
    assert_our_broken_link_line(build)
    assert "Unable to find" not in build.stderr


def test_pelicans_warning_is_still_shown_with_debug(make_site):
    build = make_site(BROKEN_LINK, options=("--debug",))
    assert_our_broken_link_line(build)
    assert "WARNING: Unable to find '/policies/housing.md', skipping url replacement." in build.stderr


def test_pelicans_warnings_for_one_slug_twice_are_not_shown_above_ours(make_site):
    build = make_site({"posts/2021/hello.md": post("Hello again")})
    assert_fails_with(build, "content/posts/2021/hello.md:1: (file name): its address /news/hello/ is also used by "
                             "content/posts/hello.md — rename the one you added so its slug (the file name) is "
                             "unique (a published file renamed keeps its links only with its old address in "
                             "old_addresses)")
    assert "There are 2" not in build.stderr
    # Nor the bare lines of paths that came with them.
    assert not [line for line in build.stderr.splitlines() if line.endswith("hello.md")
                and not line.startswith("content/")]


def test_a_warning_our_checks_do_not_explain_is_still_shown(make_site):
    # Two drafts with one slug: no page yet, so no address clash of ours.
    build = make_site({"posts/a/same.md": post("One", front_matter="status: draft\n"),
                       "posts/b/same.md": post("Two", front_matter="status: draft\n")})
    assert build.returncode == 0, build.stderr
    assert 'WARNING: There are 2 original (not translated) items with slug "same"' in build.stderr
