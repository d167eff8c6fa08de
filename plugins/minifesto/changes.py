"""What changed between two editions of the minifesto, policy by policy.

A policy is the same policy from edition to edition when its slug (its file
name) is: a new number or title is a renumbering or a retitling, not a new
policy. Commitments are matched by their words: the lists are aligned with
difflib, and in a run that differs, an old and a new commitment that share at
least half their words are one commitment reworded; one taken out in one
place and put in another was moved; the rest were removed or added. Those
kept word for word under another number (one above them taken out) are
listed as renumbered, for whoever cited them by number. Rewordings are shown
word by word with <del> and <ins>.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from markupsafe import Markup, escape

from sitecore.urls import canonical_url

# How alike two commitments must be (share of their words in common) to be
# one commitment reworded rather than one removed and another added.
REWORDED_FROM = 0.5
# Words (with their apostrophes), spaces and punctuation, each a token: a
# changed word is marked without the full stop after it.
WORDS = re.compile(r"\w+(?:['’]\w+)*|\s+|[^\w\s]")


def word_diff(old: str, new: str) -> Markup:
    """`new` with the words taken out of `old` in <del> and those put in,
    in <ins>. Each says so in words a screen reader reads, not only in its
    strike-through or underline."""
    old_words, new_words = WORDS.findall(old), WORDS.findall(new)
    parts = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(escape("".join(new_words[j1:j2])))
            continue
        if tag in ("delete", "replace"):
            parts.append(marked("del", "removed", "".join(old_words[i1:i2])))
        if tag == "replace":
            parts.append(Markup(" "))  # so the old and new words do not run together
        if tag in ("insert", "replace"):
            parts.append(marked("ins", "added", "".join(new_words[j1:j2])))
    return Markup("").join(parts)


def marked(tag: str, said: str, words: str) -> Markup:
    """The words in <del> or <ins>, the spaces around them outside it (an
    underlined space before a word reads as a mistake)."""
    core = words.strip()
    before, after = words[:len(words) - len(words.lstrip())], words[len(words.rstrip()):]
    return Markup('{before}<{tag}><span class="visually-hidden">[{said}: </span>{core}'
                  '<span class="visually-hidden">]</span></{tag}>{after}').format(
        tag=Markup(tag), said=said, core=core, before=before, after=after)


def likeness(old: str, new: str) -> float:
    return SequenceMatcher(None, old.split(), new.split(), autojunk=False).ratio()


@dataclass
class CommitmentChange:
    change: str             # "added", "removed", "reworded" or "moved"
    old: object = None      # Commitment
    new: object = None

    @property
    def shown(self) -> Markup:
        if self.change == "reworded":
            return word_diff(self.old.text, self.new.text)
        return escape((self.new or self.old).text)


def commitment_changes(old_list, new_list) -> list[CommitmentChange]:
    old_texts, new_texts = [c.text for c in old_list], [c.text for c in new_list]
    changes = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_texts, new_texts, autojunk=False).get_opcodes():
        if tag != "equal":
            changes += pair_up(old_list[i1:i2], new_list[j1:j2])
    return moved_ones(changes)


def moved_ones(changes: list[CommitmentChange]) -> list[CommitmentChange]:
    """A commitment removed in one place and added in another with the same
    words was moved (two swapped were told as one added and one removed,
    the same words twice); with words alike enough, moved and reworded."""
    removed = [change for change in changes if change.change == "removed"]
    result = []
    for change in changes:
        if change.change == "added":
            same = next((old for old in removed if old.old.text == change.new.text), None) or next(
                (old for old in removed if likeness(old.old.text, change.new.text) >= REWORDED_FROM), None)
            if same is not None:
                removed.remove(same)
                kind = "moved" if same.old.text == change.new.text else "reworded"
                result.append(CommitmentChange(kind, old=same.old, new=change.new))
                continue
        result.append(change)
    return [change for change in result if change.change != "removed" or change in removed]


def renumbered_commitments(old_list, new_list, changes: list[CommitmentChange]) -> list[tuple[str, str]]:
    """(old number, new number) of each commitment kept word for word whose
    number changed, because one above it was added, removed or moved: a
    journalist who cited "commitment 2.3" finds it as 2.2."""
    told = {id(change.old) for change in changes if change.old is not None}
    new_by_text = {}
    for commitment in new_list:
        new_by_text.setdefault(commitment.text, commitment)
    return [(old.label, new_by_text[old.text].label) for old in old_list
            if id(old) not in told and old.text in new_by_text and new_by_text[old.text].label != old.label]


def pair_up(olds, news) -> list[CommitmentChange]:
    """In a run of commitments that differ, in order: an old one alike enough
    to a later new one was reworded into it; what is left was removed or added."""
    changes, start = [], 0
    for old in olds:
        scores = [(likeness(old.text, new.text), place) for place, new in enumerate(news) if place >= start]
        best = max(scores, default=(0.0, None), key=lambda score: (score[0], -score[1]))
        if best[0] < REWORDED_FROM:
            changes.append(CommitmentChange("removed", old=old))
            continue
        changes += [CommitmentChange("added", new=new) for new in news[start:best[1]]]
        changes.append(CommitmentChange("reworded", old=old, new=news[best[1]]))
        start = best[1] + 1
    changes += [CommitmentChange("added", new=new) for new in news[start:]]
    return changes


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
