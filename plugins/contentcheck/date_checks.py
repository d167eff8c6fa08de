"""A content item's dates agree with each other and with the clock.

A post is not dated in the future unless it is embargoed, an embargoed
release is dated when its embargo lifts, and its "Updated" date and its
corrections' dates fall between its date and now; a councillor did not join
the party in the future, nor did an event's plans last change ("Updated",
`modified`) in the future. The checks that read the clock run at every
build; the others are skipped for an item that passed them unchanged in the
last build (passed.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pelican.contents import Article

from sitecore.clock import as_written, build_time, date_as_written, has_passed, instant, next_morning
from sitecore.schema.document import item_line

from .item_problems import report


def check_not_in_the_future(item, settings) -> None:
    date = getattr(item, "date", None)
    # An embargoed post's date is its embargo (check_issued_when_embargo_lifts):
    # in the future until the embargo lifts, and the post unpublished until then.
    if not isinstance(item, Article) or date is None or getattr(item, "embargo", None):
        return
    if not has_passed(date, build_time(settings)):
        report(item, item.frontmatter_lines.get("date", 1), "date",
               f"{date_as_written(date)} is in the future",
               "use today's date, or add 'embargo: <date and time>' to publish it automatically then")


# Fields whose day has happened by definition, with the fix for one ahead
# of now (a year typed wrong): the page states it as a fact.
DAYS_GONE_BY = {"joined": "give the day they joined the party (today's at the latest)"}


def check_days_gone_by(item, settings) -> None:
    """A councillor who "Joined the party 20 December 2027": refused as a
    post dated ahead is. It reads the clock, so it runs at every build."""
    now = build_time(settings)
    for field, fix in DAYS_GONE_BY.items():
        day = getattr(item, field, None)
        if isinstance(day, dt.datetime) and not has_passed(day, now):
            report(item, item.frontmatter_lines.get(field, 1), field, f"{date_as_written(day)} is in the future", fix)


def check_issued_when_embargo_lifts(item, settings) -> None:
    """A press release is issued when its embargo lifts, so its date (what
    the page, the feeds and the structured data say) is that moment: a date
    a year out is a typo that would publish it early, and any other date
    tells the press it was out before it was."""
    date, embargo = getattr(item, "date", None), getattr(item, "embargo", None)
    if not isinstance(item, Article) or date is None or embargo is None:
        return
    # A date alone on the embargo's day is the embargo's moment already
    # (plugins/frontmatter/reader.py: issued_at).
    if instant(date) == instant(embargo):
        return
    problem = f"{date_as_written(date)} is not when the embargo lifts ({date_as_written(embargo)})"
    now = build_time(settings)
    if has_passed(embargo, now):
        # Dating it at the embargo would publish it at once, back-dated: the
        # release is held back only by a moment to come.
        report(item, item.frontmatter_lines.get("date", 1), "date", f"{problem}, and that embargo has passed already",
               embargo_to_come(date, embargo, now))
        return
    report(item, item.frontmatter_lines.get("date", 1), "date", problem, embargo_ahead_fix(date, embargo, now))


def embargo_ahead_fix(date, embargo, now) -> str:
    """The fix for a date other than an embargo still to come: the date
    the embargo's, or the embargo the moment the date meant (if that is to
    come: a moment passed holds nothing back)."""
    lifts = date_as_written(embargo)
    if (embargo.hour, embargo.minute) == (0, 0) and date.date() == embargo.date():
        # `embargo: 2026-12-01` and `date: 2026-12-01 09:00`: the time was
        # meant for both. Moving the date to midnight would publish early.
        return (f"an embargo with no time lifts at midnight: to lift it at {date.strftime('%H:%M')}, write "
                f"'embargo: {as_written(date)}'")
    if date.year != embargo.year and date.month == embargo.month:  # one year typed wrong
        meant = date.replace(hour=embargo.hour, minute=embargo.minute)
        if has_passed(meant, now):
            return f"check the year: write 'date: {lifts}', the moment in the embargo"
        return f"check the year: write the same moment in both, 'date: {lifts}' or 'embargo: {as_written(meant)}'"
    return f"write 'date: {lifts}': a release is issued when its embargo lifts"


def embargo_to_come(date, embargo, now) -> str:
    """The fix for a date other than an embargo already passed: the moment
    its date means, if that is still to come (a year typed wrong in the
    embargo), else a moment ahead, in both lines."""
    meant = date if (date.hour, date.minute) != (0, 0) else date.replace(hour=embargo.hour, minute=embargo.minute)
    if not has_passed(meant, now):
        return f"to issue it on its date, write 'embargo: {date_as_written(meant)}'"
    ahead = next_morning(now.date())
    return (f"write in both lines the moment ahead when the release may go out, e.g. 'embargo: {ahead}' "
            f"and 'date: {ahead}'")


@dataclass(frozen=True)
class RecordedChange:
    """A change an item records: its `modified` date, or a post's correction's."""
    field: str
    line: int
    moment: object
    where: str       # inside the field: "" or "item 2, date: "
    if_before: str   # the fix when it is before the post's date
    if_future: str   # the fix when it is in the future


# What `modified` says of each kind of item that has it, for its fixes.
MODIFIED_FIXES = {
    "post": ("give the date you last changed the post, on or after its date, or remove the line",
             "give the date you last changed the post (today's at the latest)"),
    # An event has no date of its own to be after (its start may be long after).
    "event": ("", "give the date and time the event's plans last changed (now at the latest)"),
}


def changes_as_written(item) -> list[RecordedChange]:
    """Each change a post or an event records, with its date as written."""
    found = []
    if getattr(item, "modified_as_written", None) is not None:
        if_before, if_future = MODIFIED_FIXES["post" if isinstance(item, Article) else "event"]
        found.append(RecordedChange("modified", item.frontmatter_lines.get("modified", 1), item.modified_as_written,
                                    "", if_before, if_future))
    if not isinstance(item, Article):
        return found
    for index, correction in enumerate(getattr(item, "corrections", None) or ()):
        found.append(RecordedChange(
            "corrections", item_line(item, "corrections", index, "date"),
            correction["date"], f"item {index + 1}, date: ",
            "give the day the post was corrected, on or after its date",
            "give the day the post was corrected (today's at the latest)"))
    return found


def check_modified_after_date(item) -> None:
    """"Updated …" before the post's date would say it changed before it
    was written; so would a correction. By day, as the page shows it: a post
    of 09:00 updated later that day may say `modified:` with that day alone
    (midnight)."""
    date = getattr(item, "date", None)
    for change in changes_as_written(item) if date is not None else ():
        if change.moment.date() < date.date():
            report(item, change.line, change.field, f"{change.where}{date_as_written(change.moment)} is before the "
                   f"post's date ({date_as_written(date)})", change.if_before)


def check_modified_not_in_the_future(item, settings) -> None:
    """A future "Updated …" or correction would show on the page and date
    the feed's <updated> ahead (an event's, its calendar entry's revision):
    it reads the clock, so it runs at every build."""
    now = build_time(settings)
    for change in changes_as_written(item):
        if not has_passed(change.moment, now):
            report(item, change.line, change.field, f"{change.where}{date_as_written(change.moment)} is in the future",
                   change.if_future)
