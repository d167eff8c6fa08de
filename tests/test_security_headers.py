"""The security headers, served for real: Debian's nginx with the snippet the
build wrote, every page type loaded in headless Chromium, and any Content
Security Policy violation fails the test."""

from __future__ import annotations

import time

import pytest
from browser import RECORD_VIOLATIONS, csp_problems, goto_settled, no_http_cache, serve_folder
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


@pytest.mark.parametrize("missing", ["/news/2021/no-such-post/", "/no-such-file.pdf", "/admin/no-such-page",
                                     "/events/no-such-event.ics"])
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


def test_the_editor_refuses_to_start_inside_another_sites_frame(site, browser, tmp_path):
    """GitHub Pages sends no headers and a <meta> policy cannot carry
    frame-ancestors, so there any site could frame /admin/ and trick a
    signed-in volunteer into clicking the editor's buttons. The page itself
    refuses (plugins/cms/static/manual-init.js). Served here as GitHub Pages
    serves it, without headers, and framed by a page of another site."""
    with serve_folder(site.output) as host, serve_folder(tmp_path) as other_site:
        (tmp_path / "index.html").write_text(f'<iframe src="{host}/admin/" width="1000" height="700"></iframe>')
        page = browser.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        goto_settled(page, other_site.replace("127.0.0.1", "localhost") + "/")
        framed = page.frame_locator("iframe")
        link = framed.get_by_role("link", name="Open the content manager in a new tab")
        expect(link).to_have_attribute("href", f"{host}/admin/")
        assert framed.get_by_role("button").count() == 0
        assert page.frames[1].evaluate("typeof window.CMS") == "undefined"
        assert [url for url in requested if url.endswith((".js", ".json", ".yml"))] == [f"{host}/admin/manual-init.js"]
        page.close()

        # Opened in its own tab, on the same host, the editor starts.
        page = browser.new_page()
        page.goto(f"{host}/admin/")
        expect(page.get_by_role("button", name="Work with Local Repository")).to_be_visible(timeout=30_000)
        page.close()


def test_no_public_page_holds_an_action_a_frame_could_hijack(site, settings):
    """Why the public pages carry no script against framing on GitHub Pages
    (README, "Security headers"): a page that frames one can only get a
    reader to click what they could click anyway, links and searches. This
    keeps it so: no form sends anything but a search to this site, and no
    page asks for a password."""
    from urllib.parse import urlsplit

    this_site = ("", urlsplit(settings["SITE_CANONICAL_URL"]).netloc)
    for path in site.html_files():
        soup = site.html(str(path.relative_to(site.output)))
        for form in soup.find_all("form"):
            assert form.get("method", "get").lower() == "get", path
            assert urlsplit(form.get("action", "")).netloc in this_site, path
        assert soup.find("input", type="password") is None, path


# What a page has left in the browser, for its site.
STORED = """async () => ({
  localStorage: Object.keys(localStorage),
  sessionStorage: Object.keys(sessionStorage),
  indexedDB: (await indexedDB.databases()).map((database) => database.name),
  caches: await caches.keys(),
  serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
  cookie: document.cookie,
})"""


def test_public_pages_store_nothing_in_the_browser(nginx_site, browser):
    """The privacy notice: the public pages store nothing in a visitor's
    browser. Every page type is visited, and search and the archive's filter
    used, in one fresh browser profile; nothing is left behind."""
    context = browser.new_context()
    page = context.new_page()
    for path in PAGE_TYPES.values():
        goto_settled(page, f"{nginx_site}/{path}")
    goto_settled(page, f"{nginx_site}/search/")
    page.fill("#search-input", "housing")
    expect(page.locator("#search-status")).to_contain_text("housing", timeout=15_000)
    goto_settled(page, f"{nginx_site}/press/releases/")
    page.fill("#archive-words", "Katie Parker")
    assert page.evaluate(STORED) == {"localStorage": [], "sessionStorage": [], "indexedDB": [], "caches": [],
                                     "serviceWorkers": 0, "cookie": ""}
    assert context.cookies() == []
    context.close()


def test_the_editor_stores_only_what_the_privacy_notice_says(nginx_site, browser):
    """The privacy notice: the editor keeps its settings in the volunteer's
    localStorage and its data in IndexedDB, and nothing else (no cookie)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{nginx_site}/admin/")
    expect(page.get_by_role("button", name="Work with Local Repository")).to_be_visible(timeout=30_000)
    stored = stored_once_the_editor_has_opened_its_database(page)
    assert stored["localStorage"] and all(key.startswith("sveltia-cms.") for key in stored["localStorage"])
    assert stored["indexedDB"]
    assert {**stored, "localStorage": [], "indexedDB": []} == {
        "localStorage": [], "sessionStorage": [], "indexedDB": [], "caches": [], "serviceWorkers": 0, "cookie": ""}
    assert context.cookies() == []
    context.close()


def test_the_privacy_notice_names_every_other_site_the_editor_may_reach(site, settings):
    """The editor's policy lets it reach GitHub; the privacy notice must say
    so, and say what the editor keeps in the volunteer's browser."""
    from urllib.parse import urlsplit

    notice = " ".join(site.html("privacy/").find("main").get_text(" ").split())
    policy = settings["SECURITY_HEADERS_OVERRIDES"]["/admin/"]["Content-Security-Policy"]
    hosts = {urlsplit(source).netloc.removeprefix("*.") for sources in policy.values() for source in sources
             if source.startswith("https://")}
    assert hosts
    for host in hosts:
        assert host in notice or host.split(".", 1)[1] in notice, host
    assert "/admin/" in notice and "local storage" in notice and "IndexedDB" in notice


def stored_once_the_editor_has_opened_its_database(page, seconds: float = 15) -> dict:
    """What the page has stored (STORED), once the editor has opened its
    IndexedDB database: the editor shows its first screen before it opens
    it (a run on a busy machine read the storage in between)."""
    deadline = time.monotonic() + seconds
    while True:
        stored = page.evaluate(STORED)
        if stored["indexedDB"] or time.monotonic() > deadline:
            return stored
        page.wait_for_timeout(100)


def test_a_style_a_bookmarklet_adds_is_blocked_as_the_statement_says(nginx_site, browser):
    """The accessibility statement's known limitation (an accessibility
    audit found it): a style added by a bookmarklet, as text-spacing tools
    add one, is refused by the pages' security policy and changes nothing."""
    page = browser.new_page()
    page.goto(f"{nginx_site}/about/")
    spacing = "getComputedStyle(document.querySelector('main p')).letterSpacing"
    before = page.evaluate(spacing)
    page.evaluate("""() => {
        const style = document.createElement('style');
        style.textContent = 'main p { letter-spacing: 0.12em !important; }';
        document.head.append(style);
    }""")
    assert page.evaluate(spacing) == before == "normal"
    page.close()
