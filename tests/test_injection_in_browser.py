"""Hostile text in plain-text fields is shown as text, runs nothing and hides
nothing, in a real browser.

A throwaway site whose titles, tags, roles and names are written to break out
of HTML (all allowed by the schema: they are plain text) is opened page type
by page type in Chromium, served two ways: with the pages' own Content
Security Policy switched off (so the escaping itself is tested, not only the
policy), and by nginx with the security headers, where the header's policy
and the page's own <meta> policy both apply. Those two cover a host that
sends no headers, like GitHub Pages: a policy only ever takes away, so
nothing runs there that ran with no policy at all, and no resource is refused
by the <meta> policy alone that nginx's visit would not also have reported.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from browser import (
    IMPRINT_PROBLEMS,
    RECORD_VIOLATIONS,
    csp_problems,
    goto_settled,
    no_http_cache,
    serve_folder,
    serve_with_nginx,
)
from conftest import MINIMAL_SITE, run_build, write_content

from plugins.structureddata.jsonld import json_for_script
from sitecore.imprint import imprint_text
from sitecore.typography import typographic

MARKER = "PWNED"  # every payload that could run says this
POST_TITLE = "A <!--<script> title"
SCRIPT_TITLE = f'</script><script>window.__pwned=1;console.log("{MARKER}")</script>'
COMMENT_TAG, TITLE_TAG = "<!--<script>", "</title><script>window.__pwned=1</script>"
COUNCILLOR = f'Jo "><img src=x onerror=alert("{MARKER}")> Bloggs'
ROLE = "A <!--<script> role"
POLICY_TITLE = "{{ 7*7 }} homes <!--<script> for everyone"
MINIFESTO_TITLE = "A <!--<script> minifesto"
PAGE_TITLE = "<style>footer{display:none}</style> About us"
PRESS_TITLE = "Press <noscript> office"
STYLE_TAG = "<style>footer{display:none}</style>"
COMMITMENT = 'Build {{ 7*7 }} council homes & "more".'

HOSTILE_FILES = {
    "posts/hello.md": f"""\
        ---
        title: '{POST_TITLE}'
        date: 2021-11-24
        category: news
        summary: 'A first post about {{{{ 7*7 }}}}, "quotes" & ampersands.'
        author: '"><img src=x onerror=alert("{MARKER}")>, Party Leader'
        tags: ['{COMMENT_TAG}', '{TITLE_TAG}', launch]
        policies: [housing]
        councillors: [jo-bloggs]
        image: images/press/alex-mays.jpg
        image_alt: 'Alex" onerror="console.log(`{MARKER}`)" x="'
        ---
        The first post's text.
        """,
    "posts/second.md": f"""\
        ---
        title: '{SCRIPT_TITLE}'
        date: 2021-11-25
        category: press-releases
        summary: 'Plain text: {{{{ 7*7 }}}} and {{% raw %}} stay as written.'
        tags: ['{STYLE_TAG}', 'first <template> tag', 'second <noscript> tag']
        ---
        The second post's text.
        """,
    "councillors/jo-bloggs.md": f"""\
        ---
        title: '{COUNCILLOR}'
        role: '{ROLE}'
        joined: 2021-08-18
        summary: 'Jo represents the {{{{ ward }}}} ward & "more".'
        council: '<style>footer{{display:none}}</style> Town Council'
        ward: '<template> ward'
        previous_party: '<noscript> party'
        region: London
        photo: images/press/sherilyn-wileman.jpg
        photo_alt: 'Jo" onload="console.log(`{MARKER}`)" x="'
        ---
        Jo's story.
        """,
    "policies/01-housing.md": f"""\
        ---
        title: '{POLICY_TITLE}'
        number: 1
        summary: 'Everyone deserves a home: {{{{ 7*7 }}}} & "more".'
        commitments:
          - '{COMMITMENT}'
        ---
        Why this matters.
        """,
    "minifesto.md": f"""\
        ---
        title: '{MINIFESTO_TITLE}'
        edition: '<noscript> edition'
        date: 2022-03-01
        summary: 'Our policies in one document, {{{{ 7*7 }}}}.'
        foreword_title: '{TITLE_TAG}'
        foreword_author: '"><img src=x onerror=alert("{MARKER}")>, Party Leader'
        closing_title: '<template>Join us'
        closing_call: Become a member today.
        keywords: ['{COMMENT_TAG}']
        ---
        The foreword.
        """,
    "pages/about.md": f"""\
        ---
        title: '{PAGE_TITLE}'
        summary: 'Who we are, {{{{ 7*7 }}}}.'
        ---
        We are a party.
        """,
    "pages/press.md": f"""\
        ---
        title: '{PRESS_TITLE}'
        summary: 'For journalists & "editors".'
        ---
        Call us.
        """,
}

# page type: (path, text its h1 must show literally, text its main content must)
# ("" where the page has nothing hostile of its own to show)
HOSTILE_PAGES = {
    "home": ("", "", POST_TITLE),
    "post": ("news/hello/", POST_TITLE, COMMENT_TAG),
    "post whose title ends a script": ("news/second/", SCRIPT_TITLE, STYLE_TAG),
    "tag page (comment)": ("news/tag/-script/", f"Posts tagged “{COMMENT_TAG}”", POST_TITLE),
    "tag page (title)": ("news/tag/window__pwned1/", f"Posts tagged “{TITLE_TAG}”", POST_TITLE),
    "category": ("news/category/news/", "", POST_TITLE),
    "news list": ("news/", "", SCRIPT_TITLE),
    "councillor": ("councillors/jo-bloggs/", COUNCILLOR, ROLE),
    "councillor index": ("councillors/", "", COUNCILLOR),
    "policy": ("policies/housing/", POLICY_TITLE, COMMITMENT),
    "policy index": ("policies/", "", POLICY_TITLE),
    "minifesto": ("minifesto/", MINIFESTO_TITLE, TITLE_TAG),
    "search": ("search/", "", ""),
    "press": ("press/", PRESS_TITLE, SCRIPT_TITLE),
    "press archive": ("press/releases/", "", SCRIPT_TITLE),
    "page": ("about/", PAGE_TITLE, ""),
}

# Anything content could have smuggled into the page as markup, and inline
# scripts (JSON-LD) that hold a "<" (which can end the script or open a comment).
INJECTED_MARKUP = """
() => [
  ...[...document.querySelectorAll('img[src="x"], [onerror], [onload], [onmouseover], body template, body style, '
                                   + 'meta[http-equiv="refresh" i], base')]
    .map(node => node.outerHTML.slice(0, 80)),
  ...[...document.scripts].filter(script => !script.src && script.text.includes('<'))
    .map(script => 'inline script with "<": ' + script.text.slice(0, 80)),
]
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, factory_cache):
    """MINIMAL_SITE with hostile text in its plain-text fields (as make_site
    builds it, once for the module)."""
    root = tmp_path_factory.mktemp("hostile")
    write_content(root / "content", {**MINIMAL_SITE, **HOSTILE_FILES})
    build = run_build(root / "content", root / "output", cache=factory_cache)
    assert build.returncode == 0, build.stderr
    return build


@pytest.fixture(scope="module")
def hostile_servers(hostile_site, tmp_path_factory):
    with serve_folder(hostile_site.output) as bare, \
            serve_with_nginx(hostile_site.output, tmp_path_factory.mktemp("nginx")) as nginx:
        yield {"bare, policy off": bare, "nginx": nginx}


@pytest.fixture(scope="module")
def pages(browser):
    """pages(kind, width, bypass_csp): one Chromium page per way the site is
    opened, navigated afresh for each visit (a new page costs more than a
    visit), with the HTTP cache off, so each visit loads everything as a
    first visit does."""
    opened = {}

    def page_for(kind: str, width: int = 1280, bypass_csp: bool = False):
        if (kind, width) not in opened:
            page = browser.new_page(viewport={"width": width, "height": 800}, bypass_csp=bypass_csp)
            no_http_cache(page)
            page.add_init_script(RECORD_VIOLATIONS)
            opened[kind, width] = page
        return opened[kind, width]

    yield page_for
    for page in opened.values():
        page.close()


class Visit:
    """One visit to a page in Chromium, with everything it tried to do."""

    def __init__(self, page, url: str):
        self.url = url
        self.page = page
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.requests: list[str] = []
        self.navigations: list[str] = []
        self.listeners = [
            ("dialog", self.on_dialog),
            ("console", lambda message: self.console.append(message.text)),
            ("request", lambda request: self.requests.append(request.url)),
            ("framenavigated",
             lambda frame: self.navigations.append(frame.url) if frame == self.page.main_frame else None),
        ]
        for event, listener in self.listeners:
            self.page.on(event, listener)
        self.response = goto_settled(self.page, url)

    def on_dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def imprint_problems(self, expected: str) -> list[str]:
        return self.page.evaluate(IMPRINT_PROBLEMS, expected)

    def injection_problems(self, check_policy: bool) -> list[str]:
        page, origin = self.page, urlsplit(self.url).netloc
        problems = [f"dialog: {message}" for message in self.dialogs]
        problems += [f"navigated to {url}" for url in self.navigations if url != self.url]
        if page.url != self.url:
            problems.append(f"ended on {page.url}")
        if page.evaluate("typeof window.__pwned") != "undefined":
            problems.append("window.__pwned is set")
        problems += [f"console: {text}" for text in self.console if MARKER in text]
        problems += [f"request to another origin: {url}" for url in self.requests
                     if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != origin]
        problems += [f"request made by injected markup: {url}" for url in self.requests if url.endswith("/x")]
        problems += [f"injected markup: {html}" for html in page.evaluate(INJECTED_MARKUP)]
        if check_policy:
            problems += [f"policy violation: {text}" for text in csp_problems(page, self.console)]
        return problems

    def text(self, selector: str) -> list[str]:
        return [" ".join(text.split()) for text in self.page.locator(selector).all_inner_texts()]

    def close(self) -> None:
        for event, listener in self.listeners:
            self.page.remove_listener(event, listener)


def test_json_in_a_script_cannot_end_it_or_open_a_comment():
    hostile = {"headline": "A <!--<script> title </script> & \u2028\u2029 \\u003c"}
    embedded = json_for_script(hostile)
    assert not set("<>&\u2028\u2029") & set(embedded)
    assert json.loads(embedded) == hostile


@pytest.mark.browser
@pytest.mark.parametrize("server", ["bare, policy off", "nginx"])
@pytest.mark.parametrize("name", list(HOSTILE_PAGES))
def test_hostile_text_is_shown_literally_and_runs_nothing(hostile_servers, pages, settings, server, name):
    path, h1, shown = HOSTILE_PAGES[name]
    # As written, but for the quotes of front matter text, which the site
    # makes typographic (sitecore/typography.py); tags keep theirs.
    h1, shown = typographic(h1), typographic(shown)
    visit = Visit(pages(server, bypass_csp=server == "bare, policy off"), f"{hostile_servers[server]}/{path}")
    try:
        assert visit.response.status == 200
        problems = visit.injection_problems(check_policy=server != "bare, policy off")
        headings = visit.text("h1")
        if len(headings) != 1 or h1 not in headings[0]:
            problems.append(f"the h1s are {headings}, expected one showing {h1!r} (was the page blanked?)")
        if shown not in " ".join(visit.text("main")):
            problems.append(f"the main content does not show {shown!r}")
        problems += [f"imprint: {problem}" for problem in visit.imprint_problems(imprint_text(settings))]
        assert problems == [], name
    finally:
        visit.close()


def test_hostile_text_is_plain_text_in_the_html(hostile_site):
    """What Chromium showed, checked once more in the files: structured data
    reads back exactly and the raw text never appears unescaped."""
    post = hostile_site.html("news/hello/")
    [data] = [json.loads(tag.string) for tag in post.find_all("script", type="application/ld+json")]
    assert data["headline"] == POST_TITLE and COMMENT_TAG in data["keywords"]
    councillor = (hostile_site.output / "councillors/jo-bloggs/index.html").read_text(encoding="utf-8")
    assert typographic(ROLE) not in councillor and typographic(COUNCILLOR) not in councillor
    for path in hostile_site.html_files():
        assert re.search(r"<!--<script", path.read_text(encoding="utf-8"), re.IGNORECASE) is None, path
