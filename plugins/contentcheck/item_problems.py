"""Record a problem a content check found, at the item's file."""

from __future__ import annotations

from sitecore.problems import problem_log


def report(item, line: int, field: str, message: str, fix: str) -> None:
    problem_log.add(item.source_path, line, field, message, fix)
