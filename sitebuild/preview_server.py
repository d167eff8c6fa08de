"""Serving the live preview over HTTP: the site's files, the reload script, the event stream and the status."""

from __future__ import annotations

import json
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from .local_only import LocalOnly
from .preview_builds import Preview
from .preview_page import RELOAD_EVENTS, RELOAD_JS, RELOAD_SCRIPT, decorate

STATUS = "/__preview/status"
NO_PREVIEW_YET = (b"<!doctype html><html lang=en><head><title>Preview</title></head>"
                  b"<body><p>No preview yet.</p></body></html>")


class PreviewHandler(LocalOnly, SimpleHTTPRequestHandler):
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
        if not address.path.endswith("/") and self.is_folder(address.path):
            # As a web host does: /admin is /admin/ (served as it was, the
            # editor got the reload script, and a reload loses unsaved work).
            return self.redirect(address._replace(path=address.path + "/").geturl())
        status, target = self.find(self.path)
        if target is None:  # no good build yet: still show the problems
            return self.send_bytes(404, "text/html", self.decorated(NO_PREVIEW_YET))
        body = target.read_bytes()
        content_type = self.guess_type(str(target))
        # Not the browser editor: a reload there would lose unsaved work.
        if content_type == "text/html" and not self.path.startswith("/admin/"):
            body = self.decorated(body)
        self.send_bytes(status, content_type, body)

    def decorated(self, page: bytes) -> bytes:
        """`page` with the reload script, and the problems of the preview's last build or the
        warnings of its last good one (preview_page.py)."""
        return decorate(page, self.preview.version(page), self.preview.problems, self.preview.warnings)

    def find(self, path: str) -> tuple[int, Path | None]:
        """The HTTP status and the file served for `path` (None: no build yet)."""
        target = Path(self.translate_path(path))
        try:
            if target.is_dir():
                target = target / "index.html"
            if target.is_file():
                return 200, target
        except OSError:  # a name too long for the file system: no such page (not a traceback in the terminal)
            pass
        target = self.preview.output / "404.html"
        return 404, target if target.is_file() else None

    def is_folder(self, path: str) -> bool:
        try:
            return Path(self.translate_path(path)).is_dir()
        except OSError:  # a name too long for the file system
            return False

    def redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()

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

