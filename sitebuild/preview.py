"""`invoke livereload`: a live preview for volunteers.

Serves the site on 127.0.0.1, rebuilds whenever a file in content/ or theme/
changes (watchfiles), and reloads every open page (a server-sent event, sent
after each build). The preview shows drafts and embargoed posts, labelled,
and is built into preview/, never into output/. When a change breaks the
build, the problems are printed in the terminal and shown at the top of
every page, over the last good build; the next good save clears them.

We do not use the livereload package: its watcher drops any save made
within three seconds of the last reload, so a quick second edit was lost.

    python -m sitebuild.preview [--port 8000] [--content DIR] [--output DIR]
"""

from __future__ import annotations

import argparse
import html
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
# Reload when the server has a newer build than the one this page came from.
RELOAD_JS = b"""(function () {
  var served = document.currentScript.dataset.build;
  var events = new EventSource("%s");
  events.onopen = function () { window.__previewConnected = true; };
  events.onmessage = function (event) { if (event.data !== served) location.reload(); };
})();
""" % RELOAD_EVENTS.encode()


class Preview:
    """The preview folder, the number of its latest build, its problems."""

    def __init__(self, settings_file: Path, output: Path, overrides: dict):
        self.settings_file = settings_file
        self.output = output
        self.overrides = {**overrides, "PREVIEW_DRAFTS": True}
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
            print(f"Rebuilt the preview: {result.pages} pages.", flush=True)
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
            panel = (
                '<div role="alert" class="build-problems" style="margin:0;padding:1rem;background:#fff3cd;'
                'color:#1b1b1f;border-bottom:4px solid #b00020;font:1rem/1.5 system-ui,sans-serif">'
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


def watch_and_rebuild(preview: Preview, paths: list[Path], stop: threading.Event) -> None:
    for _changes in watch(*paths, debounce=200, stop_event=stop):
        preview.rebuild()


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="sitebuild.preview", description="Live preview with drafts.")
    parser.add_argument("--settings", default=str(ROOT / "pelicanconf.py"))
    parser.add_argument("--content", help="content folder (default: PATH in the settings file)")
    parser.add_argument("--output", default=str(ROOT / "preview"), help="where the preview is built")
    parser.add_argument("--port", type=int, default=8000)
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    cli.init_logging(debug=False)
    overrides = {"PATH": str(Path(args.content).resolve())} if args.content else {}
    preview = Preview(Path(args.settings), Path(args.output).resolve(), overrides)
    preview.rebuild()
    stop = threading.Event()
    settings = load_settings(args.settings, overrides)
    # Content, theme and settings are read afresh by every build; plugin code
    # is not reloaded, so changing it needs a restart.
    watched = [Path(settings["PATH"]), Path(settings["THEME"]), Path(args.settings).resolve()]
    threading.Thread(target=watch_and_rebuild, args=(preview, watched, stop), daemon=True).start()
    handler = type("Handler", (PreviewHandler,), {"preview": preview})
    server = ThreadingHTTPServer(("127.0.0.1", args.port), partial(handler, directory=str(preview.output)))
    server.daemon_threads = True
    print(f"Preview at http://127.0.0.1:{args.port}/ : save a file and the page reloads. Ctrl+C stops.", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
