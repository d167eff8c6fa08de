"""What changed between two editions of the minifesto, policy by policy.

A policy is the same policy from edition to edition when its slug (its file
name) is: a new number or title is a renumbering or a retitling, not a new
policy. Its commitments are matched by their words (sitecore/
commitment_matching.py); those kept word for word under another number (one
above them taken out) are listed as renumbered, for whoever cited them by
number. Rewordings are shown word by word with <del> and <ins>.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from sitecore.commitment_matching import CommitmentChange, commitment_changes, renumbered_commitments
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

    def count(self, change: str) -> int:
        return sum(1 for commitment in self.commitments if commitment.change == change)

    @property
    def anything(self) -> bool:
        return (self.change != "changed" or self.renumbered or self.retitled or self.summary_reworded
                or self.text_revised or bool(self.commitments))


PLURALS = {"commitment": "commitments", "policy": "policies"}


def counted(count: int, noun: str) -> str:
    return f"{count} {noun if count == 1 else PLURALS[noun]}"


@dataclass
class EditionChanges:
    edition: object   # editions.Edition
    previous: object
    policies: list[PolicyChange]  # only those that changed: this edition's order, then the removed

    @property
    def counts(self) -> dict[str, int]:
        policies = self.policies
        return {
            "commitments_added": sum(p.count("added") for p in policies if p.change == "changed"),
            "commitments_removed": sum(p.count("removed") for p in policies if p.change == "changed"),
            "commitments_reworded": sum(p.count("reworded") for p in policies),
            "commitments_moved": sum(p.count("moved") for p in policies),
            "policies_added": sum(p.change == "added" for p in policies),
            "policies_removed": sum(p.change == "removed" for p in policies),
            "policies_renumbered": sum(p.renumbered for p in policies),
            "policies_retitled": sum(p.retitled for p in policies),
        }

    @property
    def summary(self) -> str:
        """"3 commitments added, 1 removed, 5 reworded; 1 policy added, 2 renumbered." """
        counts, groups = self.counts, []
        for noun, kinds in (("commitment", ("added", "removed", "reworded", "moved")),
                            ("policy", ("added", "removed", "renumbered", "retitled"))):
            parts = [(counts[f"{PLURALS[noun]}_{kind}"], kind) for kind in kinds if counts[f"{PLURALS[noun]}_{kind}"]]
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
                    "change": change.change,
                    "number": side(change, "number"),
                    "title": side(change, "title"),
                    "renumbered": change.renumbered,
                    "retitled": change.retitled,
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
    new_slugs = {policy.slug for policy in edition.policies}
    changes = []
    for new in edition.policies:
        old = old_by_slug.get(new.slug)
        if old is None:
            changes.append(PolicyChange(old, new, [CommitmentChange("added", new=c) for c in new.numbered_commitments]))
            continue
        commitments = commitment_changes(old.numbered_commitments, new.numbered_commitments)
        changes.append(PolicyChange(old, new, commitments, renumbered_commitments(
            old.numbered_commitments, new.numbered_commitments, commitments)))
    for old in previous.policies:
        if old.slug not in new_slugs:
            changes.append(PolicyChange(old, None, [CommitmentChange("removed", old=c) for c in old.numbered_commitments]))
    return EditionChanges(edition, previous, [change for change in changes if change.anything])
