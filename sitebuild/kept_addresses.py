"""`python -m sitebuild.kept_addresses --since REV`: does every address the
content at REV published still answer?

Journalists, search engines and people sharing on social media link to an
item's address, and the file name is the address. A pull request that
renames a published file, deletes it or turns it into a draft breaks those
links without a word: each build sees only the content it has. So the
review compares the public pages of the content at REV (the branch it will
be merged into, as this branch left it: see where_branch_left) with those of
the content now, both read by the same code, at the same moment, writing
nothing, each with its own address settings (`*_URL`, `*_SAVE_AS`):

- a published file renamed (git's rename detection) whose old address no
  file keeps in `old_addresses` is an error, at the new file: the fix is one
  line (plugins/redirects then writes the page that sends readers on);
- so is a published file whose address the settings moved;
- a published file deleted, or no longer published, is a warning: that can
  be meant (a post withdrawn), so it is for the reviewer to see, not to stop.

Every address still served (by the same item, by another item, or as a
moved page) is kept. Listings (a tag's page …) come and go with the posts
that fill them, and are not compared.
"""

from __future__ import annotations

import argparse
import io
import os
import posixpath
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pelican import signals
from pelican.settings import DEFAULT_CONFIG

from sitecore.problems import Problem
from sitecore.settings_file import settings_file_of
from sitecore.site_files import declared_files

from . import annotations
from .build import BuildFailed, check_once
from .settings_as_written import literal_settings_written_in

# The settings file beside the content folder, which holds the imprint and
# the address settings (sitecore/settings_file.py).
SETTINGS_BESIDE_CONTENT = "pelicanconf.py"
# The settings that make an item's address and where its page is written.
ADDRESS_SETTINGS = ("*_URL", "*_SAVE_AS")


@dataclass(frozen=True)
class PublicPages:
    pages: dict[str, str]  # address -> the content file (content/-relative) whose page it is
    served: set[str]       # every address the build writes something at


def public_pages(settings_file: str, content: Path, now: str | None, partly: bool = False,
                 settings: dict | None = None) -> PublicPages:
    """The pages the content in `content` publishes, read as `--check` reads
    it (every file read and checked, nothing written), with `settings` in
    place of the file's. Content with problems raises BuildFailed, unless
    `partly`: then the pages of what could be read."""
    found: list[PublicPages] = []

    def record(generators) -> None:
        files = declared_files(generators)
        found.append(PublicPages({file.url: file.source for file in files
                                  if file.in_sitemap and file.source and file.source.endswith(".md")},
                                 {file.url for file in files}))

    signals.all_generators_finalized.connect(record)
    try:
        # Once, at `now`: not --check's look at the moments ahead, which
        # would record the site as it will be then.
        check_once(settings_file, {**(settings or {}), "PATH": str(content.resolve()),
                                   **({"BUILD_TIME": now} if now else {})})
    except BuildFailed:
        if not (partly and found):
            raise
    finally:
        signals.all_generators_finalized.disconnect(record)
    return found[0]


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


def git_failed(error: subprocess.CalledProcessError | HistoryMissing, revision: str) -> int:
    """What a person is told when git could not read the content at
    `revision` (a revision that is not there, a folder outside the
    repository, history a shallow clone lacks …): git's own words, or
    ours; the exit status a command gives then."""
    said = getattr(error, "stderr", None)
    said = said.decode("utf-8", "replace") if isinstance(said, bytes) else said
    print(f"Could not read the content at {revision}: {(said or str(error)).strip()}", file=sys.stderr)
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


def address_settings_at(earlier: Path, content: Path) -> tuple[dict, list[str]]:
    """(the address settings that the settings file beside `earlier`, the
    content at the base, writes as plain values, and Pelican's defaults of
    those it does not write, to read that content with; the names of those
    it sets in another way than the one beside `content`, this change's,
    does, or does not write where Pelican has no default). Without them the base's addresses would be made
    with this change's patterns, and a change that moves every address
    would seem to move none."""
    def written(folder: Path):
        return literal_settings_written_in(Path(settings_file_of({"PATH": str(folder)})), ADDRESS_SETTINGS)

    base, head = written(earlier), written(content)
    # Set by the same code in both, a setting's value is this change's: no
    # reason to say it could not be compared.
    unsure = {name for name, code in base.otherwise.items() if head.otherwise.get(name) != code}
    # One this change writes and the base does not write at all: the base
    # took Pelican's default, if it has one (left out, this change's value
    # would read the base's content, and a new pattern would move nothing).
    unwritten = {*head.values, *head.otherwise} - {*base.values, *base.otherwise}
    defaults = {name: DEFAULT_CONFIG[name] for name in unwritten if name in DEFAULT_CONFIG}
    return {**defaults, **base.values}, sorted(unsure | (unwritten - set(defaults)))


def not_compared(unsure: list[str], base: Base) -> str:
    """What a person is told of the address settings `unsure` (see address_settings_at)."""
    them, values = ("it", "a plain value") if len(unsure) == 1 else ("them", "plain values")
    return (f"{SETTINGS_BESIDE_CONTENT} at {base} does not write {', '.join(unsure)} as {values}, and this change "
            f"sets {them} differently, so the content there was read with this change's: an address that moved "
            f"with {them} is not found")


def warn(line: str, title: str, kind: str | None) -> None:
    """A warning on stderr, and as an annotation too if asked (stdout, where the runner reads them)."""
    print(f"Warning: {line}", file=sys.stderr)
    if kind:
        print(annotations.workflow_command("warning", line, title=title), flush=True)


def lost_addresses(before: PublicPages, now: PublicPages, renamed: dict[str, str],
                   content: Path) -> list[tuple[str, Problem]]:
    """("error" or "warning", the problem) for each address `before`
    published that nothing now serves; files named as `content`/…"""
    found = []
    addresses_now = {source: address for address, source in sorted(now.pages.items())}
    for address, source in sorted(before.pages.items()):
        if address in now.served:
            continue
        new_name = renamed.get(source)
        keep_it = f"add the old address to it, 'old_addresses: [/{address}]', so links to it keep working"
        if new_name is not None and new_name in now.pages.values():
            found.append(("error", Problem(
                str(content / new_name), 1, "old_addresses",
                f"this file was {content / source}, public at /{address}: renamed, it no longer answers there",
                keep_it)))
        elif new_name is None and source in addresses_now:
            found.append(("error", Problem(
                str(content / source), 1, "old_addresses",
                f"was public at /{address} and is now at /{addresses_now[source]}: this change moves its address, "
                "so it no longer answers there",
                f"{keep_it}, or keep the address settings (*_URL, *_SAVE_AS) as they were")))
        elif new_name is not None or (content / source).exists():
            found.append(("warning", Problem(
                str(content / (new_name or source)), 1, "(file)",
                f"was public at /{address} and is no longer published: links to it will find 'Page not found'",
                "if that is meant, say why in the pull request; if not, publish it again")))
        else:
            found.append(("warning", Problem(
                str(content / source), 1, "(file)",
                f"was public at /{address} and is deleted: links to it will find 'Page not found'",
                "if that is meant, say why in the pull request; if it moved, list "
                f"/{address} in the old_addresses of the file that has its words now")))
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="sitebuild.kept_addresses", description=__doc__.split("\n\n")[0])
    parser.add_argument("--since", required=True, help="the git revision whose public addresses must be kept "
                                                       "(e.g. origin/main)")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--content", default="content")
    parser.add_argument("--now", help="the moment both are read at (YYYY-MM-DD HH:MM; default: now)")
    parser.add_argument("--annotations", choices=annotations.FORMATS)
    args = parser.parse_args(argv)
    content = Path(args.content).resolve()
    try:
        base = where_branch_left(args.since, content)
        with tempfile.TemporaryDirectory(prefix="content-before-") as folder:
            earlier = content_at(base.commit, content, Path(folder), beside=(SETTINGS_BESIDE_CONTENT,))
            if earlier is None:
                print(f"{base} has no {args.content}/: no address to keep.", file=sys.stderr)
                return 0
            # Read with this change's code, whose rules may be new: what the
            # content at REV breaks is this change's to mend, not a reason to
            # compare nothing. Its addresses are made as REV made them.
            settings, unsure = address_settings_at(earlier, content)
            before = public_pages(args.settings, earlier, args.now, partly=True, settings=settings)
        now = public_pages(args.settings, content, args.now)
        renamed = renamed_since(base.commit, content)
    except (subprocess.CalledProcessError, HistoryMissing) as error:
        return git_failed(error, args.since)
    except BuildFailed as failure:
        print("\n".join(["The content could not be read, so its addresses were not compared:", *failure.lines]),
              file=sys.stderr)
        return 1
    if unsure:
        warn(not_compared(unsure, base), "address settings", args.annotations)
    found = lost_addresses(before, now, renamed, Path(args.content))  # named as given: content/…
    annotations.print_problems(found, args.annotations)
    errors = sum(level == "error" for level, _ in found)
    print(f"Every address published at {base} still answers." if not found else
          f"{len(found)} address{'es' if len(found) != 1 else ''} published at {base} no longer "
          f"answer{'s' if len(found) == 1 else ''} ({errors} to fix).", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
