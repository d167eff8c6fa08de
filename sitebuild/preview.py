"""`invoke livereload`: a live preview for volunteers.

Serves the site on 127.0.0.1, rebuilds whenever a file in content/ or theme/
changes (watchfiles), and reloads every open page (a server-sent event, sent
after each build). The preview shows drafts and embargoed posts, labelled,
and is built into preview/, never into output/. When a change breaks the
build, the problems are printed in the terminal and shown in a box that
stays at the top of the window on every page, over the last good build; the
next good save clears them. Builds run on the main thread, so Ctrl+C during a
rebuild still removes that build's staging folder.

We do not use the livereload package: its watcher drops any save made
within three seconds of the last reload, so a quick second edit was lost.

    python -m sitebuild.preview [--port 8000] [--content DIR] [--output DIR] [--cache DIR] [--now WHEN]
"""

from __future__ import annotations

import argparse
import html
import signal
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchfiles import watch

from . import __main__ as cli
from .build import BuildFailed, build_site, load_settings

ROOT = Path(__file__).resolve().parents[1]
RELOAD_EVENTS = "/__preview/events"
RELOAD_SCRIPT = "/__preview/reload.js"
PROBLEMS_ID = "preview-build-problems"
# Reload when the server has a newer build than the one this page came from.
# After such a reload, move focus to the problems (if any), so a screen reader
# reads them first; the box itself is sticky, so it is in view however far
# down the browser scrolls the reloaded page.
RELOAD_JS = b"""(function () {
  var served = document.currentScript.dataset.build;
  var events = new EventSource("%s");
  events.onopen = function () { window.__previewConnected = true; };
  events.onmessage = function (event) {
    if (event.data === served) return;
    sessionStorage.setItem("previewReloaded", "1");
    location.reload();
  };
  document.addEventListener("DOMContentLoaded", function () {
    if (!sessionStorage.getItem("previewReloaded")) return;
    sessionStorage.removeItem("previewReloaded");
    var problems = document.getElementById("%s");
    if (problems) problems.focus({ preventScroll: true });
  });
})();
""" % (RELOAD_EVENTS.encode(), PROBLEMS_ID.encode())
# Inline, so it needs nothing from the theme: sticky at the top of the
# viewport, and never taller than half of it (it scrolls inside instead).
PROBLEMS_STYLE = (
    "position:sticky;top:0;z-index:100;max-height:50vh;overflow:auto;margin:0;padding:1rem;"
    "background:#fff3cd;color:#1b1b1f;border-bottom:4px solid #b00020;font:1rem/1.5 system-ui,sans-serif"
)


class Preview:
    """The preview folder, the number of its latest build, its problems."""

    def __init__(self, settings_file: Path, output: Path, overrides: dict):
        self.settings_file = settings_file
        self.output = output
        self.overrides = overrides  # from main(): PREVIEW_DRAFTS, and --content, --cache, --now
        self.problems: list[str] = []
        self.build_number = 0
        self.changed = threading.Condition()

    def rebuild(self) -> None:
        try:
            result = build_site(self.settings_file, self.output, self.overrides)
        except BuildFailed as failure:
            problems = failure.lines
        except Exception as error:  # a broken template: keep previewing
            problems = [f"The build failed: {type(error).__name__}: {error}"]
        else:
            problems = []
            print("Nothing changed: the preview is as it was." if result.kept
                  else f"Rebuilt the preview: {result.pages} pages.", flush=True)
        if problems:
            print("\n".join(problems), flush=True)
            print("The preview shows the last good build until you fix this.", flush=True)
        with self.changed:
            self.problems = problems
            self.build_number += 1
            self.changed.notify_all()

    def wait_for_build_after(self, number: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.build_number != number, timeout=timeout)
            return self.build_number

    def decorate(self, page: bytes) -> bytes:
        """Add the reload script, and the problems of the last build if any."""
        script = f'<script src="{RELOAD_SCRIPT}" data-build="{self.build_number}"></script>'.encode()
        page = page.replace(b"</head>", script + b"</head>", 1)
        if self.problems:
            items = "".join(f"<li>{html.escape(line)}</li>" for line in self.problems)
            # tabindex 0: it can scroll, so keyboard users must be able to reach it.
            panel = (
                f'<div id="{PROBLEMS_ID}" class="build-problems" role="alert" tabindex="0" style="{PROBLEMS_STYLE}">'
                "<strong>Your last change could not be built.</strong> Below is the last good version."
                f'<ul style="margin:.5rem 0 0">{items}</ul></div>'
            )
            page = page.replace(b"<body>", b"<body>" + panel.encode(), 1)
        return page


class PreviewHandler(SimpleHTTPRequestHandler):
    preview: Preview

    def log_message(self, *args) -> None:
        pass  # the terminal is for build messages

    def do_GET(self) -> None:
        if self.path == RELOAD_EVENTS:
            return self.send_events()
        if self.path == RELOAD_SCRIPT:
            return self.send_bytes(200, "text/javascript", RELOAD_JS)
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            target = target / "index.html"
        status = 200
        if not target.is_file():
            status, target = 404, self.preview.output / "404.html"
        if not target.is_file():  # no good build yet: still show the problems
            page = b"<!doctype html><html lang=en><head><title>Preview</title></head><body><p>No preview yet.</p></body></html>"
            return self.send_bytes(404, "text/html", self.preview.decorate(page))
        body = target.read_bytes()
        content_type = self.guess_type(str(target))
        # Not the browser editor: a reload there would lose unsaved work.
        if content_type == "text/html" and not self.path.startswith("/admin/"):
            body = self.preview.decorate(body)
        self.send_bytes(status, content_type, body)

    def send_bytes(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def send_events(self) -> None:
        """A server-sent event with the build number now, and after every build."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        number = self.preview.build_number
        try:
            while True:
                self.wfile.write(f"data: {number}\n\n".encode())
                self.wfile.flush()
                number = self.preview.wait_for_build_after(number, timeout=15)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed or reloaded


# Set by Ctrl+C or SIGTERM. Under load a Ctrl+C during a rebuild was seen to
# be lost inside the build (the build finished, the preview went on): the
# flag makes sure the preview stops once that build is done.
stop_requested = threading.Event()


class ContentWatcher:
    """Watches the content, theme and settings on a thread of its own, from
    before the first build: a save made while the preview starts (or while it
    builds) is never missed, it just makes the next build."""

    def __init__(self, paths: list[Path]):
        self.paths = paths
        self.saved = threading.Event()
        self.watching = threading.Event()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.error: BaseException | None = None

    def start(self) -> None:
        self.thread.start()
        self.watching.wait()
        self.raise_if_failed()

    def raise_if_failed(self) -> None:
        if self.error:
            raise RuntimeError(f"could not watch {', '.join(map(str, self.paths))} for changes") from self.error

    def run(self) -> None:
        # yield_on_timeout: the first (empty) answer comes once watchfiles
        # has its watches in place, which is when `start` may return.
        try:
            for changes in watch(*self.paths, debounce=200, rust_timeout=100, yield_on_timeout=True,
                                 stop_event=self.stop, raise_interrupt=False):
                self.watching.set()
                if changes:
                    self.saved.set()
        except BaseException as error:
            self.error = error
            raise
        finally:
            self.watching.set()  # `start` must not wait for a watcher that failed

    def wait_for_a_save(self) -> None:
        # A short timeout keeps the main thread free to take Ctrl+C, and
        # notices a watcher that has stopped (rather than wait for ever).
        while not self.saved.wait(timeout=0.5):
            self.raise_if_failed()
        self.saved.clear()


def watch_and_rebuild(preview: Preview, watcher: ContentWatcher) -> None:
    while True:
        watcher.wait_for_a_save()
        preview.rebuild()
        if stop_requested.is_set():
            raise KeyboardInterrupt


def stop_on_signal(signum, frame) -> None:
    stop_requested.set()
    raise KeyboardInterrupt  # so a terminated preview tidies up as after Ctrl+C


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="sitebuild.preview", description="Live preview with drafts.")
    parser.add_argument("--settings", default=str(ROOT / "pelicanconf.py"))
    parser.add_argument("--content", help="content folder (default: PATH in the settings file)")
    parser.add_argument("--output", default=str(ROOT / "preview"), help="where the preview is built")
    parser.add_argument("--cache", help="cache folder (default: CACHE_PATH in the settings file)")
    parser.add_argument("--now", type=cli.moment, help="treat this moment as now for embargoes, in every build "
                                                       "(YYYY-MM-DD HH:MM, UK time)")
    parser.add_argument("--port", type=int, default=8000)
    return parser.parse_args(argv)


def main(argv=None) -> int:
    """Builds run on the main thread, where Ctrl+C lands: an interrupted build
    then removes its staging folder (build_site) before the preview exits."""
    args = parse_args(argv)
    cli.init_logging(debug=False)
    signal.signal(signal.SIGTERM, stop_on_signal)
    signal.signal(signal.SIGINT, stop_on_signal)
    overrides = cli.overrides_from(argparse.Namespace(content=args.content, cache=args.cache, drafts=True,
                                                      now=args.now))
    preview = Preview(Path(args.settings), Path(args.output).resolve(), overrides)
    settings = load_settings(args.settings, overrides)
    # Content, theme and settings are read afresh by every build; plugin code
    # is not reloaded, so changing it needs a restart.
    watched = [Path(settings["PATH"]), Path(settings["THEME"]), Path(args.settings).resolve()]
    handler = type("Handler", (PreviewHandler,), {"preview": preview})
    watcher = ContentWatcher(watched)
    server = None
    try:
        watcher.start()
        preview.rebuild()
        server = ThreadingHTTPServer(("127.0.0.1", args.port), partial(handler, directory=str(preview.output)))
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(f"Preview at http://127.0.0.1:{args.port}/ : save a file and the page reloads. Ctrl+C stops.",
              flush=True)
        watch_and_rebuild(preview, watcher)
    except KeyboardInterrupt:
        print("Preview stopped.", flush=True)
    finally:
        watcher.stop.set()
        if server:
            server.shutdown()
            server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
