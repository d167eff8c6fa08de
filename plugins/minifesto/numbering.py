"""Policy numbers must be unique: the number is the policy's public identity."""

from __future__ import annotations

from frontmatter.problems import problem_log


def check_unique_numbers(policies) -> None:
    first_with_number: dict[int, object] = {}
    for policy in sorted(policies, key=lambda p: p.source_path):
        earlier = first_with_number.setdefault(policy.number, policy)
        if earlier is not policy:
            problem_log.add(
                policy.source_path,
                policy.frontmatter_lines.get("number", 1),
                "number",
                f"{policy.number} is already used by {problem_log.display_path(earlier.source_path)}",
                "give each policy its own number",
            )
