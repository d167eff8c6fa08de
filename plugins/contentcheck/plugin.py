"""Run the content checks once everything is read, before anything is written."""

from itertools import chain

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from .checks import check_item
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


def check_content(generators) -> None:
    settings = generators[0].settings
    site_urls = known_site_urls(generators, settings)
    for item in content_items(generators):
        check_item(item, settings, site_urls)


def register() -> None:
    signals.all_generators_finalized.connect(check_content)
