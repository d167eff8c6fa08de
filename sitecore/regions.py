"""The regions of REGIONS as they appear in addresses, anchors and sentences."""

from __future__ import annotations

import re

from pelican.utils import slugify


def region_slug(region: str, settings: dict) -> str:
    """ "Yorkshire and the Humber" -> yorkshire-and-the-humber, as Pelican makes slugs."""
    return slugify(region, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])


# A region named after its side of the country alone is "the North West" in
# a sentence ("Coming up in the North West"), as England's regions are
# spoken of: the points of the compass, "… Midlands" or "… of England".
# One named after a place is not: "in London", "in North Wales", "in West
# Yorkshire", "in East Anglia" (REGIONS may be changed: a review).
A_SIDE_OF_THE_COUNTRY = re.compile(r"(?:North|South|East|West)(?: (?:North|South|East|West|Midlands)| of .+)?"
                                   r"|Midlands|Highlands(?: and Islands)?")


def region_in_a_sentence(region: str) -> str:
    """ "North West" -> "the North West"; "London" -> "London"."""
    return f"the {region}" if A_SIDE_OF_THE_COUNTRY.fullmatch(region) else region
