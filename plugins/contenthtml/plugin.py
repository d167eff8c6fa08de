"""Register the content-HTML filters with every generator's templates."""

from pelican import signals

from .fragment_ids import ids_within
from .nested_headings import headings_under
from .table_boxes import table_boxes


def add_filters(generator) -> None:
    """`{{ policy.content | headings_under(2) | ids_within("policy-2-text") }}`
    where every policy is shown (partials/policy.html), and `| table_boxes`
    wherever content is shown (partials/content.html)."""
    generator.env.filters["headings_under"] = headings_under
    generator.env.filters["ids_within"] = ids_within
    generator.env.filters["table_boxes"] = table_boxes


def register() -> None:
    signals.generator_init.connect(add_filters)
