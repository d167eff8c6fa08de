"""What `invoke publish` and `invoke gh-pages` may publish: the reviewed
branch, as the repository on GitHub has it now.

Both build the checkout they run in and copy the result to the live site.
Built from whatever the folder holds, a file nobody reviewed, another
branch, or an old checkout (which brings a withdrawn post back) would go
live without a second person having seen it; and a server's hourly publish
would never get the merges made since it was cloned. So, before building,
the checkout must be exactly PUBLISH_FROM ("origin/main"), fetched first,
with nothing changed or added by hand. `latest` first moves a clean
checkout there: the hourly publish of a server's own copy.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

SHOWN_CHANGES = 10  # the first few files named: the rest are counted


class NotPublishable(Exception):
    """The checkout is not what may be published; the message says why and what to do."""


def git(root: Path, *arguments: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *arguments], capture_output=True, text=True)
    if done.returncode:
        raise NotPublishable(f"git {arguments[0]} failed, so what is published could not be checked: "
                             f"{done.stderr.strip()}")
    return done.stdout


def changed_files(root: Path) -> list[str]:
    """The files changed, added or deleted and not committed (ignored files,
    such as output/ and .cache/, are not the site's source)."""
    listed = git(root, "status", "--porcelain=v1", "--untracked-files=all", "-z").split("\0")
    return [entry[3:] for entry in listed if entry[3:]]


def publishable_commit(root: Path, revision: str, latest: bool = False) -> str:
    """The commit this checkout builds, once it is `revision` as its remote
    has it now (fetched here), with nothing changed; with `latest`, a clean
    checkout elsewhere is first moved there (detached, so no branch moves)."""
    remote, _, branch = revision.partition("/")
    if not (remote and branch):
        raise NotPublishable(f"PUBLISH_FROM is {revision!r}: name the reviewed branch as the remote has it, "
                             "as in 'origin/main'")
    git(root, "fetch", "--quiet", remote, branch)
    changed = changed_files(root)
    if changed:
        named = "\n".join(f"  {name}" for name in changed[:SHOWN_CHANGES])
        more = f"\n  and {len(changed) - SHOWN_CHANGES} more" if len(changed) > SHOWN_CHANGES else ""
        raise NotPublishable(f"this checkout has changes that are not on {revision}, and only what was reviewed "
                             f"there is published:\n{named}{more}\nCommit them on a branch and open a pull request, "
                             "or put them aside with `git stash --include-untracked`.")
    target = git(root, "rev-parse", f"{revision}^{{commit}}").strip()
    head = git(root, "rev-parse", "HEAD").strip()
    if head != target and latest:
        git(root, "checkout", "--quiet", "--detach", target)
        return target
    if head != target:
        where = git(root, "branch", "--show-current").strip() or "no branch"
        raise NotPublishable(f"this checkout is at {head[:7]} ({where}), not at {revision} ({target[:7]}): only "
                             f"{revision}, as reviewed, is published. Add --latest to move this checkout there "
                             f"first, or run `git checkout --detach {revision}`.")
    return head
