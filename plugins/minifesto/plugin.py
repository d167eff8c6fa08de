"""Register the minifesto generator with Pelican."""

from pelican import signals

from .edition import MinifestoGenerator, check_editions
from .pdf_links import page_numbers_after_links
from .plain_text import html_to_text, wrap_words


def add_minifesto_generator(pelican):
    return MinifestoGenerator


def add_filters(generator) -> None:
    """In the plain-text edition: `{{ policy.content | as_plain_text }}`,
    and `{{ policy.description | as_wrapped_text }}` for a field's words.
    In the print template, `{{ contents | page_numbers_after_links }}`
    (pdf_links.py)."""
    site_url = generator.settings["SITE_CANONICAL_URL"]
    generator.env.filters["as_plain_text"] = lambda html: html_to_text(html, site_url)
    generator.env.filters["as_wrapped_text"] = wrap_words
    generator.env.filters["page_numbers_after_links"] = page_numbers_after_links


def register() -> None:
    signals.generator_init.connect(add_filters)
    signals.get_generators.connect(add_minifesto_generator)
    signals.all_generators_finalized.connect(check_editions)
