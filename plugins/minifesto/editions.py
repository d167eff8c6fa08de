"""Every edition of the minifesto: the current one, made from content/
minifesto.md and the live policies, and the past ones, each rebuilt from the
copies frozen into content/minifesto/editions/<key>/ (sitecore.frozen_editions).

A frozen edition is checked like live content, and also: its folder is named
after its date, it holds no draft, its numbers are its own, it is not newer
than the current edition, and if it is the current edition's own record the
live files still match it: an edition, once frozen, is never changed under
its name.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field

from pelican.readers import SkipStub

from sitecore.frozen_editions import EDITION_KEY, edition_folders, edition_key, files_beside_editions, frozen_origin
from sitecore.names import MARKDOWN_SUFFIXES
from sitecore.policy_content import policies_by_number
from sitecore.problems import problem_log

from .content import FrozenMinifesto, FrozenPolicy

FREEZE_AGAIN = "`invoke minifesto freeze --again`"


@dataclass
class Edition:
    key: str             # "2022-03": its date's year and month, in its addresses
    minifesto: object    # Minifesto or FrozenMinifesto
    policies: list       # in number order
    current: bool
    settings: dict = field(repr=False)
    previous: Edition | None = None
    files: list = field(default_factory=list)   # EditionFile, once compiled
    changes: object = None                      # EditionChanges, when there is a previous edition

    @property
    def name(self) -> str:
        return self.minifesto.edition

    @property
    def date(self):
        return self.minifesto.date

    def address(self, setting: str) -> str:
        """The edition's address or file from a setting with {key}: MINIFESTO_EDITION_URL …"""
        return self.settings[setting].format(key=self.key)

    @property
    def url(self) -> str:
        return self.address("MINIFESTO_EDITION_URL")

    @property
    def save_as(self) -> str:
        return self.address("MINIFESTO_EDITION_SAVE_AS")

    @property
    def easy_read(self) -> bool:
        """Whether the edition has an Easy Read version: when every policy has its `easy_read` lines."""
        return bool(self.policies) and all(getattr(policy, "easy_read", None) for policy in self.policies)

    @property
    def easy_read_url(self) -> str:
        return self.address("MINIFESTO_EASY_READ_URL")

    @property
    def easy_read_save_as(self) -> str:
        return self.address("MINIFESTO_EASY_READ_SAVE_AS")

    @property
    def changes_url(self) -> str:
        return self.address("MINIFESTO_CHANGES_URL")

    @property
    def changes_save_as(self) -> str:
        return self.address("MINIFESTO_CHANGES_SAVE_AS")

    @property
    def changes_json(self) -> str:
        return self.address("MINIFESTO_CHANGES_JSON_SAVE_AS")


@dataclass
class FrozenEdition:
    key: str
    folder: str          # absolute
    minifesto: FrozenMinifesto
    policies: list       # FrozenPolicy, in number order
    files: dict          # original content-relative path -> frozen absolute path


def read_frozen_editions(generator) -> list[FrozenEdition]:
    """Every frozen edition that reads without a problem, oldest first."""
    editions = []
    for key, folder in edition_folders(generator.settings):
        edition = read_frozen_edition(generator, key, folder)
        if edition is not None:
            editions.append(edition)
    for path in files_beside_editions(generator.settings):
        problem_log.add(path, 1, "(file)", "is not a minifesto edition: the editions folder holds only a folder "
                                           "for each edition, named after its date (2022-03)",
                        "move it, or remove it (`invoke minifesto freeze` makes each edition's folder)")
    return editions


def read_frozen_edition(generator, key: str, folder: str) -> FrozenEdition | None:
    settings = generator.settings
    if not EDITION_KEY.match(key):
        problem_log.add(folder, 1, "(folder name)", f'"{key}" is not the year and month of an edition',
                        "name each edition's folder after its date, e.g. 2022-03 (`invoke minifesto freeze` does)")
        return None
    minifesto_name, policy_folders = settings["MINIFESTO_PATHS"][0], [f.strip("/") for f in settings["POLICY_PATHS"]]
    minifesto, policies, files = None, [], {}
    for path in frozen_files(folder):
        relative = os.path.relpath(path, generator.path)
        original = frozen_origin(relative, settings).original
        files[original] = path
        if original == minifesto_name:
            minifesto = read_item(generator, relative, FrozenMinifesto)
        elif any(original.startswith(folder + "/") for folder in policy_folders):
            policies.append(read_item(generator, relative, FrozenPolicy))
        else:
            problem_log.add(path, 1, "(file)", "is not part of a minifesto edition",
                            f"a frozen edition holds only {minifesto_name} and the policies: remove this file")
    if minifesto_name not in files:
        problem_log.add(os.path.join(folder, minifesto_name), 1, "(file)", "is missing from this frozen edition",
                        f"freeze the edition again with {FREEZE_AGAIN}, or restore the file from git")
    if minifesto is None or None in policies:
        return None  # each problem is in the problem log
    policies = [policy for policy in policies if published_in_edition(policy)]
    edition_url = settings["MINIFESTO_EDITION_URL"].format(key=key)  # as Edition.url
    for item in (minifesto, *policies):
        item.edition_url = edition_url
    minifesto.slug = f"minifesto-{key}"  # its own share card
    if edition_key(minifesto.date) != key:
        problem_log.add(minifesto.source_path, minifesto.frontmatter_lines.get("date", 1), "date",
                        f"is in {edition_key(minifesto.date)}, but the edition's folder is {key}",
                        "an edition's folder is named after its date: put the date back as it was frozen")
        return None
    if not numbers_are_unique(policies):
        return None
    return FrozenEdition(key, folder, minifesto, sorted(policies, key=lambda p: p.number), files)


def frozen_files(folder: str) -> list[str]:
    """The edition's files, never through a symbolic link (contentcheck
    refuses each link, with every file of the content folders)."""
    found = []
    for directory, folders, names in os.walk(folder):  # os.walk follows no link inside (followlinks=False)
        folders.sort()
        # Only ordinary files: a FIFO hung the build (an audit).
        found += [path for path in (os.path.join(directory, name) for name in sorted(names) if not name.startswith("."))
                  if stat.S_ISREG(os.lstat(path).st_mode)]
    return found


def read_item(generator, relative: str, content_class):
    if not relative.endswith(MARKDOWN_SUFFIXES):
        return None  # reported by contentcheck with every other non-Markdown file
    item = generator.readers.read_file(base_path=generator.path, path=relative, content_class=content_class,
                                       context=generator.context)
    return None if isinstance(item, SkipStub) else item


def published_in_edition(policy) -> bool:
    """A draft never reaches an edition: `freeze` leaves drafts out, and one
    put in by hand is refused."""
    if policy.status != "draft":
        return True
    problem_log.add(policy.source_path, policy.frontmatter_lines.get("status", 1), "status",
                    "a draft cannot be part of a published edition",
                    "remove this file from the frozen edition: a past edition holds what was published")
    return False


def numbers_are_unique(policies) -> bool:
    unique = True
    for number, sharing in policies_by_number(policies).items():
        for policy in sharing[1:]:
            problem_log.add(policy.source_path, policy.frontmatter_lines.get("number", 1), "number",
                            f"{number} is also used by {problem_log.display_path(sharing[0].source_path)}",
                            "a frozen edition keeps the numbers it was published with: restore them from git")
            unique = False
    return unique


def check_current_matches_its_record(frozen: list[FrozenEdition], current, live_policies) -> None:
    """Once the current edition is frozen, its words are fixed: a change to
    minifesto.md or a policy belongs to the next edition."""
    key = edition_key(current.date)
    record = next((edition for edition in frozen if edition.key == key), None)
    if record is None:
        return
    # A drafts preview shows drafts among the policies: they are not part of the edition.
    live = {item.relative_source_path: item.source_path for item in (current, *live_policies)
            if not getattr(item, "preview_label", None)}
    changed = sorted(path for path in live.keys() | record.files.keys()
                     if path not in live or path not in record.files
                     or as_read(live[path]) != as_read(record.files[path]))
    if changed:
        problem_log.add(current.source_path, current.frontmatter_lines.get("date", 1), "date",
                        f"the {current.edition} edition was frozen in {problem_log.display_path(record.folder)}, "
                        f"and {', '.join(changed)} changed since",
                        "start the next edition: give this file a new edition name and date; "
                        f"or, to correct the frozen edition itself, run {FREEZE_AGAIN}")


def as_read(path: str) -> bytes:
    """The file as the reader takes it: without a byte order mark, every
    line ending a line feed. An editor or git on Windows that rewrites the
    line endings of a frozen edition's files changes nothing published."""
    with open(path, "rb") as handle:
        text = handle.read()
    return text.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def all_editions(current, live_policies, past: list[FrozenEdition], settings) -> list[Edition]:
    """Every edition, newest first, each knowing the one before it."""
    editions = [Edition(edition.key, edition.minifesto, edition.policies, False, settings) for edition in past]
    editions.append(Edition(edition_key(current.date), current, list(live_policies), True, settings))
    for older, newer in zip(editions, editions[1:]):
        newer.previous = older
    return editions[::-1]
