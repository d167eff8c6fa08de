"""Which of two clashing files the volunteer just added.

When two files clash (one policy number, one address), the message belongs
on the file the volunteer is working on, not on the published one, which
must keep its name and number. The new file is the one git does not track
yet. When git cannot tell (no repository, both tracked, neither tracked),
every file of the clash is reported.
"""

from __future__ import annotations

import os
import subprocess

# A git hook or a CI step may point git elsewhere; ask the repository that
# holds the file itself.
_GIT_LOCATION_VARIABLES = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY")


def is_tracked_by_git(path: str) -> bool:
    """True if the repository holding `path` tracks it (committed or added)."""
    folder, name = os.path.split(os.path.abspath(path))
    environment = {k: v for k, v in os.environ.items() if k not in _GIT_LOCATION_VARIABLES}
    try:
        completed = subprocess.run(
            ["git", "-C", folder, "ls-files", "--error-unmatch", "--", name],
            env=environment, capture_output=True, timeout=30, check=False,
        )
    except (OSError, subprocess.SubprocessError):  # no git at all
        return False
    return completed.returncode == 0


def files_to_report(paths: list[str]) -> tuple[list[str], list[str]]:
    """Split clashing files into (to report, already there).

    To report: the files git does not track yet, if some are tracked; all of
    them otherwise, with nothing "already there"."""
    tracked = [path for path in paths if is_tracked_by_git(path)]
    new = [path for path in paths if path not in tracked]
    if tracked and new:
        return new, tracked
    return list(paths), []
