"""`python -m sitebuild.kept_addresses --since REV`: does every address the
content at REV published still answer?

Journalists, search engines and people sharing on social media link to an
item's address, and the file name is the address. A pull request that
renames a published file, deletes it or turns it into a draft breaks those
links without a word: each build sees only the content it has. So the
review compares the public pages of the content at REV (the branch it will
be merged into, as this branch left it: sitebuild/base_revision.py) with
those of the content now, both read by the same code, at the same moment,
writing nothing, each with its own address settings (`*_URL`, `*_SAVE_AS`):

- a published file renamed (git's rename detection) whose old address no
  file keeps in `old_addresses` is an error, at the new file: the fix is one
  line (plugins/redirects then writes the page that sends readers on);
- so is a published file whose address the settings moved;
- a published file deleted, or no longer published, is a warning: that can
  be meant (a post withdrawn), so it is for the reviewer to see, not to stop.

Every address still served (by the same item, by another item, or as a
moved page) is kept. Listings (a tag's page …) come and go with the posts
that fill them, and are not compared.

A cited work's addresses (a minifesto edition's page and files, which no
content file's page is: sitecore.site_files.CitedWork) are compared too.
And, read in the same pass, each published event's plans: one this change
moves (its time, place or status) without a later `modified` is an error
(event_revisions.py), since calendars would keep the old version.
One that no longer answers is a warning; but when the file it was made from
now makes another edition, the edition was changed without being frozen
first, which takes down everything the press cited it by: an error, whose
fix is one command (`invoke minifesto freeze --from REV`).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pelican import signals
from pelican.settings import DEFAULT_CONFIG

from sitecore.clock import build_time
from sitecore.content_items import collection_of, published_items
from sitecore.problems import Problem
from sitecore.renamed_items import first_address
from sitecore.settings_file import settings_file_of
from sitecore.site_files import CitedWork, declared_files

from . import annotations
from .base_revision import (
    SETTINGS_BESIDE_CONTENT,
    Base,
    HistoryMissing,
    content_at,
    git_failed,
    renamed_since,
    where_branch_left,
)
from .build import BuildFailed
from .content_check import check_once
from .event_revisions import EventPlans, plans_of_events, unrevised_events
from .settings_as_written import literal_settings_written_in

# The settings that make an item's address and where its page is written.
ADDRESS_SETTINGS = ("*_URL", "*_SAVE_AS")


@dataclass(frozen=True)
class PublicPages:
    pages: dict[str, str]  # address -> the content file (content/-relative) whose page it is
    served: set[str]       # every address the build writes something at
    cited: dict[str, CitedWork]  # address -> the cited work it is an address of
    events: dict[str, EventPlans]  # content file -> its published event's plans (event_revisions.py)
    # An old address kept (lower case, no "/" at its start) -> (the content file, the address as written).
    kept: dict[str, tuple[str, str]] = field(default_factory=dict)
    kept_lines: dict[str, int] = field(default_factory=dict)  # content file -> the line of its old_addresses
    identities: dict[str, str] = field(default_factory=dict)  # content file -> its first address here


# The items feed readers and calendars know by their first address (an
# Atom entry's id, a calendar's UID): posts and events.
KNOWN_BY_FIRST_ADDRESS = ("news", "events")


def old_addresses_kept(items) -> tuple[dict, dict, dict]:
    """The old addresses the items keep, the line of each file's, and each
    item's identity (sitecore.renamed_items.first_address), by file."""
    kept, lines, identities = {}, {}, {}
    for item in items:
        addresses = getattr(item, "old_addresses", None) or ()
        for address in addresses:
            kept.setdefault(address.lstrip("/").lower(), (item.relative_source_path, "/" + address.lstrip("/")))
        if addresses:
            lines[item.relative_source_path] = item.frontmatter_lines.get("old_addresses", 1)
        if collection_of(item) in KNOWN_BY_FIRST_ADDRESS:
            identities[item.relative_source_path] = first_address(item)
    return kept, lines, identities


def public_pages(settings_file: str, content: Path, now: str | None, partly: bool = False,
                 settings: dict | None = None) -> PublicPages:
    """The pages the content in `content` publishes, read as `--check` reads
    it (every file read and checked, nothing written), with `settings` in
    place of the file's. Content with problems raises BuildFailed, unless
    `partly`: then the pages of what could be read."""
    found: list[PublicPages] = []

    def record(generators) -> None:
        files = declared_files(generators)
        items = list(published_items(generators))
        found.append(PublicPages({file.url: file.source for file in files
                                  if file.in_sitemap and file.source and file.source.endswith(".md")},
                                 {file.url for file in files},
                                 {file.url: file.cited for file in files if file.cited},
                                 plans_of_events(items), *old_addresses_kept(items)))

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
        if new_name in now.kept_lines:  # renamed again: its first old address is its identity (a review)
            keep_it = (f"add /{address} at the end of its old_addresses, keeping those there, so links to it keep "
                       "working")
        if new_name is not None and new_name in now.pages.values():
            found.append(("error", Problem(
                str(content / new_name), now.kept_lines.get(new_name, 1), "old_addresses",
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
    return found + dropped_old_addresses(before, now, renamed, content) + changed_identities(before, now, renamed,
                                                                                            content)


def changed_identities(before: PublicPages, now: PublicPages, renamed: dict[str, str],
                       content: Path) -> list[tuple[str, Problem]]:
    """A post or event whose first address here (its feed entry's id, its
    calendar UID: sitecore.renamed_items.first_address) this change moves,
    the address it was known by still its own: an old address written
    before it that it never had (an audit: `old_addresses: [/events/conf-typo/]`
    on an event never renamed made calendars show it twice). A rename
    without its old address, or one taken out, is told by the checks above."""
    found = []
    pages_now = {address.lower(): source for address, source in now.pages.items()}
    for source, was in sorted(before.identities.items()):
        holder = renamed.get(source, source)
        known_now = now.identities.get(holder)
        still_its_own = pages_now.get(was) == holder or now.kept.get(was, ("",))[0] == holder
        if known_now is None or known_now == was or not still_its_own:
            continue
        found.append(("error", Problem(
            str(content / holder), now.kept_lines.get(holder, 1), "old_addresses",
            f"this change makes feed readers and calendars know this item by /{known_now} instead of /{was}: "
            "they would show it again, as new",
            f"an old address is one this item had: remove /{known_now} if it never had it"
            + (f", or keep /{was} first" if pages_now.get(was) != holder else ""))))
    return found


def dropped_old_addresses(before: PublicPages, now: PublicPages, renamed: dict[str, str],
                          content: Path) -> list[tuple[str, Problem]]:
    """An old address a published item kept that nothing now serves: its
    line taken out of old_addresses (on its own, or replaced as a review's
    earlier fix read literally replaced it: an audit), which breaks the
    links to it and, for the first, the item's identity in feed readers."""
    found = []
    served = {address.lower() for address in now.served}
    pages_now = {address.lower(): source for address, source in now.pages.items()}
    published = set(now.pages.values())
    for key, (source, written) in sorted(before.kept.items()):
        holder = renamed.get(source, source)
        other = pages_now.get(key)
        if holder not in published or key in served and other in (None, holder):
            continue  # still leading here, or the item itself is gone or a draft: lost_addresses tells of it
        identity = (" (feed readers and calendars know this item by it)"
                    if before.identities.get(source) == key else "")
        if other is None:
            message, fix = (f"{written} was kept as an old address of this file, and this change drops it: links "
                            f"to it will find 'Page not found'{identity}",
                            f"keep {written} in old_addresses (add a newer old address after those there)")
        else:  # a new file of that name took it: the second fix the build gives, which it must not be (a review)
            message, fix = (f"{written} was kept as an old address of this file, and this change gives it to "
                            f"{content / other}: links to it would lead there{identity}",
                            f"keep {written} in old_addresses, and give {content / other} another name")
        found.append(("error", Problem(str(content / holder), now.kept_lines.get(holder, 1), "old_addresses",
                                       message, fix)))
    return found


def lost_cited_addresses(before: PublicPages, now: PublicPages, content: Path,
                         since: str) -> list[tuple[str, Problem]]:
    """("error" or "warning", the problem) for each cited work (a minifesto
    edition) some of whose addresses at `since` nothing now serves."""
    lost: dict[tuple[str, str, str], list[str]] = {}
    for address, work in sorted(before.cited.items()):
        if address not in now.served:
            lost.setdefault((work.name, work.version, work.source), []).append(f"/{address}")
    made_now = {work.source: work for work in now.cited.values()}
    found = []
    for (name, version, source), addresses in lost.items():
        shown = ", ".join(addresses)  # an edition has nine at most: each is one a citation may name
        successor = made_now.get(source)
        # Another edition (another date's month, whatever its name) now made
        # from the same file: the one published was never frozen.
        if successor is not None and successor.version != version:
            change = (f"this change makes {successor.name} the current one" if successor.name != name else
                      f"this change moves {name} from {version} to {successor.version} (the month of its date "
                      "names its addresses)")
            found.append(("error", Problem(
                str(content / source), successor.line, successor.field,
                f"{change}, but {name} was not frozen first, "
                f"so its addresses, which the press and readers cite, would no longer answer: {shown}",
                f"keep it as it was published: run `invoke minifesto freeze --from {since}`, then commit the "
                "folder it makes under content/minifesto/editions/ (from the browser editor: ask someone who has "
                "the project on their computer)")))
        elif successor is None and not (content / source).exists():  # its file deleted: a frozen edition's folder
            found.append(("warning", Problem(
                str(content / source), 1, "(file)",
                f"{name} was public at {shown}, and this change deletes the file it is made from: links to them "
                "will find 'Page not found'",
                "if that is meant, say why in the pull request; if not, put it back: "
                f"`git checkout {since} -- {(content / source).parent.as_posix()}`")))
        else:
            found.append(("warning", Problem(
                str(content / source), successor.line if successor else 1, "(file)",
                f"{name} was public at {shown}, which no longer answer{'s' if len(addresses) == 1 else ''}: "
                "links to them will find 'Page not found'",
                "if that is meant, say why in the pull request; if not, publish it again")))
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
        annotations.warn(not_compared(unsure, base), "address settings", args.annotations)
    shown_content = Path(args.content)  # files named as given: content/…
    items_lost = lost_addresses(before, now, renamed, shown_content)
    # The fix freezes the edition as the branch named has it now, which is
    # what is live, corrections since this branch left it included.
    found = [*items_lost, *lost_cited_addresses(before, now, shown_content, base.named)]
    # Read here too, at no cost: the events moved without saying when.
    unrevised = unrevised_events(before.events, now.events, renamed, shown_content,
                                 build_time({"BUILD_TIME": args.now} if args.now else {}))
    # An item's problem is about one address; a cited work's names each it lost.
    lost = len(items_lost) + sum(address not in now.served for address in before.cited)
    annotations.print_problems([*found, *unrevised], args.annotations)
    errors = sum(level == "error" for level, _ in found)
    print(f"Every address published at {base} still answers." if not found else
          f"{lost} address{'es' if lost != 1 else ''} published at {base} no longer "
          f"answer{'s' if lost == 1 else ''} ({errors} to fix).", file=sys.stderr)
    if unrevised:
        print(f"{len(unrevised)} event{'s' if len(unrevised) != 1 else ''} moved without a later modified "
              f"({len(unrevised)} to fix).", file=sys.stderr)
    return 1 if errors or unrevised else 0


if __name__ == "__main__":
    sys.exit(main())
