from pelican import signals

from .sitemap import SitemapGenerator


def add_sitemap_generator(pelican):
    return SitemapGenerator


def register() -> None:
    signals.get_generators.connect(add_sitemap_generator)
