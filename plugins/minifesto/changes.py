"""What changed between two editions of the minifesto, policy by policy.

A policy is the same policy from edition to edition when its slug (its file
name) is, or when its `old_addresses` name its address in the previous
edition (a renamed file): a new number, title or address is a renumbering,
a retitling or a new address, not a new policy. Its commitments are matched
by their words (sitecore/commitment_matching.py); those kept word for word
under another number (one above them taken out) are listed as renumbered,
for whoever cited them by number; one taken out of a policy and put in
another is moved (or moved and reworded), told under both. Rewordings are
shown word by word with <del> and <ins>.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from sitecore.commitment_matching import (
    CommitmentChange,
    commitment_changes,
    likeness,
    renumbered_commitments,
)
from sitecore.policy_lines import continues_at
from sitecore.urls import canonical_url
from sitecore.word_diff import word_diff


@dataclass
class PolicyChange:
    old: object = None  # the policy in the previous edition, if it was there
    new: object = None  # in this edition, if it is here
    commitments: list[CommitmentChange] = field(default_factory=list)
    # (was, now) of the commitments kept as they were under another number.
    renumbered_commitments: list[tuple[str, str]] = field(default_factory=list)

    @property
    def change(self) -> str:
        return "added" if self.old is None else "removed" if self.new is None else "changed"

    @property
    def policy(self):
        return self.new or self.old

    @property
    def renumbered(self) -> bool:
        return self.change == "changed" and self.old.number != self.new.number

    @property
    def readdressed(self) -> bool:
        """Its file renamed, its old address kept (old_addresses)."""
        return self.change == "changed" and self.old.slug != self.new.slug

    @property
    def retitled(self) -> bool:
        return self.change == "changed" and self.old.title != self.new.title

    @property
    def summary_reworded(self) -> bool:
        return self.change == "changed" and self.old.description != self.new.description

    @property
    def text_revised(self) -> bool:
        return self.change == "changed" and self.old.body_markdown.strip() != self.new.body_markdown.strip()

    @property
    def title_shown(self) -> Markup:
        return word_diff(self.old.title, self.new.title) if self.retitled else escape(self.policy.title)

    @property
    def summary_shown(self) -> Markup:
        return word_diff(self.old.description, self.new.description)

    @property
    def anything(self) -> bool:
        return (self.change != "changed" or self.renumbered or self.retitled or self.readdressed
                or self.summary_reworded or self.text_revised or bool(self.commitments))


PLURALS = {"commitment": "commitments", "policy": "policies"}
# A kind of change as the summary says it, where its name is not plain words.
KIND_IN_WORDS = {"readdressed": "given a new address"}


def counted(count: int, noun: str) -> str:
    return f"{count} {noun if count == 1 else PLURALS[noun]}"


@dataclass
class EditionChanges:
    edition: object   # editions.Edition
    previous: object
    policies: list[PolicyChange]  # only those that changed: this edition's order, then the removed

    @property
    def counts(self) -> dict[str, int]:
        """Each commitment's change once: a policy added or removed counts its
        commitments too (the counts were of changed policies' only, and did
        not add up to the entries: an audit), and one moved or reworded into
        another policy, told under both, is one."""
        policies = self.policies

        def once(kind: str) -> int:
            return len({(id(c.old), id(c.new)) for p in policies for c in p.commitments if c.change == kind})

        return {
            "commitments_added": once("added"),
            "commitments_removed": once("removed"),
            "commitments_reworded": once("reworded"),
            "commitments_moved": once("moved"),
            "policies_added": sum(p.change == "added" for p in policies),
            "policies_removed": sum(p.change == "removed" for p in policies),
            "policies_renumbered": sum(p.renumbered for p in policies),
            "policies_retitled": sum(p.retitled for p in policies),
            "policies_readdressed": sum(p.readdressed for p in policies),
        }

    @property
    def summary(self) -> str:
        """"3 commitments added, 1 removed, 5 reworded; 1 policy added, 2 renumbered." """
        counts, groups = self.counts, []
        for noun, kinds in (("commitment", ("added", "removed", "reworded", "moved")),
                            ("policy", ("added", "removed", "renumbered", "retitled", "readdressed"))):
            parts = [(counts[f"{PLURALS[noun]}_{kind}"], KIND_IN_WORDS.get(kind, kind)) for kind in kinds
                     if counts[f"{PLURALS[noun]}_{kind}"]]
            if parts:
                (count, kind), rest = parts[0], parts[1:]
                groups.append(", ".join([f"{counted(count, noun)} {kind}", *(f"{c} {k}" for c, k in rest)]))
        if groups:
            return "; ".join(groups) + "."
        revised = sum(p.summary_reworded or p.text_revised for p in self.policies)
        if revised:
            their = "its" if revised == 1 else "their"
            return f"No commitment or policy added, removed or reworded; {counted(revised, 'policy')} revised in {their} text."
        return "No changes to the policies."

    def as_json(self, settings) -> bytes:
        def edition_data(edition):
            return {"key": edition.key, "name": edition.name, "date": edition.date.date().isoformat(),
                    "url": canonical_url(settings, edition.url)}

        def commitment_data(commitment):
            return {"number": commitment.label, "text": commitment.text} if commitment else None

        def side(change, attribute):
            return {"old": getattr(change.old, attribute, None), "new": getattr(change.new, attribute, None)}

        document = {
            "edition": edition_data(self.edition),
            "previous_edition": edition_data(self.previous),
            "summary": self.summary,
            "counts": self.counts,
            "policies": [
                {
                    "slug": change.policy.slug,
                    **({"previous_slug": change.old.slug} if change.readdressed else {}),
                    "change": change.change,
                    "number": side(change, "number"),
                    "title": side(change, "title"),
                    "renumbered": change.renumbered,
                    "retitled": change.retitled,
                    "readdressed": change.readdressed,
                    "summary_reworded": change.summary_reworded,
                    "text_revised": change.text_revised,
                    "commitments": [
                        {"change": c.change, "old": commitment_data(c.old), "new": commitment_data(c.new)}
                        for c in change.commitments
                    ],
                    "renumbered_commitments": [{"old": was, "new": now} for was, now in change.renumbered_commitments],
                }
                for change in self.policies
            ],
        }
        return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def edition_changes(edition, previous) -> EditionChanges:
    old_by_slug = {policy.slug: policy for policy in previous.policies}
    changes, kept = [], set()
    for new in edition.policies:
        old = old_by_slug.get(former_slug(new, old_by_slug, edition.settings))
        if old is None:
            changes.append(PolicyChange(old, new, [CommitmentChange("added", new=c) for c in new.numbered_commitments]))
            continue
        kept.add(old.slug)
        commitments = commitment_changes(old.numbered_commitments, new.numbered_commitments)
        changes.append(PolicyChange(old, new, commitments, renumbered_commitments(
            old.numbered_commitments, new.numbered_commitments, commitments)))
    for old in previous.policies:
        if old.slug not in kept:
            removed = [CommitmentChange("removed", old=c) for c in old.numbered_commitments]
            changes.append(PolicyChange(old, None, removed))
    moved_between_policies(changes)
    return EditionChanges(edition, previous, [change for change in changes if change.anything])


def former_slug(policy, old_by_slug: dict, settings: dict) -> str | None:
    """The slug `policy` had in the previous edition: its own, or the one
    its old_addresses name (its file renamed, its old address kept)."""
    if policy.slug in old_by_slug:
        return policy.slug
    return next((slug for slug in old_by_slug if continues_at(policy, slug, settings)), None)


# How alike a commitment taken out of one policy and one put in another must
# be to be told as one moved and reworded: more than within one policy
# (REWORDED_FROM), where the place says they are one; "Scrap tuition fees."
# and "Scrap prescription fees." (0.67) are two pledges (a review).
REWORDED_ELSEWHERE_FROM = 0.8


def moved_between_policies(changes: list[PolicyChange]) -> None:
    """A commitment removed from one policy and added to another, word for
    word or nearly, was moved (and reworded): told under both, where it was
    told as unrelated "Removed" and "Added" (an audit). Those word for word
    are paired first, across every policy; then each removed one with the
    added one most like it."""
    removed = [(change, c) for change in changes for c in change.commitments if c.change == "removed"]
    added = [(change, c) for change in changes for c in change.commitments if c.change == "added"]
    for exact in (True, False):
        for target, new in list(added):
            candidates = [(likeness(gone.old.text, new.new.text), source, gone) for source, gone in removed
                          if source is not target and (gone.old.text == new.new.text if exact else True)]
            score, source, gone = max(candidates, key=lambda found: found[0], default=(0.0, None, None))
            if gone is None or (not exact and score < REWORDED_ELSEWHERE_FROM):
                continue
            removed.remove((source, gone))
            added.remove((target, new))
            both = CommitmentChange("moved" if exact else "reworded", old=gone.old, new=new.new)
            target.commitments[target.commitments.index(new)] = both
            source.commitments[source.commitments.index(gone)] = both
