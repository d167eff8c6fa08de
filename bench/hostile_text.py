"""What the checks of a content file's text cost on the worst files found.

    .venv/bin/python -m bench.hostile_text [--runs 5]

Each case is a file a stranger could send (every byte under content/ may
come from one) that a review found checked in a time growing with the
square of its size; each is timed in this process, by the function that
checks it, and the median of --runs runs printed beside an ordinary file's.
Never run as a test.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from bench.common import runs_from_arguments
from plugins.frontmatter.limits import markup_problems
from plugins.frontmatter.table_limits import table_problems
from sitecore.schema.document import parse_document
from sitecore.schema.field_errors import FieldError
from sitecore.schema.fields import date
from sitecore.schema.front_matter_errors import FrontMatterError
from sitecore.schema.past_the_first_slip import read_past_slips
from sitecore.schema.schema import OTHER_FIELDS_NAMED

FRONT_MATTER = "---\ntitle: T\ndate: 2021-11-24\ncategory: news\nsummary: s\n---\n"
ORDINARY = FRONT_MATTER + "A paragraph of ordinary words, with a [link](/about/).\n\n" * 400


def every_slip(text: str) -> int:
    try:
        parse_document(text)
    except FrontMatterError as first:
        return len(read_past_slips(text, first).problems)
    return 0


def date_of(text: str) -> None:
    try:
        date(text, {})
    except FieldError:
        pass


CASES: list[tuple[str, Callable[[], object]]] = [
    ("an ordinary post's text (20 KB): tables and markup",
     lambda: (table_problems(ORDINARY), markup_problems(ORDINARY))),
    ('65,000 lines of "|-|" (256 KB): tables', lambda: table_problems(FRONT_MATTER + "|-|\n" * 65000)),
    ("4000 indented lines and 20 slips in the front matter",
     lambda: every_slip("---\ntitle: T\nsample: x\n" + "  w\n" * 4000 + 'summary: "a\n' * 20 + "---\nText.\n")),
    ("a date followed by 60,000 spaces", lambda: date_of("2021-12-15" + " " * 60000 + "x")),
    ("a field without its colon and 200,000 spaces",
     lambda: every_slip("---\ntitle: x\ncategory x" + " " * 200000 + "y\nsummary: z\n---\nT\n")),
    ("a quote never closed around 120,000 spaces (the fix keeps a note out)",
     lambda: every_slip('---\ntitle: "a' + " " * 120000 + "b\ndate: 2021-12-15\ncategory: news\nsummary: z\n---\nT\n")),
    ("20,000 list items in quotes over two lines, then a slip (250 KB)",
     lambda: every_slip("---\na:\n" + '  - "x\n    "\n' * 20000 + "  - b: c: d\n---\nT\n")),
    ('25,000 blocks of lines ("k: |"), then a slip (220 KB)',
     lambda: every_slip("---\n" + "k: |\n  t\n" * 25000 + "title: x\n  foo: bar\n - x\n---\nT\n")),
    # (A message quoting a stranger's key; messages this long are not searched at all.)
    ('the pattern finding the fields a check names, on "and so is" 25,000 times',
     lambda: OTHER_FIELDS_NAMED.search("and so is " * 25000 + ".")),
]


def main() -> None:
    runs = runs_from_arguments(default=5)
    for label, case in CASES:
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            case()
            times.append(time.perf_counter() - started)
        print(f"{statistics.median(times) * 1000:9.1f} ms  {label}")


if __name__ == "__main__":
    main()
