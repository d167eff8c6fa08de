"""Every page type in a real browser: axe-core finds no WCAG 2.2 AA violation,
pages fit a 320 px screen, and the Nu HTML Checker finds no error anywhere."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from browser import no_http_cache, serve_folder
from conftest import REPO
from test_site import PAGE_TYPES

AXE = REPO / "node_modules/axe-core/axe.min.js"
VNU = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served_site(site):
    with serve_folder(site.output) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def pages(browser):
    """Two pages the tests below navigate afresh for each check: opening a
    new page costs far more than a check. "axe" bypasses the pages' own
    Content Security Policy (tested in test_security_headers), which would
    rightly refuse the axe-core script a test injects; "plain" gets the pages
    as a reader does, with the HTTP cache off, so every visit loads (and
    requests) everything, as a first visit would."""
    axe, plain = browser.new_page(bypass_csp=True), browser.new_page()
    no_http_cache(plain)
    yield {"axe": axe, "plain": plain}
    axe.close()
    plain.close()


def describe(violations) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
    )


@pytest.mark.parametrize("name,path", list(PAGE_TYPES.items()))
def test_axe_finds_no_violations(served_site, pages, name, path):
    page = pages["axe"]
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{served_site}/{path}")
    page.add_script_tag(path=str(AXE))
    for width in (320, 1280):
        # The page's layout at each width (the theme's scripts do not depend on it).
        page.set_viewport_size({"width": width, "height": 800})
        # resultTypes: only the violations are read, so axe-core works out
        # the details (selectors) of the passes for one element each.
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            WCAG_22_AA,
        )
        assert result["violations"] == [], f"{name} at {width}px:\n" + describe(result["violations"])


@pytest.mark.parametrize("name,path", list(PAGE_TYPES.items()))
def test_pages_fit_a_320px_screen(served_site, pages, name, path):
    page = pages["plain"]
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{served_site}/{path}")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 320px"


def test_focus_is_visible_and_the_skip_link_works(served_site, browser):
    page = browser.new_page()
    page.goto(f"{served_site}/")
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
def test_no_request_leaves_the_site(served_site, pages, name, path):
    page = pages["plain"]
    page.set_viewport_size({"width": 1280, "height": 720})
    requested = []

    def record(request):
        requested.append(request.url)

    page.on("request", record)
    try:
        page.goto(f"{served_site}/{path}", wait_until="networkidle")
    finally:
        page.remove_listener("request", record)
    foreign = [url for url in requested if not url.startswith(served_site + "/") and not url.startswith("data:")]
    assert foreign == [], name


def test_pages_read_without_javascript(served_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for name, path in PAGE_TYPES.items():
        page.goto(f"{served_site}/{path}")
        assert page.locator("main h1").inner_text().strip(), name
        assert page.locator("footer [data-imprint]").is_visible(), name
    context.close()


def test_nu_html_checker_finds_no_errors(site):
    java = shutil.which("java")
    assert java, "a Java runtime is needed for the Nu HTML Checker (./setup installs it)"
    completed = subprocess.run(
        # The flags only make the JVM start faster (the client compiler, a
        # small heap collector) with the stack the checker asks for.
        [java, "-Xss8m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", str(VNU),
         "--errors-only", "--skip-non-html", "--format", "json", str(site.output)],
        capture_output=True, text=True, timeout=600,
    )
    messages = json.loads(completed.stderr or '{"messages": []}')["messages"]
    checked = len(list(site.output.rglob("*.html")))
    assert checked > 40
    assert messages == [], "\n".join(f"{m.get('url')}:{m.get('lastLine')}: {m['message']}" for m in messages)
