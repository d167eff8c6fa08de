"""How the changes between two editions of a policy's commitments are told
(sitecore/commitment_matching.py), as a table against the functions that decide
them; tests/test_minifesto_editions.py builds the page and changes.json."""

from __future__ import annotations

import pytest

from sitecore.commitment_matching import commitment_changes, renumbered_commitments
from sitecore.policy_content import Commitment

HOUSING = ["Build 100,000 council homes a year.", "Cap rents at a third of income.", "End no-fault evictions.",
           "Insulate every home by 2030."]


def numbered(texts: list[str], policy: int = 2) -> list[Commitment]:
    return [Commitment(policy, number, text) for number, text in enumerate(texts, start=1)]


def told(old: list[str], new: list[str]):
    before, after = numbered(old), numbered(new)
    changes = commitment_changes(before, after)
    return ([(c.change, c.old and c.old.label, c.new and c.new.label) for c in changes],
            renumbered_commitments(before, after, changes))


@pytest.mark.parametrize("new, changes, renumbered", [
    # The first taken out: one removed, and every one below it cited under a new number.
    (HOUSING[1:], [("removed", "2.1", None)], [("2.2", "2.1"), ("2.3", "2.2"), ("2.4", "2.3")]),
    # Two swapped: one moved (it was "added 2.1" and "removed (was 2.2)", the same words twice).
    ([HOUSING[1], HOUSING[0], *HOUSING[2:]], [("moved", "2.2", "2.1")], [("2.1", "2.2")]),
    # The last moved to the top, reworded a little on the way.
    (["Insulate every home by 2028.", *HOUSING[:3]], [("reworded", "2.4", "2.1")],
     [("2.1", "2.2"), ("2.2", "2.3"), ("2.3", "2.4")]),
    # One added at the end: nothing renumbered.
    ([*HOUSING, "Scrap the bedroom tax."], [("added", None, "2.5")], []),
    # Nothing changed.
    (HOUSING, [], []),
])
def test_moved_and_renumbered_commitments_are_told_as_such(new, changes, renumbered):
    assert told(HOUSING, new) == (changes, renumbered)
