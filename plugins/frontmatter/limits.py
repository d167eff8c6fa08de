"""Limits on what a content file may be before it is parsed at all.

Content is untrusted. A file too large to be a post, or text with invisible
control characters (Word's soft line break is U+000B; a NUL byte breaks the
XML feeds), is refused at its line with a fix, before it can slow the build
down for minutes or end it with an error that names no file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from sitecore.schema.document import CONTROL_CHARACTER

# A long policy paper is 10,000 words (about 60 KB); 256 KB is far above
# anything a person writes, and far below what makes Markdown slow.
DEFAULT_MAX_KB = 256


@dataclass(frozen=True)
class TextProblem:
    line: int
    message: str
    fix: str


def size_problem(path: str, settings: dict) -> TextProblem | None:
    limit_kb = settings.get("CONTENT_FILE_MAX_KB", DEFAULT_MAX_KB)
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
