"""The Branch content type. A branch's page lists, from the rest of the
content, the councillors, the upcoming events and the candidates still
standing (their polls open) of its region; /branches/
lists the branches by region, in the order of REGIONS, and says where there
is none yet."""

from __future__ import annotations

from pelican import signals

from plugins.typedcontent import TypedContentGenerator
from sitecore.content_items import TypedContent
from sitecore.reading_order import reading_order
from sitecore.regions import region_in_a_sentence, region_slug
from sitecore.renewed import items_renewed
from sitecore.urls import contact_href

# The heading for branches of no one region (the students' branch).
NATIONWIDE = "Across the country"


class Branch(TypedContent):
    mandatory_properties = ("title", "contact")
    default_template = "branch"
    collection = "branches"

    @property
    def card_kicker(self) -> str:
        return getattr(self, "region", None) or NATIONWIDE

    @property
    def contact_href(self) -> str:
        return contact_href(self.contact)

    @property
    def region_in_a_sentence(self) -> str:
        """"the North West", for the page's headings ("Coming up in …")."""
        return region_in_a_sentence(self.region)


class BranchGenerator(TypedContentGenerator):
    content_class = Branch
    index_template = "branches"

    def order(self, items):
        return sorted(items, key=lambda branch: reading_order(branch.title, branch.source_path))


def of_region(items, region):
    return [item for item in items if getattr(item, "region", None) == region]


def list_by_region(generators, items=()) -> None:
    """Once everything is read: each branch gets its region's councillors,
    candidates still standing and upcoming events, and the listing its regions (every one of REGIONS, so a
    reader without a branch near them learns that too)."""
    branches = next((g for g in generators if isinstance(g, BranchGenerator)), None)
    if branches is None:
        return
    context = branches.context
    for branch in branches.items:
        region = getattr(branch, "region", None)
        branch.councillors = of_region(context.get("councillors", []), region) if region else []
        # With a date: a postponed event is on the events listing, under its own heading.
        dated = [event for event in context.get("upcoming_events", []) if event.event_status != "postponed"]
        branch.upcoming_events = of_region(dated, region) if region else []
        branch.candidates = of_region(context.get("candidates_standing", []), region) if region else []
    context["branches_by_region"] = [
        {"name": region, "anchor": region_slug(region, branches.settings), "branches": of_region(branches.items, region)}
        for region in branches.settings["REGIONS"]]
    context["nationwide_branches"] = [b for b in branches.items if not getattr(b, "region", None)]
    context["branch_heading_nationwide"] = NATIONWIDE


def add_branch_generator(pelican):
    return BranchGenerator


def register() -> None:
    signals.get_generators.connect(add_branch_generator)
    signals.all_generators_finalized.connect(list_by_region)
    # The live preview's quick step: a branch saved again is a new item.
    items_renewed.connect(list_by_region)
