"""Links and images lead where they say, and a wrong one is told the right way.

A picture named in other capitals, an image written as a page's address or
relative to the page, a {filename} link going up a folder: each message
says what it is and how to write it. And a link to a part of one of the
site's pages (`/policies/housing/#commitment-9`, `#why-it-matters`) that the
page does not have fails the build at the link's line, naming the parts the
page has (plugins/contentcheck/fragments.py, its words missing_parts.py).
"""

from __future__ import annotations

import textwrap

import pytest
from conftest import MINIMAL_SITE, build_in, sample_jpeg

POST_HEAD = "---\ntitle: A rally\ndate: 2021-11-24\ncategory: news\nsummary: A rally.\n{fields}---\n"
# The minimal site's policy, with five commitments and a heading.
HOUSING = textwrap.dedent(MINIMAL_SITE["policies/01-housing.md"]).replace(
    "  - Build council homes.\n", "".join(f"  - Commitment {number}.\n" for number in range(1, 6))).replace(
    "Why this matters.", "## Why it matters\n\nEveryone needs a home.")


def post(lines: list[str], fields: str = "") -> str:
    return POST_HEAD.format(fields=fields) + "\n\n".join(lines) + "\n"


def line_of(text: str, written: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if written in line)


def site_files(**posts: str) -> dict:
    return {"images/rally.jpg": sample_jpeg(), "policies/01-housing.md": HOUSING,
            **{f"posts/{name}.md": text for name, text in posts.items()}}


# Mistakes found before anything is written: (the line in the post, what the build prints after
# its line number).
WRITTEN_WRONG = {
    "![A rally]({static}/images/Rally.JPG)":
        "body: the link {static}/images/Rally.JPG points to a file that does not exist — "
        "did you mean {static}/images/rally.jpg? (names must match in capitals too)",
    "![A rally](/images/Rally.jpg)":
        "body: there is no image content/images/Rally.jpg — did you mean /images/rally.jpg? (names must match in "
        "capitals too)",
    "![A rally](/images/nope.jpg)":
        "body: there is no image content/images/nope.jpg — put the picture in content/images/ and write its name "
        "as it is there",
    "![A rally](/images/raly.jpg)":
        "body: there is no image content/images/raly.jpg — did you mean /images/rally.jpg? If not, put the picture in "
        "content/images/ and write its name as it is there",
    "![A rally](images/rally.jpg)":
        "body: the image images/rally.jpg is relative — write the picture's path from content/ after {static}/: "
        "{static}/images/rally.jpg",
    "[our housing policy]({filename}../policies/01-housing.md)":
        "body: the link {filename}../policies/01-housing.md goes up a folder with .. — a link may not use .. "
        "(going up a folder): write the path from content/ instead: {filename}/policies/01-housing.md",
    "[commitment 2]({filename}../policies/01-housing.md#commitment-2)":
        "body: the link {filename}../policies/01-housing.md#commitment-2 goes up a folder with .. — a link may not "
        "use .. (going up a folder): write the path from content/ instead: "
        "{filename}/policies/01-housing.md#commitment-2",
    # Out of content/ with ..: the allowlist's one message, not a second saying where it leads.
    "[the settings]({filename}/../pelicanconf.py)":
        "body: the link {filename}/../pelicanconf.py goes up a folder with .. — a link may not use .. (going up a "
        "folder): write the file's path from content/ after the marker, as {filename}/policies/02-housing.md; only "
        "files inside content/ can be linked",
    "[our housing policy](/policies/Housing/)":
        "body: the link /policies/Housing/ goes to a page the site does not have — did you mean /policies/housing/? "
        "(addresses are in lower case)",
}
# Parts of pages that are not there, found once the pages are written.
PARTS_NOT_THERE = {
    "[commitment 9](/policies/housing/#commitment-9)":
        "body: the link /policies/housing/#commitment-9 goes to #commitment-9, which /policies/housing/ does not "
        "have — /policies/housing/ has commitments 1–5 (#commitment-1 to #commitment-5): check the number",
    "[policy 42](/policies/#policy-42)":
        "body: the link /policies/#policy-42 goes to #policy-42, which /policies/ does not have — "
        "/policies/ has policies 1 (#policy-1): check the number",
    "[commitment 1.7](/policies/#policy-1-7)":
        "body: the link /policies/#policy-1-7 goes to #policy-1-7, which /policies/ does not have — "
        "/policies/ has #policy-1-… 1–5 (#policy-1-1 to #policy-1-5): check the number",
    "[nowhere](/policies/housing/#nope)":
        "body: the link /policies/housing/#nope goes to #nope, which /policies/housing/ does not have — "
        "link to /policies/housing/ without a #part, or to one of its headings (a heading's part is made of its "
        "words: e.g. ## Why it matters is #why-it-matters)",
    "[why](/policies/housing/#Why-it-matters)":
        "body: the link /policies/housing/#Why-it-matters goes to #Why-it-matters, which /policies/housing/ does "
        "not have — did you mean #why-it-matters? (the part must match in capitals too)",
    "[commitment 6]({filename}/policies/01-housing.md#commitment-6)":
        "body: the link {filename}/policies/01-housing.md#commitment-6 goes to #commitment-6, which "
        "{filename}/policies/01-housing.md does not have — {filename}/policies/01-housing.md has commitments 1–5 "
        "(#commitment-1 to #commitment-5): check the number",
    "[below](#our-plans)":
        "body: the link #our-plans goes to #our-plans, which this page does not have — did you mean #our-plan?",
}
# Links to parts that are there: a commitment, a heading (on another page
# and on this one), the page's main content (the skip link's target), the top.
PARTS_THERE = [
    "[commitment 5](/policies/housing/#commitment-5)",
    "[the policy](/policies/housing/#policy-1)",
    "[commitment 1.3](/policies/#policy-1-3)",
    "[why](/policies/housing/#why-it-matters)",
    "[also why]({filename}/policies/01-housing.md#why-it-matters)",
    "[the text](/news/rally/#main)",
    "[below](#our-plan)",
    "[back to the top](#top)",
    "## Our plan",
]


@pytest.fixture(scope="module")
def builds(tmp_path_factory, factory_cache):
    made = {}

    def build(name: str, files: dict, options: tuple[str, ...] = ()):
        if name not in made:
            made[name] = build_in(tmp_path_factory.mktemp(name), files, cache=factory_cache, options=options)
        return made[name]

    return build


def expected_lines(text: str, cases: dict) -> list[str]:
    """The build's lines for `cases`, in the order of their lines (as written)."""
    return [f"content/posts/rally.md:{line_of(text, written)}: {message}" for written, message in cases.items()]


def test_each_mistake_is_told_at_its_line_with_what_to_write(builds):
    text = post(list(WRITTEN_WRONG))
    build = builds("written-wrong", site_files(rally=text))
    assert build.returncode == 1
    assert build.problem_lines == expected_lines(text, WRITTEN_WRONG)
    assert "Traceback" not in build.stderr


def test_a_front_matter_image_in_other_capitals_is_named(builds):
    text = post(["Text."], fields="image: images/Rally.JPG\nimage_alt: A rally\n")
    build = builds("front-matter-image", site_files(rally=text))
    assert build.returncode == 1
    assert build.problem_lines == [
        "content/posts/rally.md:6: image: there is no file content/images/Rally.JPG — did you mean images/rally.jpg? "
        "(names must match in capitals too)"]


def test_a_link_to_a_part_a_page_does_not_have_fails_the_build_at_its_line(builds):
    text = post([*PARTS_NOT_THERE, "## Our plan"])
    build = builds("parts-not-there", site_files(rally=text))
    assert build.returncode == 1
    assert build.problem_lines == expected_lines(text, PARTS_NOT_THERE)
    assert "Traceback" not in build.stderr
    assert not build.output.exists()  # nothing was put in place


# A press release shows the press office's notes to editors, whose headings
# are parts of its page (#notes-…) that only the written page has.
RELEASE = POST_HEAD.format(fields="").replace("category: news", "category: press-releases").replace(
    "title: A rally", "title: A release") + "The release.\n"
NOTES = textwrap.dedent(MINIMAL_SITE["press-office.md"]).replace("Notes to editors.", "## Our history\n\nFounded in 2021.")
TO_THE_NOTES = "[our history](/news/release/#notes-our-history)"


def parts_there_files() -> dict:
    return {**site_files(rally=post([*PARTS_THERE, TO_THE_NOTES]), release=RELEASE), "press-office.md": NOTES}


def test_links_to_parts_the_pages_have_pass(builds):
    build = builds("parts-there", parts_there_files())
    assert build.returncode == 0, build.stderr
    assert build.html("news/rally/").find(id="our-plan") is not None
    assert build.html("news/release/").find(id="notes-our-history") is not None


def test_a_policy_text_linking_to_another_page_s_part_is_checked_too(builds):
    """Not only posts: every text's links (here a page's)."""
    about = MINIMAL_SITE["pages/about.md"].replace("We are a party.", "See [commitment 8](/policies/housing/#commitment-8).")
    build = builds("page-links", {**site_files(), "pages/about.md": about})
    assert build.returncode == 1
    assert build.problem_lines == [
        "content/pages/about.md:5: body: the link /policies/housing/#commitment-8 goes to #commitment-8, which "
        "/policies/housing/ does not have — /policies/housing/ has commitments 1–5 (#commitment-1 to #commitment-5): "
        "check the number"]


# The listing's parts (/policies/#policy-…): known only from its written page.
LISTING_PARTS = {"[policy 42](/policies/#policy-42)", "[commitment 1.7](/policies/#policy-1-7)"}


def test_invoke_check_checks_links_to_the_parts_of_items_pages(builds):
    """`--check` (invoke check) writes nothing, but an item's page's parts
    are its text's headings and its data's (commitments): links to those are
    told as the build tells them. A listing's parts wait for the build."""
    text = post([*PARTS_NOT_THERE, "## Our plan"])
    build = builds("parts-checked-by-check", site_files(rally=text), options=("--check",))
    assert build.returncode == 1
    expected = {written: message for written, message in PARTS_NOT_THERE.items() if written not in LISTING_PARTS}
    assert build.problem_lines == expected_lines(text, expected)
    assert "Traceback" not in build.stderr
    passing = builds("parts-there-by-check", parts_there_files(), options=("--check",))
    assert passing.returncode == 0, passing.stderr


def test_a_link_going_up_a_folder_to_a_missing_part_is_told_once_by_check(builds):
    """The allowlist refuses the `..` with the path to write; the part's check
    does not add a second message naming the form just refused."""
    written = "[commitment 9]({filename}../policies/01-housing.md#commitment-9)"
    text = post([written])
    build = builds("up-a-folder-part", site_files(rally=text), options=("--check",))
    assert build.returncode == 1
    assert build.problem_lines == [
        f"content/posts/rally.md:{line_of(text, written)}: body: the link {{filename}}../policies/01-housing.md"
        "#commitment-9 goes up a folder with .. — a link may not use .. (going up a folder): write the path from "
        "content/ instead: {filename}/policies/01-housing.md#commitment-9"]


def test_an_address_going_up_out_of_the_site_is_refused_and_nothing_there_is_listed(make_site, tmp_path):
    """The fix for a missing image listed the names near it in its folder:
    for /images/../../../../etc/passw, the build machine's /etc ("did you
    mean …/passwd?"), for anyone who can open a pull request."""
    from plugins.contentcheck.link_targets import did_you_mean, near_names

    secret = tmp_path / "outside" / "secret-key.txt"
    secret.parent.mkdir()
    secret.write_text("not for the build's messages")
    escape = "/".join([".."] * 12) + str(secret.parent) + "/secret-ke"
    text = (f"---\ntitle: Paths\ndate: 2021-12-20\ncategory: news\nsummary: Paths.\n---\n"
            f"![Members marching](/images/{escape})\n")
    build = make_site({"posts/paths.md": text})
    assert build.problem_lines == [
        f"content/posts/paths.md:7: body: the image /images/{escape} goes up a folder with .. — a link may not use .. "
        "(going up a folder): write the address from the site's top, e.g. /images/name.jpg"]
    assert "secret-key" not in build.stderr + build.stdout
    content = str(build.content)
    assert near_names(content, f"images/{escape}") == []
    assert did_you_mean(content, f"images/{escape}", str, "put it in content/images/") == "put it in content/images/"


@pytest.mark.parametrize("written, fixed", [
    ("https:evil.example", "https://evil.example"),  # a page of this site, /evil.example, to a browser
    ("http:evil.example/page", "http://evil.example/page"),  # another website
    ("HTTPS:/example.org/a", "https://example.org/a"),
])
def test_a_web_address_without_its_two_slashes_is_refused_with_them(make_site, written, fixed):
    text = f"---\ntitle: Slashes\ndate: 2021-12-20\ncategory: news\nsummary: Slashes.\n---\nSee [it]({written}).\n"
    build = make_site({"posts/slashes.md": text})
    scheme = written.split(":")[0].lower()
    assert build.problem_lines == [
        f"content/posts/slashes.md:7: body: the link {written} has no // after its {scheme}: — write it as {fixed}"]


def test_no_suggestion_lists_a_folder_behind_a_symbolic_link(tmp_path):
    """A link in content/ to a folder outside it is refused as a file of
    its own, but the fix for a missing image, written in other capitals,
    listed the folder it leads to (/images/LINK/secret-ke: "did you mean
    /images/link/secret-key.txt?")."""
    from plugins.contentcheck.link_targets import did_you_mean, in_other_capitals, near_names

    outside, content = tmp_path / "outside", tmp_path / "content"
    outside.mkdir()
    (outside / "secret-key.txt").write_text("not for the build's messages")
    (content / "images").mkdir(parents=True)
    (content / "images" / "link").symlink_to(outside)
    for written in ("images/link/secret-ke", "Images/LINK/secret-ke", "IMAGES/Link/secret-key.txt"):
        assert near_names(str(content), written) == [], written
        assert in_other_capitals(str(content), written) is None, written
        assert did_you_mean(str(content), written, str, "put it in content/images/") == "put it in content/images/"


def test_an_embargoed_posts_links_to_parts_are_checked_before_it_is_public(builds):
    """At its embargo's hour the post is public at a build no one reviews,
    where a wrong #part would stop everything that build publishes: its
    links are checked now, to a page written now and to its own headings."""
    embargoed = ("---\ntitle: A rally\ndate: 2030-07-01 09:00\nembargo: 2030-07-01 09:00\ncategory: news\n"
                 "summary: A rally.\n---\n\n")
    wrong = ["[commitment 9](/policies/housing/#commitment-9)", "[below](#our-plans)"]
    text = embargoed + "\n\n".join([*wrong, "[fine](#our-plan)", "[the text](#main)", "## Our plan"]) + "\n"
    build = builds("embargoed-parts", site_files(rally=text))
    assert build.returncode == 1
    assert build.problem_lines == [
        f"content/posts/rally.md:{line_of(text, wrong[0])}: body: the link /policies/housing/#commitment-9 goes to "
        "#commitment-9, which /policies/housing/ does not have — /policies/housing/ has commitments 1–5 "
        "(#commitment-1 to #commitment-5): check the number",
        f"content/posts/rally.md:{line_of(text, wrong[1])}: body: the link #our-plans goes to #our-plans, which this "
        "page does not have — did you mean #our-plan?"]
    right = text.replace(wrong[0], "[commitment 5](/policies/housing/#commitment-5)").replace(wrong[1], "Below.")
    assert builds("embargoed-parts-right", site_files(rally=right)).returncode == 0


def test_a_policy_links_to_its_own_commitments_in_every_edition(builds):
    """A policy's text may link to its own commitment as its page names it
    (#commitment-3). Where every policy is shown (the web minifesto, the
    PDFs, the index), that commitment is #policy-1-3: the link goes there.
    It landed nowhere, and WeasyPrint refused to render the PDFs ("No anchor")."""
    housing = HOUSING.replace("Everyone needs a home.", "Everyone needs a home: see [commitment 3](#commitment-3).")
    build = builds("policy-links-own-commitment", {**site_files(), "policies/01-housing.md": housing})
    assert build.returncode == 0, build.stderr
    assert build.html("policies/housing/").select_one('main .prose a[href="#commitment-3"]') is not None
    edition = build.html("minifesto/")
    assert edition.select_one('main .prose a[href="#policy-1-3"]') is not None and edition.find(id="policy-1-3")
    assert (build.output / "minifesto.pdf").stat().st_size > 0


@pytest.mark.parametrize("options", [(), ("--check",)])
def test_a_policys_link_to_a_part_of_its_own_page_it_lacks_is_told_at_its_line(builds, options):
    """Found before anything is written: by `--check` too, and before the
    minifesto's PDF, which stopped first on WeasyPrint's "No anchor", with no line."""
    wrong = "[commitment 9](#commitment-9)"
    housing = HOUSING.replace("Everyone needs a home.", f"Everyone needs a home: see {wrong}.")
    build = builds(f"policy-links-within{'-check' if options else ''}",
                   {**site_files(), "policies/01-housing.md": housing}, options=options)
    assert build.returncode == 1
    assert build.problem_lines == [
        f"content/policies/01-housing.md:{line_of(housing, wrong)}: body: the link #commitment-9 goes to "
        "#commitment-9, which this page does not have — this page has commitments 1–5 (#commitment-1 to "
        "#commitment-5): check the number"]


LAYOUT_PARTS = ["[who to call](#release-contacts)", "[2021's releases](/press/releases/#year-2021)",
                "[what's on](/#next-events)"]


@pytest.mark.parametrize("options", [(), ("--check",)])
def test_a_link_to_a_part_of_a_pages_layout_is_refused_at_once(builds, options):
    """A section a template shows only while it has something for it
    (a release's contacts, a year on the press archive's first page, the
    next events) comes and goes with the news, the events and the date: a
    link to it passed one build and stopped the next, unedited. Refused at
    once, in --check too; links to the words, the data and #main pass."""
    lasting = ["[the text](#main)", "[London](/branches/#london)", "[policy 1](/policies/#policy-1)",
               "[commitment 1.2](/policies/#policy-1-2)"]
    text = post([*LAYOUT_PARTS, *lasting])
    build = builds(f"layout-parts{'-check' if options else ''}", site_files(rally=text), options=options)
    assert build.returncode == 1
    assert [line.split(" — ")[0] for line in build.problem_lines] == [
        f"content/posts/rally.md:{line_of(text, written)}: body: the link {written.split('](')[1][:-1]} goes to "
        f"#{written.split('#')[1][:-1]}, a part of the page's layout, not of its words: a build leaves it out when "
        "it has nothing to show there (it comes and goes with the news, the events and the date)"
        for written in LAYOUT_PARTS]


def test_a_missing_part_is_never_told_to_go_to_a_part_of_the_layout(builds):
    """/branches/ has a region's section (#london) and its heading
    (#london-title): "did you mean #london or #london-title?" offered an id
    the check then refused as a part of the page's layout."""
    text = post(["[branches in London](/branches/#london-x)", "[the region](/branches/#London-Title)"])
    branch = ("---\ntitle: Breakthrough London\nsummary: Members across London.\nregion: London\n"
              "contact: london@example.org\n---\nWhat we do.\n")
    build = builds("no-layout-suggested", {**site_files(rally=text), "branches/london.md": branch})
    assert build.problem_lines == [
        "content/posts/rally.md:7: body: the link /branches/#london-x goes to #london-x, which /branches/ does not "
        "have — did you mean #london?",
        # Not "did you mean #london-title? (the part must match in capitals too)".
        "content/posts/rally.md:9: body: the link /branches/#London-Title goes to #London-Title, which /branches/ "
        "does not have — link to /branches/ without a #part, or to one of its headings (a heading's part is made "
        "of its words: e.g. ## Why it matters is #why-it-matters)"]


@pytest.mark.parametrize("address", ["HTTPS://BreakthroughParty.org.uk/policies/housing/",
                                     "https://www.breakthroughparty.org.uk/policies/housing/"])
def test_the_sites_own_address_in_any_spelling_is_checked(builds, address):
    text = post([f"[commitment 9]({address}#commitment-9)"])
    build = builds(f"own-address-{len(address)}", site_files(rally=text))
    assert build.returncode == 1
    assert build.problem_lines[0].startswith(f"content/posts/rally.md:7: body: the link {address}#commitment-9 goes "
                                             "to #commitment-9, which")


def test_the_sites_own_address_without_https_is_refused_for_that(builds):
    """//breakthroughparty.org.uk/… goes to the site at the reading page's
    own scheme, but the same spelling goes to any website: every such link
    is refused for the https: it leaves out (a fuzzing audit found
    //evil.example published unchecked)."""
    text = post(["[commitment 9](//breakthroughparty.org.uk/policies/housing/#commitment-9)"])
    build = builds("own-address-no-scheme", site_files(rally=text))
    assert build.returncode == 1
    assert build.problem_lines == [
        "content/posts/rally.md:7: body: the link //breakthroughparty.org.uk/policies/housing/#commitment-9 starts "
        "with // and no https:, so a browser takes it for another website's address — write the whole address, "
        "https://breakthroughparty.org.uk/policies/housing/#commitment-9, or /… alone for a page of this site"]


def test_a_link_to_the_page_of_a_file_that_cannot_be_read_is_not_blamed_on_the_link(make_site):
    """A quote never closed in the policy's file: that file's problem is
    told, and a post's right link to its page was told as going nowhere
    too, so its writer would "mend" a link that was right. A link to no
    file at all is still told."""
    broken_policy = MINIMAL_SITE["policies/01-housing.md"].replace("title: ", 'title: "', 1)
    post = (textwrap.dedent(MINIMAL_SITE["posts/hello.md"])
            + "\nSee [our plan](/policies/housing/) and [x](/policies/nope/).\n")
    build = make_site({"policies/01-housing.md": broken_policy, "posts/hello.md": post})
    assert build.returncode == 1
    assert [line.split(": ", 2)[1] for line in build.problem_lines] == ["title", "body"]
    assert "the link /policies/nope/ goes to a page the site does not have" in build.problem_lines[1]


def test_an_image_in_the_text_whose_alt_text_is_its_file_name_is_refused(make_site):
    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]) + "\n![IMG_2034.JPG]({static}/images/rally.jpg)\n"
    build = make_site({"posts/hello.md": post, "images/rally.jpg": sample_jpeg()})
    assert build.returncode == 1
    assert build.problem_lines == [
        'content/posts/hello.md:12: body: the image {static}/images/rally.jpg has the alt text "IMG_2034.JPG", which '
        "says nothing of what it shows — describe it between the brackets: ![what the image shows](…)"]
