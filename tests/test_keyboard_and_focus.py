"""Keyboard use of the real site in a real browser: every link, button and
field a reader reaches with Tab shows where the focus is, and its text stays
readable on the focus colour (WCAG 1.4.3, 2.4.7); the skip link moves focus
to the main content without painting all of it amber.

Contrast is measured as WCAG defines it, from the colours the browser
computed: the text's, against the first background behind it."""

from __future__ import annotations

import pytest
from colours import AA_TEXT, contrast, rgb
from test_site import PAGE_TYPES

pytestmark = pytest.mark.browser

WIDTHS = (1280, 320)
INK, AMBER = (27, 27, 31), (255, 191, 71)  # screen.css: --ink, --focus
# Enough Tab presses for the longest page type (the minifesto, its contents
# and citations); a walk that goes on longer is a trap.
MOST_TAB_STOPS = 400

# The focused element: its colours, the colours of each piece of text in it
# (a badge or a date inside a link has its own), and how its focus shows.
FOCUSED = """() => {
  const focused = document.activeElement;
  const opaque = (colour) => !/^rgba\\(.*, 0\\)$/.test(colour) && colour !== 'transparent';
  const behind = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const colour = getComputedStyle(node).backgroundColor;
      if (opaque(colour)) return colour;
    }
    return 'rgb(255, 255, 255)';
  };
  const texts = [];
  for (const element of [focused, ...focused.querySelectorAll('*')]) {
    const hasText = element.matches('input, select, textarea')
      || [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.data.trim());
    if (hasText && element.checkVisibility({visibilityProperty: true})) {
      texts.push([element.tagName.toLowerCase() + (element.className ? '.' + element.className : ''),
                  getComputedStyle(element).color, behind(element)]);
    }
  }
  const style = getComputedStyle(focused);
  return {tag: focused.tagName.toLowerCase(), id: focused.id,
          name: (focused.innerText || focused.value || focused.getAttribute('aria-label') || '').trim().slice(0, 40),
          href: focused.getAttribute('href'), texts, background: style.backgroundColor,
          outline: [style.outlineStyle, parseFloat(style.outlineWidth), style.outlineColor], shadow: style.boxShadow};
}"""


def test_the_contrast_helper_agrees_with_wcag():
    assert round(contrast((0, 0, 0), (255, 255, 255)), 2) == 21.0
    assert round(contrast((255, 255, 255), AMBER), 2) == 1.64  # the menu's focused links before the fix
    assert contrast(INK, AMBER) >= 10


def unreadable_texts(focused: dict) -> list[str]:
    return [f"{where}: {colour} on {background} is {contrast(rgb(colour), rgb(background)):.2f}:1"
            for where, colour, background in focused["texts"]
            if contrast(rgb(colour), rgb(background)) < AA_TEXT]


def focus_shows(focused: dict) -> bool:
    """An outline at least 2 px wide, or a ring of box-shadow."""
    style, width, _ = focused["outline"]
    return (style != "none" and width >= 2) or focused["shadow"] != "none"


# Notes FOCUSED of each element as it takes the focus, so that a walk reads
# them once per batch of Tab presses instead of asking after each press
# (half the walk's round trips to the browser). A date field, whose day,
# month and year each take a Tab, is one element, noted once. Set up once
# per page: a second set of listeners would note each stop twice.
NOTE_EACH_STOP = f"""() => {{
  if (window.__stops) {{ window.__stops.length = 0; return; }}
  const focused = {FOCUSED};
  window.__stops = [];
  document.addEventListener('focusin', () => window.__stops.push(focused()), true);
}}"""
TABS_AT_A_TIME = 25


def tab_walk(page) -> list[dict]:
    """Each element Tab reaches from the top of the page, in order, once:
    the stops before the first comes round again (Tab past the last stop
    leaves the page, and the next comes back to the first). Not ended by
    focus leaving the page alone, which focus moving into a frame looks like."""
    page.evaluate(NOTE_EACH_STOP)
    for _ in range(0, MOST_TAB_STOPS + TABS_AT_A_TIME, TABS_AT_A_TIME):
        for _ in range(TABS_AT_A_TIME):
            page.keyboard.press("Tab")
        stops = page.evaluate("window.__stops")
        again = [index for index, stop in enumerate(stops) if index > 0 and stop == stops[0]]
        if again:
            return stops[:again[0]]
    raise AssertionError(f"Tab went on past {MOST_TAB_STOPS} stops: a keyboard trap?")


@pytest.fixture
def keyboard_page(browser):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
# A menu link marked as this page (News on /news/), as this page's section
# (News on a post) and a button marked as this page (Join on /join/).
@pytest.mark.parametrize("path", ["news/", "news/katie-parker-joins-breakthrough/", "join/"])
def test_every_menu_link_is_readable_when_focused(nginx_site, keyboard_page, path, width):
    """The menu's white text was white on the amber focus colour (1.64:1) on
    every page, the current page's link and a link under the mouse too."""
    page = keyboard_page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{nginx_site}/{path}")
    menu = page.locator(".site-nav a").evaluate_all("links => links.map(link => link.getAttribute('href'))")
    reached, problems = [], []
    for _ in range(MOST_TAB_STOPS):
        if len(reached) == len(menu):
            break
        page.keyboard.press("Tab")  # from the top: the skip link, the party's name, then the menu
        if not page.evaluate("document.activeElement.matches('.site-nav a')"):
            continue
        for state in ("focused", "focused, under the mouse"):
            focused = page.evaluate(FOCUSED)
            problems += [f"{focused['name']} ({state}): {problem}" for problem in unreadable_texts(focused)]
            if rgb(focused["background"]) != AMBER or not focus_shows(focused):
                problems.append(f"{focused['name']} ({state}): no amber focus on {focused['background']}")
            page.locator(":focus").hover()
        reached.append(focused["href"])
    assert reached == menu and len(menu) >= 9
    assert problems == [], f"/{path} at {width}px"


@pytest.mark.parametrize("name,path", list(PAGE_TYPES.items()))
def test_everything_tab_reaches_shows_its_focus_and_stays_readable(nginx_site, keyboard_page, name, path):
    page = keyboard_page
    page.goto(f"{nginx_site}/{path}")
    reached = tab_walk(page)
    assert reached and reached[0]["name"] == "Skip to main content", name
    hidden = [stop["name"] or stop["tag"] for stop in reached if not focus_shows(stop)]
    unreadable = [f"{stop['name'] or stop['tag']}: {problem}" for stop in reached for problem in unreadable_texts(stop)]
    assert hidden == [] and unreadable == [], name


def test_the_skip_link_moves_focus_to_the_main_content_quietly(nginx_site, keyboard_page):
    """<main> takes focus only so that the next Tab starts there: it was
    painted amber, outlined and ringed from top to bottom."""
    page = keyboard_page
    page.goto(f"{nginx_site}/news/katie-parker-joins-breakthrough/")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["name"] == "Skip to main content"
    page.keyboard.press("Enter")
    focused = page.evaluate(FOCUSED)
    assert (focused["tag"], focused["id"]) == ("main", "main")
    assert focused["background"] == "rgba(0, 0, 0, 0)"
    assert focused["outline"][0] == "none" and focused["shadow"] == "none"
    page.keyboard.press("Tab")  # on into the page, not back to the menu
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_the_press_archive_date_fields_show_the_focus_ring(nginx_site, keyboard_page):
    page = keyboard_page
    page.goto(f"{nginx_site}/press/releases/")
    page.locator("#archive-words").focus()
    fields = {}
    for _ in range(6):  # from the words to both dates; a date field has a stop for each part
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        fields.setdefault(focused["id"], focused)
    for name in ("archive-from", "archive-to"):
        style, width, colour = fields[name]["outline"]
        assert (style, width, rgb(colour)) == ("solid", 3, INK), name
        assert "rgb(255, 191, 71)" in fields[name]["shadow"], name
