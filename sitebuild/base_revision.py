"""The revision a branch is compared with, and its content, read from git.

The review's comparisons (sitebuild/kept_addresses.py,
sitebuild/production_check.py) compare the content now with the content at
REV, the branch it will be merged into, as this branch left it
(`where_branch_left`): the content there is written into a folder of its
own (`content_at`), with the settings file beside it, to be read by the
same code as the content now; git also says which files were renamed since
(`renamed_since`). When git cannot answer, a command says why (`git_failed`)
and exits 2.
"""

from __future__ import annotations

import io
import os
import posixpath
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# The settings file beside the content folder, which holds the imprint and
# the address settings (sitecore/settings_file.py).
SETTINGS_BESIDE_CONTENT = "pelicanconf.py"


def git(repository: Path, *arguments: str) -> str:
    return subprocess.run(["git", "-C", str(repository), *arguments], capture_output=True, text=True,
                          check=True).stdout


class HistoryMissing(Exception):
    """The repository lacks the commits a comparison needs; the message says what to run."""


@dataclass(frozen=True)
class Base:
    """What a branch is compared with."""
    named: str    # the revision as the user gave it (origin/main)
    commit: str   # the commit compared with: where this branch left it
    left_at: str  # that commit's short name if `named` has moved on since, else ""

    def __str__(self) -> str:
        return f"{self.named} (where this branch left it, {self.left_at})" if self.left_at else self.named


def where_branch_left(revision: str, content: Path) -> Base:
    """`revision` as this branch (HEAD) last had it, `git merge-base HEAD
    revision`: comparing with `revision` as it is now would read the changes
    merged there since, by others, backwards (their renames as this branch
    undoing them, their new files as deleted). On GitHub's merge ref, which
    the review checks, HEAD is the pull request merged into origin/<base>,
    so this is origin/<base> itself and the review's result is as before.
    `revision` itself when the two share no history."""
    top, _ = in_repository(content)
    found = subprocess.run(["git", "-C", str(top), "merge-base", "HEAD", revision], capture_output=True, text=True)
    if found.returncode not in (0, 1):  # 1: no common ancestor; anything else names what is wrong
        found.check_returncode()
    # A shallow clone (CI's default checkout) lacks the history that holds
    # the common ancestor: comparing with `revision` as it is now would blame
    # this branch for what others merged since.
    if found.returncode == 1 and git(top, "rev-parse", "--is-shallow-repository").strip() == "true":
        raise HistoryMissing(f"this clone is shallow, so where this branch left {revision} is not in it: "
                             "run `git fetch --unshallow`, then check again")
    named = git(top, "rev-parse", f"{revision}^{{commit}}").strip()
    commit = found.stdout.strip() or named
    return Base(revision, commit, git(top, "rev-parse", "--short", commit).strip() if commit != named else "")


def unknown_revision(revision: str, repository: Path) -> str | None:
    """Why git cannot compare with `revision` in `repository` (it names no
    commit there), in words; None if it can."""
    known = not revision.startswith("-") and subprocess.run(
        ["git", "-C", str(repository), "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"],
        capture_output=True).returncode == 0
    if known:
        return None
    return (f"git knows no commit '{revision}' in this repository: give a branch, a tag or a commit, "
            "e.g. origin/main (run `git fetch origin` first for a branch on GitHub)")


def git_said(error: subprocess.CalledProcessError | HistoryMissing) -> str:
    """Why git failed: its own words (text or bytes), or ours."""
    said = getattr(error, "stderr", None)
    said = said.decode("utf-8", "replace") if isinstance(said, bytes) else said
    return (said or str(error)).strip()


def git_failed(error: subprocess.CalledProcessError | HistoryMissing, revision: str) -> int:
    """What a person is told when git could not read the content at
    `revision` (a revision that is not there, a folder outside the
    repository, history a shallow clone lacks …): git's own words, or
    ours; the exit status a command gives then."""
    print(f"Could not read the content at {revision}: {git_said(error)}", file=sys.stderr)
    return 2


def in_repository(content: Path) -> tuple[Path, str]:
    """(the repository's top folder, the content folder's path inside it)."""
    top = Path(git(content, "rev-parse", "--show-toplevel").strip())
    return top, content.resolve().relative_to(top).as_posix()


def content_at(revision: str, content: Path, into: Path, beside: tuple[str, ...] = ()) -> Path | None:
    """The content folder as it was at `revision`, written under `into`,
    with those of the files named `beside` (next to the content folder:
    pelicanconf.py, which holds the imprint) that `revision` has; None if
    it had no content folder (nothing was published then to keep)."""
    top, inside = in_repository(content)
    if not git(top, "ls-tree", "-d", "--name-only", revision, "--", inside).strip():
        return None
    neighbours = files_at(top, revision, [posixpath.join(posixpath.dirname(inside), name) for name in beside])
    archive = subprocess.run(["git", "-C", str(top), "archive", "--format=tar", revision, "--", inside, *neighbours],
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        extract_files_and_folders(tar, into)
    return into / inside


def extract_files_and_folders(tar: tarfile.TarFile, into: Path) -> None:
    """The archive's plain files and folders, each inside `into`. A
    committed symbolic link is left out, as the build reads none
    (sitecore.names.inside); no name may lead out of `into`. (tarfile's
    filter="data" would do most of this, but it came in Python 3.11.4, and
    the workflows' Debian 12 has 3.11.2.)"""
    for member in tar.getmembers():
        name = PurePosixPath(member.name)
        if (member.isfile() or member.isdir()) and not name.is_absolute() and ".." not in name.parts:
            tar.extract(member, into)


def files_at(top: Path, revision: str, paths: list[str]) -> list[str]:
    """Those of `paths` (in the repository at `top`) that `revision` has."""
    if not paths:
        return []
    return [name for name in git(top, "ls-tree", "-z", "--name-only", revision, "--", *paths).split("\0") if name]


def renamed_since(revision: str, content: Path) -> dict[str, str]:
    """{content/-relative path at `revision`: its path now} for the files git
    sees renamed (committed or staged; a rename not yet added to git reads as
    a deletion)."""
    top, inside = in_repository(content)
    renames = {}
    for line in git(top, "diff", "--name-status", "-M", revision, "--", inside).splitlines():
        status, *paths = line.split("\t")
        if status.startswith("R"):
            old, new = (os.path.relpath(path, inside) for path in paths)
            renames[old] = new
    return renames
