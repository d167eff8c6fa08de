"""`invoke minifesto freeze`: keep the current edition of the minifesto, as
it is published, so it can be rebuilt byte for byte after the policies change.

It copies content/minifesto.md and every published policy file, unchanged,
into content/minifesto/editions/<key>/ (the edition date's year and month).
Drafts are left out: they were never part of the edition. The caller checks
the content first (`sitebuild --check`), so only an edition that builds is
frozen. An edition already frozen is kept unless `again` is given (to
correct it); the folder is written beside its place and then moved there,
so an interrupted freeze leaves the old copy or the new one, never half.
With `again`, the caller checks the content after freezing (before, the
check refuses the very change being frozen) and can put the old copy back.

`freeze_edition_at(revision)` freezes the edition as the content at a git
revision has it: for the volunteer who changed the edition before freezing
it (the review says so: sitebuild/kept_addresses.py), the edition as it was
published, from main, while the change stays as it is.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sitecore.frozen_editions import edition_key
from sitecore.names import MARKDOWN_SUFFIXES
from sitecore.problems import problems_of_one_file
from sitecore.schema.content_types import MINIFESTO
from sitecore.schema.document import parse_document
from sitecore.schema.front_matter_errors import FrontMatterError

from .base_revision import HistoryMissing, content_at, git_said


class FreezeError(Exception):
    pass


@dataclass
class Frozen:
    folder: Path
    edition: str
    copied: list[str] = field(default_factory=list)     # content-relative
    left_out: list[str] = field(default_factory=list)   # drafts
    previous: Path | None = None  # the copy it replaced, kept aside (keep_previous)

    def undo(self) -> None:
        """Undo the freeze: the copy it replaced (keep_previous) goes back,
        or, if it replaced none, the edition is not frozen."""
        shutil.rmtree(self.folder, ignore_errors=True)
        if self.previous is not None and self.previous.exists():
            os.replace(self.previous, self.folder)

    def forget_previous(self) -> None:
        if self.previous is not None:
            shutil.rmtree(self.previous, ignore_errors=True)


def front_matter(path: Path, content: Path):
    """A file's front matter, or FreezeError with its problem as the build
    prints it (`invoke minifesto freeze --again` freezes without a build's
    check first)."""
    try:
        return parse_document(path.read_text(encoding="utf-8-sig"))
    except FrontMatterError as error:
        problem = (error.line, error.field, error.message, error.fix)
        raise FreezeError("\n" + problems_of_one_file(shown_path(path, content), [problem])) from None
    except UnicodeDecodeError:
        raise FreezeError(f"{shown_path(path, content)} is not UTF-8 text: run `invoke check` to find the "
                          "character") from None


def shown_path(path: Path, content: Path) -> str:
    return path.relative_to(content.parent).as_posix()  # content/minifesto.md


def minifesto_values(content: Path, minifesto_name: str, settings: dict) -> dict:
    """The minifesto's checked fields, or FreezeError with its problems."""
    path = content / minifesto_name
    problems: list[tuple[int, str, str, str]] = []
    values = MINIFESTO.validate(minifesto_name, front_matter(path, content), settings,
                                lambda _, line, key, message, fix: problems.append((line, key, message, fix)))
    if values is None:
        raise FreezeError("\n" + problems_of_one_file(shown_path(path, content), problems))
    return values


def freeze_edition_at(revision: str, settings: dict, again: bool = False, keep_previous: bool = False) -> Frozen:
    """freeze_edition of the content as it is at `revision`, into this content's editions."""
    content = Path(settings["PATH"])
    with tempfile.TemporaryDirectory(prefix="content-at-") as folder:
        try:
            published = content_at(revision, content, Path(folder))
        except (subprocess.CalledProcessError, HistoryMissing) as error:
            raise FreezeError(f"could not read the content at {revision}: {git_said(error)}") from None
        if published is None:
            raise FreezeError(f"{revision} has no {content.name}/ folder, so no edition was published there")
        return freeze_edition(settings, again, keep_previous, read_from=published,
                              command=f"invoke minifesto freeze --from {revision}")


def freeze_edition(settings: dict, again: bool = False, keep_previous: bool = False,
                   read_from: Path | None = None, command: str = "invoke minifesto freeze") -> Frozen:
    """Freeze the edition that the content folder `read_from` (this
    content's, settings' PATH, if None) holds into this content's editions;
    `command` is how the person ran it, for the fix a refusal gives."""
    into = Path(settings["PATH"])
    content = read_from or into
    minifesto_name = settings["MINIFESTO_PATHS"][0]
    values = minifesto_values(content, minifesto_name, settings)
    key = edition_key(values["date"])
    target = into / settings["MINIFESTO_EDITIONS_PATHS"][0] / key
    frozen = Frozen(target, values["edition"])
    if target.exists() and not again:
        shown = target.relative_to(into.parent)
        if read_from is not None:  # frozen from a revision: the live file's edition is not the question
            raise FreezeError(f"the {values['edition']} edition is already frozen in {shown}: to freeze it again "
                              f"from there, run `{command} --again`")
        raise FreezeError(f"the {values['edition']} edition is already frozen in {shown}: "
                          "to start the next edition, give content/minifesto.md a new edition name and date; "
                          f"to correct this one, run `{command} --again`")
    files = [minifesto_name]
    for folder in settings["POLICY_PATHS"]:
        # Every file the build reads as a policy: in subfolders too.
        for path in sorted(p for p in (content / folder).rglob("*") if p.suffix in MARKDOWN_SUFFIXES):
            relative = path.relative_to(content).as_posix()
            if path.is_symlink():  # `invoke check` refuses it too: never copy what it points to
                raise FreezeError(f"content/{relative} is a symbolic link: replace it with the file itself")
            if front_matter(path, content).values.get("status") == "draft":
                frozen.left_out.append(relative)
            else:
                files.append(relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=target.parent))
    previous = target.parent / f".{key}-previous"
    try:
        # mkdtemp's folder is private; the edition's folder is like the one it goes in.
        staging.chmod(stat.S_IMODE(target.parent.stat().st_mode))
        for relative in files:
            (staging / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(content / relative, staging / relative)
        # The old copy is moved aside, not deleted, until the new one is in
        # its place: an interrupted freeze leaves one of the two.
        shutil.rmtree(previous, ignore_errors=True)
        if target.exists():
            os.replace(target, previous)
            frozen.previous = previous
        os.replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if not keep_previous:
        frozen.forget_previous()
    frozen.copied = files
    return frozen
