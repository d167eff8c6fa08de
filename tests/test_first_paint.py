"""The first screen of every page comes in one round trip (README, "Theme":
the stylesheet inlined, "one round trip to first paint").

A new connection's first round trip carries about 14 KB (TCP's initial
window of ten segments): on a phone with a 2 s round trip, each further one
before the first paint is 2 s more of a blank screen. So on every public
page of the real site, nothing before the end of the page's <h1> makes the
browser wait for another file (a stylesheet, linked or imported, or a
script that is neither deferred, async nor a module), and all of it,
compressed as the nginx snippet the build writes compresses it, fits in
those 14 KB (the response's headers, under 1 KB, come on top).
"""

from __future__ import annotations

import re
import zlib

import pytest

FIRST_ROUND_TRIP = 14 * 1024  # ten segments of 1460 bytes, rounded down


def gzip_level(site) -> int:
    """The gzip_comp_level of the nginx snippet the build wrote."""
    snippet = (site.output / "_server" / "nginx-security-headers.conf").read_text(encoding="utf-8")
    return int(re.search(r"^gzip_comp_level ([0-9]);$", snippet, re.MULTILINE)[1])


def compressed_size(data: bytes, level: int) -> int:
    packer = zlib.compressobj(level, zlib.DEFLATED, 16 + zlib.MAX_WBITS)  # gzip's format, as served
    return len(packer.compress(data) + packer.flush())


# defer or async as an attribute (not in an address: src="/js/async-x.js").
DEFERRED = re.compile(rb"\s(?:defer|async)(?=[\s=/>])|\stype=\"module\"")


def render_blocking(html: bytes) -> list[str]:
    """What in `html` (a page up to its first screen) makes the browser
    fetch a file before it paints: a stylesheet linked, or imported by the
    inlined one, and a script neither deferred, async nor a module."""
    stylesheets = re.findall(rb"<link\b[^>]*\brel=\"?stylesheet[^>]*>", html)
    imports = re.findall(rb"@import\b[^;]*;", html)
    scripts = [tag for tag in re.findall(rb"<script\b[^>]*\bsrc=[^>]*>", html) if not DEFERRED.search(tag)]
    return [tag.decode() for tag in stylesheets + imports + scripts]


def test_every_pages_first_screen_comes_in_one_round_trip(site):
    level = gzip_level(site)
    pages = site.html_files()
    assert len(pages) > 100
    heaviest = 0
    for page in pages:
        html = page.read_bytes()
        name = page.relative_to(site.output).as_posix()
        assert b"</head>" in html, name
        # Up to the end of the first heading: the page's name and what
        # comes before it (the head, the skip link, the header, the menu).
        heading_end = html.find(b"</h1>")
        assert heading_end > html.find(b"</head>"), name
        first_screen = html[:heading_end + len(b"</h1>")]
        assert render_blocking(first_screen) == [], name
        first_screen = compressed_size(first_screen, level)
        heaviest = max(heaviest, first_screen)
        assert first_screen <= FIRST_ROUND_TRIP, f"{name}: {first_screen} bytes before its heading"
    # The budget has room: a tenth of it would mean this measured the wrong thing.
    assert FIRST_ROUND_TRIP / 10 < heaviest, heaviest


@pytest.mark.parametrize("head, blocking", [
    (b'<link rel="stylesheet" href="/theme/css/screen.css">', 1),
    (b'<script src="/theme/js/a.js"></script>', 1),
    (b'<script defer src="/theme/js/a.js"></script>', 0),
    (b'<script type="module" src="/theme/js/a.js"></script>', 0),
    (b'<link rel="icon" href="/logo.svg"><style>p{}</style>', 0),
    (b'<script src="/theme/js/async-loader.js"></script>', 1),
    (b'<script async src="/theme/js/a.js"></script>', 0),
    (b'<style>@import url("/theme/css/more.css"); p{}</style>', 1),
])
def test_what_counts_as_render_blocking(head, blocking):
    assert len(render_blocking(head)) == blocking
