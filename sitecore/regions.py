"""The regions of REGIONS as they appear in addresses, anchors and sentences."""

from __future__ import annotations

from pelican.utils import slugify


def region_slug(region: str, settings: dict) -> str:
    """ "Yorkshire and the Humber" -> yorkshire-and-the-humber, as Pelican makes slugs."""
    return slugify(region, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])


# A region named after its side of the country is "the North West" in a
# sentence ("Coming up in the North West"), as England's regions are spoken
# of; one named after a place is not ("in London", "in Yorkshire and the
# Humber", "in Northern Ireland").
COMPASS_POINTS = ("North", "South", "East", "West")


def region_in_a_sentence(region: str) -> str:
    """ "North West" -> "the North West"; "London" -> "London"."""
    return f"the {region}" if region.split(" ")[0] in COMPASS_POINTS else region
