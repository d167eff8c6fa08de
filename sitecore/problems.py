"""Content problems: collected over the whole build, reported together.

A content mistake is a message for a volunteer, not a crash: every check in
every plugin records a Problem here instead of raising, so one build lists
every mistake at once. A plugin stops the build with `raise_if_any` where
its step needs a clean log: plugins/frontmatter before anything is written
(when Pelican asks for its writer, after every check that reads content),
and the steps that can only find a problem later (a minifesto edition's or
PDF's render, a published image copy, a link to a part of a written page).
A build stopped late has written only into its own fresh folder: sitebuild
leaves the last good site in place.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

# Control characters, and the stand-ins Python uses for bytes of a file name
# that are not UTF-8.
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\udc80-\udcff]")


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file: rendered as `path:line: field: message — fix`."""

    path: str
    line: int
    field: str
    message: str
    fix: str

    def __post_init__(self) -> None:
        # Cut here, so every way a problem is shown (the build's list, the
        # review's annotations, `invoke promote`, `invoke minifesto freeze`)
        # shows it cut.
        object.__setattr__(self, "message", at_most(self.message))
        object.__setattr__(self, "fix", at_most(self.fix))

    def __str__(self) -> str:
        # One line per problem, whatever a file name holds (a newline in a
        # name would otherwise split the line and break `path:line`), in the
        # path and wherever a message or fix names the file.
        line = f"{self.path}:{self.line}: {self.field}: {self.message} — {self.fix}"
        return UNPRINTABLE.sub(lambda found: ascii(found.group())[1:-1], line)


def problems_of_one_file(path: str, problems: list[tuple[int, str, str, str]]) -> str:
    """A file's problems ((line, field, message, fix) each) as the build
    prints them, a line each in line order: for the commands that check one
    file themselves (`invoke promote`, `invoke minifesto freeze`)."""
    return "\n".join(str(Problem(path, *problem)) for problem in sorted(set(problems)))


@dataclass
class PartlyRead:
    """What the checks after reading need of a file that was not published
    because of a front matter mistake (the attributes an item has)."""

    source_path: str
    frontmatter_lines: dict
    body_markdown: str
    body_first_line: int
    policy_slugs: list = field(default_factory=list)
    councillor_slugs: list = field(default_factory=list)
    event_slugs: list = field(default_factory=list)
    status: str = "draft"


class ContentProblems(Exception):
    """Raised once when the build found content problems (`raise_if_any`:
    before writing, or at a later step that found them; see above)."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        count = len(self.problems)
        heading = f"{count} content problem{'s' if count != 1 else ''} found:"
        super().__init__("\n".join([heading, *map(str, self.problems)]))


class ContentChecked(Exception):
    """Raised instead of writing when the build only checks content
    (CONTENT_CHECK_ONLY, `invoke check`) and found no problem."""


# A message or fix quoting a stranger's value (a 120,000-character title, a
# 100 KB key) is cut by Problem, once for every way a problem is shown: the longest
# of our own, a list of fields or the documents' fix, is under 500.
LONGEST_MESSAGE = 1000


def at_most(text: str, limit: int = LONGEST_MESSAGE) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


class ProblemLog:
    """The problems of the build under way (cleared when a build starts),
    and its warnings: what a volunteer should look at, at its file and
    line, although the site builds (`warn`)."""

    def __init__(self) -> None:
        self._problems: list[Problem] = []
        self._warnings: list[Problem] = []
        self._root = os.getcwd()
        self._build_settings: dict | None = None
        # (content type, slug) of files that could not be read: a post that
        # names one is not reported again (its own problem says it all).
        self.unreadable: set[tuple[str, str]] = set()
        # Files whose front matter had mistakes but could be parsed: their
        # links and references are still checked, so one build reports
        # everything wrong with a file, not one round at a time.
        self.partly_read: list[PartlyRead] = []

    def start_build(self, settings: dict) -> None:
        """Forget the last build's problems; show paths relative to the project.
        Every plugin that reports at `initialized` calls this first: only the
        first call of a build (its settings) clears, so their order is free."""
        if settings is self._build_settings:
            return
        self._build_settings = settings
        self.clear()
        self._root = os.path.dirname(os.path.abspath(settings["PATH"]))

    def clear(self) -> None:
        """Forget every problem found so far."""
        self._problems.clear()
        self._warnings.clear()
        self.unreadable.clear()
        self.partly_read.clear()

    def display_path(self, path: str) -> str:
        """Relative to the project (content/…); theme files relative to the
        working folder; anything else in full."""
        path = os.path.abspath(path)
        for base in (self._root, os.getcwd()):
            if os.path.commonpath([path, base]) == base:
                return os.path.relpath(path, base)
        return path

    def add(self, path: str, line: int, field: str, message: str, fix: str) -> None:
        self._problems.append(Problem(self.display_path(path), line, field, message, fix))

    def warn(self, path: str, line: int, field: str, message: str, fix: str) -> None:
        """Something to look at that does not stop the build (a postponed
        event still without its new date months on): printed after the
        build's summary as `path:line: field: message — fix (warning)`."""
        self._warnings.append(Problem(self.display_path(path), line, field, message, fix))

    def warnings(self) -> list[Problem]:
        return sorted(set(self._warnings))

    def __len__(self) -> int:
        return len(self._problems)

    def raise_if_any(self) -> None:
        if self._problems:
            raise ContentProblems(list(self._problems))


# One log per process: Pelican builds run one at a time, and start_build()
# clears it at the start of each (the live preview builds many times).
problem_log = ProblemLog()
