"""Register the cross-reference and URL checks with Pelican."""

from pelican import signals
from pelican.generators import ArticlesGenerator

from sitecore.renewed import items_renewed

from .references import link_posts
from .urls import check_unique_output_paths


def link_and_check(generators) -> None:
    link(generators)
    check_unique_output_paths(generators)


def link(generators, items=()) -> None:
    """Link every post with the policies, councillors and events it names. After
    the preview's quick step too: a renewed item starts without the links
    the old one had (the names it gives are the same)."""
    articles_generator = next(g for g in generators if isinstance(g, ArticlesGenerator))
    link_posts(articles_generator.articles, articles_generator.drafts, articles_generator.context,
               articles_generator.settings)


def register() -> None:
    signals.all_generators_finalized.connect(link_and_check)
    items_renewed.connect(link)
