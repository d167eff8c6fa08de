"""The minifesto's print editions (the PDFs, the plain text and
policies.json) read back with real tools: pictures inside the page, the
"Sample content" marks in every edition, text lines that never split an
address or a hyphenated word, large print large throughout, one link
annotation per link, a policy's headings nested under its title, and each
policy's commitments one list in the PDF's tags."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup
from conftest import MINIMAL_SITE, build_in, policy_markdown, sample_jpeg
from pdf_tools import figure_boxes, outline_titles, pdftotext, tag_tree_against_pages, text_lines
from pypdf import PdfReader

from plugins.contenthtml.nested_headings import headings_under
from plugins.minifesto.plain_text import wrap_words

PDFS = ("minifesto.pdf", "minifesto-large-print.pdf")
LONG_ADDRESS = "https://breakthroughparty.org.uk/policies/housing/costings/and-a-very-long-path/for-wrapping/"
# Hyphenated words enough to reach the end of a line whatever the wrapping.
HYPHENATED = " ".join(["fire-and-rehire", "zero-hours", "co-operative", "well-known"] * 6)

HOUSING = f"""\
---
title: Homes for everyone
number: 1
summary: Everyone deserves a safe, secure and affordable home, with no fire-and-rehire landlords.
sample: members will replace this wording.
commitments:
  - Build council homes.
  - Publish what it costs at {LONG_ADDRESS} every year.
---
Why this matters: read {LONG_ADDRESS} for more.

{HYPHENATED}.

## How we will pay for it

![A chart of council homes built]({{static}}/images/chart.jpg)

### Where the money comes from

See [our costings]({LONG_ADDRESS}), read [**the plan**](https://example.org/plan/) or write to
[press@example.org](mailto:press@example.org).

![A tall poster]({{static}}/images/poster.jpg)
"""

# A column aligned right in Markdown: a short and a long value, so their
# left ends differ only if the column is aligned right.
ALIGNED_TABLE = "| Year | Waiting |\n|:-----|--------:|\n| 2023 | ZQ |\n| 2024 | ZQZQZQZQZQZQ |\n"

# Into MINIMAL_SITE's minifesto.md, whose lines are indented (write_content dedents them).
FOREWORD = "        sample: the leader will write this.\n        ---\n        The foreword.\n\n" \
           "        ![A picture of the leader]({static}/images/chart.jpg)\n"

FILES = {
    "policies/01-housing.md": HOUSING,
    "policies/02-nhs.md": policy_markdown("Save our NHS", 2).replace("Text.\n", ALIGNED_TABLE),
    "images/chart.jpg": sample_jpeg(800, 1000),  # 600 × 750 pt at WeasyPrint's 96 pixels an inch
    "images/poster.jpg": sample_jpeg(400, 2000),  # taller than a page
    "minifesto.md": MINIMAL_SITE["minifesto.md"].replace("        ---\n        The foreword.\n", FOREWORD),
}


@pytest.fixture(scope="module")
def editions(tmp_path_factory, factory_cache):
    """One throwaway site holding every case below, built once."""
    built = build_in(tmp_path_factory.mktemp("print-editions"), FILES, cache=factory_cache)
    assert built.returncode == 0, built.stderr
    return built


# --- Pictures ---------------------------------------------------------------

def page_margins_pt(kind: str, settings) -> tuple[float, float, float, float]:
    """The @page margins (top, right, bottom, left, in points) the edition's
    stylesheets give its pages of text, the last rule winning."""
    margins = None
    for name in settings["MINIFESTO_STYLESHEETS"][kind]:
        css = Path(settings["THEME"], "static", name).read_text(encoding="utf-8")
        for found in re.finditer(r"@page\s*{[^@}]*?\bmargin:\s*([^;]+);", css):
            given = found.group(1).split()
            # CSS's shorthand: top, right (= top), bottom (= top), left (= right).
            top = given[0]
            right = given[1] if len(given) > 1 else top
            bottom = given[2] if len(given) > 2 else top
            left = given[3] if len(given) > 3 else right
            margins = tuple(float(side.removesuffix("mm")) * 72 / 25.4 for side in (top, right, bottom, left))
    assert margins, f"no @page margin in the {kind} stylesheets"
    return margins


def drawn_images(path: Path) -> list[tuple[int, tuple[float, float, float, float]]]:
    """(page from 1, (left, bottom, right, top) in points) of every image
    drawn on the pages: where its unit square lands under the current
    transformation when it is painted (the `Do` operator)."""
    reader = PdfReader(path)
    found = []
    for number, page in enumerate(reader.pages, start=1):
        images = {name for name, xobject in (page["/Resources"].get("/XObject") or {}).items()
                  if xobject.get_object().get("/Subtype") == "/Image"}

        def before(operator, operands, cm, tm, number=number, images=images):
            if operator == b"Do" and operands[0] in images:
                a, b, c, d, e, f = cm
                xs, ys = (e, e + a, e + c, e + a + c), (f, f + b, f + d, f + b + d)
                found.append((number, (min(xs), min(ys), max(xs), max(ys))))

        page.extract_text(visitor_operand_before=before)
    return found


@pytest.mark.parametrize("name, kind", [("minifesto.pdf", "standard"), ("minifesto-large-print.pdf", "large-print")])
def test_pictures_fit_inside_the_pages_text_area(editions, settings, name, kind):
    """An 800 × 1000 pixel picture (in the foreword and in a policy) and a
    400 × 2000 one are drawn inside the page's margins, clear of the running
    head and the page number, at their own proportions."""
    path = editions.output / name
    top, right, bottom, left = page_margins_pt(kind, settings)
    width, height = (float(side) for side in PdfReader(path).pages[0].mediabox[2:])
    images = drawn_images(path)
    assert len(images) == 3, images
    for page, (x0, y0, x1, y1) in images:
        assert left - 0.5 <= x0 and x1 <= width - right + 0.5, (page, x0, x1)
        assert bottom - 0.5 <= y0 and y1 <= height - top + 0.5, (page, y0, y1)
    ratios = sorted(round((y1 - y0) / (x1 - x0), 2) for _, (x0, y0, x1, y1) in images)
    assert ratios == [1.25, 1.25, 5.0]


@pytest.mark.parametrize("name", PDFS)
def test_each_pictures_figure_is_where_the_picture_is_drawn(editions, name):
    """A Figure's bounding box (the tags' word for where the picture is, for
    a magnifier or a reader that reflows the page) is the rectangle the
    picture is drawn in: in points from the page's bottom left corner, not
    in CSS pixels from its top left, as WeasyPrint wrote it."""
    path = editions.output / name
    drawn = sorted((page, tuple(round(value, 1) for value in box)) for page, box in drawn_images(path))
    pictures = sorted((page, tuple(round(value, 1) for value in box))
                      for alt, page, box in figure_boxes(path) if not alt.endswith(" logo"))
    assert len(drawn) == 3 and pictures == drawn


# --- Sample content marks ---------------------------------------------------

def paragraphs(text: str) -> list[str]:
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]


def test_the_text_edition_marks_sample_content_before_its_words(editions):
    parts = paragraphs((editions.output / "minifesto.txt").read_text(encoding="utf-8"))
    cover = parts[:parts.index("=" * 72)]
    assert cover[-1] == "Sample content: this edition holds sample wording, marked where it appears."
    foreword = parts.index("FOREWORD")
    assert parts[foreword + 1:foreword + 3] == ["Sample content: the leader will write this.", "The foreword."]
    housing = parts.index("POLICY 1: HOMES FOR EVERYONE")
    assert parts[housing + 1].startswith("Sample content: members will replace this wording.")
    assert parts[housing + 2].startswith("Everyone deserves")
    nhs = parts.index("POLICY 2: SAVE OUR NHS")
    assert parts[nhs + 1] == "A one-sentence summary."  # not marked, no note


def test_policies_json_marks_sample_policies(editions):
    data = json.loads((editions.output / "policies.json").read_text(encoding="utf-8"))
    housing, nhs = data["policies"]
    assert housing["sample"] == "members will replace this wording."
    assert nhs["sample"] is None
    assert list(housing).index("sample") < list(housing).index("title")  # read first, as everywhere


# --- The text edition's lines -----------------------------------------------

def test_the_text_edition_never_splits_an_address_or_a_hyphenated_word(editions):
    text = (editions.output / "minifesto.txt").read_text(encoding="utf-8")
    assert text.count(LONG_ADDRESS) == 3  # in the text, after its link and in the commitment, each whole
    assert re.search(r"-\n", text) is None, "a line ends in a hyphen"
    assert HYPHENATED in " ".join(text.split())
    for line in text.splitlines():
        # Only a word longer than the line (an address) may make it longer.
        assert len(line) <= 72 or " " not in line.strip(), line
    assert "[Image: A chart of council homes built]" in text and "[Image: A picture of the leader]" in text
    assert text.endswith("1AA.\n")


def test_wrap_words_breaks_lines_only_at_spaces():
    assert wrap_words("a " * 3 + LONG_ADDRESS + " b", width=20) == f"a a a\n{LONG_ADDRESS}\nb"
    assert wrap_words("1.2 " + "fire-and-rehire " * 3, width=20, hanging_indent=4) == \
        "1.2 fire-and-rehire\n    fire-and-rehire\n    fire-and-rehire"


# --- Large print ------------------------------------------------------------

def text_sizes(path: Path) -> list[tuple[float, int, str]]:
    """(size in points as drawn, page from 1, text) of every run of text."""
    reader = PdfReader(path)
    sizes = []
    for number, page in enumerate(reader.pages, start=1):
        def visit(text, cm, tm, font, size, number=number):
            if text.strip():
                a, b = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
                c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
                sizes.append((round(size * abs(a * d - b * c) ** 0.5, 1), number, text.strip()))

        page.extract_text(visitor_text=visit)
    return sizes


@pytest.mark.parametrize("which", ["content/", "throwaway site"])
def test_large_print_is_17pt_or_larger_throughout(request, which):
    """The README's 17 pt: the sample notes, the cover's note, the running
    heads, "Page 2 of 19", the colophon and the imprint too."""
    built = request.getfixturevalue("site" if which == "content/" else "editions")
    sizes = text_sizes(built.output / "minifesto-large-print.pdf")
    assert len(sizes) > 100
    assert [run for run in sizes if run[0] < 17] == []


# --- Links ------------------------------------------------------------------

@dataclass
class Annotation:
    page: int
    target: str  # the address, or the name of the place in the PDF
    internal: bool
    contents: str
    area: float
    tag: str  # the structure element it belongs to
    rect: tuple = field(repr=False, default=())


def link_annotations(path: Path) -> list[Annotation]:
    found = []
    with pikepdf.open(path) as document:
        parents = {}

        def read_numbers(node) -> None:
            numbers = node.get("/Nums", [])
            for index in range(0, len(numbers), 2):
                parents[int(numbers[index])] = numbers[index + 1]
            for kid in node.get("/Kids", []):
                read_numbers(kid)

        read_numbers(document.Root.StructTreeRoot.ParentTree)
        for number, page in enumerate(document.pages, start=1):
            for annotation in page.obj.get("/Annots", []):
                x0, y0, x1, y1 = (float(value) for value in annotation.Rect)
                internal = "/Dest" in annotation
                target = str(annotation.Dest if internal else annotation.A.URI)
                element = parents.get(int(annotation.get("/StructParent", -1)))
                found.append(Annotation(number, target, internal, str(annotation.get("/Contents", "")),
                                        abs((x1 - x0) * (y1 - y0)), str(element.S) if element is not None else ""))
    return found


def links_within_links(path: Path) -> int:
    """How many Link elements of the PDF's tags are inside another Link."""
    with pikepdf.open(path) as document:
        def count(node, in_link: bool) -> int:
            if isinstance(node, pikepdf.Array):
                return sum(count(kid, in_link) for kid in node)
            if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
                return 0
            link = node.S == "/Link"
            return int(link and in_link) + (count(node.K, in_link or link) if "/K" in node else 0)

        return count(document.Root.StructTreeRoot.K, False)


@pytest.mark.parametrize("name", PDFS)
def test_each_link_is_one_annotation_described_by_its_words(editions, name):
    """No unseen links: every annotation has an area and is a Link in the
    tags; no link has a second annotation (a <wbr> in the "How to cite"
    addresses, an email link's <wbr>, the <strong> in a link's words, the
    contents' leader and page number); a link within the PDF is described
    by its words, not by the id it points to."""
    annotations = link_annotations(editions.output / name)
    assert [a for a in annotations if a.area == 0 or a.tag != "/Link"] == []
    assert links_within_links(editions.output / name) == 0
    by_page = [(a.page, a.target) for a in annotations]
    assert sorted(set(by_page)) == sorted(by_page), "a link with more than one annotation on a page"
    for target in ("https://example.org/plan/", "mailto:press@example.org", LONG_ADDRESS,
                   "https://breakthroughparty.org.uk/minifesto/2022-03/#policy-1-1"):
        assert target in {a.target for a in annotations}, target
    contents = [a.contents for a in annotations if a.page == 2 and a.internal]
    assert contents == ["Foreword", "1. Homes for everyone", "2. Save our NHS", "Join us"]
    # A commitment's number links its address to cite on the web (a link to
    # itself, where it is, would do nothing), and says so.
    edition = "https://breakthroughparty.org.uk/minifesto/2022-03/"
    commitments = {a.target: a.contents for a in annotations if a.target.startswith(f"{edition}#policy-1-")
                   and a.page > 2}
    assert commitments == {f"{edition}#policy-1-1": "Commitment 1.1 on the web",
                           f"{edition}#policy-1-2": "Commitment 1.2 on the web"}
    assert not [a for a in annotations if a.internal and re.fullmatch(r"policy-\d+-\d+", a.target)]
    # An email link says what it does, not "mailto colon".
    assert {a.contents for a in annotations if a.target == "mailto:press@example.org"} == {"Email press@example.org"}


def link_to(target: str, words: str, label: str | None = None) -> str:
    return f'<a href="{target}"' + (f' aria-label="{label}"' if label else "") + f">{words}</a>"


@pytest.mark.parametrize("target, words, label, described", [
    ("#policy-2", "2. Homes for everyone", None, "2. Homes for everyone"),  # a link within the PDF
    ("mailto:press@example.org", "press@example.org", None, "Email press@example.org"),
    # Words that say what the link does already are not said twice ("Email Email us").
    ("mailto:join@example.org", "Email us", None, "Email us"),
    ("MAILTO:join@example.org", "email the office", None, "email the office"),
    ("mailto:a@b.org", "Email: a@b.org", None, "Email: a@b.org"),
    ("tel:+442079460123", "020 7946 0123", None, "Call 020 7946 0123"),
    ("tel:+442079460123", "Call us", None, "Call us"),
    # An address that starts with the action's word is not the action said.
    ("mailto:email@example.org", "email@<wbr/>example.org", "email@example.org", "Email email@example.org"),
    *((f"mailto:{name}@example.org", f"{name}@example.org", None, f"Email {name}@example.org")
      for name in ("emails", "email-team", "email+news")),
    ("tel:+447700900123", "Callum: 07700 900123", None, "Call Callum: 07700 900123"),
    # Other links out keep the address WeasyPrint gives them; a template's label wins.
    ("https://example.org/plan/", "the plan", None, ""),
    ("https://x.org/#policy-2-3", "2.3", "Commitment 2.3 on the web", "Commitment 2.3 on the web"),
])
def test_each_kind_of_link_is_described_as_a_screen_reader_should_hear_it(target, words, label, described):
    from xml.etree import ElementTree

    from plugins.minifesto.pdf_links import description_of_link

    kind = "internal" if target.startswith("#") else "external"  # WeasyPrint's target: the id, or the address
    element = ElementTree.fromstring(link_to(target, words, label))
    assert description_of_link(kind, target.removeprefix("#"), element) == described


# A web address with no place to break: the site's own and the join page's.
UNBROKEN = "https://" + "averyveryverylongaddresswithnowheretobreak" * 3 + ".example"


@pytest.fixture(scope="module")
def unbroken_addresses(tmp_path_factory, factory_cache):
    built = build_in(tmp_path_factory.mktemp("unbroken"), settings={
        "SITE_CANONICAL_URL": repr(UNBROKEN), "JOIN_URL": repr(f"{UNBROKEN}/join/")}, cache=factory_cache)
    assert built.returncode == 0, built.stderr
    return built


@pytest.mark.parametrize("name, kind", [("minifesto.pdf", "standard"), ("minifesto-large-print.pdf", "large-print")])
def test_an_address_longer_than_the_line_breaks_inside_its_one_link(unbroken_addresses, settings, name, kind):
    """The colophon's and the closing call's addresses, each one box (one
    link, print.css), break inside that box when they are longer than the
    line, as any word does: no letter is printed past the right margin."""
    path = unbroken_addresses.output / name
    _, right, _, left = page_margins_pt(kind, settings)
    pages = text_lines(path)
    width = pages[0][0]["page_width"]
    # The cover has no margins of its own (print.css: @page cover).
    inside = [(0, width)] + [(left, width - right)] * (len(pages) - 1)
    broken = [(line, inside[number]) for number, page in enumerate(pages) for line in page
              if "averyvery" in line["text"]]
    assert len(broken) > 6, "the addresses were not printed over several lines"
    assert [line["text"] for line, (start, end) in broken
            if not start - 0.5 <= line["x_min"] <= line["x_max"] <= end + 0.5] == []
    for target in (f"{UNBROKEN}/minifesto/", f"{UNBROKEN}/join/"):
        pages_linking = [annotation.page for annotation in link_annotations(path) if annotation.target == target]
        assert pages_linking and len(set(pages_linking)) == len(pages_linking), (target, pages_linking)


def test_the_contents_still_give_each_entrys_page(editions):
    contents = [" ".join(line.split()) for line in pdftotext(editions.output / "minifesto.pdf").split("\f")[1]
                .splitlines() if line.strip()]
    for entry in ("Foreword", "1. Homes for everyone", "2. Save our NHS", "Join us"):
        assert any(re.fullmatch(rf"{re.escape(entry)} ?\.+ ?\d+", line) for line in contents), (entry, contents)


# --- Headings ---------------------------------------------------------------

def headings(soup: BeautifulSoup, container) -> list[tuple[str, str]]:
    return [(heading.name, " ".join(heading.get_text().split()))
            for heading in container.find_all(re.compile(r"^h[1-6]$"))]


def struct_elements(path: Path, tags: str) -> list[tuple[str, list[str]]]:
    """(tag, the texts inside it) of each element of the PDF's tags whose
    tag matches the pattern `tags` (pdfinfo -struct-text lists the tree
    indented, each text in quotes)."""
    lines = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()
    found = []
    for index, line in enumerate(lines):
        start = re.fullmatch(rf"(\s*)({tags}) \(block\)", line)
        if start:
            inside = []
            for later in lines[index + 1:]:
                if len(later) - len(later.lstrip()) <= len(start.group(1)):
                    break
                inside += re.findall(r'^\s*"(.*)"$', later)
            found.append((start.group(2), inside))
    return found


def struct_headings(path: Path) -> list[tuple[str, str]]:
    """(tag, words) of every heading in the PDF's tags."""
    return [(tag, " ".join("".join(inside).split())) for tag, inside in struct_elements(path, "H[1-6]")]


TEXT_HEADINGS = ("How we will pay for it", "Where the money comes from")


def test_a_policys_own_headings_nest_under_its_title_everywhere(editions):
    """"##" in a policy is one level below the policy's title: h3 where the
    title is an h2 (the web minifesto, the PDF), h2 under the h1 on the
    policy's own page and in the EPUB, as before."""
    minifesto = editions.html("minifesto/")
    in_minifesto = headings(minifesto, minifesto.select_one("#policy-1"))
    assert in_minifesto[0][0] == "h2" and ("h3", TEXT_HEADINGS[0]) in in_minifesto
    assert ("h4", TEXT_HEADINGS[1]) in in_minifesto
    own = editions.html("policies/housing/")
    in_own_page = headings(own, own.select_one("#policy-1"))
    assert in_own_page[0][0] == "h1" and [("h2", TEXT_HEADINGS[0]), ("h3", TEXT_HEADINGS[1])] == \
        [heading for heading in in_own_page if heading[1] in TEXT_HEADINGS]
    with zipfile.ZipFile(editions.output / "minifesto.epub") as book:
        chapter = BeautifulSoup(book.read("EPUB/policy-1.xhtml"), "lxml-xml")
    in_book = headings(chapter, chapter)
    assert in_book[0][0] == "h1" and [("h2", TEXT_HEADINGS[0]), ("h3", TEXT_HEADINGS[1])] == \
        [heading for heading in in_book if heading[1] in TEXT_HEADINGS]
    for name in PDFS:
        tagged = struct_headings(editions.output / name)
        housing = tagged.index(("H2", "1.Homes for everyone"))  # its number, a hidden ".", its name
        assert tagged[housing:housing + 5] == [("H2", "1.Homes for everyone"), ("H3", "We will"),
                                               ("H3", TEXT_HEADINGS[0]), ("H4", TEXT_HEADINGS[1]),
                                               ("H2", "2.Save our NHS")]
        assert outline_titles(editions.output / name) == ["Press office", "Foreword", "1. Homes for everyone",
                                                         "2. Save our NHS", "Join us"]


def test_headings_under_moves_only_headings():
    html = '<h2 id="a">A</h2><p><img alt="&lt;h2&gt; <h2 x" src="/x.jpg"></p><h5>B</h5><h6>C</h6>'
    assert headings_under(html, 1) == html
    assert headings_under(html, 2) == ('<h3 id="a">A</h3><p><img alt="&lt;h2&gt; <h2 x" src="/x.jpg"></p>'
                                       "<h6>B</h6><h6>C</h6>")


# --- Tags: a policy's commitments are one list ------------------------------

def struct_lists(path: Path) -> list[list[str]]:
    """The commitment numbers ("2.3") in each list (L) of the PDF's tags."""
    return [[text for text in inside if re.fullmatch(r"\d+\.\d+", text)] for _, inside in struct_elements(path, "L")]


@pytest.mark.parametrize("name", PDFS)
def test_each_policys_commitments_are_one_list_in_the_tags(site, name):
    """Each policy's commitments are one list in the tags: WeasyPrint tags a
    PDF page by page, and a list broken over two pages was two lists to a
    screen reader (print.css keeps them on a page where they fit;
    plugins/minifesto/pdf_tag_tree.py joins one that breaks)."""
    policies = {}
    for numbers in struct_lists(site.output / name):
        for policy in {number.split(".")[0] for number in numbers}:
            policies.setdefault(policy, []).append(numbers)
    assert len(policies) == 10
    assert {policy: lists for policy, lists in policies.items() if len(lists) != 1} == {}


# The PDF cache key's code: tests/test_cache_keys.py follows the renderer's imports.


# --- Tables -----------------------------------------------------------------

def left_edges(path: Path, words: set[str]) -> dict[str, float]:
    """The x (points from the page's left) at which each of `words` is drawn."""
    found: dict[str, float] = {}
    for page in PdfReader(path).pages:
        def visit(text, cm, tm, font, size):
            if text.strip() in words:
                found[text.strip()] = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]

        page.extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("name", PDFS)
def test_a_column_aligned_right_in_markdown_is_aligned_right_in_the_pdfs(editions, name):
    """The allowlist turns Markdown's alignment into a class (no style
    attributes): the print stylesheet must align it as the screen's does."""
    edges = left_edges(editions.output / name, {"ZQ", "ZQZQZQZQZQZQ"})
    assert edges["ZQ"] > edges["ZQZQZQZQZQZQ"] + 20, edges


def test_a_column_aligned_right_in_markdown_is_aligned_right_in_the_book(editions):
    with zipfile.ZipFile(editions.output / "minifesto.epub") as book:
        style = book.read("EPUB/style.css").decode()
        cells = [cell for name in book.namelist() if name.endswith(".xhtml")
                 for cell in BeautifulSoup(book.read(name), "xml").find_all("td", class_="align-right")]
    assert "td.align-right { text-align: right; }" in style
    assert [cell.get_text() for cell in cells] == ["ZQ", "ZQZQZQZQZQZQ"]


# --- Ids of texts sharing a page --------------------------------------------

def policy_with_a_subheading_and_a_footnote(title: str, number: int) -> str:
    return policy_markdown(title, number).replace(
        "Text.\n", "See [why](#why-it-matters).\n\n## Why it matters\n\nBecause it does.[^1]\n\n[^1]: A source.\n")


# Headings in the closing call named as ids the pages already have.
CLOSING_CALL_WITH_HEADINGS = ("closing_call: |\n          ## Join\n\n          Join today.\n\n"
                              "          ## Foreword\n\n          ## Main\n\n          More.")


def test_two_policies_with_the_same_subheading_and_footnotes_share_the_minifesto(tmp_path, factory_cache):
    """Markdown gives both "## Why it matters" the id why-it-matters, and both
    footnotes fn:1: on the pages of every policy each policy's ids carry its
    own anchor, so there is no id twice and each link stays in its policy
    (WeasyPrint refused to render the PDFs at all: "Anchor defined twice").
    The closing call's headings (## Join, ## Foreword, ## Main: ids the pages
    have) carry one too."""
    built = build_in(tmp_path, {
        "policies/01-housing.md": policy_with_a_subheading_and_a_footnote("Homes for everyone", 1),
        "policies/02-nhs.md": policy_with_a_subheading_and_a_footnote("Save our NHS", 2),
        "minifesto.md": MINIMAL_SITE["minifesto.md"].replace("closing_call: Become a member today.",
                                                             CLOSING_CALL_WITH_HEADINGS),
    }, cache=factory_cache)
    assert built.returncode == 0, built.stderr
    for page in ("minifesto/", "minifesto/2022-03/"):
        soup = built.html(page)
        ids = [element["id"] for element in soup.find_all(id=True)]
        assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
        for number in (1, 2):
            text = soup.find(id=f"policy-{number}").find(class_="prose")
            targets = [link["href"][1:] for link in text.find_all("a", href=re.compile("^#"))]
            assert targets and all(text.find(id=target) is not None for target in targets), targets
    own = built.html("policies/housing/")
    assert own.find(id="why-it-matters") is not None and own.find("a", href="#why-it-matters") is not None
    for name in PDFS:
        assert (built.output / name).stat().st_size > 0


EVERY_KIND_OF_BLOCK = """\
Term
: A definition list.

The NHS is loved.

*[NHS]: National Health Service

> A quote from a report.

1. First step
    - nested under a number
        - a third level
2. Second step

- A point
    - nested under a point

```
code   kept as written, in a line far longer than the text column of a page, and on past seventy-two characters to its end
```

***

| Year | Homes |
|-----:|:-----:|
| 2023 | 1,000 |
"""


def test_every_kind_of_markdown_block_prints(tmp_path, factory_cache):
    """A list in a list is marked ◦ and a third level ▪ by browsers' own
    styles, which the print fonts lack: WeasyPrint refused to render a
    policy with a nested list. Each block Markdown makes must print, and
    the mended tag tree (plugins/minifesto/pdf_tag_tree.py) must still own
    every mark on the pages: tables, nested lists, footnotes and all."""
    built = build_in(tmp_path, {"policies/01-housing.md": policy_markdown("Homes for everyone", 1).replace(
        "Text.\n", EVERY_KIND_OF_BLOCK)}, cache=factory_cache)
    assert built.returncode == 0, built.stderr
    for name in PDFS:
        text = " ".join(pdftotext(built.output / name).split())
        for words in ("A definition list.", "nested under a number", "a third level", "nested under a point",
                      "code kept as written", "seventy-two characters to its end", "A quote from a report."):
            assert words in text, (name, words)
        tag_tree_against_pages(built.output / name)


TEXT_EDITION_CASES = """\
A line that ends in two spaces  
goes on after a break, and this
soft break joins its line.

Table: costs

| Item | Cost |
|------|-----:|
| Homes | 1,000 |

<ol start="3"><li>Third step</li><li>Fourth step</li></ol>

She said <q>enough</q>, with x<sup>2</sup> and a note.[^1] See <https://example.org/a>.

[^1]: A source.
"""


def test_the_text_edition_keeps_what_the_page_shows(tmp_path, factory_cache):
    """Tables are rows with their cells apart, a numbered list goes on from
    its start, a line break stays, a quotation keeps its marks and a
    footnote its number; an address written as itself is given once, and
    a footnote's link back (a web page's) is left out."""
    built = build_in(tmp_path, {"policies/01-housing.md": policy_markdown("Homes for everyone", 1).replace(
        "Text.\n", TEXT_EDITION_CASES)}, cache=factory_cache)
    assert built.returncode == 0, built.stderr
    text = (built.output / "minifesto.txt").read_text(encoding="utf-8")
    for expected in ("A line that ends in two spaces\ngoes on after a break, and this soft break joins its line.",
                     "Item | Cost\nHomes | 1,000", "3. Third step\n4. Fourth step",
                     "She said “enough”, with x^2 and a note.[1] See https://example.org/a.", "1. A source."):
        assert expected in text, expected
    assert "Back to the text" not in text and "(https://example.org/a)" not in text
