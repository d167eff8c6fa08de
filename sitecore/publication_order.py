"""May one item name another that is not public yet?

A post names the event it announces, a candidate the policies they stand
for. An item the public site shows may name only what the site shows too,
or it would link to a page that is not there and give an embargoed story
away. An item not public yet may name what will be public no later than
itself: a press release and the event it announces, under the same
embargo, go out together at the scheduled build, so the build must not
refuse them before then. A draft names what it likes: it is checked again
when someone publishes it.
"""

from __future__ import annotations

import math

from sitecore.clock import build_time, date_as_written, has_passed, in_words

# When an item becomes public, as a POSIX time, so that the three kinds compare:
ALREADY = -math.inf  # public in this build
NEVER = math.inf  # a draft: public only once a person publishes it


def public_from(item) -> float:
    """When `item` becomes public without anyone editing it: never, for a
    file that says `status: draft`, whatever its embargo says."""
    if getattr(item, "status", "published") == "published":  # the minifesto has no status: it is public
        return ALREADY
    if getattr(item, "written_as_draft", False):
        return NEVER
    embargo = getattr(item, "embargo", None)
    if embargo is not None and not has_passed(embargo, build_time(item.settings)):
        return embargo.timestamp()
    return NEVER


def goes_public_by_itself(item) -> bool:
    """An embargoed item: public at its hour, at a scheduled build no one
    reviews, so checked now as it will be then (a problem found then would
    fail that build, which would publish nothing). A draft goes public only
    by a change that is reviewed, and is held to the public rules then."""
    return public_from(item) not in (ALREADY, NEVER)


def waits_for_review(item) -> bool:
    """A draft: public only once a person publishes it, so held to the public
    rules then, when it is reviewed, not in the builds before (a volunteer's
    draft never stops the hourly build that lifts embargoes)."""
    return public_from(item) == NEVER


def naming_refused(referrer, name: str, target, remove: str = "remove it from this list") -> tuple[str, str] | None:
    """(message, fix) when `referrer` may not name `target` (as `name`) in
    this build, or None when it may: the target must be public no later
    than the item that names it. The fix never asks for an embargo to be
    broken: it offers to wait, never to publish an embargoed item early.
    `remove`: how the fix says to take the name out (a list's entry, a link)."""
    target_from, referrer_from = public_from(target), public_from(referrer)
    if target_from <= referrer_from:
        return None
    if target_from == NEVER:
        if referrer_from == ALREADY:
            return f'"{name}" is still a draft', f"publish it first, or {remove}"
        return (f'"{name}" is still a draft',
                f"publish it, or give it an embargo no later than this file's ({date_as_written(referrer.embargo)}), "
                f"or {remove}")
    until = f'"{name}" is embargoed until {in_words(target.embargo)}'
    if referrer_from == ALREADY:
        # Embargoing a page already out would take it off the site: only
        # for a file not yet published.
        return until, (f"{remove} until then, or, if this file is not published yet, embargo it until then "
                       f"too ({embargo_lines(target, referrer)})")
    return (f"{until}, after this file's embargo ({in_words(referrer.embargo)})",
            f"embargo this file until then too ({embargo_lines(target, referrer)}), or {remove}")


def embargo_lines(target, referrer) -> str:
    """The lines that embargo `referrer` until `target` is public: an
    embargoed post's or page's date is the moment its embargo lifts; an
    event, a candidate or a branch has no date to write (a fix that gave
    one asked for a field the file may not have)."""
    moment = date_as_written(target.embargo)
    has_date = "date" in (getattr(referrer, "frontmatter_lines", None) or {})
    return f"embargo: {moment} and date: {moment}" if has_date else f"embargo: {moment}"
