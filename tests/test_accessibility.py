"""Every page type in a real browser (one visit each: tests/reader_visits.py):
axe-core finds no WCAG 2.2 AA violation, pages fit a 320 px screen, the
imprint is visible at 320 and 1280 px, no request leaves the site, no cookie
is set; and the Nu HTML Checker finds no error anywhere."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from conftest import REPO
from reader_visits import WIDTHS
from test_site import PAGE_TYPES

VNU = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"

pytestmark = pytest.mark.browser


def describe(violations) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
    )


@pytest.mark.parametrize("name,path", list(PAGE_TYPES.items()))
def test_axe_finds_no_violations(reader_visits, name, path):
    for width in WIDTHS:
        violations = reader_visits(path)[f"axe at {width}"]
        assert violations == [], f"{name} at {width}px:\n" + describe(violations)


@pytest.mark.parametrize("name,path", list(PAGE_TYPES.items()))
def test_pages_fit_a_320px_screen(reader_visits, name, path):
    overflow = reader_visits(path)["overflow at 320"]
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 320px"


@pytest.mark.parametrize("name,path", list(PAGE_TYPES.items()))
def test_no_request_leaves_the_site(nginx_site, reader_visits, name, path):
    foreign = [url for url in reader_visits(path)["requests"]
               if not url.startswith(nginx_site + "/") and not url.startswith("data:")]
    assert foreign == [], name


def test_focus_is_visible_and_the_skip_link_works(nginx_site, browser):
    page = browser.new_page()
    page.goto(f"{nginx_site}/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert skip.bounding_box()["y"] >= 0  # moved on screen when focused
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    background = page.evaluate("getComputedStyle(document.activeElement).backgroundColor")
    assert outline != "none" or background != "rgba(0, 0, 0, 0)"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.close()


@pytest.mark.parametrize("name,path", list(PAGE_TYPES.items()))
def test_no_page_loads_a_font(reader_visits, name, path):
    """Text is shown in the reader's own fonts (the accessibility statement)."""
    fonts = [url for url in reader_visits(path)["requests"] if url.split("?")[0].endswith((".woff", ".woff2", ".ttf", ".otf"))]
    assert fonts == [], name


@pytest.mark.parametrize("name,path", list(PAGE_TYPES.items()))
def test_no_page_sets_a_cookie_or_loads_a_tracker(nginx_site, reader_visits, name, path):
    assert reader_visits(path)["cookies"] == [None, "", []], name
    scripts = reader_visits(path)["scripts"]
    assert all(url.startswith((f"{nginx_site}/theme/js/", f"{nginx_site}/pagefind/")) for url in scripts), scripts


@pytest.mark.parametrize("name,path", list(PAGE_TYPES.items()))
def test_the_imprint_is_visible_on_every_page_type(reader_visits, name, path):
    for width in WIDTHS:
        assert reader_visits(path)[f"imprint at {width}"] == [], f"{name} at {width}px"


@pytest.mark.parametrize("name,path", [*PAGE_TYPES.items(), ("contact page", "contact/")])
def test_badges_and_email_addresses_fit_their_boxes(reader_visits, name, path):
    for width in WIDTHS:
        assert reader_visits(path)[f"boxes at {width}"] == [], f"{name} at {width}px"


@pytest.mark.parametrize("name,path", list(PAGE_TYPES.items()))
def test_the_footer_reaches_the_foot_of_the_window(reader_visits, name, path):
    """A short page (the 404 page) leaves no empty band under its footer."""
    for width in WIDTHS:
        assert reader_visits(path)[f"space under the footer at {width}"] <= 0.5, f"{name} at {width}px"


def test_the_councillor_directory_uses_a_wide_screen(nginx_site, browser):
    """At 1280 px the regions sit side by side, so the cards span the page
    instead of one narrow column leaving two thirds of it empty."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{nginx_site}/councillors/")
    spread = page.evaluate("""() => {
        const cards = [...document.querySelectorAll('main .card')].map(card => card.getBoundingClientRect());
        const wrap = document.querySelector('main .wrap').getBoundingClientRect();
        return (Math.max(...cards.map(c => c.right)) - Math.min(...cards.map(c => c.left))) / wrap.width;
    }""")
    headings = page.locator("main h2").all_inner_texts()
    page.close()
    assert spread >= 0.8, spread
    assert not any("confirmed" in heading.lower() for heading in headings), headings


def test_pages_read_without_javascript(nginx_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for name, path in PAGE_TYPES.items():
        page.goto(f"{nginx_site}/{path}")
        assert page.locator("main h1").inner_text().strip(), name
        assert page.locator("footer [data-imprint]").is_visible(), name
    context.close()


def nu_messages(paths) -> list[str]:
    """The Nu HTML Checker's errors in the files or folders `paths`, one line each."""
    java = shutil.which("java")
    assert java, "a Java runtime is needed for the Nu HTML Checker (./setup installs it)"
    completed = subprocess.run(
        # The flags only make the JVM start faster (the client compiler, a
        # small heap collector) with the stack the checker asks for.
        [java, "-Xss8m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", str(VNU),
         # Language detection only ever gives warnings, which --errors-only
         # drops: skipping it saves a sixth of the checker's time.
         "--errors-only", "--no-langdetect", "--skip-non-html", "--format", "json", *map(str, paths)],
        capture_output=True, text=True, timeout=600,
    )
    messages = json.loads(completed.stderr or '{"messages": []}')["messages"]
    return [f"{m.get('url')}:{m.get('lastLine')}: {m['message']}" for m in messages]


def test_nu_html_checker_finds_no_errors(site):
    checked = len(list(site.output.rglob("*.html")))
    assert checked > 40
    messages = nu_messages([site.output])
    assert messages == [], "\n".join(messages)
