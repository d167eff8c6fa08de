"""WCAG 2.2 1.4.10 Reflow: no page scrolls sideways at 320 CSS px, whatever
a volunteer writes. One throwaway site holds each thing that once did (a
summary with a long address, a long single-word title, a long tag, a
seven-column table, a long line of code); each page type that shows them is
visited once at 320 px. A wide table scrolls inside its own box, named after
the table, which is a tab stop only while the table does not fit
(theme/templates/partials/content.html, theme/static/js/table-scroll.js),
and code wraps. A column aligned in Markdown stays aligned under the site's
Content Security Policy. With the text spacing WCAG 1.4.12 lets a reader set,
every page type of the real site still fits 320 px, its headings' words whole."""

from __future__ import annotations

import pytest
from browser import RECORD_VIOLATIONS, csp_problems, serve_folder
from conftest import build_in
from reader_visits import axe_violations

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
    # Three tables: one that fits at 320 px, one that fits only at 1280 px,
    # and one wider than a desktop, named by its caption.
    "posts/results.md": f"""\
        ---
        title: The results
        date: 2022-01-06
        category: news
        summary: How we did.
        ---
        ## Turnout

        | Ward | Turnout |
        |:---|---:|
        | St Olaves | 34.5% |

        ## Results by ward

        | Ward | Council | Votes | Result |
        |---|---|--:|---|
        | St Olaves | Bury St Edmunds Town Council | 1234 | Gain from Labour |

        <table><caption>Every count</caption>
        <tr>{"<th>Gain from Labour</th>" * 14}</tr>
        </table>
        """,
    # A table too wide for a phone even wrapped: its rows stay on one line there.
    "posts/meetings.md": """\
        ---
        title: Branch meetings
        date: 2022-01-08
        category: news
        summary: When and where the branches meet.
        ---
        | Date | Meeting | Place | Starts |
        |---|---|---|---|
        | 7 January 2022 | Branch meeting | Leeds Civic Hall | 19:00 |
        """,
    # A table of sentences, as a policy's costings or a campaign's timetable.
    "posts/plan.md": """\
        ---
        title: The plan
        date: 2022-01-07
        category: news
        summary: What we will do, and when.
        ---
        | When | What we will do | Who leads it | How you can help |
        |---|---|---|---|
        | January | Set up a branch in every region, with a meeting each month | The National Committee | Come to your region's first meeting and bring a friend |
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
  return {table_box: [box.classList.contains('table-scroll') && 'table-scroll', box.getAttribute('role'), box.tabIndex, box.getAttribute('aria-label')],
          table_scrolls_in_its_box: box.scrollWidth > box.clientWidth,
          code_scrolls: code.scrollWidth > code.clientWidth};
}"""


@pytest.fixture(scope="module")
def built(tmp_path_factory, factory_cache):
    build = build_in(tmp_path_factory.mktemp("reflow"), FILES, cache=factory_cache)
    assert build.returncode == 0, build.stderr
    return build


@pytest.fixture(scope="module")
def served(built):
    with serve_folder(built.output) as base:
        yield base


def test_no_page_scrolls_sideways_at_320px(served, browser):
    page = browser.new_page(viewport={"width": 320, "height": 800})
    try:
        overflow = {}
        for path in [*PAGES, "news/results/"]:
            page.goto(f"{served}/{path}")
            overflow[path or "/"] = page.evaluate(OVERFLOW)
            if path == "news/petition/":
                boxes = page.evaluate(BOXES)
    finally:
        page.close()
    assert {path: pixels for path, pixels in overflow.items() if pixels > 0} == {}, "scrolls sideways (px) at 320px"
    assert boxes == {"table_box": ["table-scroll", "region", 0, "Table of Ward, Council, Votes cast, …"],
                     "table_scrolls_in_its_box": True, "code_scrolls": False}



# --- Text spacing (WCAG 1.4.12) ---------------------------------------------

# The spacing a reader may set with a browser extension or user stylesheet,
# which the page's Content Security Policy does not stop (bypass_csp below
# stands in for one; a bookmarklet's style is blocked, as the accessibility
# statement says).
TEXT_SPACING = ("* { line-height: 1.5 !important; letter-spacing: .12em !important; "
                "word-spacing: .16em !important; } p { margin-bottom: 2em !important; }")
# Each word of a heading, the party's name (.brand) and the menu that takes more than
# one line: a word broken inside itself. A hyphen is a place to break, so
# "by-election" is two words here.
WORDS_BROKEN = """() => {
  const broken = [];
  for (const element of document.querySelectorAll('h1, h2, h3, h4, h5, h6, .brand, .site-nav a')) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      for (const word of text.data.matchAll(/[^\\s-]+/g)) {
        const range = document.createRange();
        range.setStart(text, word.index);
        range.setEnd(text, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(`${element.tagName.toLowerCase()}: ${word[0]}`);
      }
    }
  }
  return broken;
}"""


def test_with_text_spacing_at_320px_headings_keep_their_words_whole(nginx_site, browser):
    """At 32 px, "Breakthrough" broke inside the word in every page title
    that has it; the title is 28 px on a 320 px screen now (screen.css)."""
    from test_site import PAGE_TYPES

    context = browser.new_context(viewport={"width": 320, "height": 800}, bypass_csp=True)
    page = context.new_page()
    broken, overflow = {}, {}
    try:
        for name, path in PAGE_TYPES.items():
            page.goto(f"{nginx_site}/{path}")
            page.add_style_tag(content=TEXT_SPACING)
            broken[name], overflow[name] = page.evaluate(WORDS_BROKEN), page.evaluate(OVERFLOW)
            assert page.locator(".brand").count() == 1, name  # the party's name is among the words checked
            assert page.evaluate("getComputedStyle(document.body).letterSpacing") != "normal"  # it applied
    finally:
        context.close()
    assert {name: words for name, words in broken.items() if words} == {}
    assert {name: pixels for name, pixels in overflow.items() if pixels > 0} == {}, "scrolls sideways (px)"


# --- Each table's box -------------------------------------------------------

NAMES = ["Table under “Turnout”", "Table under “Results by ward”", "Table: Every count"]
# Each box: whether its table is wider than the box, and its role, tab stop and name.
TABLE_BOXES = """() => [...document.querySelectorAll('.table-scroll')].map(box => ({
  scrolls: box.scrollWidth > box.clientWidth, role: box.getAttribute('role'),
  tabindex: box.getAttribute('tabindex'), name: box.getAttribute('aria-label')}))"""


def region(name: str) -> dict:
    return {"scrolls": True, "role": "region", "tabindex": "0", "name": name}


def plain_box() -> dict:
    return {"scrolls": False, "role": None, "tabindex": None, "name": None}


def test_each_table_box_is_named_after_its_table_and_a_tab_stop_without_javascript(built):
    """Without the script every box is a tab stop, which is safe; the box's
    name is the table's caption or the heading it comes under (it was
    "Table, scrolls sideways" for every table)."""
    page = built.html("news/results/")
    boxes = page.select("main .table-scroll")
    assert [(box["role"], box["tabindex"], box["aria-label"]) for box in boxes] == [
        ("region", "0", name) for name in NAMES]
    script = "/theme/js/table-scroll.js"
    assert page.select_one(f'head script[type=module][src="{script}"]')
    assert not built.html("about/").select_one(f'script[src="{script}"]')  # no table, no script


@pytest.fixture
def reader(browser):
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    yield page, console
    context.close()


def settled_boxes(page) -> list[dict]:
    page.wait_for_timeout(100)  # the script's ResizeObserver reports after the next frame
    return page.evaluate(TABLE_BOXES)


def test_a_table_box_is_a_named_tab_stop_only_while_its_table_does_not_fit(served, reader):
    page, console = reader
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{served}/news/results/")
    assert settled_boxes(page) == [plain_box(), plain_box(), region(NAMES[2])]
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 320, "height": 800})  # the same page, narrowed
    assert settled_boxes(page) == [plain_box(), region(NAMES[1]), region(NAMES[2])]
    assert axe_violations(page) == []
    for _ in range(30):  # Tab on from the top to the first box that is a tab stop
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('table-scroll')"):
            break
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == NAMES[1]
    page.keyboard.press("ArrowRight")  # the keyboard scrolls the table
    page.wait_for_timeout(500)  # Chromium scrolls smoothly
    assert page.evaluate("document.activeElement.scrollLeft") > 0
    assert csp_problems(page, console) == []


TABLE_AND_BOX = """() => {
  const table = document.querySelector('.prose table'), box = table.parentElement;
  return {table: table.getBoundingClientRect().width, box: box.clientWidth, scrolls: box.scrollWidth > box.clientWidth,
          cell_lines: Math.round(table.querySelector('td:nth-child(2)').getBoundingClientRect().height
                                 / parseFloat(getComputedStyle(table).lineHeight))};
}"""


def test_a_table_of_sentences_wraps_to_fit_its_column(served, reader):
    """Its rows were kept on one line (max-content): on a desktop the table
    was three times its 672 px column, read by scrolling sideways. Its
    cells wrap at spaces: it fits a desktop's column, and on a phone it is
    as wide as its longest words need, not its longest sentences."""
    page, _ = reader
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{served}/news/plan/")
    desktop = page.evaluate(TABLE_AND_BOX)
    assert not desktop["scrolls"] and desktop["table"] <= desktop["box"] and desktop["cell_lines"] >= 2, desktop
    page.set_viewport_size({"width": 320, "height": 800})
    phone = page.evaluate(TABLE_AND_BOX)
    assert phone["table"] < 2 * phone["box"], phone


def test_a_table_too_wide_for_a_phone_even_wrapped_keeps_its_rows_on_one_line(served, reader):
    """Wrapped to its longest words, it still scrolled, with every column
    squeezed ("7 / January / 2022" on three lines): it scrolls with each row
    on one line instead (a row at most two screens wide); on a desktop it
    fits. (A table of sentences stays wrapped: the test above.)"""
    page, _ = reader
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{served}/news/meetings/")
    page.wait_for_timeout(100)  # the script's ResizeObserver reports after the next frame
    phone = page.evaluate(TABLE_AND_BOX)
    assert phone["scrolls"] and phone["cell_lines"] == 1, phone
    page.set_viewport_size({"width": 1280, "height": 800})
    page.wait_for_timeout(100)
    desktop = page.evaluate(TABLE_AND_BOX)
    assert not desktop["scrolls"] and desktop["table"] <= desktop["box"], desktop


RECORD_WINDOW_ERRORS = "window.__errors = []; addEventListener('error', (e) => window.__errors.push(e.message));"


def resized_across_the_threshold(page) -> None:
    for width in [*range(320, 1300, 40), *range(1300, 320, -40)]:  # one-line rows and back, both ways
        page.set_viewport_size({"width": width, "height": 800})
        page.wait_for_timeout(30)
    page.wait_for_timeout(150)


def test_a_resize_keeps_the_readers_place_in_a_table_and_raises_no_error(served, reader):
    """From a review: fitting a one-line table measured it wrapped first,
    which cut the reader's sideways scroll short (150 px became 25 on a
    2 px wider window), and, done inside the observer's call, raised
    "ResizeObserver loop" errors (window errors, not console messages)."""
    page, _ = reader
    page.add_init_script(RECORD_WINDOW_ERRORS)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{served}/news/meetings/")
    page.wait_for_timeout(100)
    page.evaluate("document.querySelector('.table-scroll').scrollLeft = 150")
    page.set_viewport_size({"width": 322, "height": 800})
    page.wait_for_timeout(150)
    assert page.evaluate("document.querySelector('.table-scroll').scrollLeft") == 150
    resized_across_the_threshold(page)
    assert page.evaluate("window.__errors") == []


def test_a_column_aligned_in_markdown_stays_aligned_under_the_policy(built, served, reader):
    """Markdown writes |---:| as style="text-align: right;", which the site's
    Content Security Policy (no 'unsafe-hashes') made the browser ignore."""
    main = built.html("news/results/").main
    assert main.select("td.align-right, th.align-right") and not main.select("[style]")
    page, console = reader
    page.goto(f"{served}/news/results/")
    assert page.evaluate("[...document.querySelectorAll('main tr:last-child td')].map(td => getComputedStyle(td).textAlign)"
                         ) == ["left", "right", "left", "left", "right", "left"]
    assert csp_problems(page, console) == []
