"""The build's clock: what "now" is, in the site's time zone.

Embargoes, past and upcoming, the security.txt expiry: every decision about
time reads this one clock, so a scheduled or test build (BUILD_TIME) sees
the same moment everywhere.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

DEFAULT_TIMEZONE = "Europe/London"


def site_zone(settings: dict) -> ZoneInfo:
    return ZoneInfo(settings.get("TIMEZONE") or DEFAULT_TIMEZONE)


def build_time(settings: dict) -> dt.datetime:
    """The moment this build treats as now: BUILD_TIME if set (a scheduled
    or test build), else the clock; always in the site's time zone."""
    zone = site_zone(settings)
    fixed = settings.get("BUILD_TIME")
    if fixed:
        moment = fixed if isinstance(fixed, dt.datetime) else dt.datetime.fromisoformat(str(fixed))
        return moment if moment.tzinfo else moment.replace(tzinfo=zone)
    return dt.datetime.now(zone)


def pin_build_time(settings: dict) -> None:
    """One moment for the whole build: embargoes, security.txt's expiry and the
    accessibility page's "last built" must agree, not each read the clock.
    Calling it again in the same build changes nothing."""
    settings["BUILD_TIME"] = build_time(settings).isoformat()


def has_passed(moment: dt.datetime, now: dt.datetime) -> bool:
    """Compare instants, not wall-clock times: Python compares two times in
    the same zone by their wall clocks and ignores `fold`, so 01:30 BST and
    01:30 GMT on the night the clocks go back would count as equal."""
    return moment.astimezone(dt.timezone.utc) <= now.astimezone(dt.timezone.utc)
