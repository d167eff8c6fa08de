"""A name that no published item has: one not yet public, or renamed, or never there.

A post's `policies:`, an event's `report:` and a candidate's `councillor:`
name other items by file name. `report_unpublished_name` is the one way each
reports a name the published items lack: a draft or embargoed item it may
or may not name yet (sitecore.publication_order), or no item at all.

When a volunteer renames a file and lists its old address in
`old_addresses` (plugins/redirects), the other files that name it by its
old file name still name it (`with_old_names`): a councillor's change of
name made every post that ever named them fail the build until each was
edited (an audit: 44 files for one councillor of the sample content).
"""

from __future__ import annotations

import difflib
import os
import re

from sitecore.content_items import url_setting_of
from sitecore.names import numbered_name
from sitecore.problems import problem_log
from sitecore.publication_order import naming_refused
from sitecore.urls import address_pattern


def name_in_address(address: str) -> str:
    """The file name an address was made from: news/clmate-vote/ -> clmate-vote."""
    return address.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html")


def own_form_addresses(item, url_setting: str | None = None) -> list[str]:
    """Of the item's old_addresses, those of the form of its own address
    (news/…/ for a post, by ARTICLE_URL, or `url_setting`'s: not an address
    of a site the party had before, /2021/11/cop26.html, nor of another kind
    of page), site-relative and in lower case, as a browser on a Mac finds
    them and as plugins/redirects compares them, in their order."""
    given = getattr(item, "old_addresses", None) or ()
    if not given:
        return []  # most items: no pattern to make
    setting = url_setting or item.settings[url_setting_of(item)]
    own_form = re.compile(address_pattern(setting, {}), re.IGNORECASE)
    return [address.lstrip("/").lower() for address in given if own_form.fullmatch(address.lstrip("/"))]


def first_address(item) -> str:
    """Where the item was first published on this site, site-relative as its
    url: the first of its old_addresses of the form of its own (a file
    renamed again adds its last address after the others), or its own. Its
    identity in feed readers and calendars is made from this, so that
    renaming it does not make it a new entry, or a new event beside the old
    one. An address of a site the party had before, or one in capitals,
    added to an item published here, changed the item's identity (a review)."""
    here = own_form_addresses(item)
    return here[0] if here else item.url


def by_name(items) -> dict:
    """Items by the names other files give them: the slug ("housing") first,
    then the file name ("02-housing"), where no item has it as its slug."""
    names = {}
    for item in items:
        names[item.slug] = item
    for item in items:
        names.setdefault(os.path.splitext(os.path.basename(item.source_path))[0], item)
    return names


def with_old_names(named: dict, items) -> dict:
    """`named` (items by the names other files give them), with each of
    `items` also by the name of each of its old addresses of its own form
    (own_form_addresses: one no two items may keep, plugins/redirects),
    where no item has that name now. An old site's /2020/06/agm.html gives
    no name: it took "agm" from the post renamed from /news/agm/ (a review)."""
    named = dict(named)
    for item in items:
        for address in own_form_addresses(item):
            named.setdefault(name_in_address(address), item)
    return named


def by_every_name(items) -> dict:
    """Published items by every name another file may name one by: its
    own (by_name) or the one it had before a rename, its old address kept."""
    items = list(items)
    return with_old_names(by_name(items), items)


def slugs_of(items) -> list[str]:
    """The items' slugs, each once, sorted: the names a message offers."""
    return sorted({item.slug for item in items})


def unknown_name(singular: str, name: str, slugs: list[str], fix: str) -> tuple[str, str]:
    """(message, fix) for a `name` no item of `slugs` has, nor had (old names
    are taken: with_old_names): the nearest names (a typo, or a file renamed
    without its old address: then the review asks for that address too)."""
    near = difflib.get_close_matches(name, slugs, n=2, cutoff=0.6)
    # The typo first, the likelier; the rename without its old address after.
    renamed = (f'(If a file was renamed from "{name}", add its old address to that file\'s old_addresses: '
               "this name then names it.)")
    if near:
        return f'no {singular} is called "{name}"', f"did you mean {' or '.join(near)}? Otherwise {fix}. {renamed}"
    return f'no {singular} is called "{name}"', fix


def could_not_be_read(singular: str, name: str) -> bool:
    """Is `name` that of a file of this kind that could not be read (its
    problem is told there)? In any capitals, and for a policy without its
    number: a file renamed 02-Housing.md is refused for its capitals, and
    the posts naming "housing" were told it names nothing (an audit)."""
    wanted = name.lower()
    return any(kind == singular and wanted in (unread.lower(), policy_slug(unread).lower() if kind == "policy" else "")
               for kind, unread in problem_log.unreadable)


def policy_slug(stem: str) -> str:
    """A policy file's name without its number (sitecore.names.numbered_name)."""
    numbered = numbered_name(stem)
    return numbered[1] if numbered else stem


def report_unpublished_name(referrer, field: str, singular: str, name: str, slugs: list[str], unpublished: dict,
                            fix: str, remove: str = "remove it from this list") -> None:
    """Report, at `referrer`'s `field` line, a `name` no published item has
    (`slugs`: theirs, sorted): a draft or embargoed item of `unpublished` named too early
    (naming_refused, whose fix says how to `remove` the name), or a name no
    item has (`fix` says what to write), unless that item's own file could
    not be read (its problem is reported there)."""
    line = referrer.frontmatter_lines.get(field, 1)
    if name in unpublished:
        refused = naming_refused(referrer, name, unpublished[name], remove=remove)
    elif could_not_be_read(singular, name):
        refused = None
    else:
        refused = unknown_name(singular, name, slugs, fix)
    if refused is not None:
        problem_log.add(referrer.source_path, line, field, *refused)
