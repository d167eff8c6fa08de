"""Run the content checks once everything is read, before anything is written."""

import logging
import os
import re
from weakref import WeakKeyDictionary

from pelican import signals

from sitecore.content_items import content_items, unpublished_items
from sitecore.names import MARKDOWN_SUFFIXES, file_name_for
from sitecore.problems import problem_log
from sitecore.renewed import items_renewed
from sitecore.schema.content_folders import files_in_content_folders
from sitecore.site_files import site_urls

from . import fragments
from .checks import check_item
from .link_checks import check_links
from .passed import ItemsThatPassed
from .site_facts import SiteFacts
from .tag_spellings import check_tag_spellings
from .unread_files import report_written_files_not_read

logger = logging.getLogger("site.contentcheck")

# The site the last build's items were checked against, by the build's
# first generator: a renewed item (the live preview's quick step) is checked
# against the same addresses (its own is unchanged), without working them
# all out again. Weak, so a finished build is not kept for it; and emptied
# at each build, as some builds' entries outlived them (17 MB each at 1000
# posts, and --check's look ahead runs several builds).
checked_against: WeakKeyDictionary = WeakKeyDictionary()
# The passes of the build under way (settings, ItemsThatPassed), kept when
# Pelican has finished it (keep_passes).
passes_to_keep: list = []


def check_every_item(generators) -> None:
    """Every item's checks, once Pelican has read them all (links need the
    whole site's addresses); an item that passed in the last build and is
    unchanged gets only the checks that read the clock."""
    settings = generators[0].settings
    site = SiteFacts(settings, site_urls(generators), unpublished_items(generators))
    checked_against.clear()
    checked_against[generators[0]] = site
    passed = ItemsThatPassed.of_build(settings, site.site_urls, set(site.unpublished))
    items = unchanged = 0
    for item in content_items(generators):
        items += 1
        key = passed.key(item) if passed is not None else None
        passed_before = passed is not None and passed.seen(key)
        unchanged += passed_before
        if check_item(item, site, only_the_clock=passed_before) and passed is not None and not passed_before:
            passed.add(key)
    if passed is not None:
        logger.info("Content checks: %d items, %d of them unchanged since they passed in the last build",
                    items, unchanged)
    passes_to_keep[:] = [(settings, passed)] if passed is not None else []
    for item in problem_log.partly_read:
        # A file with a front matter mistake: its links are checked all the
        # same, so the volunteer sees every problem of the file in one build.
        check_links(item, item.body_markdown, item.body_first_line, site, "body")
    # Across all posts, so never skipped for a post that passed before.
    check_tag_spellings(content_items(generators))
    report_unread_files(settings)


def keep_passes(pelican) -> None:
    """Pelican has finished the build: keep its passes. A build stopped
    before then (content problems; a live preview's, by a newer save)
    keeps none."""
    for settings, passed in passes_to_keep:
        if settings is pelican.settings:
            passed.keep()
    passes_to_keep.clear()


def check_renewed(generators, items) -> None:
    site = checked_against.get(generators[0])
    if site is None:  # never checked in full: check everything
        return check_every_item(generators)
    for item in items:
        check_item(item, site)


def report_unread_files(settings) -> None:
    """A file in a content folder that is not Markdown would be silently
    skipped (or, as HTML, published unchecked), and so would a page saved
    outside the content folders: say so."""
    for path in files_in_content_folders(settings):
        name = os.path.basename(path)
        if name.lower().endswith(MARKDOWN_SUFFIXES) and not name.endswith(MARKDOWN_SUFFIXES):
            problem_log.add(path, 1, "(file name)", "ends in upper case, so it is not read as Markdown",
                            f"rename it in lower case, ending in .md ({os.path.splitext(name)[0].lower()}.md)")
        elif name.lower().endswith(".txt") and markdown_name_for(name):
            # Notepad and TextEdit save text as .txt, after any ending typed
            # (bus-vote.md.txt), and Windows hides that .txt from its owner.
            problem_log.add(path, 1, "(file)", "is a text file (.txt), not Markdown (.md), so it is not on the site",
                            f"rename it {markdown_name_for(name)} (Windows may hide the .txt at the end of the "
                            "name: to see it, turn on File name extensions in File Explorer's View menu)")
        elif not name.endswith(MARKDOWN_SUFFIXES):
            problem_log.add(path, 1, "(file)", "is not a Markdown file, so it is not on the site",
                            "write the content as a .md file with front matter (see the README)")
    report_written_files_not_read(settings)


def markdown_name_for(text_file: str) -> str:
    """The Markdown file's name for a text file: bus-vote.txt and
    bus-vote.md.txt are bus-vote.md (a name made a file name the site takes:
    'Bus vote.txt' is bus-vote.md); "" if it has no letter or digit."""
    return file_name_for(re.sub(r"(\.md)?\.txt$", "", text_file, flags=re.IGNORECASE))


def register() -> None:
    signals.all_generators_finalized.connect(check_every_item)
    signals.finalized.connect(keep_passes)
    # Links to a part of a page (#commitment-3), checked once the pages are written.
    fragments.register()
    items_renewed.connect(check_renewed)
