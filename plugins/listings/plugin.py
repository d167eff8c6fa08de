"""Listings of posts: Pelican's tag, category and author pages made linear
in the number of posts, and the listings Pelican does not make (the news by
year and month, each policy's, councillor's and event's full list of news:
archive.py), and the years a listing of many pages holds, each linking the
page where it begins (listing_years.py, the `years_of_listing` filter).

Pelican 4.12 writes each tag's page with
`[article for article in self.dates if article in articles]`: a list search
for every post on the site, for every tag. With years of news that is
quadratic (about 1 s at 1000 posts, 4-7 s at 5000, 26 s at 20,000). Once the
articles are read, each tag's, category's and author's list of articles is
swapped for an `ArticleList`: the same list, in the same order, whose `in`
looks the article up in a set. Pelican compares articles by identity (its
content classes define no equality), so the answer, and every page, is
unchanged.
"""

from __future__ import annotations

from pelican import signals

from .archive import ListingsGenerator
from .listing_years import years_of_listing


class ArticleList(list):
    """A list of articles with a constant-time `in` (by identity, as Pelican's
    content objects compare). Built once the lists are final: it is not kept
    up to date if changed afterwards."""

    def __init__(self, articles):
        super().__init__(articles)
        self._ids = frozenset(map(id, self))

    def __contains__(self, article) -> bool:
        return id(article) in self._ids


def index_article_lists(generator) -> None:
    for tag, articles in generator.tags.items():
        generator.tags[tag] = ArticleList(articles)
    # categories and authors are lists of (name, articles) pairs by now
    for pairs in (generator.categories, generator.authors):
        for position, (name, articles) in enumerate(pairs):
            pairs[position] = (name, ArticleList(articles))


def add_listings_generator(pelican):
    return ListingsGenerator


def find_listed_content(generators) -> None:
    for generator in generators:
        if isinstance(generator, ListingsGenerator):
            generator.find_content(generators)


def add_listing_filters(generator) -> None:
    generator.env.filters["years_of_listing"] = years_of_listing


def register() -> None:
    signals.generator_init.connect(add_listing_filters)
    signals.article_generator_finalized.connect(index_article_lists)
    signals.get_generators.connect(add_listings_generator)
    signals.all_generators_finalized.connect(find_listed_content)
