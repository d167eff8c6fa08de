"""Build problems as GitHub Actions annotations, for pull-request review.

GitHub reads a line `::error file=content/posts/x.md,line=7,title=body::message`
on a job's output as an annotation, shown on that line of the pull request's
changed files. The plain `path:line: field: message — fix` lines stay for
people; these lines are printed as well, when asked for (`--annotations github`).

Escaping follows GitHub's workflow-command rules (actions/toolkit,
`escapeData` and `escapeProperty`): a message cannot end the command early with
a newline, and a property value cannot end early with `,` or `:`.
"""

from __future__ import annotations

import os
import sys

FORMATS = ("github",)


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(command: str, message: str, **properties) -> str:
    """`::command key=value,…::message`; properties that are None are left out."""
    given = ",".join(f"{key}={escape_property(str(value))}"
                     for key, value in properties.items() if value is not None)
    return f"::{command}{' ' + given if given else ''}::{escape_data(message)}"


def problem_annotation(problem, level: str = "error") -> str:
    """One content problem (path, line, field, message, fix) as an error (or
    a warning) on its file and line. GitHub can place only
    repository-relative paths; a problem outside the repository (an absolute
    path) keeps its path in the message instead."""
    if os.path.isabs(problem.path):
        return workflow_command(level, f"{problem.path}:{problem.line}: {problem.message} — {problem.fix}",
                                title=problem.field)
    return workflow_command(level, f"{problem.message} — {problem.fix}", file=problem.path,
                            line=problem.line if problem.line >= 1 else None, title=problem.field)


def print_problems(found: list[tuple[str, object]], kind: str | None) -> None:
    """Each (level, problem) on its line (stderr), a warning's or notice's
    marked so, and as an annotation too if asked (stdout, where the runner
    reads them): the review's comparisons report this way."""
    for level, problem in found:
        print(as_line(problem, level), file=sys.stderr)
    if kind and found:
        print("\n".join(problem_annotation(problem, level) for level, problem in found), flush=True)


def as_line(problem, level: str = "error") -> str:
    """`path:line: field: message — fix`, a warning's or notice's marked so."""
    return f"{problem}{'' if level == 'error' else f' ({level})'}"


def warn(line: str, title: str, kind: str | None) -> None:
    """A warning on stderr, and as an annotation too if asked (stdout, where the runner reads them)."""
    print(f"Warning: {line}", file=sys.stderr)
    if kind:
        print(workflow_command("warning", line, title=title), flush=True)


def content_problems(failure: BaseException) -> list:
    """The Problem objects behind a failed build, or [] when it failed for
    another reason. BuildFailed is raised while handling ContentProblems,
    which keeps them whole (a message may hold a line break that the
    printed lines split)."""
    causes, seen = [failure], set()
    while causes:  # a check at a moment ahead wraps the failure it met
        cause = causes.pop(0)
        if cause is None or id(cause) in seen:
            continue
        seen.add(id(cause))
        problems = getattr(cause, "problems", None)
        if problems:
            return list(problems)
        causes += [cause.__cause__, cause.__context__]
    return []


def failure_annotations(failure: BaseException, lines: list[str]) -> list[str]:
    """Annotations for a failed build: one per content problem, or else one
    for the whole failure (`lines`, what a person reads), so a failed check
    is never without an annotation."""
    problems = content_problems(failure)
    if problems:
        return [problem_annotation(problem) for problem in problems]
    return [workflow_command("error", "\n".join(lines), title="Build failed")]
