"""The Jinja filters for the pages' Open Graph tags: the language shared, in
Open Graph's form, and the type of the share card (a PNG, or a JPEG for a
card showing a photo)."""

from sitecore.images import IMAGE_MEDIA_TYPES, extension_of
from sitecore.languages import language_of


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
    `{{ share_image | media_type }}`: image/png or image/jpeg."""
    settings = generator.settings
    generator.env.filters["open_graph_locale"] = lambda item: open_graph_locale(
        language_of(item, settings), settings["DEFAULT_LANG"])
    generator.env.filters["media_type"] = lambda path: IMAGE_MEDIA_TYPES[extension_of(path)]
