"""`python -m sitebuild.production_check --since REV`: would main's
production build refuse this change, for a reason REV does not already give?

The review checks a pull request with the local settings, but main is
published with publishconf.py, which refuses more: the placeholders of the
sample site (REFUSE_PLACEHOLDERS: "Jo Bloggs" in the imprint, Ofcom's drama
numbers in content/press-office.md). A change that adds one passes the local
check, is merged, and then every build of main fails, embargoed releases
included. So the content is also checked here with the production settings,
and each problem found is compared with those of the content at REV (the
branch it goes into, as this branch left it: a placeholder fixed there since
is not this change's), read by the same code (sitebuild/base_revision.py
reads it) with REV's own imprint:

- a problem REV does not have is an error at its file and line: this change
  brings it, and merging it would stop publishing;
- a problem REV has already is a notice: before launch main holds the sample
  imprint by design, so it cannot be published yet, and a change that leaves
  it as it was must not be stopped for it.

Run after the local check (the review, `invoke check --since`): a problem
that check finds is found here too.
"""

from __future__ import annotations

import argparse
import dataclasses
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from sitecore.problems import Problem
from sitecore.settings_file import settings_file_of

from . import annotations
from .base_revision import SETTINGS_BESIDE_CONTENT, Base, HistoryMissing, content_at, git_failed, where_branch_left
from .build import BuildFailed
from .content_check import check_once
from .settings_as_written import literal_settings_written_in


def production_problems(settings_file: str, overrides: dict) -> list[Problem]:
    """What the build with `settings_file` refuses in the content (read once,
    now, writing nothing); [] if nothing. A failure that is not a content
    problem is raised as it is."""
    try:
        check_once(settings_file, overrides)
    except BuildFailed as failure:
        problems = annotations.content_problems(failure)
        if not problems:
            raise
        return problems
    return []


def imprint_written_in(settings_file: Path) -> dict | None:
    """IMPRINT as the settings file writes it (a plain `IMPRINT = {…}`),
    read, never run (sitebuild/settings_as_written.py); None if the file is
    not there or sets it in another way."""
    imprint = literal_settings_written_in(settings_file, ("IMPRINT",)).values.get("IMPRINT")
    return imprint if isinstance(imprint, dict) else None


def where_and_what(problem: Problem) -> tuple[str, str, str]:
    """A problem as it is compared across the change: not by its line, which
    moves whenever a line above it is added or removed."""
    return problem.path, problem.field, problem.message


def added_and_kept(now: list[Problem], before: list[Problem]) -> tuple[list[Problem], list[Problem]]:
    """(the problems of `now` that `before` did not have, those it had): a
    placeholder written twice where it was once is one more."""
    left = Counter(map(where_and_what, before))
    added, kept = [], []
    for problem in sorted(now):
        if left[where_and_what(problem)]:
            left[where_and_what(problem)] -= 1
            kept.append(problem)
        else:
            added.append(problem)
    return added, kept


def problems_at(base: Base, production: str, content: Path) -> tuple[list[Problem], list[str]]:
    """(the production build's problems with the content at `base` and
    its imprint, read with this change's code and settings; what could not
    be compared, for a person)."""
    with tempfile.TemporaryDirectory(prefix="content-before-") as folder:
        earlier = content_at(base.commit, content, Path(folder), beside=(SETTINGS_BESIDE_CONTENT,))
        if earlier is None:
            return [], []
        imprint = imprint_written_in(Path(settings_file_of({"PATH": str(earlier)})))
        unread = [] if imprint is not None else [
            f"{SETTINGS_BESIDE_CONTENT} at {base} does not write IMPRINT as a plain {{…}}, so its imprint "
            "was taken to be this change's: a placeholder this change puts in IMPRINT is not found"]
        try:
            return production_problems(production, {"PATH": str(earlier),
                                                    **({"IMPRINT": imprint} if imprint is not None else {})}), unread
        except BuildFailed as failure:
            raise BuildFailed([f"The content at {base} could not be read with the production settings, "
                               "so nothing could be compared:", *failure.lines]) from None


def with_note(problem: Problem, revision: str) -> Problem:
    return dataclasses.replace(problem, message=f"{problem.message} (already so at {revision}, which cannot be "
                                                "published until it is fixed; this change does not add it)")


def report(added: list[Problem], kept: list[Problem], revision: str, production: str, kind: str | None) -> None:
    """Each problem on its line (stderr), as an annotation too if asked
    (stdout, where the runner reads them), then a summary."""
    found = [*(("error", problem) for problem in added), *(("notice", with_note(problem, revision)) for problem in kept)]
    annotations.print_problems(found, kind)
    if added:
        print(f"{len(added)} problem{'s' if len(added) != 1 else ''} that {revision} does not have would stop the "
              f"production build ({production}): once merged, main would publish nothing, embargoed releases "
              "included, until fixed.", file=sys.stderr)
    elif kept:
        print(f"The production build ({production}) refuses only what {revision} has already "
              f"({len(kept)} notice{'s' if len(kept) != 1 else ''}): this change adds nothing it refuses.",
              file=sys.stderr)
    else:
        print(f"The production build ({production}) refuses nothing in this content.", file=sys.stderr)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="sitebuild.production_check", description=__doc__.split("\n\n")[0])
    parser.add_argument("--since", required=True, help="the git revision this change goes into (e.g. origin/main)")
    parser.add_argument("--settings", default="publishconf.py", help="the production settings file")
    parser.add_argument("--content", default="content")
    parser.add_argument("--annotations", choices=annotations.FORMATS)
    args = parser.parse_args(argv)
    content = Path(args.content).resolve()
    base = None  # compared with only when the production build refuses something
    try:
        now = production_problems(args.settings, {"PATH": str(content)})
        if now:
            base = where_branch_left(args.since, content)
        before, unread = problems_at(base, args.settings, content) if base else ([], [])
    except (subprocess.CalledProcessError, HistoryMissing) as error:
        return git_failed(error, args.since)
    except BuildFailed as failure:
        print("\n".join(failure.lines), file=sys.stderr)
        if args.annotations:
            print("\n".join(annotations.failure_annotations(failure, failure.lines)), flush=True)
        return 1
    for line in unread:
        annotations.warn(line, "IMPRINT", args.annotations)
    added, kept = added_and_kept(now, before)
    report(added, kept, str(base or args.since), args.settings, args.annotations)
    return 1 if added else 0


if __name__ == "__main__":
    sys.exit(main())
