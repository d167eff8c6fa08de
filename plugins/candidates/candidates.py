"""The Candidate content type and its generator: a page per candidate, the
list of elections (/candidates/) and a page per election listing its
candidates by council and ward. After the election a candidate's `result`
turns the page into a record."""

from __future__ import annotations

import datetime as dt
import unicodedata
from itertools import groupby

from plugins.typedcontent import TypedContentGenerator
from sitecore.clock import build_time, has_passed, site_zone
from sitecore.content_items import TypedContent
from sitecore.reading_order import reading_order
from sitecore.site_files import SiteFile, listing_page

# Polls close at 22:00 on polling day: from then a result may be given.
POLLS_CLOSE = dt.time(22, 0)


# How the page puts a candidate in their ward, by where the candidacy stands
# (Candidate.standing): its title's words after the name, which the share
# card's kicker repeats, and the label of its facts' first line.
IN_TITLE = {"standing": "candidate for", "stood": "stood in", "elected": "elected for"}
FACT_LABEL = {"standing": "Standing in", "stood": "Stood in", "elected": "Elected for"}


class Candidate(TypedContent):
    mandatory_properties = ("title", "election", "council", "ward")
    default_template = "candidate"
    collection = "candidates"
    result = None  # left out of the front matter until the count

    @property
    def election_name(self) -> str:
        return self.settings["ELECTIONS"][self.election]["name"]

    @property
    def polling_day(self) -> dt.date:
        return dt.date.fromisoformat(self.settings["ELECTIONS"][self.election]["polling_day"])

    @property
    def polls_closed(self) -> bool:
        """Asked of the build's clock each time, never kept: the share cards
        are planned by another plugin's handler of the signal that linked the
        candidates, in whichever order they run, and the live preview's quick
        step renews an item."""
        return polls_closed(self.settings["ELECTIONS"][self.election], self.settings)

    @property
    def standing(self) -> str:
        """"standing" while the polls are open; after, "elected", or "stood"
        (not elected, or the result not entered yet), so that a page, a card
        or structured data nobody updates never says they are still standing."""
        if self.result == "elected":
            return "elected"
        return "stood" if self.polls_closed else "standing"

    @property
    def in_ward(self) -> str:
        """The page title's words after the name: "stood in Hillside"."""
        return f"{IN_TITLE[self.standing]} {self.ward}"

    @property
    def ward_label(self) -> str:
        return FACT_LABEL[self.standing]

    @property
    def card_kicker(self) -> str:
        """The title's words, "Stood in Hillside" (the card shares the page)."""
        return self.in_ward[0].upper() + self.in_ward[1:]

    @property
    def election_url(self) -> str:
        return self.settings["ELECTION_URL"].format(key=self.election)


def polls_close(election: dict, settings: dict) -> dt.datetime:
    day = dt.date.fromisoformat(election["polling_day"])
    return dt.datetime.combine(day, POLLS_CLOSE, tzinfo=site_zone(settings))


def polls_closed(election: dict, settings: dict) -> bool:
    """Whether the polls have closed, by the build's clock (has_passed: the
    hourly build knows to run again at 22:00 on polling day)."""
    return has_passed(polls_close(election, settings), build_time(settings))


def in_campaign(election: dict, settings: dict) -> bool:
    """From the campaign's first day until the polls close."""
    start = dt.datetime.combine(dt.date.fromisoformat(election["campaign_from"]), dt.time(0, 0),
                                tzinfo=site_zone(settings))
    return has_passed(start, build_time(settings)) and not polls_closed(election, settings)


class CandidateGenerator(TypedContentGenerator):
    content_class = Candidate
    index_template = "candidates"

    def order(self, items):
        return sorted(items, key=lambda c: (c.election, *map(reading_order, (c.council, c.ward, c.title)),
                                            c.source_path))

    def generate_context(self) -> None:
        super().generate_context()
        settings = self.settings
        elections = []
        for key, election in settings["ELECTIONS"].items():
            standing = [c for c in self.items if c.election == key]
            elections.append({
                "key": key, "name": election["name"],
                "polling_day": dt.date.fromisoformat(election["polling_day"]),
                "url": settings["ELECTION_URL"].format(key=key),
                "save_as": settings["ELECTION_SAVE_AS"].format(key=key),
                # As sorted: a council typed with its accent apart (NFD) is the same council.
                "by_council": [(council, list(members)) for council, members in
                               groupby(standing, key=lambda c: unicodedata.normalize("NFC", c.council))],
                "count": len(standing),
                "in_campaign": in_campaign(election, settings),
            })
        self.context["elections"] = elections
        # Still standing: their election's polls are open. A branch lists
        # these; after the polls close the election's page keeps the record.
        closed = {key: polls_closed(election, settings) for key, election in settings["ELECTIONS"].items()}
        self.context["candidates_standing"] = [c for c in self.items if not closed[c.election]]
        self.context["election_in_campaign"] = next((e for e in elections if e["in_campaign"] and e["count"]), None)

    def declare_files(self, generators) -> list[SiteFile]:
        return [*super().declare_files(generators),
                *(listing_page(election["save_as"], f"{election['name']} candidates")
                  for election in self.context["elections"])]

    def generate_output(self, writer) -> None:
        super().generate_output(writer)
        for election in self.context["elections"]:
            writer.write_file(election["save_as"], self.get_template("election"), self.context, election=election,
                              page_kind="election", relative_urls=self.settings["RELATIVE_URLS"],
                              url=election["url"])
