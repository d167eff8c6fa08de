"""Register the minifesto generator with Pelican."""

from pelican import signals

from .edition import MinifestoGenerator, check_editions
from .plain_text import html_to_text


def add_minifesto_generator(pelican):
    return MinifestoGenerator


def add_plain_text_filter(generator) -> None:
    """`{{ policy.content | as_plain_text }}` in the plain-text edition."""
    site_url = generator.settings["SITE_CANONICAL_URL"]
    generator.env.filters["as_plain_text"] = lambda html: html_to_text(html, site_url)


def register() -> None:
    signals.generator_init.connect(add_plain_text_filter)
    signals.get_generators.connect(add_minifesto_generator)
    signals.all_generators_finalized.connect(check_editions)
