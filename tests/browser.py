"""Helpers for browser tests: serve a built site on 127.0.0.1, drive Debian's
Chromium with Playwright (never a browser Playwright downloads itself)."""

from __future__ import annotations

import functools
import os
import shutil
import socket
import subprocess
import threading
import time
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# Debian's build of Chromium's headless shell (package chromium-headless-shell,
# from the same chromium source and version as Debian's browser): the engine
# without the desktop browser around it, which is what Playwright itself runs
# for headless tests. The whole suite passed with either, and the shell took
# 26% less CPU on the browser tests (axe on every page type: 48.6 s → 35.8 s).
CHROMIUM = shutil.which("chromium-headless-shell") or "/usr/bin/chromium-headless-shell"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# Without the networking flags Chromium tries to reach Google's services,
# which this machine's closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
] + os.environ.get("XARGS", "").split()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve_folder(folder: Path):
    """Serve `folder` on a free port of 127.0.0.1; yield the base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# One Chromium per test process, launched when a test first needs it and
# closed when the session ends (conftest.py): tests open their own pages and
# contexts in it and close them, so nothing carries over from one to the next.
_playwright = None
_browser = None


@contextmanager
def chromium():
    """The test process's headless Chromium."""
    global _playwright, _browser
    if _browser is None or not _browser.is_connected():
        from playwright.sync_api import sync_playwright

        if _playwright is None:
            _playwright = sync_playwright().start()
        _browser = _playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield _browser


def no_http_cache(page) -> None:
    """Turn off the HTTP cache for `page`: a page reused for many visits then
    loads everything at each, as a first visit would, and every request shows."""
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.setCacheDisabled", {"cacheDisabled": True})


def goto_settled(page, url: str, quiet_seconds: float = 0.15, timeout: float = 20):
    """`page.goto(url)`, then wait until no request has been in flight for
    `quiet_seconds`, so every request the page makes by itself is seen.
    Playwright's own wait for this ("networkidle") waits 500 ms, which was
    half the time of the browser tests. Returns the page's response."""
    in_flight: set = set()
    last_change = [time.monotonic()]

    def started(request) -> None:
        in_flight.add(request)
        last_change[0] = time.monotonic()

    def ended(request) -> None:
        in_flight.discard(request)
        last_change[0] = time.monotonic()

    listeners = [("request", started), ("requestfinished", ended), ("requestfailed", ended)]
    for event, listener in listeners:
        page.on(event, listener)
    try:
        response = page.goto(url, wait_until="load")
        deadline = time.monotonic() + timeout
        while in_flight or time.monotonic() - last_change[0] < quiet_seconds:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url}: still loading {[request.url for request in in_flight]}")
            page.wait_for_timeout(20)  # Playwright delivers the page's events meanwhile
    finally:
        for event, listener in listeners:
            page.remove_listener(event, listener)
    return response


def close_chromium() -> None:
    global _playwright, _browser
    if _browser is not None:
        _browser.close()
    if _playwright is not None:
        _playwright.stop()
    _playwright = _browser = None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_server(port: int, process, what: str, seconds: float = 60) -> None:
    """Wait until `process` listens on 127.0.0.1:port; fail with its output if
    it exits or takes too long."""
    import pytest

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    process.kill()
    output = process.communicate()[0] if process.stdout else ""
    pytest.fail(f"{what} did not start:\n{output}")


@contextmanager
def serve_with_nginx(folder: Path, prefix: Path, also_include: tuple[str, ...] = ()):
    """Serve a built site with Debian's nginx and the security-headers snippet
    the build wrote (as a production host would), and the other snippets
    `also_include` names (paths in the site); nginx keeps its files in
    `prefix`. Yield the base URL."""
    port = free_port()
    # As root (CI), nginx's workers would drop to "nobody", who cannot read
    # pytest's private temporary folders.
    user = "user root;" if os.geteuid() == 0 else ""
    (prefix / "nginx.conf").write_text(f"""
{user}
worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
events {{}}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {folder};
        include {folder}/_server/nginx-security-headers.conf;
        {"".join(f"include {folder}/{snippet};" for snippet in also_include)}
    }}
}}
""")
    process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wait_for_server(port, process, "nginx")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


# Record violations as the page reports them (before any script of ours runs).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def csp_problems(page, console) -> list[str]:
    reported = page.evaluate("window.__cspViolations")
    return reported + [text for text in console if "Content Security Policy" in text]


# Why an imprint a reader cannot see, as a list of reasons (empty: visible).
IMPRINT_PROBLEMS = """
(expected) => {
  const imprint = document.querySelector('footer [data-imprint]');
  if (!imprint) return ['no footer [data-imprint] element'];
  imprint.scrollIntoView({block: 'center', behavior: 'instant'});  // the site scrolls smoothly
  const problems = [];
  const name = (node) => '<' + node.tagName.toLowerCase() + (node.className ? '.' + node.className : '') + '>';
  const alpha = (colour) => { const parts = colour.match(/[\\d.]+/g) || []; return parts.length > 3 ? +parts[3] : 1; };
  let opacity = 1, background = null;
  for (let node = imprint; node; node = node.parentElement) {
    const style = getComputedStyle(node);
    if (style.display === 'none') problems.push('display: none on ' + name(node));
    if (style.clipPath !== 'none') problems.push('clip-path on ' + name(node));
    opacity *= parseFloat(style.opacity);
    if (!background && alpha(style.backgroundColor) > 0) background = style.backgroundColor;
  }
  const style = getComputedStyle(imprint);
  if (style.visibility !== 'visible') problems.push('visibility: ' + style.visibility);
  if (opacity !== 1) problems.push('opacity ' + opacity);
  if (alpha(style.color) < 1) problems.push('transparent colour ' + style.color);
  if (style.color === (background || 'rgb(255, 255, 255)')) problems.push('colour same as background ' + style.color);
  if (parseFloat(style.fontSize) < 12) problems.push('font-size ' + style.fontSize);
  if (!imprint.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) problems.push('checkVisibility() is false');
  const box = imprint.getBoundingClientRect();
  if (box.width < 1 || box.height < 1) problems.push('empty box ' + box.width + 'x' + box.height);
  if (box.left < 0 || box.right > document.documentElement.clientWidth + 0.5) problems.push('off-screen sideways');
  if (box.top < 0 || box.bottom > innerHeight + 0.5) problems.push('off-screen after scrolling to it');
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  if (!hit || !(hit === imprint || imprint.contains(hit))) problems.push('covered by ' + (hit ? name(hit) : 'nothing'));
  const text = imprint.innerText.replace(/\\s+/g, ' ').trim();
  if (!text.includes(expected)) problems.push('its text is ' + JSON.stringify(text));
  return problems;
}
"""


# Boxes that must fit at every width (issue 13): each policy number badge is
# a circle holding its digits; each email address (and each address a
# "How to cite" line shows) stays inside its box and, if it must wrap, wraps
# only after "@" or "/" or before a dot, never mid-word.
# Returns a list of problems, each naming the element.
BOX_PROBLEMS = """
() => {
  const problems = [];
  const label = (node) => node.tagName.toLowerCase() + (node.className ? '.' + node.className : '')
                          + ' "' + node.textContent.trim().slice(0, 40) + '"';
  for (const badge of document.querySelectorAll('.policy-number')) {
    const box = badge.getBoundingClientRect();
    if (badge.scrollWidth > badge.clientWidth || badge.scrollHeight > badge.clientHeight)
      problems.push(label(badge) + ': its digits spill out');
    if (Math.abs(box.width - box.height) > 1) problems.push(label(badge) + ': an oval ' + box.width + 'x' + box.height);
  }
  for (const link of document.querySelectorAll('a[href^="mailto:"], .how-to-cite a')) {
    let container = link.parentElement;
    while (getComputedStyle(container).display.startsWith('inline')) container = container.parentElement;
    const outer = container.getBoundingClientRect(), box = link.getBoundingClientRect();
    if (box.right > outer.right + 0.5 || box.left < outer.left - 0.5) problems.push(label(link) + ': outside its box');
    if (container.scrollWidth > container.clientWidth) problems.push(label(container) + ': scrolls sideways');
    const characters = [];
    const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.data.length; i++) {
        const range = document.createRange();
        range.setStart(node, i); range.setEnd(node, i + 1);
        characters.push([node.data[i], range.getBoundingClientRect().top]);
      }
    }
    for (let i = 1; i < characters.length; i++) {
      const [before, top] = characters[i - 1], [after, nextTop] = characters[i];
      if (nextTop > top + 2 && !(before === '@' || before === '/' || after === '.'))
        problems.push(label(link) + ': wraps between "' + before + '" and "' + after + '"');
    }
  }
  return problems;
}
"""
