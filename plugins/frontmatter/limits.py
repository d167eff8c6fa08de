"""Limits on what a content file may be before it is parsed at all.

Content is untrusted. A file too large to be a post, or text with invisible
control characters (Word's soft line break is U+000B; a NUL byte breaks the
XML feeds), is refused at its line with a fix, before it can slow the build
down for minutes or end it with an error that names no file.

So is a file that git merged with both versions left in: a volunteer who
resolves a conflict (by hand, or in GitHub's editor) and keeps the markers
had them published in the text, the minifesto's PDF and every release's
notes to editors (">>>>>>>" reads as seven quotes deep), or was told of a
YAML slip on the wrong line when they were in the front matter.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from sitecore.schema.values_not_as_written import CONTROL_CHARACTER


@dataclass(frozen=True)
class TextProblem:
    line: int
    message: str
    fix: str


def size_problem(path: str, settings: dict) -> TextProblem | None:
    limit_kb = settings["CONTENT_FILE_MAX_KB"]  # filled in and checked by the build (sitecore/settings_check.py)
    size = os.path.getsize(path)
    if size > limit_kb * 1024:
        return TextProblem(1, f"is {size // 1024} KB, more than the {limit_kb} KB a content file may be",
                           "split it into several posts or pages (CONTENT_FILE_MAX_KB in pelicanconf.py)")
    return None


def control_character_problems(text: str) -> list[TextProblem]:
    """One problem per line holding an invisible control character."""
    problems = []
    # split("\n"), not splitlines(): that also splits at U+000B and U+000C.
    for number, line in enumerate(text.split("\n"), start=1):
        found = CONTROL_CHARACTER.search(line)
        if found:
            code = f"U+{ord(found.group()):04X}"
            problems.append(TextProblem(
                number, f"contains an invisible control character ({code}) at column {found.start() + 1}",
                "delete it and retype that spot (it often comes from pasting from Word or a PDF)"))
    return problems


# The lines git writes around a conflict: "<<<<<<< HEAD", "||||||| base"
# (diff3: the text both started from follows), "=======", ">>>>>>> branch".
# Each alone can be text ("=======" a heading's underline, ">>>>>>> " a quote
# seven deep), so they count only as a conflict does: a start, then an end.
CONFLICT_START = re.compile(r"<{7}(?: .*)?")
CONFLICT_END = re.compile(r">{7}(?: .*)?")
CONFLICT_MARKER = re.compile(r"(<{7}|\|{7}|={7}|>{7})(?: .*)?")


def conflict_marker_problems(text: str) -> list[TextProblem]:
    """One problem per line of a git conflict's markers left in the file."""
    lines = text.split("\n")
    starts = [number for number, line in enumerate(lines) if CONFLICT_START.fullmatch(line)]
    if not starts or not any(CONFLICT_END.fullmatch(line) for line in lines[starts[0]:]):
        return []
    return [TextProblem(number, f"is a line git wrote around a merge conflict ({line.split(' ')[0]}), left in "
                                "the file", "keep the version you want between the markers, delete the other "
                                "and every <<<<<<<, |||||||, ======= and >>>>>>> line, then check the file again")
            for number, line in enumerate(lines, start=1) if CONFLICT_MARKER.fullmatch(line)]


# Python-Markdown looks for the "]" that closes each "[" (a link, an image,
# a footnote) and the ")" of each "](", a character at a time, to the end of
# the paragraph when there is none: the time grows with the square of their
# number. A 10 KB paragraph of "[" took 42 s to check, 20 KB three minutes,
# a stranger's pull request enough to hold up every build. Text is never
# like that: a paragraph whose brackets would cost Markdown more than this
# many steps (a second or so) is refused before Markdown sees it. A
# paragraph of ordinary links costs a few thousand.
BRACKET_STEPS = 1_000_000
BRACKET = re.compile(r"\\.|[\[\]()]")  # an escaped character (\[ is text), or a bracket
CLOSES = {"]": "[", ")": "("}
CODE_FENCE = re.compile(r"\s{0,3}(```|~~~)")


def bracket_problems(text: str) -> list[TextProblem]:
    """One problem per paragraph whose brackets Markdown would take minutes over."""
    if (text.count("[") + text.count("(")) * len(text) <= BRACKET_STEPS:
        return []  # the most they could cost: nearly every file, at once
    problems = []
    for line, paragraph in paragraphs(text):
        steps, unclosed, deepest = bracket_cost(paragraph)
        if steps > BRACKET_STEPS:
            problems.append(TextProblem(
                line, f'has a paragraph with {unclosed} "[" or "(" that are never closed, and brackets nested '
                      f"{deepest} deep: Markdown would take minutes over it",
                'close each "[" with "]" and each "(" with ")", or write \\[ for a bracket that is only text'))
    return problems


def paragraphs(text: str):
    """(first line, text) of each run of lines without a blank one in the
    body (the front matter is YAML's, which has its own limit on nesting),
    leaving out fenced code, which Markdown does not look into for links."""
    start, lines, fenced = 0, [], False
    all_lines = text.split("\n")
    in_front_matter = bool(all_lines) and all_lines[0].rstrip() == "---"
    for number, line in enumerate(all_lines, start=1):
        if in_front_matter:
            in_front_matter = number == 1 or line.rstrip() != "---"
            continue
        if CODE_FENCE.match(line):
            fenced = not fenced
            line = ""
        if fenced or not line.strip():
            if lines:
                yield start, "\n".join(lines)
            lines = []
            continue
        if not lines:
            start = number
        lines.append(line)
    if lines:
        yield start, "\n".join(lines)


def bracket_cost(paragraph: str) -> tuple[int, int, int]:
    """(steps Markdown takes to match the paragraph's brackets: the distance
    from each opening one to its closing one, or to the paragraph's end;
    how many are never closed; the deepest nesting of "[")."""
    open_at: dict[str, list[int]] = {"[": [], "(": []}
    steps = deepest = 0
    for found in BRACKET.finditer(paragraph):
        bracket = found.group()
        if bracket in open_at:
            open_at[bracket].append(found.start())
            deepest = max(deepest, len(open_at["["]))
        elif bracket in CLOSES and open_at[CLOSES[bracket]]:
            steps += found.start() - open_at[CLOSES[bracket]].pop()
    never_closed = [position for positions in open_at.values() for position in positions]
    return steps + sum(len(paragraph) - position for position in never_closed), len(never_closed), deepest
