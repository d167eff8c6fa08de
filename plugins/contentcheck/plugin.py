"""Run the content checks once everything is read, before anything is written."""

import os

from pelican import signals

from sitecore.content_items import content_items, unpublished_paths
from sitecore.problems import problem_log
from sitecore.schema.content_types import files_in_content_folders
from sitecore.site_files import site_urls

from .checks import SiteFacts, check_item, check_links


def check_content(generators) -> None:
    settings = generators[0].settings
    site = SiteFacts(settings, site_urls(generators), unpublished_paths(generators))
    for item in content_items(generators):
        check_item(item, site)
    for item in problem_log.partly_read:
        # A file with a front matter mistake: its links are checked all the
        # same, so the volunteer sees every problem of the file in one build.
        check_links(item, item.body_markdown, item.body_first_line, site, "body")
    report_unread_files(settings)


def report_unread_files(settings) -> None:
    """A file in a content folder that is not Markdown would be silently
    skipped (or, as HTML, published unchecked): say so."""
    for path in files_in_content_folders(settings):
        name = os.path.basename(path)
        if not name.endswith((".md", ".markdown")) and not name.startswith("."):
            problem_log.add(path, 1, "(file)", "is not a Markdown file, so it is not on the site",
                            "write the content as a .md file with front matter (see the README)")


def register() -> None:
    signals.all_generators_finalized.connect(check_content)
