"""One visit to each page of the real site as a reader's browser makes it,
served by nginx with the security headers the build wrote, with the page's
own Content Security Policy in force and the HTTP cache off (everything is
requested, as on a first visit). Several test modules check what a visit
saw (conftest.py: `reader_visits`); a page load costs Chromium more than
most checks, so each page is visited once, by one test process
(conftest.py: SHARED_OUT_TOGETHER)."""

from __future__ import annotations

from contextlib import contextmanager

from browser import BOX_PROBLEMS, IMPRINT_PROBLEMS, RECORD_VIOLATIONS, csp_problems, goto_settled, no_http_cache
from conftest import REPO

AXE = REPO / "node_modules/axe-core/axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = (320, 1280)
# How far the page scrolls sideways.
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.2 AA violations on `page` as it is now (after a
    test has brought it to a state no visit sees), each "id: help"."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
                         ".then(result => result.violations.map(v => v.id + ': ' + v.help))", WCAG_22_AA)


class ReaderVisits:
    """reader_visits(path) -> what the visit to `path` saw:
    status, headers, requests and scripts (URLs), cookies (the response's
    Set-Cookie, document.cookie, the browser's cookie jar), policy
    violations, how far the page scrolls sideways at 320 px (with the text
    at its size and twice as large), and at each
    width the imprint's problems, the problems of boxes that must fit
    (browser.py: BOX_PROBLEMS), the empty space under the footer and
    axe-core's WCAG 2.2 AA violations."""

    def __init__(self, browser, base_url: str, imprint: str):
        self.base_url = base_url
        self.imprint = imprint
        self.context = browser.new_context(viewport={"width": WIDTHS[0], "height": 800})
        self.page = self.context.new_page()
        no_http_cache(self.page)
        self.page.add_init_script(RECORD_VIOLATIONS)
        self.console: list[str] = []
        self.page.on("console", lambda message: self.console.append(message.text))
        self.axe = AXE.read_text(encoding="utf-8")
        self.seen: dict[str, dict] = {}

    def __call__(self, path: str) -> dict:
        if path not in self.seen:
            self.seen[path] = self.visit(path)
        return self.seen[path]

    def visit(self, path: str) -> dict:
        page, requests = self.page, []

        def record(request) -> None:
            requests.append(request)

        self.console.clear()
        page.set_viewport_size({"width": WIDTHS[0], "height": 800})
        page.on("request", record)
        try:
            response = goto_settled(page, f"{self.base_url}/{path}")
        finally:
            page.remove_listener("request", record)
        seen = {
            "status": response.status,
            "headers": response.headers,
            "requests": [request.url for request in requests],
            "scripts": [request.url for request in requests if request.resource_type == "script"],
            "cookies": [response.headers.get("set-cookie"), page.evaluate("document.cookie"), self.context.cookies()],
            "policy violations": csp_problems(page, self.console),
            "overflow at 320": page.evaluate(OVERFLOW),
        }
        # The reader's text twice as large (a phone's text size setting; set
        # through the CSSOM, which the page's policy allows): a date field's
        # own width made the press archive scroll sideways.
        seen["overflow at 320, text 200%"] = page.evaluate(
            f"() => {{ const root = document.documentElement; root.style.fontSize = '200%';"
            f" const overflow = ({OVERFLOW}); root.style.fontSize = ''; return overflow; }}")
        # Evaluated by the browser's debugger, which the page's policy does
        # not govern (a <script> added to the page would be refused).
        page.evaluate(self.axe)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            seen[f"imprint at {width}"] = page.evaluate(IMPRINT_PROBLEMS, self.imprint)
            seen[f"boxes at {width}"] = page.evaluate(BOX_PROBLEMS)
            # The window's height not filled by the page, under its footer.
            seen[f"space under the footer at {width}"] = page.evaluate(
                "innerHeight - (document.querySelector('body > footer').getBoundingClientRect().bottom + scrollY)")
            # resultTypes: only the violations are read, so axe-core works out
            # the details (selectors) of the passes for one element each.
            seen[f"axe at {width}"] = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
                ".then(result => result.violations)", WCAG_22_AA)
        return seen

    def close(self) -> None:
        self.context.close()


def visit_problems(visits: ReaderVisits, pages: dict[str, str]) -> list[tuple]:
    """What the visits to `pages` (name -> path) found wrong: a status other
    than 200, a sideways scroll at 320 px (text at 100% or 200%), and at each width axe-core's
    violations and the problems of the imprint and of boxes that must fit."""
    problems = []
    for name, path in pages.items():
        seen = visits(path)
        if seen["status"] != 200 or seen["overflow at 320"] > 0 or seen["overflow at 320, text 200%"] > 0:
            problems.append((name, seen["status"], seen["overflow at 320"], seen["overflow at 320, text 200%"]))
        for width in WIDTHS:
            problems += [(name, check, width, seen[f"{check} at {width}"])
                         for check in ("axe", "imprint", "boxes") if seen[f"{check} at {width}"]]
    return problems


@contextmanager
def visits_to_built_site(browser, folder, settings):
    """ReaderVisits to a site built into `folder` (a throwaway site's), served
    as the tests serve a folder, with the imprint the settings give."""
    from browser import serve_folder

    from sitecore.imprint import imprint_text

    with serve_folder(folder) as base:
        visits = ReaderVisits(browser, base, imprint_text(settings))
        try:
            yield visits
        finally:
            visits.close()


def problems_of_built_pages(browser, folder, settings, pages: dict[str, str]) -> list[tuple]:
    """visit_problems of `pages` (name -> path) of the site built into `folder`."""
    with visits_to_built_site(browser, folder, settings) as visits:
        return visit_problems(visits, pages)
