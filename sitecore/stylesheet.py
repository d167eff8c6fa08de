"""The theme's screen stylesheet, inlined into every page, and its CSP hash."""

from __future__ import annotations

import base64
import functools
import hashlib
import os


def read_stylesheet(settings: dict) -> str:
    path = os.path.join(settings["THEME"], "static", settings["INLINE_CSS"])
    return _read(path, os.path.getmtime(path))


@functools.lru_cache(maxsize=4)
def _read(path: str, mtime: float) -> str:
    """Read once per version of the file (every generator and the headers ask)."""
    with open(path, encoding="utf-8") as handle:
        return handle.read().strip()


def csp_hash(css: str) -> str:
    """The Content-Security-Policy source that allows exactly this <style>."""
    digest = hashlib.sha256(css.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"
