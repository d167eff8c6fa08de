"""The security headers, served for real: Debian's nginx with the snippet the
build wrote, every page type loaded in headless Chromium, and any Content
Security Policy violation fails the test."""

from __future__ import annotations

import pytest
from browser import RECORD_VIOLATIONS, csp_problems, goto_settled, no_http_cache
from playwright.sync_api import expect
from test_site import PAGE_TYPES

pytestmark = pytest.mark.browser
@pytest.fixture(scope="module")
def reader(browser):
    """One page, navigated afresh for each load (a new page costs more than a
    load), with the HTTP cache off: every load gets the server's headers."""
    page = browser.new_page()
    no_http_cache(page)
    page.add_init_script(RECORD_VIOLATIONS)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    yield page, console
    page.close()


def load(reader, url: str):
    page, console = reader
    console.clear()
    response = goto_settled(page, url)
    return page, response, console


@pytest.mark.parametrize("name,path", list(PAGE_TYPES.items()))
def test_no_page_type_breaks_the_content_security_policy(reader_visits, name, path):
    visit = reader_visits(path)
    assert visit["status"] == 200
    headers = visit["headers"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] and headers["permissions-policy"]
    assert visit["policy violations"] == [], name


def test_search_runs_under_the_policy(nginx_site, reader):
    page, _, console = load(reader, f"{nginx_site}/search/")
    page.fill("#search-input", "housing")
    # Locators, not wait_for_function: that evaluates a string, which this
    # very policy forbids.
    expect(page.locator("#search-status")).to_contain_text("housing", timeout=15_000)
    assert page.locator("#search-results a").count() > 0
    assert csp_problems(page, console) == []


def test_the_browser_editor_loads_under_its_own_policy(nginx_site, reader):
    page, response, console = load(reader, f"{nginx_site}/admin/")
    assert response.status == 200
    assert "unsafe-eval" not in response.headers["content-security-policy"]
    expect(page.get_by_role("button", name="Work with Local Repository")).to_be_visible(timeout=30_000)
    assert csp_problems(page, console) == []


def test_security_txt_is_served(nginx_site, browser, settings):
    page = browser.new_page()
    response = page.goto(f"{nginx_site}/.well-known/security.txt")
    assert response.status == 200
    text = response.text()
    assert f"Contact: mailto:{settings['SECURITY_CONTACT']}" in text and "Expires: " in text
    page.close()


def test_netlify_headers_and_nginx_snippet_agree(site):
    netlify = (site.output / "_headers").read_text().split("/admin/*")[0]
    nginx = (site.output / "_server/nginx-security-headers.conf").read_text().split("\nlocation ")[0]
    netlify_headers = dict(line.strip().split(": ", 1) for line in netlify.splitlines() if line.startswith("  "))
    nginx_headers = {line.split(" ", 2)[1]: line.split(" ", 2)[2].removesuffix(" always;").strip('"')
                     for line in nginx.splitlines() if line.startswith("add_header")}
    assert netlify_headers == nginx_headers
    assert "frame-ancestors 'none'" in netlify_headers["Content-Security-Policy"]


def test_the_editor_config_is_served_as_yaml_with_the_editors_headers(nginx_site, browser, settings):
    from plugins.headers.header_rules import rule_sets

    page = browser.new_page()
    response = page.goto(f"{nginx_site}/admin/config.yml")
    assert response.status == 200
    assert response.headers["content-type"] == settings["CONTENT_TYPES"]["/admin/config.yml"]
    assert response.headers["x-content-type-options"] == "nosniff"
    editor_headers = dict(next(lines for prefix, lines in rule_sets(settings) if prefix == "/admin/"))
    assert response.headers["content-security-policy"] == editor_headers["Content-Security-Policy"]
    page.close()


@pytest.mark.parametrize("missing", ["/news/2021/no-such-post/", "/no-such-file.pdf", "/admin/no-such-page"])
def test_nginx_with_only_the_snippet_answers_a_missing_address_with_the_sites_404_page(nginx_site, site, missing):
    """The README's nginx set-up is `root` and an include of the snippet,
    nothing else (tests/browser.py's server is exactly that): the snippet
    itself must send readers to the site's own page, with its headers."""
    import urllib.error
    import urllib.request

    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(nginx_site + missing, timeout=10)
    assert answer.value.code == 404
    assert answer.value.read() == (site.output / "404.html").read_bytes()
    assert "frame-ancestors 'none'" in answer.value.headers["Content-Security-Policy"]
