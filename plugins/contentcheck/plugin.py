"""Run the content checks once everything is read, before anything is written."""

import os
from itertools import chain

from frontmatter.problems import problem_log

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from .checks import SiteFacts, check_item, check_links
from .site_urls import known_site_urls


def content_items(generators):
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            yield from chain(generator.articles, generator.drafts)
        elif isinstance(generator, PagesGenerator):
            yield from chain(generator.pages, generator.draft_pages)
        elif hasattr(generator, "all_items"):
            yield from generator.all_items()
        elif getattr(generator, "minifesto", None) is not None:
            yield generator.minifesto


def unpublished_paths(generators) -> set[str]:
    """Source files of drafts and embargoed items (status draft)."""
    return {os.path.abspath(item.source_path) for item in content_items(generators) if item.status == "draft"}


def check_content(generators) -> None:
    settings = generators[0].settings
    site = SiteFacts(settings, known_site_urls(generators, settings), unpublished_paths(generators))
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
    for setting in ("ARTICLE_PATHS", "PAGE_PATHS", "POLICY_PATHS", "COUNCILLOR_PATHS"):
        for folder in settings.get(setting) or []:
            for directory, _, files in os.walk(os.path.join(settings["PATH"], folder)):
                for name in files:
                    if not name.endswith((".md", ".markdown")) and not name.startswith("."):
                        problem_log.add(os.path.join(directory, name), 1, "(file)",
                                        "is not a Markdown file, so it is not on the site",
                                        "write the content as a .md file with front matter (see the README)")


def register() -> None:
    signals.all_generators_finalized.connect(check_content)
