"""A numbered list that goes on from an earlier one ("3. Third step" in
Markdown, which sane_lists makes <ol start="3">), and
words marked as removed, added or crossed out (<del>, <ins>, <s>), in every
edition of the minifesto, read back as a reader's tools read them:
pdftotext for the PDFs, the EPUB's own XHTML, the text file as it is.

Python-Markdown without sane_lists renumbered such a list from 1 everywhere;
WeasyPrint ignores <ol start>, so the PDFs numbered it from 1 too
(pdf.py gives the print HTML a counter-reset instead); the text edition
has no strike-through or underline, so it printed removed and added words
alike, as if both were policy (plain_text.py says what each mark means)."""

from __future__ import annotations

import re
import zipfile

import pytest
from conftest import build_in, policy_markdown
from pdf_tools import pdftotext

from plugins.minifesto.pdf import lists_numbered_for_print

PDFS = ("minifesto.pdf", "minifesto-large-print.pdf")

LISTS_AND_EDITS = """\
Our plan goes on from the last policy's two steps:

3. Third step
4. Fourth step

A list of its own starts again:

1. First again
2. Second again

A year's count, as a list of its own:

20221. Twenty thousand two hundred and twenty-one

We will <del>cut</del> <ins>raise</ins> taxes on <s>old</s> empty homes.

## Taxes <del>cut</del> <ins>raised</ins>

<div><del><p>A paragraph taken out.</p><p>And another.</p></del></div>
"""

FILES = {"policies/01-housing.md": policy_markdown("Homes for everyone", 1).replace("Text.\n", LISTS_AND_EDITS)}


@pytest.fixture(scope="module")
def built(tmp_path_factory, factory_cache):
    """One throwaway site holding every case, built once."""
    site = build_in(tmp_path_factory.mktemp("lists-and-edits"), FILES, cache=factory_cache)
    assert site.returncode == 0, site.stderr
    return site


def words(text: str) -> str:
    return " ".join(text.split())


# --- A numbered list that goes on from an earlier one -----------------------

@pytest.mark.parametrize("name", PDFS)
def test_a_list_that_starts_at_three_is_numbered_from_three_in_the_pdf(built, name):
    text = words(pdftotext(built.output / name))
    assert "3. Third step 4. Fourth step" in text
    assert "1. Third step" not in text
    assert "1. First again 2. Second again" in text  # the next list is not carried on


def test_the_web_page_and_the_epub_keep_the_lists_start(built):
    """A browser and an e-book reader number by the start attribute: it must reach them."""
    lists = built.html("policies/housing/").main.select("ol[start]")
    assert [(ol["start"], [words(li.get_text()) for li in ol.select("li")]) for ol in lists] == [
        ("3", ["Third step", "Fourth step"]), ("20221", ["Twenty thousand two hundred and twenty-one"])]
    with zipfile.ZipFile(built.output / "minifesto.epub") as book:
        xhtml = "".join(book.read(name).decode("utf-8") for name in book.namelist() if name.endswith(".xhtml"))
    assert re.search(r'<ol start="3">\s*<li>Third step</li>', xhtml)
    assert "counter-reset" not in xhtml  # the print HTML's style stays in the print HTML


def test_the_text_edition_numbers_a_list_from_its_start(built):
    text = (built.output / "minifesto.txt").read_text(encoding="utf-8")
    assert "3. Third step\n4. Fourth step" in text
    assert "1. First again\n2. Second again" in text
    assert "20221. Twenty thousand two hundred and twenty-one" in text  # five digits: no longer refused


def test_text_nested_deeper_than_a_line_is_wide_is_kept_whole(make_site):
    """Each quote or list around a text took its marker's width from the
    text edition's 72-character line: text 36 quotes deep had none left,
    and the build ended in an exception with no file or line (a fuzzing
    audit). Such text now keeps lines of at least 20 characters beside its
    markers, and the site builds."""
    quoted = ">" * 40 + " Deep words here."
    listed = "\n".join(" " * 4 * depth + "- Level " + str(depth) for depth in range(40))
    policy = policy_markdown("Homes for everyone", 1).replace("Text.\n", f"Text.\n\n{quoted}\n\n{listed}\n")
    built = make_site({"policies/01-housing.md": policy})
    assert built.returncode == 0, built.stderr
    text = (built.output / "minifesto.txt").read_text(encoding="utf-8")
    assert "> " * 40 + "Deep words here." in text
    deepest = next(line for line in text.splitlines() if "Level 39" in line)
    assert deepest.lstrip().startswith("- Level 39")


@pytest.mark.parametrize("html, expected", [
    ('<ol start="3"><li>a</li></ol>', '<ol start="3" style="counter-reset: list-item 2"><li>a</li></ol>'),
    ('<ol start="0">', '<ol start="0" style="counter-reset: list-item -1">'),
    ('<ol start="0012">', '<ol start="0012" style="counter-reset: list-item 11">'),
    ('<ol start="20221">', '<ol start="20221" style="counter-reset: list-item 20220">'),
    ("<ol><li>a</li></ol>", "<ol><li>a</li></ol>"),
    # The same words as text, or in an attribute's value (as the sanitiser
    # writes them), are not a list.
    ('&lt;ol start="3"&gt;', '&lt;ol start="3"&gt;'),
    ('<a title="&lt;ol start=&quot;3&quot;&gt;">', '<a title="&lt;ol start=&quot;3&quot;&gt;">'),
])
def test_only_a_lists_own_start_becomes_its_counter(html, expected):
    assert lists_numbered_for_print(html) == expected


# --- Words removed, added or crossed out ------------------------------------

def test_the_text_edition_says_which_words_are_removed_added_or_crossed_out(built):
    text = words((built.output / "minifesto.txt").read_text(encoding="utf-8"))
    assert "We will [removed: cut] [added: raise] taxes on [crossed out: old] empty homes." in text
    assert "TAXES [removed: CUT] [added: RAISED]" in text  # a heading in capitals, its labels as written
    # Removed paragraphs stay paragraphs, with where the removal starts and ends said.
    paragraphs = [words(block) for block in
                  (built.output / "minifesto.txt").read_text(encoding="utf-8").split("\n\n")]
    start = paragraphs.index("[removed text starts]")
    assert paragraphs[start:start + 4] == [
        "[removed text starts]", "A paragraph taken out.", "And another.", "[removed text ends]"]


def test_a_list_start_too_high_is_explained_at_its_line(make_site):
    """Markdown makes '1234567890. …' a list from that number, which the
    allowlist refuses: the message said to remove an attribute no one wrote,
    at the text's first line."""
    policy = policy_markdown("Homes for everyone", 1).replace("Text.\n", "Text.\n\nMore text.\n\n1234567890. A line\n")
    build = make_site({"policies/01-housing.md": policy})
    assert build.returncode == 1
    [problem] = build.problem_lines
    assert problem.startswith("content/policies/01-housing.md:11: body: a numbered list starting at 1234567890")
    assert "put a backslash before the full stop (1234567890\\. …)" in problem
    fixed = make_site({"policies/01-housing.md": policy.replace("1234567890.", "1234567890\\.")})
    assert fixed.returncode == 0, fixed.stderr
