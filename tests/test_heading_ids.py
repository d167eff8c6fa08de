"""A text's headings never take an id the page's own template uses.

Markdown gives a heading an id made from its words (## Why it matters →
id="why-it-matters"). On a page showing one text, "## Main" made a second
id="main" beside the template's <main id="main">, the skip link's target:
invalid HTML, and a skip link that could land on the heading. The same for
every other id a template writes ("## Related news", "## Commitment 1" on a
policy's page …). Such a heading now gets a suffix (main_1); every other
heading keeps exactly the id it had.
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter

import pytest
from bs4 import BeautifulSoup
from conftest import MINIMAL_SITE, REPO, build_in
from test_branches import LONDON_BRANCH
from test_candidates import candidate

from sitecore.heading_ids import ids_the_theme_defines

TEMPLATES = REPO / "theme" / "templates"
# Every id="…" (or id='…') a template writes: read here by a pattern of
# the test's own, not the module's, so a template id the module failed to
# read is caught.
TEMPLATE_ID = re.compile(r"""(?<![\w-])id\s*=\s*["']([^"']*)["']""")
# Ids the templates make from values (policy.anchor, loop.index …), as
# they are on the minimal site's pages: policy 1's own page, its first
# commitment, the index's policy 1 commitment 1, the first region and council,
# a year, a policy's change, a region's anchor.
MADE_IDS = ["policy-1", "policy-1-title", "commitment-1", "policy-1-1", "region-1", "council-1",
            "year-2021", "change-housing", "london", "london-title"]
ORDINARY = "Why it matters"
# The pages that each show one text, with the text's file.
ONE_TEXT_PAGES = {
    "news/ids/": "posts/ids.md",
    "about/": "pages/about.md",
    "press/": "press-office.md",
    "policies/housing/": "policies/01-housing.md",
    "councillors/jo-bloggs/": "councillors/jo-bloggs.md",
    "events/ids-rally/": "events/ids-rally.md",
    "branches/breakthrough-london/": "branches/breakthrough-london.md",
    "candidates/alex-standing/": "candidates/alex-standing.md",
}


def template_id_literals() -> set[str]:
    return {value for path in TEMPLATES.rglob("*.html") for value in TEMPLATE_ID.findall(path.read_text("utf-8"))}


def fixed_template_ids() -> list[str]:
    """The ids the templates write as they are (no {{ … }} in them)."""
    return sorted(value for value in template_id_literals() if "{" not in value)


def headings_named_like(ids: list[str]) -> str:
    """A Markdown heading for each id, whose words make exactly that id."""
    return "\n\n".join(f"## {value.replace('-', ' ').capitalize()}" for value in ids)


def with_text(front_matter_and_text: str, text: str) -> str:
    """A MINIMAL_SITE file with `text` after its own."""
    return textwrap.dedent(front_matter_and_text).rstrip("\n") + "\n\n" + text + "\n"


TEXT = (f"## {ORDINARY}\n\nA point.[^1]\n\n{headings_named_like(fixed_template_ids() + MADE_IDS)}\n\n"
        "[^1]: A footnote, with ids of its own.\n")
POST = """\
---
title: Ids on a page
date: 2022-01-10
category: press-releases
summary: A post whose headings are named like the page's own parts.
policies: [housing]
councillors: [jo-bloggs]
---
"""
# The press page's own words (the text under test there is the press
# office's notes to editors, shown on the same page).
PRESS_PAGE = "---\ntitle: Press office\nsummary: For journalists.\n---\nCall us.\n"
EVENT = """\
---
title: Ids rally
start: 2022-03-26 10:00
end: 2022-03-26 13:00
summary: A rally whose headings are named like the page's own parts.
category: protest
place: Market Square, Truro
region: South West
---
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory, factory_cache):
    texts = {**MINIMAL_SITE, "posts/ids.md": POST, "events/ids-rally.md": EVENT,
             "branches/breakthrough-london.md": LONDON_BRANCH, "candidates/alex-standing.md": candidate()}
    files = {path: with_text(texts[path], TEXT) for path in ONE_TEXT_PAGES.values()}
    build = build_in(tmp_path_factory.mktemp("heading-ids"), {**files, "pages/press.md": PRESS_PAGE},
                     cache=factory_cache, options=("--now", "2022-03-01 12:00"))
    assert build.returncode == 0, build.stderr
    return build


@pytest.mark.parametrize("page", ONE_TEXT_PAGES)
def test_a_page_of_one_text_defines_each_id_once_and_the_skip_link_reaches_main(built, page):
    html = built.html(page)
    assert html.find(["h2", "h3", "h4"], string="Main"), "the text's heading is on the page"
    counts = Counter(element["id"] for element in html.find_all(id=True))
    assert [value for value, count in counts.items() if count > 1] == []
    skip_link = html.select_one("a.skip-link")
    assert skip_link["href"] == "#main"
    assert html.find(id="main").name == "main"


def test_an_ordinary_heading_keeps_its_id_and_one_named_like_the_page_gets_a_suffix(built):
    html = built.html("news/ids/")
    ids = {heading.get_text(): heading.get("id") for heading in html.select(".prose h2")}
    assert ids[ORDINARY] == "why-it-matters"
    assert ids["Main"] == "main_1"
    assert ids["Related news"] == "related-news_1"
    assert ids["Policy 1"] == "policy-1_1"
    assert ids["London"] == "london_1"
    footnote, reference = html.select_one(".prose .footnote li"), html.select_one(".prose sup")
    assert (footnote["id"], reference["id"]) == ("fn:1", "fnref:1")


def test_every_id_a_template_wrote_is_one_headings_avoid(built, settings):
    """The ids outside the texts, on every page the site built, are the
    templates' own: each is one heading_ids keeps headings from (this
    proves its reading of the ids made from values, like policy-1)."""
    avoided = re.compile("|".join(settings["MARKDOWN"]["extension_configs"]["sitecore.heading_ids"]["theme_ids"]))
    written = {element["id"] for path in built.html_files()
               for element in built.html(str(path.relative_to(built.output))).find_all(id=True)
               if not element.find_parent(class_=["prose", "boilerplate"])}
    assert {"main", "related-news", "release-contacts", "policy-1", "commitment-1", "branch-councillors",
            "candidate-policies", "london", "council-1", "region-1"} <= written
    assert sorted(value for value in written if not avoided.fullmatch(value)) == []


def test_every_id_in_the_templates_is_avoided(settings):
    """Read from the templates, so a template's new id is avoided too: no
    list to keep by hand."""
    avoided = re.compile("|".join(settings["MARKDOWN"]["extension_configs"]["sitecore.heading_ids"]["theme_ids"]))
    assert "main" in fixed_template_ids()
    assert [value for value in fixed_template_ids() if not avoided.fullmatch(value)] == []
    assert [value for value in MADE_IDS if not avoided.fullmatch(value)] == []
    # Footnotes' ids (fn:1, fnref:1) have a colon, which no template id has.
    assert not any(avoided.fullmatch(value) for value in ("fn:1", "fnref:1", "why-it-matters"))


def test_an_id_made_from_a_value_the_module_does_not_know_is_named(tmp_path):
    (tmp_path / "page.html").write_text('<section id="{{ branch.anchor }}-title"></section>', encoding="utf-8")
    with pytest.raises(ValueError, match=r"page\.html: id=\"\{\{ branch\.anchor \}\}-title\": .*branch\.anchor"):
        ids_the_theme_defines(tmp_path, [])


def test_an_id_written_by_hand_that_the_page_uses_is_refused_at_its_line(make_site):
    """Markdown keeps an id written by hand ({#main}) and the allowlist an
    id on a raw heading: one the theme uses would be on the page twice."""
    post = MINIMAL_SITE["posts/hello.md"].replace("The first post's text.", textwrap.dedent("""\
        The first post's text, with [a link to the top](#main).

            <div id="main">a code sample, before the heading</div>

        ## Contact us {#main}

        <h2 id="related-news">Raw</h2>

        ## Fine {#our-plan}

        Our pages start with `<main id="main">`, shown as code:

            <section id="join">
        """))
    built = make_site({"posts/hello.md": post})
    assert built.returncode == 1
    # Each at its own line; a link to #main and ids in code samples are not ids.
    assert [line.split(": the id ")[0] for line in built.problem_lines] == [
        "content/posts/hello.md:14: body", "content/posts/hello.md:16: body"]
    assert 'the id "main" is one the site\'s pages use' in built.problem_lines[0]
    assert 'the id "related-news" is one the site\'s pages use' in built.problem_lines[1]


def test_a_heading_given_a_footnotes_id_by_hand_is_refused_at_its_line(make_site):
    """`## Note {#fn:1}` beside a footnote: the page had id="fn:1" twice, and
    the footnote's link jumped to the heading (in a policy, `{#fnref:1}`
    stopped the minifesto's PDF, blaming the print template)."""
    post = MINIMAL_SITE["posts/hello.md"].replace("The first post's text.", textwrap.dedent("""\
        The first post's text, with a note.[^1]

        ## Note {#fn:1}

        [^1]: The note.
        """))
    built = make_site({"posts/hello.md": post})
    assert built.returncode == 1 and "Traceback" not in built.stderr
    assert built.problem_lines == [
        'content/posts/hello.md:12: body: the id "fn:1" is one the site\'s pages use (a page showing this text '
        "could have it twice, and its links, the skip link's too, land on the wrong one) — remove {#fn:1} "
        '(or id="fn:1") and let the heading\'s words make its id, or choose another']


def test_the_links_back_from_a_footnote_cited_three_times_are_three_words_apart(settings):
    """Markdown wrote them one against the next: "Back to the textBack to
    the textBack to the text", one run to a screen reader."""
    from plugins.frontmatter.safe_html import markdown_to_html

    html = BeautifulSoup(markdown_to_html("A[^1], b[^1] and c[^1].\n\n[^1]: The note.\n", settings), "lxml")
    note = html.select_one(".footnote li p")
    assert [link.get_text() for link in note.select("a.footnote-backref")] == [
        "Back to the text", "Back to the text (2)", "Back to the text (3)"]
    assert note.get_text().endswith("Back to the text Back to the text (2) Back to the text (3)")


HEADINGS_OF_ANY_WORDS = {
    "2022": "section-2022",
    "10 things to know": "section-10-things-to-know",
    "Ελλάδα": "ellada",
    "Привет мир": "privet-mir",
    "???": "section",
    "…": "section_1",  # a second "section": the toc extension's suffix
    "What the council's decision means for tenants in Bury St Edmunds and across the county of Suffolk":
        "what-the-councils-decision-means-for-tenants-in-bury-st-edmunds-and",
    ORDINARY: "why-it-matters",  # as every heading of words in Latin letters always had
}


def test_a_heading_of_any_words_gets_an_id_a_link_can_use(tmp_path):
    """From an audit: "## 2022", "## 10 things to know", a heading in Greek
    or Cyrillic, of marks alone, or of more than 80 characters' words got an
    id the allowlist refuses (starting with a digit, "_1", too long), and
    the post was refused for an id "not allowed" its writer never wrote."""
    body = "Intro.\n\n" + "\n\n".join(f"## {words}\n\nText." for words in HEADINGS_OF_ANY_WORDS) + "\n"
    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]).replace("The first post's text.\n", body)
    build = build_in(tmp_path, {"posts/hello.md": post})
    assert build.returncode == 0, build.stderr
    headings = build.html("news/hello/").select(".prose h2")
    shown = {words.replace("'", "\u2019"): made for words, made in HEADINGS_OF_ANY_WORDS.items()}  # curly
    assert {heading.get_text(strip=True): heading["id"] for heading in headings} == shown


def test_a_long_heading_the_allowlist_took_keeps_its_id(tmp_path):
    """An id of 73 to 81 characters was taken before: cut at 72, a link to
    it would land at the page's top (a review)."""
    words = "Why the government must act now on housing costs for every family in Britain"
    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]).replace("The first post's text.\n", f"## {words}\n\nText.\n")
    build = build_in(tmp_path, {"posts/hello.md": post})
    assert build.returncode == 0, build.stderr
    assert build.html("news/hello/").select_one(".prose h2")["id"] == (
        "why-the-government-must-act-now-on-housing-costs-for-every-family-in-britain")
