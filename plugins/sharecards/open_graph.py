"""The Jinja filter for the pages' Open Graph tags: a language tag in Open Graph's form."""


def open_graph_locale(language: str) -> str:
    """Open Graph's form of a language tag: en-GB (which Pelican lowercases
    to en-gb) is en_GB."""
    language_code, _, region = language.partition("-")
    return f"{language_code.lower()}_{region.upper()}" if region else language_code.lower()


def add_sharing_filters(generator) -> None:
    generator.env.filters["open_graph_locale"] = open_graph_locale

