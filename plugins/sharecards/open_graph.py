"""The Jinja filters for the pages' Open Graph tags: the language shared, in
Open Graph's form, the type of the share card (a PNG, or a JPEG for a
card showing a photo), and the title and words shared (card_words.py)."""

from sitecore.images import IMAGE_MEDIA_TYPES, extension_of
from sitecore.imprint import imprint_text
from sitecore.languages import language_of

from .card_words import card_alt, shared_title


def open_graph_locale(language: str, site_language: str) -> str:
    """Open Graph's form of a language tag, language_TERRITORY: en-GB (which
    Pelican lowercases to en-gb) is en_GB. Open Graph knows no language
    without its territory, so a tag without one (cy) takes the site's (cy_GB)."""
    language_code, _, region = language.partition("-")
    region = region or site_language.partition("-")[2]
    return f"{language_code.lower()}_{region.upper()}" if region else language_code.lower()


def add_sharing_filters(generator) -> None:
    """`{{ share_item | open_graph_locale }}`: the item's language (`language`),
    or the site's on a page with no item of its own (`none`);
    `{{ share_image | media_type }}`: image/png or image/jpeg;
    `{{ share_item | shared_title }}` and `{{ share_item | card_alt }}`."""
    settings = generator.settings
    generator.env.filters["open_graph_locale"] = lambda item: open_graph_locale(
        language_of(item, settings), settings["DEFAULT_LANG"])
    generator.env.filters["media_type"] = lambda path: IMAGE_MEDIA_TYPES[extension_of(path)]
    generator.env.filters["shared_title"] = lambda item, page_title="": shared_title(item, settings, page_title)
    generator.env.filters["card_alt"] = lambda item: card_alt(item, settings, imprint_text(settings))
