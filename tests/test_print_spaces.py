"""The print HTML's white space made as a browser shows it, before the PDF
sets its text `white-space: pre-wrap` so that each line keeps the space it
broke at (plugins/minifesto/print_spaces.py), as a table against the
function; and that space hanging at a line's end, so WeasyPrint breaks each
line where it would without pre-wrap (plugins/minifesto/hanging_spaces.py),
laid out by WeasyPrint at many widths. tests/test_minifesto.py reads the
words of the real PDFs."""

from __future__ import annotations

import re

import pytest
from conftest import REPO

from plugins.minifesto.hanging_spaces import let_line_end_spaces_hang
from plugins.minifesto.print_spaces import PRE_WRAPPED, spaces_kept_at_line_ends


def body(html: str) -> str:
    written = spaces_kept_at_line_ends(f"<!doctype html><html><head><title>t</title></head><body>{html}</body></html>")
    return re.search(r"<body>(.*)</body>", written, re.S)[1]


@pytest.mark.parametrize("html, shown", [
    # Runs of spaces and line breaks are one space; none at a block's ends.
    ("<p>\n  Build   council\n  homes.\n</p>", "<p>Build council homes.</p>"),
    # Across an inline element's edges, one space.
    ("<p>Hello <em> world </em> and <a href='#'>more </a></p>", '<p>Hello <em>world </em>and <a href="#">more</a></p>'),
    # A heading's parts keep the space between them, not the indent around them.
    ("<h2>\n  <span>1</span>\n  <span>Homes for everyone</span>\n</h2>",
     "<h2><span>1</span> <span>Homes for everyone</span></h2>"),
    # No space beside a block inside an item, or after a line break.
    ("<ul><li>\n  <p>One</p>\n  <ul><li>Two <b>x</b> </li></ul>\n</li><li>Line<br>\n  next</li></ul>",
     "<ul><li><p>One</p><ul><li>Two <b>x</b></li></ul></li><li>Line<br>next</li></ul>"),
    # A <pre> keeps its own.
    ("<pre>  keep\n   this </pre>", "<pre>  keep\n   this </pre>"),
])
def test_white_space_is_as_a_browser_shows_it(html, shown):
    assert body(html) == shown


def test_print_css_pre_wraps_only_elements_whose_white_space_is_made_as_shown():
    """An element pre-wrapped without its white space made as a browser
    shows it would print the source's line breaks and indents."""
    css = (REPO / "theme/static/css/print.css").read_text(encoding="utf-8")
    [selectors] = re.findall(r"^([^{}]+)\{ white-space: pre-wrap; \}", re.sub(r"/\*.*?\*/", "", css, flags=re.S),
                             re.M)
    elements = {selector.split()[-1].split(".")[0] for selector in selectors.split(",")}
    assert elements and elements <= PRE_WRAPPED, elements


def laid_out_lines(html: str, width_mm: int, white_space: str) -> list[str]:
    """The lines WeasyPrint lays a paragraph out in, each without the spaces at its ends."""
    import weasyprint
    from weasyprint.formatting_structure import boxes

    page = f"<style>p {{ width: {width_mm}mm; font: 10pt sans-serif; white-space: {white_space} }}</style><p>{html}</p>"

    def text(box) -> str:
        return box.text if isinstance(box, boxes.TextBox) else "".join(text(child) for child in box.children)

    def lines(box):
        if isinstance(box, boxes.LineBox):
            yield text(box).strip(" ")
        elif isinstance(box, boxes.ParentBox):
            for child in box.children:
                yield from lines(child)

    return list(lines(weasyprint.HTML(string=page).render().pages[0]._page_box))


@pytest.mark.parametrize("html", [
    "<strong>Breaking through for the many</strong>: the Breakthrough Party minifesto, March 2022 edition, "
    "published 1 March 2022.",
    "Breaking through for the <a href='#'>many</a>: the Breakthrough Party minifesto, March 2022 edition, "
    "published 1 March 2022.",
])
def test_a_pre_wrapped_line_breaks_where_it_would_without_pre_wrap(html):
    """WeasyPrint counted the space a pre-wrapped line ends with when the
    text that overflowed followed an element, and broke the line early,
    before or inside the element ("Breaking through for the / many: …"): at
    7 of these 61 widths for the first paragraph, 4 for the second. That
    space hangs now."""
    let_line_end_spaces_hang()
    early = [width for width in range(60, 181, 2)
             if laid_out_lines(html, width, "pre-wrap") != laid_out_lines(html, width, "normal")]
    assert early == []
