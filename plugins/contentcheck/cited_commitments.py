"""A news post's link to a commitment or policy by the number it had when the post was written.

A post of March 2022 that links /policies/housing/#commitment-3 means
commitment 3 as the March 2022 edition of the minifesto worded it. When a
later edition takes out commitment 1, the link still lands, on what was
commitment 4, and no other check can tell: the page has the part. So a
post dated before the current edition, linking a commitment (`#commitment-3`
on a policy's page, `#policy-1-3` on the policy index or the minifesto) or
a policy (`#policy-2`) that the current edition numbers otherwise or no
longer has, is refused, and told the address that keeps the words it cited:
its edition's own page (/minifesto/2022-03/#policy-1-3), or for a policy,
its own page (/policies/housing/), whose address is its name, not its number.

A commitment only reworded keeps its number and its link: numbers survive
a rewording, by design (sitecore/policy_content.py). Which commitment is
which from one edition to another is decided as on the "What changed" page
(sitecore/commitment_matching.py). The past editions are the minifesto
generator's (PAST_MINIFESTO_EDITIONS in the context); this check runs at
every build, with the other checks of links to parts, so a new edition is
checked against every post before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pelican.contents import Article

from sitecore.commitment_matching import what_became_of
from sitecore.frozen_editions import PAST_MINIFESTO_EDITIONS
from sitecore.policy_content import Policy
from sitecore.problems import problem_log

from .links_to_parts import LinkToPart

# The ids as the templates write them, with no 0 in front: #commitment-03
# is no part of any page, and the check of parts says so.
ON_POLICY_PAGE = re.compile(r"commitment-(?P<commitment>[1-9][0-9]*)")
WHERE_EVERY_POLICY_IS = re.compile(r"policy-(?P<policy>[1-9][0-9]*)(?:-(?P<commitment>[1-9][0-9]*))?")


@dataclass(frozen=True)
class CitedPart:
    """What a link to a part of a policy page names, by the numbers of an edition."""

    policy_number: int
    commitment: int | None  # None: the policy itself (#policy-2)


class EditionsCited:
    """The past editions and the current policies, for the posts' links of one build."""

    def __init__(self, generators) -> None:
        context, settings = generators[0].context, generators[0].settings
        self.settings = settings
        self.past = sorted(context.get(PAST_MINIFESTO_EDITIONS) or (), key=lambda edition: edition.minifesto.date)
        self.current = context.get("minifesto")
        policies = [item for item in context.get("policies") or () if isinstance(item, Policy)]
        self.live_by_slug = {policy.slug: policy for policy in policies}
        self.live_by_page = {policy.save_as: policy for policy in policies}
        self.listing_pages = {settings.get("POLICY_INDEX_SAVE_AS"), settings.get("MINIFESTO_SAVE_AS")} - {None}
        self.became: dict[tuple[str, str], list] = {}

    def edition_of(self, item):
        """The past edition that was current when `item` was published; None
        if the current one was, or if the item is older than every edition."""
        if not self.past or self.current is None or not isinstance(item, Article):
            return None
        if item.date >= self.current.date:
            return None
        return next((edition for edition in reversed(self.past) if edition.minifesto.date <= item.date), None)

    def check(self, item, links: list[LinkToPart]) -> None:
        edition = self.edition_of(item)
        if edition is None:
            return
        for link in links:
            cited = self.cited(link, edition)
            if cited is not None:
                self.report_if_moved(link, edition, *cited)

    def cited(self, link: LinkToPart, edition):
        """(the edition's policy, CitedPart) that `link` names, or None for
        a link to another page, or to a part the edition did not have
        (the check of parts tells a part no page has)."""
        page = link.page if link.page.endswith(".html") else f"{link.page.rstrip('/')}/index.html"
        old_by_number = {policy.number: policy for policy in edition.policies}
        if page in self.live_by_page:
            found = ON_POLICY_PAGE.fullmatch(link.part)
            live = self.live_by_page[page]
            old = next((policy for policy in edition.policies if policy.slug == live.slug), None)
            if found is None or old is None:
                return None
            return old, CitedPart(old.number, int(found["commitment"]))
        if page in self.listing_pages:
            found = WHERE_EVERY_POLICY_IS.fullmatch(link.part)
            old = old_by_number.get(int(found["policy"])) if found else None
            if old is None:
                return None
            return old, CitedPart(old.number, int(found["commitment"]) if found["commitment"] else None)
        return None

    def report_if_moved(self, link: LinkToPart, edition, old_policy, cited: CitedPart) -> None:
        live = self.live_by_slug.get(old_policy.slug)
        on_listing = not ON_POLICY_PAGE.fullmatch(link.part)
        if cited.commitment is None:
            if live is None or live.number != old_policy.number:
                self.report_policy(link, edition, old_policy, live)
            return
        old_list = old_policy.numbered_commitments
        if not 1 <= cited.commitment <= len(old_list):
            return
        old = old_list[cited.commitment - 1]
        now = self.now(edition, old_policy, live)[cited.commitment - 1] if live is not None else None
        if now is not None and now.number == old.number and (not on_listing or now.policy_number == old.policy_number):
            return
        self.report_commitment(link, edition, old, now)

    def now(self, edition, old_policy, live) -> list:
        """What became of each of the edition's commitments of the policy, worked out once."""
        key = (edition.key, old_policy.slug)
        if key not in self.became:
            self.became[key] = what_became_of(old_policy.numbered_commitments, live.numbered_commitments)
        return self.became[key]

    def report_commitment(self, link: LinkToPart, edition, old, now) -> None:
        fate = (f"the current edition numbers it {now.label}" if now is not None
                else "the current edition no longer has it")
        problem_log.add(link.source_path, link.line, link.field,
                        f"the link {link.target} cites commitment {old.label} of the {edition.minifesto.edition} "
                        f'edition, current when this post was published ("{old.text}"), and {fate}',
                        f"link that edition, which keeps the words this post cited: "
                        f"{self.edition_address(edition)}#{old.index_anchor}")

    def report_policy(self, link: LinkToPart, edition, old_policy, live) -> None:
        if live is None:
            fate, fix = "the current edition no longer has it", (
                f"link that edition, which keeps it: {self.edition_address(edition)}#{old_policy.anchor}")
        else:
            fate, fix = (f"the current edition numbers it {live.number}",
                         f"link the policy's own page, whose address stays: /{live.url}")
        problem_log.add(link.source_path, link.line, link.field,
                        f"the link {link.target} cites policy {old_policy.number} of the {edition.minifesto.edition} "
                        f'edition, current when this post was published ("{old_policy.title}"), and {fate}', fix)

    def edition_address(self, edition) -> str:
        return "/" + edition.minifesto.edition_url
