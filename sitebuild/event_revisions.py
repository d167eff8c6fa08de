"""An event whose plans a change moves must say when they changed.

Calendar apps that have an event (subscribed to /events/calendar.ics, or
that imported its event.ics) take a new version of it only if its revision
(SEQUENCE, then DTSTAMP) is higher than theirs, and plugins/events makes both
from the event's `modified`. So a change to its time, its place or its
status (EVENT_PLANS) that leaves `modified` as it was keeps the old times or
place in their calendars. The browser editor sets `modified` as it saves such
a change; someone editing with git must, and the review (kept_addresses.py,
which reads the content at the base and now) says so at the file's line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sitecore.clock import as_written
from sitecore.content_items import collection_of
from sitecore.problems import Problem
from sitecore.schema.content_types import EVENT_PLANS
from sitecore.schema.document import item_line


@dataclass(frozen=True)
class EventPlans:
    plans: dict               # field -> its value (EVENT_PLANS), as read
    modified: dt.datetime | None
    lines: dict               # field -> its line in the file (1 if it has none)


def plans_of_events(items) -> dict[str, EventPlans]:
    """Each event of `items`, by its content file (content/-relative)."""
    return {item.relative_source_path: EventPlans(
        {field: getattr(item, field, None) for field in EVENT_PLANS},
        getattr(item, "modified", None),
        {field: item_line(item, field) for field in (*EVENT_PLANS, "modified")})
        for item in items if collection_of(item) == "events"}


def described(value) -> str:
    if value is None:
        return "none"
    return as_written(value) if isinstance(value, dt.datetime) else str(value)


def unrevised_events(before: dict[str, EventPlans], now: dict[str, EventPlans], renamed: dict[str, str],
                     content: Path, moment: dt.datetime) -> list[tuple[str, Problem]]:
    """("error", the problem) for each event that `before` (the base) had
    whose plans differ `now` while its `modified` is no later; the fix
    offers `moment` (the review's now, UK time)."""
    found = []
    for source, earlier in sorted(before.items()):
        later = now.get(renamed.get(source, source))
        if later is None:
            continue
        changed = [field for field in EVENT_PLANS if later.plans[field] != earlier.plans[field]]
        if not changed or (later.modified is not None
                           and (earlier.modified is None or later.modified > earlier.modified)):
            continue
        what = ", ".join(f"{field} ({described(earlier.plans[field])} → {described(later.plans[field])})"
                         for field in changed)
        line = later.lines["modified"] if later.modified is not None else later.lines[changed[0]]
        found.append(("error", Problem(
            str(content / renamed.get(source, source)), line, "modified",
            f"this change moves the event's plans, {what}, but not its modified: calendar apps that have the "
            "event would keep the old version",
            f"set 'modified: {as_written(moment)}' (UK time: when the plans changed; the browser editor sets "
            "it itself)")))
    return found
