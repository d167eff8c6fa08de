"""The servers a volunteer runs on their computer (the live preview's
handler builds on LocalOnly; `invoke serve` uses SiteHandler) answer only
requests addressed to it.

The live preview and `invoke serve` listen on 127.0.0.1 alone, which keeps
other computers out but not other websites: a page the volunteer opens can
point its own name at 127.0.0.1 ("DNS rebinding") and read what the
preview serves, drafts and embargoed posts included. Such a request still
says the website's name in its Host header, so anything but this computer's
own names at the server's port is refused.
"""

from __future__ import annotations

from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

LOCAL_NAMES = ("127.0.0.1", "localhost")


def addressed_here(host: str | None, port: int) -> bool:
    """Whether a request's Host header names this computer at `port`."""
    return host is not None and host.strip().lower() in {f"{name}:{port}" for name in LOCAL_NAMES}


class LocalOnly:
    """A mixin for an http.server request handler: a request whose Host is
    not this computer's gets 403 and a line saying where the site is."""

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        port = self.server.server_address[1]
        if addressed_here(self.headers.get("Host"), port):
            return True
        body = (f"This server answers only at http://127.0.0.1:{port}/ (the request named another "
                "website).\n").encode()
        self.send_response(HTTPStatus.FORBIDDEN)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return False


class SiteHandler(LocalOnly, SimpleHTTPRequestHandler):
    """Serve a built site as its web host would: a missing address gets the
    site's own 404.html with status 404, and folders are never listed; only
    to requests addressed to this computer (`invoke serve`)."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def list_directory(self, path):
        self.send_error(HTTPStatus.NOT_FOUND)
