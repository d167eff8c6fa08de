"""Limits on a content file's tables, before Markdown or the PDFs see them.

A table's cost grows with its cells, in the pages and most of all in the
minifesto's two PDFs: a policy with a table of 3000 columns by 20 rows
(144 KB, under the size limit) took a build almost four minutes and 1.7 GB,
and 16 columns by 500 rows 37 s. A table that large is a spreadsheet, not
something to read on a phone: it is refused at its line, with what to do.
"""

from __future__ import annotations

import re

from .limits import TextProblem, body_without_code

MOST_COLUMNS = 16   # a year of months and two more; wider cannot be read on a phone or printed
MOST_CELLS = 2000   # in all of a file's tables: about 15 s of PDF rendering

# A Markdown table's line under its head row: |---|:--:|---:| (the pipes at
# the ends may be left out, but one must stand between two columns).
SEPARATOR = re.compile(r"^\|?(?: *:?-+:? *\|)+(?: *:?-+:? *)?$|^(?: *:?-+:? *\|)+ *:?-+:? *$")
# What may stand before a table's lines: indenting (a list item's table is
# indented; a code block's too, but a table to refuse is likelier than a
# code sample of one), and a quotation's ">".
LEAD = re.compile(r"^[ \t>]*")
HTML_CELL = re.compile(r"<t[dh][\s>/]", re.IGNORECASE)
CODE_SPAN = re.compile(r"`[^`\n]*`")
SPREADSHEET = "publish the figures as a spreadsheet (.xlsx or .ods) and link to it from the text"


def table_problems(text: str) -> list[TextProblem]:
    """A table too wide to read, and tables too large, all told, to build,
    in a file's body."""
    first_line, body = body_without_code(text)
    return tables_too_large(body, first_line)


def tables_too_large(body: str, first_line: int) -> list[TextProblem]:
    """The same in Markdown starting at `first_line` (a body without its
    fenced code, or a field in Markdown: the minifesto's closing call).
    One pass over the lines: each line is looked at once, as a table's
    separator, a row of the table above it, or neither."""
    lines = [LEAD.sub("", line) for line in body.split("\n")]
    problems, cells, over_at = [], 0, None
    columns, index = 0, 0  # columns: of the table whose rows are being counted, 0 outside one
    while index < len(lines):
        line, number = lines[index], first_line + index
        cells += len(HTML_CELL.findall(CODE_SPAN.sub("", line)))
        if columns and line.strip():
            cells += columns  # a row of the table above
        elif index > 0 and "|" in lines[index - 1] and SEPARATOR.match(line.rstrip()):
            width = len(line.strip().strip("|").split("|"))
            if width > MOST_COLUMNS:
                problems.append(TextProblem(
                    number - 1, f"has a table of {width} columns: more than the {MOST_COLUMNS} that can be read "
                                "on a phone or printed",
                    f"split it into tables of fewer columns, or {SPREADSHEET}"))
                columns = 0
                while index + 1 < len(lines) and lines[index + 1].strip():  # its rows, not counted again
                    index += 1
            else:
                columns = width
                cells += width  # its head row
        else:
            columns = 0
        if cells > MOST_CELLS and over_at is None:
            over_at = number if not columns else first_line + table_start(lines, index)
        index += 1
    if over_at is not None:
        problems.append(TextProblem(
            over_at, f"has tables of {cells} cells in all: more than the {MOST_CELLS} a page's tables may hold "
                     "(the minifesto's PDFs took minutes over larger ones)",
            f"keep a short table of the main figures, and {SPREADSHEET}"))
    return problems


def table_start(lines: list[str], index: int) -> int:
    """The index of the head row of the table whose row `index` is."""
    while index > 0 and lines[index - 1].strip():
        index -= 1
    return index
