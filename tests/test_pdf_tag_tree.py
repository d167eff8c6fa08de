"""The minifesto PDFs' tag trees, as a screen reader reads them: poppler's
view of the tree (pdfinfo -struct-text), and pikepdf for the marks on each
page. The launch site's two PDFs are the same HTML at two page sizes (the
large print has more pages, and its policies run over page breaks), so
their trees must be the same (plugins/minifesto/pdf_tag_tree.py)."""

from __future__ import annotations

import re
import subprocess
import zipfile

import pikepdf
import pytest
from conftest import build_in, policy_markdown
from lxml import etree
from pdf_tools import pdftotext, tag_tree_against_pages

PDFS = ("minifesto.pdf", "minifesto-large-print.pdf")

# Poppler's lines for what is not structure: the words (quoted), an
# annotation ("Object 9 0") and an attribute ("/BBox [...]").
NOT_AN_ELEMENT = re.compile(r'"|Object \d|/')


def struct_text(path) -> list[tuple[int, str]]:
    """(depth, line) of each line of poppler's view of the tag tree."""
    out = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True).stdout
    return [((len(line) - len(line.lstrip(" "))) // 2, line.strip()) for line in out.splitlines() if line.strip()]


def skeleton(path) -> list[tuple[int, str]]:
    """The tree's elements that carry meaning (sections, headings,
    paragraphs, lists, links, figures), each with its depth among them:
    the spans and unnamed boxes, which follow the lines of text, left out."""
    kept, depths = [], []  # depths: poppler's depth of each kept ancestor
    for depth, line in struct_text(path):
        if NOT_AN_ELEMENT.match(line):
            continue
        name = line.split()[0].rstrip(":")
        while depths and depths[-1] >= depth:
            depths.pop()
        if name in ("Span", "NonStruct"):
            continue
        kept.append((len(depths), name))
        depths.append(depth)
    return kept


def words_in_tree(path) -> str:
    return " ".join(line.strip('"') for _, line in struct_text(path) if line.startswith('"'))


def pages_of_each_element(path) -> list[tuple[str, set[int]]]:
    """(tag, pages its content is on) of every element in the tree."""
    found = []
    with pikepdf.open(path) as document:
        pages = {page.objgen: number for number, page in enumerate(document.pages)}

        def visit(element) -> set[int]:
            kids = element.get("/K")
            kids = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
            on = set()
            for kid in kids:
                if isinstance(kid, int):
                    on.add(pages[element.Pg.objgen])
                elif kid.get("/Type") == "/MCR":
                    on.add(pages[kid.Pg.objgen])
                elif "/S" in kid:
                    on |= visit(kid)
            found.append((str(element.S), on))
            return on

        visit(document.Root.StructTreeRoot.K[0])
    return found


def test_the_tree_is_the_same_at_both_page_sizes(site):
    """Each section, paragraph, list and link is one element, wherever the
    page breaks fall. WeasyPrint alone made a policy that runs over a page
    break two sections (25 sections in the large print against 15)."""
    standard, large = (skeleton(site.output / name) for name in PDFS)
    assert [name for _, name in standard].count("Sect") >= 13  # covers, foreword, ten policies, the closing call
    assert large == standard


def test_a_section_over_a_page_break_is_one_section_on_both_pages(site):
    """The case the test above guards: in the large print, sections run on
    over a page, and each is one element whose content is on both."""
    spanning = [pages for tag, pages in pages_of_each_element(site.output / "minifesto-large-print.pdf")
                if tag == "/Sect" and len(pages) > 1]
    assert len(spanning) >= 3


@pytest.mark.parametrize("name", PDFS)
def test_page_numbers_and_dot_leaders_are_printed_but_not_read_out(site, name):
    """The margins' words (the running head, "Page 3 of 15") and the
    contents' dot leaders are artifacts: on paper, not in the tree."""
    path = site.output / name
    printed = pdftotext(path)
    assert re.search(r"Page 3 of \d+", printed) and re.search(r"Foreword ?\.{10,} ?\d+", printed)
    read = words_in_tree(path)
    assert "Page 3 of" not in read
    assert not re.search(r"\.\s*\.\s*\.", read), "a row of dots is read out"
    assert "Foreword" in read and "Tackle inequality" in read


@pytest.mark.parametrize("name", PDFS)
def test_every_mark_on_a_page_is_owned_by_the_tree_and_every_owner_finds_its_mark(site, name):
    """The parent tree (which a reader follows from the page to the tree)
    and the tree's own references to the pages agree, both ways, for every
    marked piece of every page; the margins are marked as pagination."""
    pages, pagination = tag_tree_against_pages(site.output / name)
    assert pagination >= pages - 3  # every page's number, but the covers'


def elements_under_policy(path, title: str) -> list[tuple[int, str]]:
    """The skeleton of the section whose heading holds `title`."""
    lines = struct_text(path)
    for index, (depth, line) in enumerate(lines):
        if line == "Sect" and depth == 1:
            section = [lines[index]]
            for later in lines[index + 1:]:
                if later[0] <= 1:
                    break
                section.append(later)
            if any(title in words for _, words in section):
                return [(d, line.split()[0]) for d, line in section if not NOT_AN_ELEMENT.match(line)]
    return []


# A paragraph, a list whose sub-lists are each longer than half a page (so
# page breaks fall inside them), a table of many rows, and a Welsh passage.
LONG_POLICY = "A paragraph long enough to run from one page onto the next. " * 60 + "\n\n" + "".join(
    f"- Point number {n} of a list too long for one page\n" + "".join(
        f"    - its sub-point {n}.{m}\n" for m in range(1, 26)) for n in range(1, 4)) + (
    "\n| Region | Households | Share | Note |\n|---|---:|---:|---|\n") + "".join(
    f"| Region {n} | {n * 1000:,} | {n}% | A longer note about region {n}, which runs over two lines or more |\n"
    for n in range(1, 46)) + (
    '\nWe will say <span lang="cy">Diolch yn fawr</span> to every volunteer.\n'
    # A link over many lines, a Welsh passage inside it: each line's piece
    # of the link brings its own annotation, between the passage's pieces.
    '\nRead [the plan, <span lang="cy">' + "geiriau Cymraeg sy'n rhedeg dros sawl llinell " * 12
    + "</span>](https://example.org/plan/) today.\n"
    # A loose item with words after its sub-list, the sub-list too long
    # for a page: WeasyPrint put the sub-list after the item.
    "\n1. A numbered point with words before its sub-list\n\n" + "".join(
        f"    - its sub-point 4.{m}\n" for m in range(1, 61))
    + "\n    And words after its sub-list, read after it.\n\n2. The numbered point after it\n")


@pytest.fixture(scope="module")
def long_policy(tmp_path_factory, factory_cache):
    built = build_in(tmp_path_factory.mktemp("long-policy"), {
        "policies/01-housing.md": policy_markdown("Homes for everyone", 1).replace("Text.\n", LONG_POLICY)},
        cache=factory_cache)
    assert built.returncode == 0, built.stderr
    return built


def elements_and_kids(document):
    """(element, its kids) for every element of an open PDF's tag tree."""
    waiting = [document.Root.StructTreeRoot.K[0]]
    while waiting:
        element = waiting.pop()
        kids = element.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        yield element, kids
        waiting.extend(kid for kid in kids if isinstance(kid, pikepdf.Dictionary) and "/S" in kid)


def empty_elements(path) -> list[str]:
    """The tag of each element of the tree that holds nothing."""
    with pikepdf.open(path) as document:
        return [str(element.S) for element, kids in elements_and_kids(document) if not kids]


@pytest.mark.parametrize("name", PDFS)
def test_a_paragraph_and_lists_too_long_for_a_page_are_one_each(long_policy, name):
    """The commonest case in a real minifesto: a long passage and long
    lists, which cannot be kept on one page, read as one paragraph, and
    each list as one list: the outer one of 3 points, each point's sub-list
    of 25, wherever the pages break. A sub-list over a page break was two,
    with an empty item between them: WeasyPrint puts a nested list after
    its item, whose piece on the next page held nothing."""
    path = long_policy.output / name
    names = [element for _, element in elements_under_policy(path, "Homes for everyone")]
    # The commitments' list and item, then the lists of LONG_POLICY.
    assert (names.count("L"), names.count("LI")) == (1 + 1 + 3 + 2, 1 + 3 + 3 * 25 + 2 + 60), names
    over_a_break = [tag for tag, pages in pages_of_each_element(path) if len(pages) > 1]
    assert {"/P", "/Sect"} <= set(over_a_break) and over_a_break.count("/L") >= 2, over_a_break  # a sub-list too
    assert empty_elements(path) == []
    tag_tree_against_pages(path)


@pytest.mark.parametrize("name", PDFS)
def test_a_long_table_keeps_each_row_on_a_page_and_each_word_whole(long_policy, name):
    """print.css: a row split over a page break printed its figures a page
    away from its region's name (two half-rows to a screen reader), and a
    word could break anywhere in a cell, so WeasyPrint narrowed the columns
    until "Households" printed as "Househol" / "ds". The table, over three
    pages, repeats its head on each (WeasyPrint), each a table of its own."""
    path = long_policy.output / name
    rows = [pages for tag, pages in pages_of_each_element(path) if tag == "/TR"]
    assert len(rows) >= 45 + 2 and all(len(pages) == 1 for pages in rows)
    words = pdftotext(path).split()
    pages_with_the_table = len(rows) - 45  # a head row a page
    assert words.count("Households") == words.count("Share") == pages_with_the_table
    # Each page's piece is a table of its own, with its head (one table
    # would have a head per page, which the format forbids).
    tables = [pages for tag, pages in pages_of_each_element(path) if tag == "/Table"]
    assert len(tables) == pages_with_the_table and all(len(pages) == 1 for pages in tables)
    assert "Househol" not in words


def kids_of_lists_and_items(path) -> tuple[list[str], list[str]]:
    """The tags of every list's kids, and of every list item's kids."""
    list_kids, item_kids = [], []
    with pikepdf.open(path) as document:
        for element, kids in elements_and_kids(document):
            structures = [kid for kid in kids if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]
            {"/L": list_kids, "/LI": item_kids}.get(str(element.S), []).extend(str(kid.S) for kid in structures)
    return list_kids, item_kids


@pytest.mark.parametrize("name", PDFS)
def test_an_items_words_after_its_sub_list_are_read_after_it(long_policy, name):
    """WeasyPrint puts a list nested in an item after the item, in the
    outer list, so "And words after its sub-list" was read before the
    sub-list's 60 points. Each item is now a label and a body (PDF 1.7,
    14.8.4.3.3), and the body holds the sub-list where it is printed, over
    the page break too."""
    path = long_policy.output / name
    words = words_in_tree(path)
    order = [words.index(text) for text in ("words before its sub-list", "sub-point 4.1", "sub-point 4.60",
                                            "And words after its sub-list", "The numbered point after it")]
    assert order == sorted(order), order
    list_kids, item_kids = kids_of_lists_and_items(path)
    assert set(list_kids) == {"/LI"}  # no list straight inside a list
    assert set(item_kids) == {"/Lbl", "/LBody"}
    items = [pages for tag, pages in pages_of_each_element(path) if tag == "/LI"]
    assert any(len(pages) > 1 for pages in items)  # the item with 60 sub-points, over a page break
    tag_tree_against_pages(path)


def languages_in_tree(path) -> list[tuple[str, str]]:
    """(tag, /Lang) of each element of the tree that names its language."""
    with pikepdf.open(path) as document:
        found = [(str(element.S), str(element.Lang))
                 for element, _ in elements_and_kids(document) if "/Lang" in element]
        return found, str(document.Root.Lang)


@pytest.mark.parametrize("name", PDFS)
def test_a_passage_marked_welsh_is_welsh_in_the_pdf(long_policy, name):
    """<span lang="cy"> in a policy: its element in the PDF's tree says so
    (its words inherit it), as the web page's does (WCAG 3.1.2); the rest
    is the document's language."""
    languages, document_language = languages_in_tree(long_policy.output / name)
    assert languages == [("/Span", "cy"), ("/Span", "cy")]  # the passage, and the one in a link over many lines
    assert document_language.lower() == "en-gb"  # tags are the same in any case (WeasyPrint writes it lower)


def test_a_passage_marked_welsh_is_welsh_in_the_e_book(long_policy):
    """The README promises the mark in the e-book too: the policy's XHTML
    keeps it."""
    with zipfile.ZipFile(long_policy.output / "minifesto.epub") as book:
        pages = [etree.fromstring(book.read(name)) for name in book.namelist() if name.endswith(".xhtml")]
    marked = [(element.get("lang"), "".join(element.itertext())) for page in pages
              for element in page.iter("{http://www.w3.org/1999/xhtml}span") if element.get("lang")]
    assert [language for language, _ in marked] == ["cy", "cy"]
    assert marked[0][1] == "Diolch yn fawr" and marked[1][1].startswith("geiriau Cymraeg")
