"""`invoke serve` serves a built folder as a web host would: a missing
address gets the site's own 404 page, with status 404."""

from __future__ import annotations

import subprocess
import urllib.error
import urllib.request

import pytest
from browser import free_port, wait_for_server
from conftest import REPO

NOT_FOUND_PAGE = b"<!doctype html><title>Page not found</title><h1>Our own 404 page</h1>"


@pytest.fixture
def served(tmp_path):
    site = tmp_path / "site"
    (site / "news").mkdir(parents=True)
    (site / "index.html").write_bytes(b"<!doctype html><title>Home</title>")
    (site / "404.html").write_bytes(NOT_FOUND_PAGE)
    (site / "theme").mkdir()  # a folder without index.html
    port = free_port()
    process = subprocess.Popen([str(REPO / ".venv/bin/invoke"), "serve", "--port", str(port), "--folder", str(site)],
                               cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wait_for_server(port, process, "invoke serve")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.communicate(timeout=10)


def get(url: str, method: str = "GET") -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method)) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def test_a_missing_address_gets_the_sites_404_page(served):
    assert get(f"{served}/")[0] == 200
    for missing in ("/no-such-page/", "/news/no-such-post/", "/missing.css", "/theme/"):
        status, content_type, body = get(served + missing)
        assert (status, body) == (404, NOT_FOUND_PAGE), missing
        assert content_type == "text/html; charset=utf-8"
    assert get(f"{served}/no-such-page/", method="HEAD") == (404, "text/html; charset=utf-8", b"")


def test_a_request_addressed_to_another_website_is_refused(served):
    """As the live preview: a web page that points its own name at
    127.0.0.1 (DNS rebinding) cannot read what invoke serve serves."""
    port = served.rsplit(":", 1)[1]
    request = urllib.request.Request(f"{served}/", headers={"Host": f"rebound.example:{port}"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403
    assert refused.value.read() == (f"This server answers only at http://127.0.0.1:{port}/ (the request named "
                                    "another website).\n").encode()
