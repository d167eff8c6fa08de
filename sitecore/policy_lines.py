"""A policy followed through the minifesto's editions, and the policies dropped.

A policy is the same policy from edition to edition when its file name
(slug) is, or when its `old_addresses` keep its address in the edition
before (its file renamed). Followed so from the oldest frozen edition to the
live policies, each policy is a line: every slug it had, its last copy and
the edition that holds it. A line that ends before the live policies is a
policy dropped: the minifesto gives its address a notice
(plugins/minifesto/removed_policies.py), and the posts and candidates that
named it while it was a policy still name it (plugins/crossrefs,
plugins/candidates), where they were refused as naming nothing (an audit:
dropping a policy broke every build until years of news were edited).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from sitecore.frozen_editions import PAST_MINIFESTO_EDITIONS


def continues_at(policy, slug: str, settings: dict) -> bool:
    """Is `policy` the one whose address was that of `slug`: its own, or one
    its old_addresses keep (compared in lower case, as plugins/redirects does)?"""
    if policy.slug == slug:
        return True
    kept = {address.strip("/").lower() for address in getattr(policy, "old_addresses", None) or ()}
    return settings["POLICY_URL"].format(slug=slug).strip("/").lower() in kept


@dataclass
class PolicyLine:
    slugs: list[str] = field(default_factory=list)  # every slug it had, oldest first (repeats kept once later)
    policy: object = None  # its copy in the last edition that has it
    last: int = -1         # that edition's place in the list given to policy_lines


def policy_lines(editions: list[list], settings: dict) -> list[PolicyLine]:
    """Each policy's line through `editions`, oldest first, each given as its
    policies. A policy continues the line of one in an earlier edition at
    its address; two of one edition never share a line."""
    lines: list[PolicyLine] = []
    for place, policies in enumerate(editions):
        for policy in policies:
            line = next((line for line in lines if line.last != place  # not one this edition took
                         and continues_at(policy, line.policy.slug, settings)), None)
            if line is None:
                line = PolicyLine()
                lines.append(line)
            line.policy, line.last = policy, place
            line.slugs.append(policy.slug)
    return lines


@dataclass(frozen=True)
class DroppedPolicy:
    """A policy of a past edition that no published policy continues, as
    the last edition that had it had it: what a post or candidate that
    names it shows, linked to its words in that edition."""
    policy: object        # the last edition's copy
    last_name: str        # that edition's name: "March 2022"
    last_url: str         # that edition's page: minifesto/2022-03/
    removed_in_name: str  # the first edition without it

    @property
    def title(self) -> str:
        return self.policy.title

    @property
    def number(self) -> int:
        return self.policy.number

    @property
    def url(self) -> str:
        """Its words in the last edition that had it: always there (the
        notice at its own address is not, when another item has taken it)."""
        return f"{self.last_url}#{self.policy.anchor}"

    @property
    def lang(self):
        return getattr(self.policy, "lang", None)


def dropped_policies(context: dict, settings: dict) -> dict[str, DroppedPolicy]:
    """Each name a post may give a dropped policy by (any slug it had, and
    its frozen file's name, as by_name takes a live one's) -> how it is
    shown. Empty without past editions or a current minifesto."""
    past = sorted(context.get(PAST_MINIFESTO_EDITIONS) or (), key=lambda edition: edition.key)
    current = context.get("minifesto")
    if not past or current is None:
        return {}
    names = [edition.minifesto.edition for edition in past] + [current.edition]
    lines = policy_lines([edition.policies for edition in past] + [context.get("policies") or []], settings)
    dropped: dict[str, DroppedPolicy] = {}
    for line in lines:
        if line.last == len(past):
            continue  # a live policy
        edition = past[line.last]
        shown = DroppedPolicy(line.policy, names[line.last], edition.minifesto.edition_url, names[line.last + 1])
        for slug in line.slugs:
            dropped[slug] = shown
        dropped.setdefault(os.path.splitext(os.path.basename(line.policy.source_path))[0], shown)
    return dropped
