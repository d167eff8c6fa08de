"""What the allowlist publishes runs nothing and hides nothing, in Chromium.

The build refuses every hostile body (tests/test_untrusted_content.py). This
checks the second line of defence: if a refusal were ever missed, the HTML
that nh3 lets through for each case from the security review is put into a
real post page, which is opened in Chromium bare (as GitHub Pages serves it,
with the page's own CSP meta tag removed, so the sanitiser alone is tested)
and with the pages' policy. As a control, the raw payloads are shown to do
harm in the same harness, so the test can tell.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from browser import chromium, goto_settled, serve_folder

from sitecore.html_sanitiser import clean
from sitecore.imprint import imprint_text

pytestmark = pytest.mark.browser

MARKER = "PWNED"
PAYLOADS = {
    "refresh behind <!-->": '<!--> <meta http-equiv="refresh" content="0;url=https://evil.example/"> -->',
    "script behind <!-->": f'<!--> <script>console.log("{MARKER}");window.__pwned=1</script> -->',
    "noscript break-out": f'<noscript><p title="</noscript><img src=x onerror=console.log(\'{MARKER}\')>">',
    "unclosed template": "<template><p>The rest of the page is swallowed",
    "title in a div": "<div><title>The rest of the page",
    "unclosed select": "<select><option>The rest of the page",
    "style element": "<style>footer, footer * {color: transparent !important; display: none !important}</style>",
    "style attribute": '<p style="position:fixed;inset:0;background:white;z-index:9">Cover</p>',
    "svg onload": f"<svg onload=\"console.log('{MARKER}')\"></svg>",
    "javascript link": f"<a href=\"javascript:console.log('{MARKER}')\" id=clickme>x</a>",
    "linked stylesheet": '<link rel="stylesheet" href="https://evil.example/x.css">',
    "remote image": '<img src="https://evil.example/pixel.gif" alt="x">',
    "base": '<base href="https://evil.example/">',
}
META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')


def page_with(template_page: str, body_html: str, keep_csp: bool) -> str:
    page = template_page if keep_csp else META_CSP.sub("", template_page)
    start = page.index('<div class="prose">') + len('<div class="prose">')
    end = page.index("</div>", start)
    return page[:start] + body_html + page[end:]


def visit(page, url: str, expect_navigation: bool = False) -> dict:
    """Open `url` in `page` (one page serves every visit: a new page costs
    more than a visit); report what a payload could have done. With
    `expect_navigation` (the harness's own check), wait for the page to go."""
    seen = {"dialogs": [], "console": [], "foreign": [], "navigations": []}
    origin = urlsplit(url).netloc

    def route(request_route):
        if urlsplit(request_route.request.url).netloc not in (origin, ""):
            seen["foreign"].append(request_route.request.url)
            return request_route.abort()
        return request_route.continue_()

    listeners = [
        ("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss())),
        ("console", lambda message: seen["console"].append(message.text)),
        ("framenavigated", lambda frame: seen["navigations"].append(frame.url) if frame == page.main_frame else None),
    ]
    # Routing every request also turns the HTTP cache off: each visit loads everything.
    page.route("**/*", route)
    for event, listener in listeners:
        page.on(event, listener)
    try:
        return look(page, url, seen, expect_navigation)
    finally:
        page.unroute("**/*", route)
        for event, listener in listeners:
            page.remove_listener(event, listener)


def look(page, url: str, seen: dict, expect_navigation: bool = False) -> dict:
    # Until no request has been in flight for a while after the load: a meta
    # refresh of 0 s starts its navigation (a request) as the page loads.
    goto_settled(page, url)
    if expect_navigation:  # on a busy machine it may start later
        page.wait_for_url(lambda now: now != url, timeout=10_000)
    if page.locator("#clickme").count():
        page.locator("#clickme").click()
    seen["pwned"] = page.evaluate("window.__pwned === 1")
    seen["url"] = page.url
    seen["imprint_visible"] = page.evaluate("""() => {
        const el = document.querySelector('[data-imprint]');
        if (!el) return false;
        const style = getComputedStyle(el), box = el.getBoundingClientRect();
        return style.display !== 'none' && style.visibility === 'visible' && style.opacity === '1'
            && style.color !== 'rgba(0, 0, 0, 0)' && box.width > 0 && box.height > 0 && el.innerText.length > 0;
    }""")
    seen["imprint_text"] = page.evaluate("document.querySelector('[data-imprint]')?.innerText || ''")
    return seen


def harmed(seen: dict, url: str) -> list[str]:
    harms = []
    if seen["dialogs"]:
        harms.append(f"dialog {seen['dialogs']}")
    if any(MARKER in line for line in seen["console"]) or seen["pwned"]:
        harms.append("script ran")
    if seen["foreign"]:
        harms.append(f"requests to other sites {seen['foreign']}")
    if seen["url"] != url:
        harms.append(f"navigated to {seen['url']}")
    if not seen["imprint_visible"]:
        harms.append("imprint hidden")
    return harms


@pytest.fixture(scope="module")
def harness(site, tmp_path_factory):
    """A copy of one real post page per payload, raw and cleaned, with and without its CSP."""
    folder = tmp_path_factory.mktemp("sanitised-pages")
    # A post's page (news/2021/ is the news of a year: no post's text).
    template = next(text for text in (p.read_text(encoding="utf-8") for p in sorted(site.output.glob("news/*/index.html")))
                    if '<div class="prose">' in text)
    for number, payload in enumerate(PAYLOADS.values()):
        for variant, html in (("raw", payload), ("clean", clean(payload))):
            for csp in (True, False):
                page = folder / f"{variant}-{number}-{'csp' if csp else 'bare'}.html"
                page.write_text(page_with(template, html, keep_csp=csp), encoding="utf-8")
    with serve_folder(folder) as base, chromium() as browser:
        page = browser.new_page()
        yield base, page
        page.close()


@pytest.mark.parametrize("csp", ["bare", "csp"])
@pytest.mark.parametrize("case", list(PAYLOADS))
def test_published_html_is_harmless(harness, settings, case, csp):
    base, page = harness
    url = f"{base}/clean-{list(PAYLOADS).index(case)}-{csp}.html"
    seen = visit(page, url)
    assert harmed(seen, url) == []
    assert seen["imprint_text"] == imprint_text(settings)


def test_the_harness_sees_harm_when_nothing_is_cleaned(harness):
    """The same pages with the raw payloads (no CSP): the checks above would fail."""
    base, page = harness
    names = list(PAYLOADS)
    expectations = {
        "refresh behind <!-->": "navigated",
        "script behind <!-->": "script ran",
        "unclosed template": "imprint hidden",
        "style element": "imprint hidden",
        "remote image": "requests to other sites",
    }
    for case, harm in expectations.items():
        url = f"{base}/raw-{names.index(case)}-bare.html"
        seen = visit(page, url, expect_navigation=harm == "navigated")
        assert any(h.startswith(harm) for h in harmed(seen, url)), case
