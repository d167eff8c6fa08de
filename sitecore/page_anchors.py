"""The parts of a page a link's #part can land on, whether it lands, and what a link that does not was meant to be.

Read from the page's HTML: every id, and every <a name>. The content checks
ask it of written pages (plugins/contentcheck), the minifesto of its print
HTML before WeasyPrint renders it (plugins/minifesto/print_anchors.py); both
tell a link to a part that is not there with `nearest_parts`.
"""

from __future__ import annotations

import difflib
import re
from urllib.parse import unquote

from selectolax.lexbor import LexborHTMLParser

# A part every page has (the HTML standard): none, or its top.
EVERY_PAGE_HAS = {"", "top"}


def ids_in(html: str | LexborHTMLParser) -> set[str]:
    """Every id in the HTML (or its tree, parsed already), and every <a
    name>: what a #part finds."""
    tree = html if isinstance(html, LexborHTMLParser) else LexborHTMLParser(html)
    return ({node.attributes.get("id") or "" for node in tree.css("[id]")}
            | {node.attributes.get("name") or "" for node in tree.css("a[name]")})


def lands(part: str, ids: set[str]) -> bool:
    """As a browser finds a #part: as written, or percent-decoded."""
    return part.lower() in EVERY_PAGE_HAS or part in ids or unquote(part) in ids


# Ids numbered in a series, and what the series is called, for the fix.
NUMBERED = re.compile(r"(?P<series>.*?)(?P<number>[0-9]+)")
SERIES_NAMES = {"commitment-": "commitments", "policy-": "policies"}


def nearest_parts(part: str, ids: set[str], page: str, otherwise: str | None = None) -> str:
    """What the link was probably meant to be: the same id in other
    capitals, the series of numbered ids it belongs to, or ids close to it;
    else `otherwise`, or a link to `page` or one of its headings."""
    same = sorted(known for known in ids if known.lower() == part.lower())
    if same:
        return f"did you mean #{same[0]}? (the part must match in capitals too)"
    numbered = NUMBERED.fullmatch(part)
    if numbered:
        series = numbered["series"]
        numbers = sorted(int(found["number"]) for found in map(NUMBERED.fullmatch, ids)
                         if found and found["series"] == series and found["number"] == str(int(found["number"])))
        if numbers:
            name = SERIES_NAMES.get(series, f"#{series}…")
            every = f"#{series}{numbers[0]}" + (f" to #{series}{numbers[-1]}" if len(numbers) > 1 else "")
            return f"{page} has {name} {number_ranges(numbers)} ({every}): check the number"
    close = difflib.get_close_matches(part, sorted(ids), n=3, cutoff=0.6)
    if close:
        return f"did you mean {' or '.join(f'#{known}' for known in close)}?"
    return otherwise or (f"link to {page} without a #part, or to one of its headings (a heading's part is "
                         "made of its words: e.g. ## Why it matters is #why-it-matters)")


def number_ranges(numbers: list[int]) -> str:
    """1, 2, 3, 5 → "1–3, 5"."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)
