"""Every page type in a real browser: axe-core finds no WCAG 2.2 AA violation,
pages fit a 320 px screen, and the Nu HTML Checker finds no error anywhere."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from browser import chromium, serve_folder
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
def browser():
    with chromium() as browser:
        yield browser


def describe(violations) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
    )


@pytest.mark.parametrize("name,path", list(PAGE_TYPES.items()))
def test_axe_finds_no_violations(served_site, browser, name, path):
    for width in (320, 1280):
        # bypass_csp: the pages' own policy (tested in test_security_headers)
        # would rightly refuse the axe-core script the test injects.
        page = browser.new_page(viewport={"width": width, "height": 800}, bypass_csp=True)
        page.goto(f"{served_site}/{path}")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA
        )
        assert result["violations"] == [], f"{name} at {width}px:\n" + describe(result["violations"])
        page.close()


@pytest.mark.parametrize("name,path", list(PAGE_TYPES.items()))
def test_pages_fit_a_320px_screen(served_site, browser, name, path):
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.goto(f"{served_site}/{path}")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 320px"
    page.close()


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
def test_no_request_leaves_the_site(served_site, browser, name, path):
    page = browser.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{served_site}/{path}", wait_until="networkidle")
    foreign = [url for url in requested if not url.startswith(served_site + "/") and not url.startswith("data:")]
    assert foreign == [], name
    page.close()


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
        [java, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json", str(site.output)],
        capture_output=True, text=True, timeout=600,
    )
    messages = json.loads(completed.stderr or '{"messages": []}')["messages"]
    checked = len(list(site.output.rglob("*.html")))
    assert checked > 40
    assert messages == [], "\n".join(f"{m.get('url')}:{m.get('lastLine')}: {m['message']}" for m in messages)
