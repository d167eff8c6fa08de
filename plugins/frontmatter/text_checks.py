"""The checks of a content file's text as a whole, before it is parsed (the
limits of limits.py and table_limits.py), and the texts that passed them.

Together they cost about 0.23 ms a file: 0.23 s of every build at 1000
posts (0.02 s kept), for files that mostly have not changed. A text that passed is kept as
passed (sitecore/text_memo.py: under a hash of the text, the code of these
checks and the version of Markdown, whose fence pattern they use); a text
with a problem is checked again at every build, so its `path:line` problem
is always told.
"""

from __future__ import annotations

import sys

from sitecore.text_memo import TextMemo, fingerprint

from .limits import (
    TextProblem,
    block_count_problems,
    code_block_option_problems,
    conflict_marker_problems,
    control_character_problems,
    markup_problems,
)
from .table_limits import table_problems


def whole_text_problems(text: str) -> list[TextProblem]:
    """Every problem of the text as a whole, in the order of its lines."""
    problems = (control_character_problems(text) + conflict_marker_problems(text) + markup_problems(text)
                + table_problems(text) + code_block_option_problems(text) + block_count_problems(text))
    return sorted(problems, key=lambda problem: problem.line)


class TextChecks:
    """whole_text_problems, answered from the memo for a text that passed."""

    def __init__(self, cache_path: str) -> None:
        self.passed = TextMemo(cache_path, "text-checks-passed",
                               fingerprint((sys.modules[__name__],), ("markdown",), []))

    def problems(self, text: str) -> list[TextProblem]:
        if self.passed.get(text) is not None:
            return []
        problems = whole_text_problems(text)
        if not problems:
            self.passed.put(text, "")
        return problems
