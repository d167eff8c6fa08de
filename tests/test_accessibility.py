"""Every page type in a real browser: axe-core finds no WCAG 2.2 AA violation,
pages fit a 320 px screen, no request leaves the site, no cookie is set, and
the Nu HTML Checker finds no error anywhere."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from browser import goto_settled, no_http_cache, serve_folder
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
def visits(served_site, browser):
    """visits(path): what one visit to a page saw, as a reader sees it (its
    own Content Security Policy in force, the HTTP cache off so everything
    is requested, as on a first visit): every request it made, the cookies
    it set, how far it scrolls sideways at 320 px, and axe-core's violations
    at 320 and 1280 px.
    One visit per page serves all the tests below (each visit costs far
    more than a check)."""
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    no_http_cache(page)
    axe = AXE.read_text(encoding="utf-8")
    seen = {}

    def visit(path: str) -> dict:
        if path not in seen:
            requests = []

            def record(request) -> None:
                requests.append(request)

            page.set_viewport_size({"width": 320, "height": 800})
            page.on("request", record)
            try:
                response = goto_settled(page, f"{served_site}/{path}")
            finally:
                page.remove_listener("request", record)
            observed = {"requests": [request.url for request in requests],
                        "scripts": [request.url for request in requests if request.resource_type == "script"],
                        "cookies": [response.headers.get("set-cookie"), page.evaluate("document.cookie"),
                                    context.cookies()],
                        "overflow at 320": page.evaluate(
                            "document.documentElement.scrollWidth - document.documentElement.clientWidth")}
            # Evaluated by the browser's debugger, which the page's policy
            # does not govern (a <script> added to the page would be refused).
            page.evaluate(axe)
            for width in (320, 1280):
                page.set_viewport_size({"width": width, "height": 800})
                # resultTypes: only the violations are read, so axe-core works
                # out the details (selectors) of the passes for one element each.
                observed[f"axe at {width}"] = page.evaluate(
                    "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
                    ".then(result => result.violations)", WCAG_22_AA)
            seen[path] = observed
        return seen[path]

    yield visit
    context.close()


def describe(violations) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
    )


@pytest.mark.parametrize("name,path", list(PAGE_TYPES.items()))
def test_axe_finds_no_violations(visits, name, path):
    for width in (320, 1280):
        violations = visits(path)[f"axe at {width}"]
        assert violations == [], f"{name} at {width}px:\n" + describe(violations)


@pytest.mark.parametrize("name,path", list(PAGE_TYPES.items()))
def test_pages_fit_a_320px_screen(visits, name, path):
    overflow = visits(path)["overflow at 320"]
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 320px"


@pytest.mark.parametrize("name,path", list(PAGE_TYPES.items()))
def test_no_request_leaves_the_site(served_site, visits, name, path):
    foreign = [url for url in visits(path)["requests"]
               if not url.startswith(served_site + "/") and not url.startswith("data:")]
    assert foreign == [], name


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
def test_no_page_sets_a_cookie_or_loads_a_tracker(served_site, visits, name, path):
    assert visits(path)["cookies"] == [None, "", []], name
    scripts = visits(path)["scripts"]
    assert all(url.startswith((f"{served_site}/theme/js/", f"{served_site}/pagefind/")) for url in scripts), scripts


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
