"""The address of a policy no longer in the minifesto.

A past edition's own files cite each of its policies by its page's address
(its text edition's "Online: …", its JSON): once a later edition drops the
policy, that address was "Page not found" (an audit). It gets a notice
(theme/templates/removed_policy.html) saying which edition dropped it, with
a link to it as the last edition that had it had it; at every address the
policy had through renamed files, unless an item has or keeps that address.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitecore.content_items import content_items, public_save_as, public_url
from sitecore.policy_lines import policy_lines

from .editions import Edition


@dataclass(frozen=True)
class RemovedPolicy:
    """A policy of a past edition that no edition since has: its address,
    which that edition's files cite (its text edition's "Online: …", its
    JSON), tells a journalist where it went instead of "Page not found"."""
    policy: object      # as the last edition that had it had it
    last: Edition       # the last edition with it
    removed_in: Edition  # the first without it
    settings: dict = field(repr=False)
    slug: str = ""      # the address's: the policy's own, or one it had before a rename

    @property
    def url(self) -> str:
        return self.settings["POLICY_URL"].format(slug=self.slug)

    @property
    def save_as(self) -> str:
        return self.settings["POLICY_SAVE_AS"].format(slug=self.slug)


def removed_policies(editions: list[Edition], settings: dict, in_use: set[str]) -> list[RemovedPolicy]:
    """Each address a past edition's policy had that no policy has now:
    followed from edition to edition through renamed files (old_addresses),
    so a policy renamed, then dropped, is told at each address it had as
    dropped when it was (a review). Not at an address in `in_use` (lower
    case, no slashes at the ends): an item's own, a draft's (one re-adding
    the policy, which would be refused beside the notice), or one an item's
    old_addresses keep. `editions` newest first, as all_editions gives them."""
    chronological = editions[::-1]
    found: dict[str, RemovedPolicy] = {}
    for line in policy_lines([edition.policies for edition in chronological], settings):
        if chronological[line.last].current:
            continue
        last, removed_in = chronological[line.last], chronological[line.last + 1]
        for slug in line.addresses_had(settings):
            if settings["POLICY_URL"].format(slug=slug).strip("/").lower() not in in_use:
                found[slug] = RemovedPolicy(line.policy, last, removed_in, settings, slug)
    return sorted(found.values(), key=lambda removed: removed.slug)


def addresses_in_use(generators) -> set[str]:
    """Every address an item has or keeps, drafts' too (removed_policies)."""
    used = set()
    for item in content_items(generators):
        if not public_save_as(item):
            continue  # a past edition's copy: no page, and its old_addresses are no longer kept
        used.add(public_url(item).strip("/").lower())
        used |= {address.strip("/").lower() for address in getattr(item, "old_addresses", None) or ()}
    return used
