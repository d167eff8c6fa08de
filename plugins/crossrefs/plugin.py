"""Register the cross-reference and URL checks with Pelican."""

from itertools import chain

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from .references import link_posts
from .urls import check_unique_output_paths


def link_and_check(generators) -> None:
    articles_generator = next(g for g in generators if isinstance(g, ArticlesGenerator))
    link_posts(articles_generator.articles, articles_generator.drafts, articles_generator.context)
    items = []
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            items += chain(generator.articles, generator.drafts)
        elif isinstance(generator, PagesGenerator):
            items += chain(generator.pages, generator.draft_pages, generator.hidden_pages)
        elif hasattr(generator, "all_items"):
            items += generator.all_items()
    check_unique_output_paths(items, articles_generator.settings)


def register() -> None:
    signals.all_generators_finalized.connect(link_and_check)
