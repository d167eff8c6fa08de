"""The Policy content type: one of the party's numbered core policies, with
its numbered commitments. In the core, not the policies plugin: the
minifesto reads past editions' frozen policies with it too."""

from __future__ import annotations

from dataclasses import dataclass

from sitecore.content_items import TypedContent


@dataclass(frozen=True)
class Commitment:
    """One commitment of a policy, numbered for citing: commitment 3 of
    policy 2 is "2.3". The number is its place in the policy's list, so its
    anchors survive a rewording; only a new order renumbers."""

    policy_number: int
    number: int
    text: str

    @property
    def label(self) -> str:
        return f"{self.policy_number}.{self.number}"

    @property
    def anchor(self) -> str:
        """Its anchor on its policy's own page: /policies/housing/#commitment-3."""
        return f"commitment-{self.number}"

    @property
    def index_anchor(self) -> str:
        """Its anchor where every policy is shown (the policy index, the web
        edition, the PDF): /policies/#policy-2-3."""
        return f"policy-{self.policy_number}-{self.number}"


class Policy(TypedContent):
    mandatory_properties = ("title", "number", "summary", "commitments")
    default_template = "policy"
    collection = "policies"

    @property
    def card_kicker(self) -> str:
        return f"Policy {self.number}"

    @property
    def anchor(self) -> str:
        """The policy's anchor on the index and in the web edition. Made from
        the number, not the title, so a shared link survives a rewording."""
        return f"policy-{self.number}"

    @property
    def numbered_commitments(self) -> list[Commitment]:
        return [Commitment(self.number, place, text) for place, text in enumerate(self.commitments, start=1)]

    @property
    def anchors_where_every_policy_is(self) -> dict[str, str]:
        """Each anchor of the policy's own page its text may link to
        (#commitment-3), by the anchor it has where every policy is shown
        (#policy-2-3): the policy's text, shown there, links to that one."""
        return {commitment.anchor: commitment.index_anchor for commitment in self.numbered_commitments}


def policies_by_number(policies) -> dict[int, list]:
    """{number: the policies that have it, by file path}: a number two hold
    is a clash (the live policies' check and each frozen edition's tell it
    their own way)."""
    by_number: dict[int, list] = {}
    for policy in sorted(policies, key=lambda p: p.source_path):
        by_number.setdefault(policy.number, []).append(policy)
    return by_number
