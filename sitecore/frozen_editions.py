"""Where past minifesto editions are kept, and how their files map back to
the files they were frozen from.

`invoke minifesto freeze` copies content/minifesto.md and every published
policy, byte for byte, into content/minifesto/editions/<key>/ (the key is
the edition date's year and month: 2022-03). A frozen file is read, checked
and linked as the file it was copied from: editions/2022-03/policies/
02-housing.md is a policy, and its links resolve from content/policies/.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass

# An edition's folder name: the year and month of its date.
EDITION_KEY = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")
# The context's name for the frozen editions older than the current one
# (each with its key, minifesto and policies), oldest first: set by the
# minifesto's generator once it has read them, for the check of posts'
# links to commitments by number (plugins/contentcheck/cited_commitments.py).
PAST_MINIFESTO_EDITIONS = "past_minifesto_editions"
# True when a frozen edition or the current minifesto could not be read
# (its problems are told): the names of its policies are then not known,
# and a post naming one is not told it names nothing (sitecore.policy_lines).
PAST_EDITIONS_UNREAD = "past_minifesto_editions_unread"


def edition_key(date) -> str:
    return f"{date:%Y-%m}"


@dataclass(frozen=True)
class FrozenOrigin:
    key: str       # "2022-03"
    original: str  # the content-relative path it was copied from: "policies/02-housing.md"


def frozen_origin(relative: str, settings: dict) -> FrozenOrigin | None:
    """The edition and original path of a content-relative path inside an
    editions folder (MINIFESTO_EDITIONS_PATHS), or None if it is not there."""
    relative = relative.replace(os.sep, "/")
    for folder in settings.get("MINIFESTO_EDITIONS_PATHS") or []:
        prefix = folder.strip("/") + "/"
        if relative.startswith(prefix):
            key, _, original = relative[len(prefix):].partition("/")
            return FrozenOrigin(key, original) if original else None
    return None


def edition_folders(settings: dict) -> list[tuple[str, str]]:
    """(key, absolute folder) of every frozen edition, oldest first."""
    content = os.path.realpath(settings["PATH"])
    return sorted((name, path) for name, path in editions_folder_entries(settings)
                  if folder_within(path, content))


def files_beside_editions(settings: dict) -> list[str]:
    """The ordinary files among the editions' folders (editions/notes.md),
    which no edition reads: each is refused (an audit found one neither
    read nor told)."""
    return sorted(path for _, path in editions_folder_entries(settings) if stat.S_ISREG(os.lstat(path).st_mode))


def editions_folder_entries(settings: dict) -> list[tuple[str, str]]:
    """(name, absolute path) of every entry of the editions folder, but
    hidden ones; none if that folder is not one inside the content folder."""
    found = []
    for folder in settings.get("MINIFESTO_EDITIONS_PATHS") or []:
        root = os.path.join(settings["PATH"], folder)
        if folder_within(root, os.path.realpath(settings["PATH"])):
            found += [(name, os.path.join(root, name)) for name in os.listdir(root) if not name.startswith(".")]
    return found


def folder_within(path: str, content: str) -> bool:
    """A folder inside the content folder, reached through no symbolic link:
    an edition's folder linked to one outside the repository was read (an
    audit), its files' values quoted in the build's log (contentcheck
    refuses the link itself)."""
    return os.path.isdir(path) and os.path.realpath(path).startswith(content + os.sep)
