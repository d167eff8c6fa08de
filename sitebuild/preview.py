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
import hashlib
import html
import json
import signal
import sys
import threading
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from pelican import signals
from watchfiles import watch

from . import __main__ as cli
from .build import BuildFailed, build_site, load_settings
from .quick_page import WarmSite, keeping_generators, put_back

ROOT = Path(__file__).resolve().parents[1]
RELOAD_EVENTS = "/__preview/events"
RELOAD_SCRIPT = "/__preview/reload.js"
STATUS = "/__preview/status"
PROBLEMS_ID = "preview-build-problems"
# Each page carries its version (what it was served from: the page's file and
# the build's problems, hashed). After every step of the preview, the event
# stream sends the version this page has now; the page reloads if that
# differs: only the pages a save changed reload, each once. After such a
# reload, move focus to the problems (if any), so a screen reader reads them
# first; the box itself is sticky, so it is in view however far down the
# browser scrolls the reloaded page.
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
    if (!sessionStorage.getItem("previewReloaded")) return;
    sessionStorage.removeItem("previewReloaded");
    var problems = document.getElementById("%s");
    if (problems) problems.focus({ preventScroll: true });
  });
})();
""" % (RELOAD_EVENTS.encode(), PROBLEMS_ID.encode())
NO_PREVIEW_YET = (b"<!doctype html><html lang=en><head><title>Preview</title></head>"
                  b"<body><p>No preview yet.</p></body></html>")
# Inline, so it needs nothing from the theme: sticky at the top of the
# viewport, and never taller than half of it (it scrolls inside instead).
PROBLEMS_STYLE = (
    "position:sticky;top:0;z-index:100;max-height:50vh;overflow:auto;margin:0;padding:1rem;"
    "background:#fff3cd;color:#1b1b1f;border-bottom:4px solid #b00020;font:1rem/1.5 system-ui,sans-serif"
)


class SavedAgain(BaseException):
    """Stops a full build when another save comes (sitebuild.build removes its
    staging folder). A BaseException, so that Pelican, which logs and skips
    a file whose reading raises an Exception, lets it through."""


@contextmanager
def stopping_when(saved_again):
    """While a build runs in this block, stop it with SavedAgain as soon as
    `saved_again()` is true: checked as each file is read and each page
    written, and between the build's steps (its start, once everything is
    read, before writing)."""
    def check(*arguments, **options) -> None:
        if saved_again():
            raise SavedAgain()

    checkpoints = (signals.initialized, signals.content_object_init, signals.all_generators_finalized,
                   signals.get_writer, signals.content_written)
    for checkpoint in checkpoints:
        checkpoint.connect(check, weak=False)
    try:
        yield
    finally:
        for checkpoint in checkpoints:
            checkpoint.disconnect(check)


class Preview:
    """The preview folder, the number of its latest build, its problems, and
    the last good build's generators (for the quick step: quick_page.py)."""

    def __init__(self, settings_file: Path, output: Path, overrides: dict):
        self.settings_file = settings_file
        self.output = output
        self.overrides = overrides  # from main(): PREVIEW_DRAFTS, and --content, --cache, --now
        self.problems: list[str] = []
        self.build_number = 0
        self.changed = threading.Condition()
        self.building = False
        self.quick_steps = 0
        self.warm: WarmSite | None = None
        # Pages the quick step replaced since the last full build, as they
        # were: put back if the full build fails, so that the preview shows
        # the last good build under its problems, as it promises.
        self.unbuilt: dict[str, bytes | None] = {}

    def rebuild(self, saved: set[Path] | None = None, saved_again=lambda: False) -> None:
        """Show the saved files' pages at once if the quick step can, then
        build everything; a build that another save interrupts is dropped
        (that save starts the next round)."""
        with self.changed:
            self.building = True
        if saved:
            self.show_quickly(saved)
        try:
            # An unchanged site is kept only while the quick step has the
            # generators of a build: else this build is the way to get them.
            with keeping_generators() as kept, stopping_when(saved_again):
                result = build_site(self.settings_file, self.output, self.overrides,
                                    keep_unchanged=self.warm is not None)
        except SavedAgain:
            print("Saved again: starting over.", flush=True)
            return
        except BuildFailed as failure:
            problems = failure.lines
        except Exception as error:  # a broken template: keep previewing
            problems = [f"The build failed: {type(error).__name__}: {error}"]
        else:
            problems = []
            print("Nothing changed: the preview is as it was." if result.kept
                  else f"Rebuilt the preview: {result.pages} pages.", flush=True)
            if kept:
                self.warm = WarmSite(kept[0])
            self.unbuilt = {}
        if problems:
            self.warm = None
            put_back(self.output, self.unbuilt)
            self.unbuilt = {}
            print("\n".join(problems), flush=True)
            print("The preview shows the last good build until you fix this.", flush=True)
        self.announce(problems, building=False)

    def show_quickly(self, saved: set[Path]) -> None:
        """The quick step (quick_page.py), when the last build was good;
        without it, the kept generators may have missed this save: drop them."""
        shown = self.warm.show(saved, self.output) if self.warm and not self.problems else None
        if shown is None:
            self.warm = None
            return
        for name, before in shown.items():
            self.unbuilt.setdefault(name, before)
        print(f"Showing your change: {', '.join(shown)} (the rest of the preview follows).", flush=True)
        self.quick_steps += 1
        self.announce([], building=True)

    def announce(self, problems: list[str], building: bool) -> None:
        """A new state of the preview: the pages it changed reload (PreviewHandler.send_events)."""
        with self.changed:
            self.problems, self.building = problems, building
            self.build_number += 1
            self.changed.notify_all()

    def wait_for_build_after(self, number: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.build_number != number, timeout=timeout)
            return self.build_number

    def version(self, page: bytes) -> str:
        """What a page served now shows: its file and the build's problems."""
        digest = hashlib.sha256(page)
        for line in self.problems:
            digest.update(b"\0" + line.encode("utf-8"))
        return digest.hexdigest()[:16]

    def status(self) -> dict:
        """GET /__preview/status: how many steps so far, whether one is under
        way, the problems shown, and how many saves the quick step showed
        (for tools and tests that wait on it)."""
        with self.changed:
            return {"number": self.build_number, "building": self.building, "problems": self.problems,
                    "quick": self.quick_steps}

    def decorate(self, page: bytes) -> bytes:
        """Add the reload script, and the problems of the last build if any."""
        script = f'<script src="{RELOAD_SCRIPT}" data-version="{self.version(page)}"></script>'.encode()
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
        address = urlsplit(self.path)
        if address.path == RELOAD_EVENTS:
            return self.send_events(parse_qs(address.query).get("page", ["/"])[0])
        if address.path == RELOAD_SCRIPT:
            return self.send_bytes(200, "text/javascript", RELOAD_JS)
        if address.path == STATUS:
            return self.send_bytes(200, "application/json", json.dumps(self.preview.status()).encode())
        status, target = self.find(self.path)
        if target is None:  # no good build yet: still show the problems
            return self.send_bytes(404, "text/html", self.preview.decorate(NO_PREVIEW_YET))
        body = target.read_bytes()
        content_type = self.guess_type(str(target))
        # Not the browser editor: a reload there would lose unsaved work.
        if content_type == "text/html" and not self.path.startswith("/admin/"):
            body = self.preview.decorate(body)
        self.send_bytes(status, content_type, body)

    def find(self, path: str) -> tuple[int, Path | None]:
        """The HTTP status and the file served for `path` (None: no build yet)."""
        target = Path(self.translate_path(path))
        if target.is_dir():
            target = target / "index.html"
        if target.is_file():
            return 200, target
        target = self.preview.output / "404.html"
        return 404, target if target.is_file() else None

    def page_now(self, path: str) -> bytes:
        _, target = self.find(path)
        try:
            return target.read_bytes() if target else NO_PREVIEW_YET
        except FileNotFoundError:  # replaced as we looked: the next event has it
            return b""

    def send_bytes(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def send_events(self, page: str) -> None:
        """Server-sent events with the version `page` has now (Preview.version),
        at once and after every step of the preview."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        number = self.preview.build_number
        try:
            while True:
                self.wfile.write(f"data: {self.preview.version(self.page_now(page))}\n\n".encode())
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
        self.saved_paths: set[Path] = set()
        self.lock = threading.Lock()
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
                    with self.lock:
                        self.saved_paths.update(Path(path) for _, path in changes)
                    self.saved.set()
        except BaseException as error:
            self.error = error
            raise
        finally:
            self.watching.set()  # `start` must not wait for a watcher that failed

    def wait_for_a_save(self) -> set[Path]:
        """The files saved (changed, added or removed) since the last call."""
        # A short timeout keeps the main thread free to take Ctrl+C, and
        # notices a watcher that has stopped (rather than wait for ever).
        while not self.saved.wait(timeout=0.5):
            self.raise_if_failed()
        with self.lock:
            self.saved.clear()
            saved, self.saved_paths = self.saved_paths, set()
        return saved


def watch_and_rebuild(preview: Preview, watcher: ContentWatcher) -> None:
    while True:
        saved = watcher.wait_for_a_save()
        preview.rebuild(saved, saved_again=watcher.saved.is_set)
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
