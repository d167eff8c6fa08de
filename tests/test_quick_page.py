"""The live preview's quick step (sitebuild/quick_page.py): a save that
changes only the words of a post, page, policy or profile is shown in its
own page from the last build's generators, and that page is byte for byte
the one a full build of the saved content writes. Any other save is left
to the full build, and the quick step writes nothing."""

from __future__ import annotations

import textwrap

import pytest
from compare_builds import explain, files_of
from conftest import MINIMAL_SITE, REPO, preview_overrides, write_content

from sitebuild.build import build_site
from sitebuild.quick_page import WarmSite, keeping_generators

SETTINGS = REPO / "pelicanconf.py"
NOW = "2022-06-01 12:00"


def preview_settings(content, cache) -> dict:
    """As the live preview builds (here with the run's shared cache, at NOW)."""
    return preview_overrides(content, cache, NOW)


# An event the post names and reports on, a branch and a candidate of the
# councillor's region (London): each lists or links the others.
CAMPAIGN = {
    "events/canvass.md": """\
        ---
        title: Canvass
        start: 2022-05-07 10:00
        end: 2022-05-07 13:00
        summary: Knocking on doors.
        category: campaign-day
        place: Hackney
        region: London
        report: hello
        ---
        Canvassing.
        """,
    "branches/breakthrough-london.md": """\
        ---
        title: Breakthrough London
        summary: Members across London.
        region: London
        contact: london@example.org
        ---
        The London branch.
        """,
    "candidates/jo-bloggs.md": """\
        ---
        title: Jo Bloggs
        election: local-2022
        council: Example Borough Council
        ward: Northgate
        summary: Standing again.
        region: London
        councillor: jo-bloggs
        ---
        Why I am standing.
        """,
}


VOLUNTEER_PAGE = "---\ntitle: Volunteer\nsummary: Help out.\n---\nJoin a team.\n"


def build_warm(root, cache) -> tuple[WarmSite, object, object]:
    """MINIMAL_SITE (and a draft, a page in a .markdown file, and CAMPAIGN) built in `root` as the
    preview builds it, with the generators the preview keeps."""
    content = root / "content"
    draft = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]).replace("category: news", "category: news\nstatus: draft")
    hello = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]).replace("tags: [launch]", "tags: [launch]\nevents: [canvass]")
    write_content(content, {**MINIMAL_SITE, **CAMPAIGN, "posts/hello.md": hello,
                            "posts/a-draft.md": draft.replace("Hello from", "A draft from"),
                            # The site reads a .markdown file as it reads a .md one.
                            "pages/volunteer.markdown": VOLUNTEER_PAGE})
    with keeping_generators() as kept:
        build_site(SETTINGS, root / "preview", preview_settings(content, cache))
    return WarmSite(kept[0]), content, root


@pytest.fixture
def warm_preview(tmp_path, factory_cache):
    return build_warm(tmp_path, factory_cache)


@pytest.fixture(scope="module")
def words_preview(tmp_path_factory, factory_cache):
    """One kept build that takes in the words-only saves of the tests below
    one after another, as a volunteer's preview does: each test compares
    its page with a full build of the content as it then is."""
    return build_warm(tmp_path_factory.mktemp("words"), factory_cache)


@pytest.fixture(scope="module")
def shared_warm_preview(tmp_path_factory, factory_cache):
    """One kept build for the saves the quick step refuses before it changes
    anything: each test puts its file back (the `refused` fixture)."""
    return build_warm(tmp_path_factory.mktemp("quick"), factory_cache)


@pytest.fixture
def refused(shared_warm_preview):
    """The shared kept build; after the test its content is as built again,
    and a save of words alone is still shown (so the refusal was the save's)."""
    warm, content, root = shared_warm_preview
    files = {path: path.read_bytes() for path in content.rglob("*") if path.is_file()}
    yield shared_warm_preview
    for path in content.rglob("*"):
        if path.is_file() and path not in files:
            path.unlink()
    for path, data in files.items():
        path.write_bytes(data)
    words = edit(content, "pages/about.md", "We are a party.", "We are a party, still.")
    assert warm.show({words}, root / "preview").keys() == {"about/index.html"}
    words.write_bytes(files[words])


def edit(content, name: str, old: str, new: str):
    path = content / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{name} has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


# A save of words only, in each kind of page, and the pages it shows: the
# item's own, and for a published post those of the policy and councillor it
# names (they list it).
POST_PAGES = ("news/hello/index.html", "policies/housing/index.html", "councillors/jo-bloggs/index.html",
              "events/canvass/index.html")
WORD_EDITS = {
    "post body": ("posts/hello.md", "The first post's text.", "The first post's text, reworded.", POST_PAGES),
    "post title": ("posts/hello.md", "title: Hello from the party", "title: Hello again from the party",
                   POST_PAGES),
    "post summary": ("posts/hello.md", "summary: A first post.", "summary: The very first post.", POST_PAGES),
    "draft body": ("posts/a-draft.md", "The first post's text.", "A draft's words.",
                   ("news/a-draft/index.html", *POST_PAGES[1:3])),  # the draft names no event
    "page body": ("pages/about.md", "We are a party.", "We are a party of volunteers.", ("about/index.html",)),
    "page body, .markdown": ("pages/volunteer.markdown", "Join a team.", "Join a team near you.",
                             ("volunteer/index.html",)),
    "policy body": ("policies/01-housing.md", "Why this matters.", "Why this matters to everyone.",
                    ("policies/housing/index.html",)),
    "profile body": ("councillors/jo-bloggs.md", "Jo's story.", "Jo's story, told at length.",
                     ("councillors/jo-bloggs/index.html",)),
    "event body": ("events/canvass.md", "Canvassing.", "Canvassing, come rain or shine.",
                   ("events/canvass/index.html",)),
    "branch body": ("branches/breakthrough-london.md", "The London branch.", "The London branch, growing.",
                    ("branches/breakthrough-london/index.html",)),
    "candidate body": ("candidates/jo-bloggs.md", "Why I am standing.", "Why I am standing again.",
                       ("candidates/jo-bloggs/index.html",)),
}


@pytest.mark.parametrize("kind", list(WORD_EDITS))
def test_saved_pages_are_the_pages_a_full_build_writes(words_preview, factory_cache, tmp_path, kind):
    warm, content, root = words_preview
    name, old, new, pages = WORD_EDITS[kind]
    before = files_of(root / "preview")
    shown = warm.show({edit(content, name, old, new)}, root / "preview")
    # Each page shown, and what it replaced; besides the pages, only files
    # their render changed (an event's calendar file), each with what it replaced.
    assert {page: shown[page] for page in pages} == {page: before[page] for page in pages}
    besides = set(shown) - set(pages)
    assert all(not name.endswith(".html") and shown[name] == before.get(name) for name in besides), besides
    after = files_of(root / "preview")
    assert after[pages[0]] != before[pages[0]], "the quick step did not show the edit"
    assert {n for n in after if after[n] != before.get(n)} <= set(shown), "the quick step wrote other files"
    build_site(SETTINGS, tmp_path / "full", preview_settings(content, factory_cache))
    full = {name: (tmp_path / "full" / name).read_bytes() for name in shown}
    quick = {name: after[name] for name in shown}
    assert quick == full, f"after a {kind} edit, the quick step (first) and a full build differ:\n{explain(quick, full)}"


def test_a_post_title_shows_at_once_on_the_policy_page_that_lists_it(warm_preview):
    warm, content, root = warm_preview
    warm.show({edit(content, "posts/hello.md", "title: Hello from", "title: Greetings from")}, root / "preview")
    assert "Greetings from the party" in (root / "preview/policies/housing/index.html").read_text(encoding="utf-8")


def test_an_image_newly_shown_by_a_save_gets_its_copies_in_the_preview(warm_preview):
    """The kept build's templates place a newly shown image's WebP copies in
    the preview's folder, not in the kept build's staging folder (renamed
    since, and made again beside the preview by the images plugin)."""
    warm, content, root = warm_preview
    hello = content / "posts/hello.md"
    picture = "\n![Alex at the launch]({static}/images/press/alex-mays.jpg)\n"
    hello.write_text(hello.read_text(encoding="utf-8") + picture, encoding="utf-8")
    assert "news/hello/index.html" in warm.show({hello}, root / "preview")
    page = (root / "preview/news/hello/index.html").read_text(encoding="utf-8")
    # The sample photo is 40 pixels wide: its one copy is at its own width.
    assert 'srcset="/images/press/alex-mays.webp 40w"' in page
    assert (root / "preview/images/press/alex-mays.webp").is_file()
    # Nothing beside the preview: no staging folder made again (by the
    # images plugin, or by an event's calendar file the post's event writes).
    assert sorted(path.name for path in root.iterdir()) == ["content", "preview"]


def test_saves_one_after_another_each_show_what_a_full_build_writes(warm_preview, factory_cache):
    """The kept build takes in each save, so the next save's page shows it
    (the policy page lists the post, with the post's new title)."""
    warm, content, root = warm_preview
    assert warm.show({edit(content, "posts/hello.md", "title: Hello from", "title: Greetings from")}, root / "preview")
    assert warm.show({edit(content, "policies/01-housing.md", "Why this matters.", "Why it matters.")},
                     root / "preview").keys() == {"policies/housing/index.html"}
    quick = (root / "preview/policies/housing/index.html").read_bytes()
    assert b"Greetings from the party" in quick
    build_site(SETTINGS, root / "full", preview_settings(content, factory_cache))
    assert quick == (root / "full/policies/housing/index.html").read_bytes()


# Saves the quick step must leave to the full build, refused before it
# changes anything: each (file, old, new), or a new file (old None).
FULL_BUILD_SAVES = {
    "a date": ("posts/hello.md", "date: 2021-11-24", "date: 2021-11-20"),
    "the policies a post names": ("posts/hello.md", "policies: [housing]", "policies: []"),
    "a policy's commitments": ("policies/01-housing.md", "Build council homes.", "Build more council homes."),
    "a refused tag in the body": ("posts/hello.md", "The first post's text.", "Text <script>alert(1)</script>"),
    "a front matter mistake": ("posts/hello.md", "category: news", "category: gossip"),
    "a new post": ("posts/new.md", None, MINIMAL_SITE["posts/hello.md"]),
    "the minifesto": ("minifesto.md", "The foreword.", "A new foreword."),
}


@pytest.mark.parametrize("save", list(FULL_BUILD_SAVES))
def test_other_saves_are_left_to_the_full_build(refused, save):
    warm, content, root = refused
    name, old, new = FULL_BUILD_SAVES[save]
    if old is None:
        write_content(content, {name: new})
        path = content / name
    else:
        path = edit(content, name, old, new)
    before = files_of(root / "preview")
    assert warm.show({path}, root / "preview") is None
    assert files_of(root / "preview") == before


def test_a_file_replaced_by_a_link_is_never_read(refused, tmp_path):
    """A symbolic link could show a file from outside the repository: the
    full build refuses it, and the quick step does not read it first."""
    warm, content, root = refused
    post = content / "posts/hello.md"
    original = post.read_bytes()
    outside = tmp_path / "outside.md"
    outside.write_bytes(original.replace(b"The first post's text.", b"Words from outside the repository."))
    post.unlink()
    post.symlink_to(outside)
    before = files_of(root / "preview")
    try:
        assert warm.show({post}, root / "preview") is None
        assert files_of(root / "preview") == before
    finally:
        post.unlink()
        post.write_bytes(original)


def test_a_template_or_settings_save_is_left_to_the_full_build(refused):
    warm, _, root = refused
    before = files_of(root / "preview")
    assert warm.show({REPO / "theme/templates/article.html"}, root / "preview") is None
    assert warm.show({REPO / "pelicanconf.py"}, root / "preview") is None
    assert files_of(root / "preview") == before


def test_a_link_to_no_page_is_left_to_the_full_build(warm_preview):
    """Found by the content checks, after the item took its place: the
    kept build is then not to be used again (the preview drops it)."""
    warm, content, root = warm_preview
    before = files_of(root / "preview")
    saved = edit(content, "posts/hello.md", "The first post's text.", "See [this](/no-such-page/).")
    assert warm.show({saved}, root / "preview") is None
    assert files_of(root / "preview") == before


def test_a_title_saved_to_match_another_posts_shows_with_its_date_at_once(warm_preview, factory_cache, tmp_path):
    """Posts that share a headline are named in <title> with their dates
    (plugins/pagetitles): the quick step's page of a post retitled so is the
    full build's, date and all."""
    warm, content, root = warm_preview
    warm.show({edit(content, "posts/hello.md", "title: Hello from the party", "title: A draft from the party")},
              root / "preview")
    page = (root / "preview" / "news/hello/index.html").read_bytes()
    # The draft is a copy of the post, of the same day and no time: told apart by its place.
    assert b"<title>A draft from the party (24 November 2021, 2 of 2) | " in page
    build_site(SETTINGS, tmp_path / "full", preview_settings(content, factory_cache))
    assert page == (tmp_path / "full" / "news/hello/index.html").read_bytes()


def test_a_save_by_renaming_a_new_file_over_the_old_shows_at_once(warm_preview):
    """Editors save by writing a temporary file and renaming it over the one
    saved (vim's and emacs's way): the watcher then reports both, and the
    temporary file, gone, stopped the quick step for every such save."""
    warm, content, root = warm_preview
    post = content / "posts/hello.md"
    scratch = content / "posts/.hello.md.swp"
    scratch.write_text(post.read_text(encoding="utf-8").replace("The first post's text.", "Saved by rename."),
                       encoding="utf-8")
    scratch.replace(post)
    assert "news/hello/index.html" in warm.show({scratch, post}, root / "preview")
    assert "Saved by rename." in (root / "preview/news/hello/index.html").read_text(encoding="utf-8")


def test_when_the_full_build_fails_every_file_the_quick_step_wrote_is_put_back(tmp_path, factory_cache):
    """An event retitled and a post showing a picture, saved with a mistake in
    another file: the quick step shows their pages at once, and with them
    rewrites the event's calendar files and makes the picture's WebP copy.
    When the full build then fails, the preview is the last good build
    again, file for file: the calendar files and the copy stayed, before."""
    from sitebuild.preview_builds import Preview

    _, content, root = build_warm(tmp_path, factory_cache)
    live = Preview(SETTINGS, root / "preview", preview_settings(content, factory_cache))
    live.rebuild()
    good = files_of(root / "preview")
    event = edit(content, "events/canvass.md", "title: Canvass", "title: Canvass in Hackney")
    post = edit(content, "posts/hello.md", "The first post's text.",
                "The first post's text.\n\n![Alex at the launch]({static}/images/press/alex-mays.jpg)")
    edit(content, "pages/about.md", "title: About us", "title:")
    live.rebuild({event, post})
    status = live.status()
    assert status["quick"] == 1 and any("about.md" in line for line in status["problems"])
    assert files_of(root / "preview") == good
