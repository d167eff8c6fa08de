"""A name that no item has any more, because its file was renamed.

When a volunteer renames a file and lists its old address in
`old_addresses` (plugins/redirects), the other files that name it by its
old file name (a post's `policies:`, an event's `report:`, a candidate's
`councillor:`) name nothing. Their message then says what it is called now.
"""

from __future__ import annotations


def renamed_from(name: str, items):
    """The item of `items` that lists, in its old_addresses, the address a
    file called `name` had (/news/<name>/, /policies/<name>/ …), or None."""
    for item in items:
        for address in getattr(item, "old_addresses", None) or ():
            if address.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html") == name:
                return item
    return None


def unknown_name(singular: str, name: str, items, fix: str) -> tuple[str, str]:
    """(message, fix) for a `name` none of `items` has."""
    renamed = renamed_from(name, items)
    if renamed is not None:
        return (f'no {singular} is called "{name}" now: that file was renamed {renamed.slug}',
                f"write {renamed.slug}")
    return f'no {singular} is called "{name}"', fix
