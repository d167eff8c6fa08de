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
