"""Policy numbers are the policies' public identity: unique, 1 to N, no gaps."""

from __future__ import annotations

from sitecore.newcomers import files_to_report
from sitecore.policy_content import policies_by_number
from sitecore.problems import problem_log


def number_line(policy) -> int:
    return policy.frontmatter_lines.get("number", 1)


def check_unique_numbers(policies) -> None:
    """Each number belongs to one policy. A clash is reported on the file the
    volunteer added (the one git does not track yet); when git cannot tell,
    on every file of the clash."""
    by_number = policies_by_number(policies)
    free = next_free_number(by_number)
    for number, sharing in by_number.items():
        if len(sharing) > 1:
            _report_shared_number(number, sharing, free)


def next_free_number(used) -> int:
    return next(number for number in range(1, len(used) + 2) if number not in used)


def _report_shared_number(number: int, sharing: list, free: int) -> None:
    by_path = {policy.source_path: policy for policy in sharing}
    to_report, already_there = files_to_report(list(by_path))
    for path in to_report:
        if already_there:
            message = f"{number} is already used by {problem_log.display_path(already_there[0])}"
            fix = f"give this policy its own number (the first free number is {free}) and make the file name start with it"
        else:
            others = ", ".join(problem_log.display_path(other) for other in to_report if other != path)
            message = f"{number} is also used by {others}"
            fix = (f"give each policy its own number: change the one you added (the first free number is {free}) "
                   "and make its file name start with it")
        problem_log.add(path, number_line(by_path[path]), "number", message, fix)


def check_no_gaps(published) -> None:
    """Published policies are numbered 1, 2, 3 … with none missing. Not
    while a policy's own file has a mistake: it is missing from the site
    for that reason, reported at its line, and its neighbours are fine."""
    if any(kind == "policy" for kind, _ in problem_log.unreadable):
        return
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
