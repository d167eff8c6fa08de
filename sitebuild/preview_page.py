"""What the live preview adds to each page it serves: the reload script, and the last build's problems or warnings.

When a change breaks the build, its problems are shown in a box that stays
at the top of the window on every page, over the last good build; the next
good save clears them. A good build's warnings (something to look at, which
does not stop the build: sitecore.problems) are listed at the top of every
page too, in a box that scrolls away with the page and takes no focus.
"""

from __future__ import annotations

import html

RELOAD_EVENTS = "/__preview/events"
RELOAD_SCRIPT = "/__preview/reload.js"
PROBLEMS_ID = "preview-build-problems"
# Each page carries its version (what it was served from: the page's file and
# the build's problems, hashed). After every step of the preview, the event
# stream sends the version this page has now; the page reloads if that
# differs: only the pages a save changed reload, each once. After such a
# reload, move focus to the problems (if any), so a screen reader reads them
# first; the box itself is sticky, so it is in view however far down the
# browser scrolls the reloaded page. A sticky box covers what scrolls under
# it, so the page's scroll padding is the box's height: a link or field that
# keyboard focus moves to is scrolled into view below the box, never hidden
# behind it (WCAG 2.4.11).
RELOAD_JS = b"""(function () {
  var served = document.currentScript.dataset.version;
  var events = new EventSource("%s?page=" + encodeURIComponent(location.pathname));
  events.onopen = function () { window.__previewConnected = true; };
  events.onmessage = function (event) {
    if (event.data === served) return;
    sessionStorage.setItem("previewReloaded", "1");
    location.reload();
  };
  document.addEventListener("DOMContentLoaded", function () {
    var reloaded = sessionStorage.getItem("previewReloaded");
    sessionStorage.removeItem("previewReloaded");
    var problems = document.getElementById("%s");
    if (!problems) return;
    function keepFocusInView() {
      document.documentElement.style.scrollPaddingTop = problems.offsetHeight + "px";
    }
    keepFocusInView();
    window.addEventListener("resize", keepFocusInView);
    if (reloaded) problems.focus({ preventScroll: true });
  });
})();
""" % (RELOAD_EVENTS.encode(), PROBLEMS_ID.encode())
# Inline, so it needs nothing from the theme: sticky at the top of the
# viewport, and never taller than half of it (it scrolls inside instead).
# Above the page, but below the theme's skip link (z-index 10), which shows
# at the top of the window when focused.
PROBLEMS_STYLE = (
    "position:sticky;top:0;z-index:5;max-height:50vh;overflow:auto;margin:0;padding:1rem;"
    "background:#fff3cd;color:#1b1b1f;border-bottom:4px solid #b00020;font:1rem/1.5 system-ui,sans-serif"
)


WARNINGS_ID = "preview-build-warnings"
WARNINGS_STYLE = (
    "margin:0;padding:1rem;background:#e8f0fe;color:#1b1b1f;border-bottom:4px solid #1a4fa0;"
    "font:1rem/1.5 system-ui,sans-serif"
)


def decorate(page: bytes, version: str, problems: list[str], warnings: list[str] = ()) -> bytes:
    """Add the reload script, and the problems of the last build if any, or
    else the warnings of the last good one; `version` is what the page
    served shows (Preview.version)."""
    script = f'<script src="{RELOAD_SCRIPT}" data-version="{version}"></script>'.encode()
    page = page.replace(b"</head>", script + b"</head>", 1)
    if problems:
        # tabindex 0: it can scroll, so keyboard users must be able to reach it.
        page = with_panel(page, f'id="{PROBLEMS_ID}" class="build-problems" role="alert" tabindex="0" '
                                f'style="{PROBLEMS_STYLE}"',
                          "<strong>Your last change could not be built.</strong> Below is the last good version.",
                          problems)
    elif warnings:
        page = with_panel(page, f'id="{WARNINGS_ID}" class="build-warnings" role="status" style="{WARNINGS_STYLE}"',
                          "<strong>Your site builds, but something needs a look:</strong>", warnings)
    return page


def with_panel(page: bytes, attributes: str, heading: str, lines: list[str]) -> bytes:
    """`page` with a box of `lines` at the top of its body."""
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    panel = f'<div {attributes}>{heading}<ul style="margin:.5rem 0 0">{items}</ul></div>'
    return page.replace(b"<body>", b"<body>" + panel.encode(), 1)
