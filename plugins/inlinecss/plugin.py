"""Expose the theme's screen stylesheet to templates as SCREEN_CSS.

The stylesheet is small, so inlining it costs less than the extra request a
<link> would make a phone on a slow connection wait for before painting.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os

from pelican import signals


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


def add_stylesheet_to_templates(generator) -> None:
    generator.env.globals["SCREEN_CSS"] = read_stylesheet(generator.settings)


def register() -> None:
    signals.generator_init.connect(add_stylesheet_to_templates)
