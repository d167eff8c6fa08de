"""The Policy content type: one of the party's numbered core policies."""

from __future__ import annotations

from pelican.contents import Content

from plugins.typedcontent import TypedContentGenerator


class Policy(Content):
    mandatory_properties = ("title", "number", "summary", "commitments")
    allowed_statuses = ("published", "draft")
    default_status = "published"
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


class PolicyGenerator(TypedContentGenerator):
    content_class = Policy
    index_template = "policies"

    def order(self, items):
        return sorted(items, key=lambda policy: policy.number)
