"""Is an item public yet? Its status, its embargo, and the drafts preview.

- `status: draft` keeps an item out of the public site.
- `embargo: 2022-03-01 09:00` keeps a post out until that moment (Europe/
  London) and in from then on: a scheduled rebuild publishes it.
- A drafts preview (PREVIEW_DRAFTS, `invoke build --drafts`) shows both,
  labelled, in a site marked noindex.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


def build_time(settings: dict) -> dt.datetime:
    """The moment this build treats as now: BUILD_TIME if set (a scheduled
    or test build), else the clock; always in the site's time zone."""
    zone = ZoneInfo(settings.get("TIMEZONE", "Europe/London"))
    fixed = settings.get("BUILD_TIME")
    if fixed:
        moment = fixed if isinstance(fixed, dt.datetime) else dt.datetime.fromisoformat(str(fixed))
        return moment if moment.tzinfo else moment.replace(tzinfo=zone)
    return dt.datetime.now(zone)


def has_passed(moment: dt.datetime, now: dt.datetime) -> bool:
    """Compare instants, not wall-clock times: Python compares two times in
    the same zone by their wall clocks and ignores `fold`, so 01:30 BST and
    01:30 GMT on the night the clocks go back would count as equal."""
    return moment.astimezone(dt.timezone.utc) <= now.astimezone(dt.timezone.utc)


def publication_status(values: dict, settings: dict) -> tuple[str, str | None]:
    """(Pelican status, preview label or None) for an item's front matter."""
    embargo = values.get("embargo")
    if embargo is not None and not has_passed(embargo, build_time(settings)):
        hidden_because = f"Embargoed until {embargo.strftime('%-d %B %Y, %H:%M')}"
    elif values.get("status") == "draft":
        hidden_because = "Draft"
    else:
        return "published", None
    if settings.get("PREVIEW_DRAFTS"):
        return "published", hidden_because
    return "draft", None
