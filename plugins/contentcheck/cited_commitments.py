"""A news post's link to a commitment or policy by the number it had when the post was written.

A post of March 2022 that links /policies/housing/#commitment-3 means
commitment 3 as the March 2022 edition of the minifesto worded it. When a
later edition takes out commitment 1, the link still lands, on what was
commitment 4, and no other check can tell: the page has the part. So a
post dated before the current edition, linking a commitment (`#commitment-3`
on a policy's page, `#policy-1-3` on the policy index or the minifesto) or
a policy or a part of its text by the policy's number (`#policy-2`,
`#policy-2-text-why-it-matters` on the minifesto) that the current edition
numbers otherwise or no longer has, is refused, and told the address that
keeps the words it cited: its edition's own page (/minifesto/2022-03/#policy-1-3),
or for a policy itself, its own page (/policies/housing/), whose address is
its name, not its number.

A commitment only reworded keeps its number and its link: numbers survive
a rewording, by design (sitecore/policy_content.py). Which commitment is
which from one edition to another is decided as on the "What changed" page
(sitecore/commitment_matching.py). The past editions are the minifesto
generator's (PAST_MINIFESTO_EDITIONS in the context); this check runs at
every build, with the other checks of links to parts, so a new edition is
checked against every post before it. A link it refuses is not checked
again as a missing part: one link, one message, one fix.
"""

from __future__ import annotations

import re

from pelican.contents import Article

from sitecore.commitment_matching import what_became_of
from sitecore.frozen_editions import PAST_MINIFESTO_EDITIONS
from sitecore.policy_content import Policy
from sitecore.policy_lines import DroppedPolicies, continues_at
from sitecore.problems import problem_log
from sitecore.renamed_items import name_in_address

from .links_to_parts import LinkToPart, PagesBySource, html_file

# The ids as the templates write them, with no 0 in front (#commitment-03
# is no part of any page, and the check of parts says so); in any capitals,
# so that #Commitment-3 is told here once, not first as a part to write in
# lower case and then, so written, here.
# (Numbers of up to six digits: one of thousands ended the build in Python's
# ValueError for its int(), an audit; a longer one is no part of any page.)
ON_POLICY_PAGE = re.compile(r"commitment-(?P<commitment>[1-9][0-9]{0,5})", re.IGNORECASE)
# Where every policy is shown: the policy (#policy-2), a commitment
# (#policy-2-3), or a part of its title or text (#policy-2-title,
# #policy-2-text-why-it-matters: fragment_ids.py).
WHERE_EVERY_POLICY_IS = re.compile(
    r"policy-(?P<policy>[1-9][0-9]{0,5})(?:-(?P<commitment>[1-9][0-9]{0,5})|-(?P<within>\D.*))?", re.IGNORECASE)


class EditionsCited:
    """The past editions and the current policies, for the posts' links of one build."""

    def __init__(self, generators, pages: PagesBySource) -> None:
        context, settings = generators[0].context, generators[0].settings
        self.pages = pages
        self.past = sorted(context.get(PAST_MINIFESTO_EDITIONS) or (), key=lambda edition: edition.minifesto.date)
        self.current = context.get("minifesto")
        self.settings = settings
        self.dropped = DroppedPolicies(context, settings)
        self.live_by_slug = {policy.slug: policy for policy in context.get("policies") or ()
                             if isinstance(policy, Policy)}
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

    def refused(self, item, links: list[LinkToPart]) -> list[LinkToPart]:
        """The links of `item` that cite a number the current edition gives
        to another commitment or policy, each reported."""
        edition = self.edition_of(item)
        if edition is None:
            return []
        return [link for link in links if self.report_if_moved(link, edition)]

    def report_if_moved(self, link: LinkToPart, edition) -> bool:
        target = self.pages.item_at(link.page)
        if target is None and self.dropped_renumbered(link, edition):
            return True
        if isinstance(target, Policy):
            found = ON_POLICY_PAGE.fullmatch(link.part)
            # The edition's copy of the policy, under the name it had then (a
            # rename since, its old address kept, is followed: a review).
            old = next((policy for policy in edition.policies if continues_at(target, policy.slug, self.settings)),
                       None)
            if found is None or old is None:
                return False
            return self.commitment_moved(link, edition, old, int(found["commitment"]), on_listing=False)
        if html_file(link.page) not in self.listing_pages:
            return False
        found = WHERE_EVERY_POLICY_IS.fullmatch(link.part)
        old = next((policy for policy in edition.policies if found and policy.number == int(found["policy"])), None)
        if old is None:
            return False  # a part the edition did not have: the check of parts says so
        if found["commitment"]:
            return self.commitment_moved(link, edition, old, int(found["commitment"]), on_listing=True)
        live = self.live_of(old)
        if live is not None and live.number == old.number:
            return False
        self.report_policy(link, edition, old, live, within=found["within"])
        return True

    def commitment_moved(self, link: LinkToPart, edition, old_policy, number: int, on_listing: bool) -> bool:
        old_list = old_policy.numbered_commitments
        if not 1 <= number <= len(old_list):
            return False
        old = old_list[number - 1]
        live = self.live_of(old_policy)
        now = self.now(edition, old_policy, live)[number - 1] if live is not None else None
        if now is not None and now.number == old.number and (not on_listing or now.policy_number == old.policy_number):
            return False
        fate = (f"the current edition numbers it {now.label}" if now is not None
                else "the current edition no longer has it")
        problem_log.add(link.source_path, link.line, link.field,
                        f"the link {link.target} cites commitment {old.label} of the {edition.minifesto.edition} "
                        f'edition, current when this post was published ("{old.text}"), and {fate}',
                        f"link that edition, which keeps the words this post cited: "
                        f"{self.edition_address(edition)}#{old.index_anchor}")
        return True

    def dropped_renumbered(self, link: LinkToPart, edition) -> bool:
        """A commitment cited at a dropped policy's address, whose notice
        lists the commitments as the last edition that had it had them
        (plugins/minifesto/removed_policies.py): reported when that edition
        gives the number to other words than the post's edition did."""
        found = ON_POLICY_PAGE.fullmatch(link.part)
        name = name_in_address(link.page.removesuffix("index.html"))
        if found is None or name not in self.dropped:
            return False
        old_policy = next((policy for policy in edition.policies if continues_at(policy, name, self.settings)), None)
        number = int(found["commitment"])
        if old_policy is None or not 1 <= number <= len(old_policy.commitments):
            return False  # not a policy of that edition, or a number it never had: the check of parts says so
        old = old_policy.numbered_commitments[number - 1]
        last = self.dropped.last_copy(name)
        if number <= len(last.commitments) and last.commitments[number - 1] == old.text:
            return False
        problem_log.add(link.source_path, link.line, link.field,
                        f"the link {link.target} cites commitment {old.label} of the {edition.minifesto.edition} "
                        f'edition, current when this post was published ("{old.text}"); that policy is no longer '
                        "in the minifesto, and its page lists its commitments as a later edition had them, "
                        "numbered otherwise",
                        f"link that edition, which keeps the words this post cited: "
                        f"{self.edition_address(edition)}#{old.index_anchor}")
        return True

    def live_of(self, old_policy):
        """The live policy an edition's `old_policy` is now: of its name, or
        one that keeps its address (renamed since), or None (dropped)."""
        return self.live_by_slug.get(old_policy.slug) or next(
            (live for live in self.live_by_slug.values() if continues_at(live, old_policy.slug, self.settings)), None)

    def now(self, edition, old_policy, live) -> list:
        """What became of each of the edition's commitments of the policy, worked out once."""
        key = (edition.key, old_policy.slug)
        if key not in self.became:
            self.became[key] = what_became_of(old_policy.numbered_commitments, live.numbered_commitments)
        return self.became[key]

    def report_policy(self, link: LinkToPart, edition, old_policy, live, within: str | None) -> None:
        """A policy, or a part of its title or text, cited by a number that is now another's."""
        fate = ("the current edition no longer has it" if live is None
                else f"the current edition numbers it {live.number}")
        if live is not None and within is None:
            fix = f"link the policy's own page, whose address stays: /{live.url}"
        else:
            part = old_policy.anchor + (f"-{within}" if within else "")
            fix = f"link that edition, which keeps it: {self.edition_address(edition)}#{part}"
        problem_log.add(link.source_path, link.line, link.field,
                        f"the link {link.target} cites policy {old_policy.number} of the {edition.minifesto.edition} "
                        f'edition, current when this post was published ("{old_policy.title}"), and {fate}', fix)

    def edition_address(self, edition) -> str:
        return "/" + edition.minifesto.edition_url
