"""What `invoke publish` and `invoke gh-pages` may publish: the reviewed
branch, as the repository on GitHub has it now.

Both build the checkout they run in and copy the result to the live site.
Built from whatever the folder holds, a file nobody reviewed, another
branch, or an old checkout (which brings a withdrawn post back) would go
live without a second person having seen it; and a server's hourly publish
would never get the merges made since it was cloned. So, before building,
the checkout must be exactly PUBLISH_FROM ("origin/main"), fetched first,
with nothing changed or added by hand, not even in a file git ignores that
the build reads (a post in content/…/preview/, when .gitignore's patterns
were not anchored). `latest` first moves a clean checkout there: the
hourly publish of a server's own copy.
"""

from __future__ import annotations

import subprocess
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

from . import base_revision
from .base_revision import git_said

SHOWN_CHANGES = 10  # the first few files named: the rest are counted


class NotPublishable(Exception):
    """The checkout is not what may be published; the message says why and what to do."""


def git(root: Path, *arguments: str) -> str:
    """git's output, or NotPublishable with git's own words."""
    try:
        return base_revision.git(root, *arguments)
    except subprocess.CalledProcessError as error:
        raise NotPublishable(f"git {arguments[0]} failed, so what is published could not be checked: "
                             f"{git_said(error)}") from None


def changed_files(root: Path) -> list[str]:
    """The files changed, added or deleted and not committed (ignored files,
    such as output/ and .cache/, are not the site's source)."""
    entries = iter(git(root, "status", "--porcelain=v1", "--untracked-files=all", "-z").split("\0"))
    changed = []
    for entry in entries:
        if entry[3:]:
            changed.append(entry[3:])
            if entry[0] in "RC":  # a rename or copy: its old name follows, in an entry of its own
                next(entries, None)
    return changed


def ignored_but_read(root: Path, folders: list[str], skipped: list[str]) -> list[str]:
    """The files under `folders` (root-relative) that git ignores and the
    build reads: those it does not skip itself (IGNORE_FILES patterns,
    matched against each part of the path, as Pelican matches them)."""
    listed = git(root, "ls-files", "--others", "--ignored", "--exclude-standard", "-z", "--", *folders).split("\0")
    return [name for name in listed if name and not any(fnmatch(part, pattern) for part in PurePosixPath(name).parts
                                                         for pattern in skipped)]


def named_files(names: list[str]) -> str:
    more = f"\n  and {len(names) - SHOWN_CHANGES} more" if len(names) > SHOWN_CHANGES else ""
    return "\n".join(f"  {name}" for name in names[:SHOWN_CHANGES]) + more


def publishable_commit(root: Path, revision: str, latest: bool = False, read_folders: tuple[str, ...] = (),
                       skipped: tuple[str, ...] = ()) -> str:
    """The commit this checkout builds, once it is `revision` as its remote
    has it now (fetched here), with nothing changed, and no file the build
    reads under `read_folders` ignored by git (the build skips `skipped`);
    with `latest`, a clean checkout elsewhere is first moved there
    (detached, so no branch moves)."""
    remote, _, branch = revision.partition("/")
    if not (remote and branch):
        raise NotPublishable(f"PUBLISH_FROM is {revision!r}: name the reviewed branch as the remote has it, "
                             "as in 'origin/main'")
    # The refspec in full: a clone of one other branch would not update origin/main.
    git(root, "fetch", "--quiet", remote, f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}")
    changed = changed_files(root)
    if changed:
        raise NotPublishable(f"this checkout has changes that are not on {revision}, and only what was reviewed "
                             f"there is published:\n{named_files(changed)}\nCommit them on a branch and open a pull "
                             "request, or put them aside with `git stash --include-untracked`.")
    unseen = ignored_but_read(root, list(read_folders), list(skipped)) if read_folders else []
    if unseen:
        raise NotPublishable(f"the build would read files that git ignores, so nobody reviewed them:\n"
                             f"{named_files(unseen)}\nMove them out of the content folder, or change the "
                             ".gitignore line that hides them (`git check-ignore -v <file>` names it).")
    target = git(root, "rev-parse", f"{revision}^{{commit}}").strip()
    head = git(root, "rev-parse", "HEAD").strip()
    if head != target and latest:
        where = git(root, "branch", "--show-current").strip()
        git(root, "checkout", "--quiet", "--detach", target)
        print(f"Moved this checkout to {revision} ({target[:7]})"
              + (f", detached from {where} (`git switch {where}` goes back)." if where else "."))
        return target
    if head != target:
        where = git(root, "branch", "--show-current").strip() or "no branch"
        raise NotPublishable(f"this checkout is at {head[:7]} ({where}), not at {revision} ({target[:7]}): only "
                             f"{revision}, as reviewed, is published. On {branch}, `git pull --ff-only` brings it "
                             f"there; or add --latest to move this checkout there first (detached: no branch moves).")
    return head
