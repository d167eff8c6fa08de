"""The policy generator: policy pages and the policy index."""

from __future__ import annotations

from plugins.typedcontent import TypedContentGenerator
from sitecore.policy_content import Policy


class PolicyGenerator(TypedContentGenerator):
    content_class = Policy
    index_template = "policies"

    def order(self, items):
        return sorted(items, key=lambda policy: policy.number)
