"""The Councillor content type and the directory grouped by region."""

from __future__ import annotations

from plugins.typedcontent import TypedContentGenerator
from sitecore.content_items import TypedContent
from sitecore.reading_order import reading_order
from sitecore.urls import contact_href

# Heading for councillors whose region is not recorded yet: a reader needs
# no note of what the party has still to fill in.
REGION_UNKNOWN = "Other councillors"


class Councillor(TypedContent):
    mandatory_properties = ("title", "role", "joined")
    default_template = "councillor"
    collection = "councillors"

    @property
    def card_kicker(self) -> str:
        return self.role

    @property
    def contact_href(self) -> str | None:
        contact = getattr(self, "contact", None)
        return contact_href(contact) if contact else None


class CouncillorGenerator(TypedContentGenerator):
    content_class = Councillor
    index_template = "councillors"

    def order(self, items):
        return sorted(items, key=lambda councillor: reading_order(councillor.title, councillor.source_path))

    def generate_context(self) -> None:
        super().generate_context()
        self.context["councillors_by_region"] = group_by_region(self.items, self.settings["REGIONS"])


def group_by_region(councillors, regions) -> list[tuple[str, list[Councillor]]]:
    """(region, councillors) pairs in the order of REGIONS, empty regions left out."""
    groups = []
    for region in [*regions, REGION_UNKNOWN]:
        members = [c for c in councillors if (getattr(c, "region", None) or REGION_UNKNOWN) == region]
        if members:
            groups.append((region, members))
    return groups
