"""Where in a content file a problem is: the line and column of a byte, the line of a pattern in the body."""

from __future__ import annotations

import html
import re

FENCED_CODE = re.compile(r"^\s{0,3}(```|~~~)")


def position_of_byte(data: bytes, index: int) -> tuple[int, int]:
    """(line, column), from 1, of the byte at `index` (a column counts bytes
    that decode, and the one that does not)."""
    line_start = data.rfind(b"\n", 0, index) + 1
    column = len(data[line_start:index].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, index) + 1, column


def line_in_markdown(markdown: str, first_line: int, pattern: str, after: int = 0) -> int:
    """The line of `markdown` (numbered from `first_line`) where `pattern`
    first appears outside fenced code, after the line `after` if given (the
    same thing found again is the next one, or on that line again); else
    `first_line`. Lines are searched as written, then, if that finds
    nothing, with their character references read as the page's HTML reads
    them (`&#106;avascript:` is "javascript:"; text written as `&lt;script&gt;`
    is not taken for a later <script>)."""
    search = re.compile(pattern, re.I)
    lines = outside_fenced_code(markdown)
    for read in (lambda line: line, lambda line: html.unescape(line) if "&" in line else ""):
        for offset, line in lines:
            if first_line + offset > after and search.search(read(line)):
                return first_line + offset
    return after or first_line


def outside_fenced_code(markdown: str) -> list[tuple[int, str]]:
    """(offset from the first line, line) of each line outside fenced code."""
    lines, in_code = [], False
    for offset, line in enumerate(markdown.split("\n")):
        if FENCED_CODE.match(line):
            in_code = not in_code
        elif not in_code:
            lines.append((offset, line))
    return lines
