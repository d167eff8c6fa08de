"""Policy numbers are the policies' public identity: unique, 1 to N, no gaps."""

from __future__ import annotations

from frontmatter.problems import problem_log


def number_line(policy) -> int:
    return policy.frontmatter_lines.get("number", 1)


def check_unique_numbers(policies) -> None:
    first_with_number: dict[int, object] = {}
    for policy in sorted(policies, key=lambda p: p.source_path):
        earlier = first_with_number.setdefault(policy.number, policy)
        if earlier is not policy:
            problem_log.add(
                policy.source_path, number_line(policy), "number",
                f"{policy.number} is already used by {problem_log.display_path(earlier.source_path)}",
                "give each policy its own number",
            )


def check_no_gaps(published) -> None:
    """Published policies are numbered 1, 2, 3 … with none missing."""
    expected = 1
    for policy in sorted(published, key=lambda p: p.number):
        if policy.number > expected:
            missing = (f"number {expected} is missing" if policy.number == expected + 1
                       else f"numbers {expected} to {policy.number - 1} are missing")
            problem_log.add(
                policy.source_path, number_line(policy), "number",
                f"the policies jump from {expected - 1} to {policy.number}: {missing}",
                "number the published policies 1, 2, 3 … without gaps",
            )
        expected = max(expected, policy.number + 1)
