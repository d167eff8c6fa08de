"""Which commitment of one edition of a policy is which of another's.

Commitments are matched by their words: the lists are aligned with
difflib, and in a run that differs, an old and a new commitment that share
at least half their words are one commitment reworded; one taken out in one
place and put in another was moved; the rest were removed or added. What
changed is told on each edition's "What changed" page (plugins/minifesto/
changes.py), and a post's link to a commitment by the number it had when
the post was written is checked against it (plugins/contentcheck/
cited_commitments.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from markupsafe import Markup, escape

from sitecore.word_diff import word_diff

# How alike two commitments must be (share of their words in common) to be
# one commitment reworded rather than one removed and another added.
REWORDED_FROM = 0.5


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
    changes = []
    for tag, i1, i2, j1, j2 in aligned(old_list, new_list):
        if tag != "equal":
            changes += pair_up(old_list[i1:i2], new_list[j1:j2])
    return moved_ones(changes)


def aligned(old_list, new_list) -> list[tuple]:
    """difflib's opcodes for the two lists of commitments, by their words."""
    old_texts, new_texts = [c.text for c in old_list], [c.text for c in new_list]
    return SequenceMatcher(None, old_texts, new_texts, autojunk=False).get_opcodes()


def what_became_of(old_list, new_list, changes: list[CommitmentChange] | None = None) -> list:
    """For each commitment of `old_list`, in order, the one of `new_list`
    it is now (kept, moved or reworded), or None where it was removed;
    `changes`, if the caller has them, are commitment_changes(old_list, new_list)."""
    now = {}
    for tag, i1, i2, j1, _ in aligned(old_list, new_list):
        if tag == "equal":
            now.update({id(old_list[i]): new_list[j1 + i - i1] for i in range(i1, i2)})
    for change in commitment_changes(old_list, new_list) if changes is None else changes:
        if change.old is not None:
            now[id(change.old)] = change.new
    return [now.get(id(old)) for old in old_list]


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
    return [(old.label, now.label) for old, now in zip(old_list, what_became_of(old_list, new_list, changes), strict=True)
            if id(old) not in told and now is not None and now.label != old.label]


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
