"""Every tag of a content item can have a page: its name makes an address."""

from __future__ import annotations

from .item_problems import report


def check_tags_make_addresses(item) -> None:
    for tag in getattr(item, "tags", None) or []:
        # Pelican makes "---" the address /news/tag/-/: a slug, but of no word.
        if not tag.slug or not any(character.isalnum() for character in tag.name):
            report(item, item.frontmatter_lines.get("tags", 1), "tags",
                   f'"{tag.name}" has no letters or digits, so it cannot have a page',
                   "use words for tags, e.g. housing, nhs")
