"""Register the minifesto generator with Pelican."""

from pelican import signals

from .edition import MinifestoGenerator, check_editions
from .fragment_ids import ids_within
from .nested_headings import headings_under
from .pdf_links import page_numbers_after_links
from .plain_text import html_to_text, wrap_words


def add_minifesto_generator(pelican):
    return MinifestoGenerator


def add_filters(generator) -> None:
    """In the plain-text edition: `{{ policy.content | as_plain_text }}`,
    and `{{ policy.description | as_wrapped_text }}` for a field's words.
    In the print template, `{{ contents | page_numbers_after_links }}`
    (pdf_links.py). In the policy partial, which every page showing a
    policy calls: `{{ policy.content | headings_under(2) }}` (nested_headings.py),
    and where several texts share a page `| ids_within(prefix)` (fragment_ids.py)."""
    site_url = generator.settings["SITE_CANONICAL_URL"]
    generator.env.filters["as_plain_text"] = lambda html: html_to_text(html, site_url)
    generator.env.filters["as_wrapped_text"] = wrap_words
    generator.env.filters["page_numbers_after_links"] = page_numbers_after_links
    generator.env.filters["headings_under"] = headings_under
    generator.env.filters["ids_within"] = ids_within


def register() -> None:
    signals.generator_init.connect(add_filters)
    signals.get_generators.connect(add_minifesto_generator)
    signals.all_generators_finalized.connect(check_editions)
