"""Limits on a content file's tables, before Markdown or the PDFs see them.

A table's cost grows with its cells, in the pages and most of all in the
minifesto's two PDFs: a policy with a table of 3000 columns by 20 rows
(144 KB, under the size limit) took a build almost four minutes and 1.7 GB,
and 16 columns by 500 rows 37 s. A table that large is a spreadsheet, not
something to read on a phone: it is refused at its line, with what to do.
"""

from __future__ import annotations

import re

from .limits import FENCED_BLOCK, TextProblem, front_matter_end

MOST_COLUMNS = 16   # a year of months and two more; wider cannot be read on a phone or printed
MOST_CELLS = 2000   # in all of a file's tables: about 15 s of PDF rendering

# A Markdown table's line under its head row: |---|:--:|---:| (the pipes at
# the ends may be left out, but one must stand between two columns).
SEPARATOR = re.compile(r"^ {0,3}\|?(?: *:?-+:? *\|)+(?: *:?-+:? *)?$|^ {0,3}(?: *:?-+:? *\|)+ *:?-+:? *$")
HTML_CELL = re.compile(r"<t[dh][\s>/]", re.IGNORECASE)
SPREADSHEET = "publish the figures as a spreadsheet (.xlsx or .ods) and link to it from the text"


def table_problems(text: str) -> list[TextProblem]:
    """A table too wide to read, and tables too large, all told, to build."""
    body_start = front_matter_end(text)
    body = FENCED_BLOCK.sub(lambda block: "\n" * block.group().count("\n"), text[body_start:])
    first_line = text.count("\n", 0, body_start) + 1
    lines = body.split("\n")
    problems, cells, over_at = [], 0, None
    for index, line in enumerate(lines):
        number = first_line + index
        cells += len(HTML_CELL.findall(line))
        if index == 0 or "|" not in lines[index - 1] or not SEPARATOR.match(line):
            if cells > MOST_CELLS and over_at is None:
                over_at = number
            continue
        columns = len([part for part in line.strip().strip("|").split("|")])
        rows = 1 + next((n for n, row in enumerate(lines[index + 1:]) if not row.strip()), len(lines) - index - 1)
        if columns <= MOST_COLUMNS:
            cells += columns * rows
        else:  # refused for its width: its cells are not told of again
            problems.append(TextProblem(
                number - 1, f"has a table of {columns} columns: more than the {MOST_COLUMNS} that can be read on a "
                            "phone or printed",
                f"split it into tables of fewer columns, or {SPREADSHEET}"))
        if cells > MOST_CELLS and over_at is None:
            over_at = number - 1
    if over_at is not None:
        problems.append(TextProblem(
            over_at, f"has tables of {cells} cells in all: more than the {MOST_CELLS} a page's tables may hold "
                     "(the minifesto's PDFs took minutes over larger ones)",
            f"keep a short table of the main figures, and {SPREADSHEET}"))
    return problems
