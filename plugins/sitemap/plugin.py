from pelican import signals

from .sitemap import SitemapGenerator


def add_sitemap_generator(pelican):
    return SitemapGenerator


def list_pages(generators) -> None:
    for generator in generators:
        if isinstance(generator, SitemapGenerator):
            generator.list_pages(generators)


def register() -> None:
    signals.get_generators.connect(add_sitemap_generator)
    signals.all_generators_finalized.connect(list_pages)
