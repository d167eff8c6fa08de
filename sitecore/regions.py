"""The regions of REGIONS as they appear in addresses and anchors."""

from __future__ import annotations

from pelican.utils import slugify


def region_slug(region: str, settings: dict) -> str:
    """ "Yorkshire and the Humber" -> yorkshire-and-the-humber, as Pelican makes slugs."""
    return slugify(region, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])
