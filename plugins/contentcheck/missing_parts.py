"""What a volunteer is told of a link to a part its page does not have: the parts it probably meant.

The same id in other capitals, the series of numbered ids it belongs to
("/policies/housing/ has commitments 1–5 (#commitment-1 to #commitment-5):
check the number") or ids close to it, so the message says what to write.
"""

from __future__ import annotations

import difflib
import re

from sitecore.problems import problem_log

from .links_to_parts import LinkToPart

# Ids numbered in a series, and what the series is called, for the fix.
NUMBERED = re.compile(r"(?P<series>.*?)(?P<number>[0-9]+)")
SERIES_NAMES = {"commitment-": "commitments", "policy-": "policies"}


def report_missing_part(link: LinkToPart, ids: set[str]) -> None:
    address = link.target.partition("#")[0]
    page = "this page" if not address else address
    problem_log.add(link.source_path, link.line, link.field,
                    f"the link {link.target} goes to #{link.part}, which {page} does not have",
                    nearest_parts(link.part, ids, page))


def nearest_parts(part: str, ids: set[str], page: str) -> str:
    """What the link was probably meant to be: the same id in other
    capitals, the series of numbered ids it belongs to, or ids close to it."""
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
    return (f"link to {page} without a #part, or to one of its headings: "
            "## Why it matters is #why-it-matters")


def number_ranges(numbers: list[int]) -> str:
    """1, 2, 3, 5 → "1–3, 5"."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)
