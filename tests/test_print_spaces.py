"""The print HTML's white space made as a browser shows it, before the PDF
sets its text `white-space: pre-wrap` so that each line keeps the space it
broke at (plugins/minifesto/print_spaces.py), as a table against the
function; tests/test_minifesto.py reads the words of the real PDFs."""

from __future__ import annotations

import re

import pytest
from conftest import REPO

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
