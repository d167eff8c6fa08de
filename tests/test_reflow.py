"""WCAG 2.2 1.4.10 Reflow: no page scrolls sideways at 320 CSS px, whatever
a volunteer writes. One throwaway site holds each thing that once did (a
summary with a long address, a long single-word title, a long tag, a
seven-column table, a long line of code); each page type that shows them is
visited once at 320 px. A wide table scrolls inside its own focusable,
labelled box (theme/templates/partials/content.html) and code wraps."""

from __future__ import annotations

import pytest
from browser import serve_folder

pytestmark = pytest.mark.browser

LONG_WORD = "Supercalifragilisticexpialidociousantidisestablishmentarianism"
LONG_TAG = "NHSPayNowBecauseNursesDeserveBetterAndWeWillFight"
FILES = {
    "posts/long-word.md": f"""\
        ---
        title: {LONG_WORD}
        date: 2022-01-04
        category: news
        summary: A title of one long word.
        tags: [councillors, {LONG_TAG}]
        ---
        Text.
        """,
    "posts/petition.md": """\
        ---
        title: Sign our petition
        date: 2022-01-05
        category: press-releases
        summary: Sign the petition at https://petition.parliament.uk/petitions/600123 today.
        tags: [petitions]
        policies: [housing]
        councillors: [jo-bloggs]
        ---
        The results.

        | Ward | Council | Votes cast | Turnout | Majority | Result | Change |
        |---|---|---|---|---|---|---|
        | St Olaves | Bury St Edmunds Town Council | 1234 | 34.5% | 123 | Elected | Gain from Labour |

        ```
        a fenced code block with a very long line that goes on and on and on and on and on and on and on
        ```
        """,
}
# Every page type that shows one of them: cards (home, news, a category, a
# policy's and a councillor's news), the posts themselves, the tag index.
PAGES = ["", "news/", "news/category/press-releases/", "news/petition/", "news/long-word/", "news/tag/",
         "policies/housing/", "councillors/jo-bloggs/"]
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
# The post's table and code: how each fits (scrolls in its own box, or wraps).
BOXES = """() => {
  const box = document.querySelector('.prose table').parentElement, code = document.querySelector('.prose pre');
  return {table_box: [box.className, box.getAttribute('role'), box.tabIndex, box.getAttribute('aria-label')],
          table_scrolls_in_its_box: box.scrollWidth > box.clientWidth,
          code_scrolls: code.scrollWidth > code.clientWidth};
}"""


def test_no_page_scrolls_sideways_at_320px(make_site, browser):
    built = make_site(FILES)
    assert built.returncode == 0, built.stderr
    page = browser.new_page(viewport={"width": 320, "height": 800})
    try:
        with serve_folder(built.output) as base:
            overflow = {}
            for path in PAGES:
                page.goto(f"{base}/{path}")
                overflow[path or "/"] = page.evaluate(OVERFLOW)
                if path == "news/petition/":
                    boxes = page.evaluate(BOXES)
    finally:
        page.close()
    assert {path: pixels for path, pixels in overflow.items() if pixels > 0} == {}, "scrolls sideways (px) at 320px"
    assert boxes == {"table_box": ["table-scroll", "region", 0, "Table, scrolls sideways"],
                     "table_scrolls_in_its_box": True, "code_scrolls": False}
