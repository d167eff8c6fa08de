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
    same thing found again is the next one); `first_line` if nowhere. A line
    is searched as written and with its character references read, as the
    page's HTML reads them (`&#106;avascript:` is "javascript:")."""
    search = re.compile(pattern, re.I)
    in_code = False
    for offset, line in enumerate(markdown.split("\n")):
        if FENCED_CODE.match(line):
            in_code = not in_code
        elif not in_code and first_line + offset > after and (
                search.search(line) or ("&" in line and search.search(html.unescape(line)))):
            return first_line + offset
    return first_line
