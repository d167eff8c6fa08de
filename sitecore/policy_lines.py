"""A policy followed through the minifesto's editions, and the policies dropped.

A policy is the same policy from one edition to the next when its file name
(slug) is, or when its `old_addresses` keep its address in the edition
before (its file renamed). Followed so from the oldest frozen edition to the
live policies, each policy is a line: its copy in each edition it was in,
one edition after another (a policy re-added after an edition without it,
even under its old name, starts a line of its own: its words may be
another pledge's). A line that ends before the live policies is a policy
dropped: the minifesto gives its address a notice
(plugins/minifesto/removed_policies.py), and the posts and candidates that
named it still name it (plugins/crossrefs, plugins/candidates), where they
were refused as naming nothing (an audit: dropping a policy broke every
build until years of news were edited). Each shows it as the edition that
was current on its day had it (a post's date, a candidate's polling day),
as the checks of cited commitments read a post (a review).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

from sitecore.frozen_editions import PAST_EDITIONS_UNREAD, PAST_MINIFESTO_EDITIONS, edition_key
from sitecore.renamed_items import could_not_be_read, name_in_address, own_form_addresses


def continues_at(policy, slug: str, settings: dict) -> bool:
    """Is `policy` the one whose address was that of `slug`: its own, or one
    its old_addresses keep (compared in lower case, as plugins/redirects does)?"""
    if policy.slug == slug:
        return True
    return settings["POLICY_URL"].format(slug=slug).strip("/").lower() in addresses_kept(policy)


def addresses_kept(policy) -> frozenset[str]:
    """The policy's old_addresses as continues_at compares them, made once
    a policy (it is asked of every pair of policies of two editions, and of
    every link citing a commitment: thousands of old addresses made a build
    take minutes, an audit)."""
    kept = policy.__dict__.get("_addresses_kept")
    if kept is None:
        kept = frozenset(address.strip("/").lower() for address in getattr(policy, "old_addresses", None) or ())
        policy.__dict__["_addresses_kept"] = kept
    return kept


@dataclass
class PolicyLine:
    copies: list[tuple[int, object]] = field(default_factory=list)  # (edition's place, its copy), in order

    @property
    def policy(self):
        """Its copy in the last edition that has it."""
        return self.copies[-1][1]

    @property
    def first(self) -> int:
        return self.copies[0][0]

    @property
    def last(self) -> int:
        return self.copies[-1][0]

    @property
    def slugs(self) -> list[str]:
        """Every slug it had, oldest first, each once."""
        return list(dict.fromkeys(copy.slug for _, copy in self.copies))

    def addresses_had(self, settings: dict) -> list[str]:
        """The slug of every address it had: its own in each edition, then
        those its copies kept in old_addresses (of a policy's form), each
        once. A post may name it by any (a review: a name kept in
        old_addresses named nothing once the policy was dropped)."""
        # (A frozen copy's class is no policy's: POLICY_URL, named.)
        kept = [name_in_address(address) for _, copy in self.copies
                for address in own_form_addresses(copy, settings["POLICY_URL"])]
        return list(dict.fromkeys([*self.slugs, *kept]))

    def copy_in(self, place: int):
        """Its copy in the edition at `place`, one it was in (a line has no gap)."""
        return dict(self.copies)[place]


def policy_lines(editions: list[list], settings: dict) -> list[PolicyLine]:
    """Each policy's line through `editions`, oldest first, each given as its
    policies. A policy continues the line of one in the edition just before
    at its address; two of one edition never share a line."""
    lines: list[PolicyLine] = []
    for place, policies in enumerate(editions):
        for policy in policies:
            line = next((line for line in lines if line.last == place - 1
                         and continues_at(policy, line.policy.slug, settings)), None)
            if line is None:
                line = PolicyLine()
                lines.append(line)
            line.copies.append((place, policy))
    return lines


@dataclass(frozen=True)
class DroppedPolicy:
    """A dropped policy as an item that names it shows it: in the edition
    current on the item's day, linked to its words there."""
    policy: object        # that edition's copy
    edition_name: str     # "March 2022"
    edition_url: str      # minifesto/2022-03/
    gone_from_name: str   # the first edition without it
    gone_from_url: str    # its "What changed" page, which says so

    @property
    def title(self) -> str:
        return self.policy.title

    @property
    def number(self) -> int:
        return self.policy.number

    @property
    def url(self) -> str:
        """Its words in that edition: always there (the notice at its own
        address is not, when another item has taken the address)."""
        return f"{self.edition_url}#{self.policy.anchor}"


class DroppedPolicies:
    """The dropped policies of a build, by every name an item may give one:
    any slug it had, an old address's it kept, and the name of any of its
    files ("02-nhs", as sitecore.renamed_items.by_name takes a live one's).
    A live policy whose file could not be read is not taken for dropped (a
    review: a candidate was told to remove it): its own problem is told."""

    def __init__(self, context: dict, settings: dict) -> None:
        past = sorted(context.get(PAST_MINIFESTO_EDITIONS) or (), key=lambda edition: edition.key)
        current = context.get("minifesto")
        # A frozen edition or the minifesto itself that could not be read (its
        # problem is told): a name of its policies may not be refused as none.
        self.incomplete = bool(context.get(PAST_EDITIONS_UNREAD))
        self.settings = settings
        self.editions = [(edition.minifesto, edition.key) for edition in past]
        if current is not None:
            self.editions.append((current, edition_key(current.date)))
        self.by_name: dict[str, list[PolicyLine]] = {}
        if not past or current is None:
            return
        lines = policy_lines([edition.policies for edition in past] + [context.get("policies") or []], settings)
        for line in lines:
            names = line.addresses_had(settings) + [os.path.splitext(os.path.basename(copy.source_path))[0]
                                                    for _, copy in line.copies]
            if line.last == len(past) or any(could_not_be_read("policy", name) for name in names):
                continue  # a live policy, or perhaps one: its file's problem is told
            for name in dict.fromkeys(names):
                self.by_name.setdefault(name, []).append(line)

    def __contains__(self, name: str) -> bool:
        return name in self.by_name

    def place_on(self, moment: dt.date | dt.datetime) -> int:
        """The place of the edition current at `moment` (-1: before the
        first): a post's date and time, compared as the check of cited
        commitments compares them; a candidate's polling day, by the day."""
        def began(minifesto) -> bool:
            if isinstance(moment, dt.datetime):
                return minifesto.date <= moment
            return day_of(minifesto.date) <= moment

        return max((place for place, (minifesto, _) in enumerate(self.editions) if began(minifesto)), default=-1)

    def named(self, name: str, moment, unpublished) -> DroppedPolicy | None:
        """How an item of `moment` naming `name` shows it, if it names a
        dropped policy: not when a draft or embargoed policy has the name
        and every policy of that name was dropped before: the item is about
        the one to come, which it may or may not name yet
        (sitecore.publication_order)."""
        if name not in self.by_name or name in unpublished and self.dropped_before(name, moment):
            return None
        return self.shown(name, moment)

    def shown(self, name: str, moment) -> DroppedPolicy:
        """The policy `name` as the edition current at `moment` had it: of
        its lines (a name may have been two policies', years apart), the one
        in that edition, or else the last to end before it, or else the first."""
        lines, place = self.by_name[name], self.place_on(moment)
        line = (next((line for line in lines if line.first <= place <= line.last), None)
                or max((line for line in lines if line.last < place), key=lambda line: line.last, default=None)
                or lines[0])
        at = min(max(place, line.first), line.last)
        (minifesto, key), (gone_from, gone_key) = self.editions[at], self.editions[line.last + 1]
        return DroppedPolicy(line.copy_in(at), minifesto.edition,
                             self.settings["MINIFESTO_EDITION_URL"].format(key=key), gone_from.edition,
                             self.settings["MINIFESTO_CHANGES_URL"].format(key=gone_key))

    def last_copy(self, name: str):
        """The copy of the last edition that had the policy `name` (of the
        last to be dropped, if two were called so): the one its notice shows
        (plugins/minifesto/removed_policies.py)."""
        return max(self.by_name[name], key=lambda line: line.last).policy

    def dropped_before(self, name: str, moment) -> bool:
        """Was every policy called `name` dropped before the edition current at `moment`?"""
        place = self.place_on(moment)
        return all(line.last < place for line in self.by_name[name])


def day_of(moment) -> dt.date:
    """A date, or a datetime's day (an item's date is a datetime)."""
    return moment.date() if isinstance(moment, dt.datetime) else moment
