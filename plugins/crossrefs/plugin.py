"""Register the cross-reference and URL checks with Pelican."""

from pelican import signals
from pelican.generators import ArticlesGenerator

from .references import link_posts
from .urls import check_unique_output_paths


def link_and_check(generators) -> None:
    articles_generator = next(g for g in generators if isinstance(g, ArticlesGenerator))
    link_posts(articles_generator.articles, articles_generator.drafts, articles_generator.context)
    check_unique_output_paths(generators)


def register() -> None:
    signals.all_generators_finalized.connect(link_and_check)
