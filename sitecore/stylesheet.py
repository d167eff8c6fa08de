"""The theme's screen stylesheet, inlined into every page, and its CSP hash."""

from __future__ import annotations

import base64
import functools
import hashlib
import os
import re


def read_stylesheet(settings: dict) -> str:
    path = os.path.join(settings["THEME"], "static", settings["INLINE_CSS"])
    with open(path, encoding="utf-8") as handle:
        return without_comments(handle.read())


# A comment, and a line a comment leaves empty. The stylesheet's comments are
# for its developers; inlined, they were a quarter of every page's
# compressed bytes. (No string in the stylesheet holds "/*".)
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
EMPTY_LINES = re.compile(r"\n\s*\n")


@functools.lru_cache(maxsize=4)
def without_comments(css: str) -> str:
    """Worked out once per version of the stylesheet (every generator and
    the headers ask). Kept by its text, not the file's time: a save that
    keeps the time (`cp -p`, an unpacked archive) kept the old rules in
    every page the live preview built after it."""
    return EMPTY_LINES.sub("\n", COMMENT.sub("", css)).strip()


def csp_hash(css: str) -> str:
    """The Content-Security-Policy source that allows exactly this <style>."""
    digest = hashlib.sha256(css.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"
