"""Register the content-HTML filters with every generator's templates."""

from pelican import signals

from sitecore.languages import correction_note, in_own_language, lang_attribute, other_language

from .address_links import address_links
from .fragment_ids import ids_within
from .nested_headings import headings_under
from .table_boxes import table_boxes


def add_filters(generator) -> None:
    """`{{ policy.content | headings_under(2) | ids_within("policy-2-text") }}`
    where every policy is shown (partials/policy.html), and `| table_boxes`
    and `| address_links` wherever content is shown (partials/content.html)."""
    generator.env.filters["headings_under"] = headings_under
    generator.env.filters["ids_within"] = ids_within
    generator.env.filters["table_boxes"] = table_boxes
    generator.env.filters["address_links"] = address_links
    # `<h1{{ article | lang_attribute }}>`: lang="cy" on each element holding
    # a Welsh item's own words (sitecore/languages.py says why not <html lang>).
    settings = generator.settings
    generator.env.filters["lang_attribute"] = lambda item: lang_attribute(item, settings)
    generator.env.filters["other_language"] = lambda item: other_language(item, settings)
    generator.env.filters["in_own_language"] = lambda words, item: in_own_language(words, item, settings)
    generator.env.filters["correction_note"] = lambda correction, item: correction_note(correction, item, settings)


def register() -> None:
    signals.generator_init.connect(add_filters)
