"""Field types whose value is a list: of single values, or of entries with fields of their own."""

from __future__ import annotations

import re
from typing import Any, Callable

from .field_errors import FieldError, FieldErrors, a_or_an, describe, unknown_field_fix, where_in_field
from .fields import WORD_SEPARATORS, Field, widget


def list_of(item_check: Callable[[Any, dict], Any], *, min_items: int = 0, max_items: int | None = None,
            too_many: str = "", once: str = "") -> Callable:
    """A list of values, each checked by `item_check`; at most `max_items`
    (`too_many` says why, for the message); with `once` (what an item is:
    "policy"), each named only once. A repeat was dropped without a word."""
    @widget(widget="list", min=min_items, max=max_items)
    def check(value: Any, settings: dict) -> list:
        if isinstance(value, str):
            # "tags: a, b" is a common slip; accept it as a list.
            value = [part for part in (p.strip() for p in value.split(",")) if part]
        if not isinstance(value, list):
            raise FieldError(
                "expected a list",
                "write a list in brackets, [first, second], or one '- item' per line",
            )
        if max_items is not None and len(value) > max_items:
            raise FieldError(f"has {len(value)} items: {too_many}" if too_many else f"has {len(value)} items",
                             f"keep the {max_items} that matter most")
        items = []
        for position, item in enumerate(value, start=1):
            try:
                items.append(item_check(item, settings))
            except FieldError as error:
                raise FieldError(f"item {position}: {error.message}", error.fix, at=(position - 1,)) from None
        repeated = repeats(items) if once else []
        if repeated:  # the first repeat: a list's check tells one mistake
            index, first = repeated[0]
            raise FieldError(f'item {index + 1}: "{items[index]}" is named already, as item {first + 1}',
                             f"name each {once} once: delete item {index + 1}", at=(index,))
        if len(items) < min_items:
            raise FieldError(
                f"needs at least {min_items} item{'s' if min_items != 1 else ''}",
                "add one '- item' line for each",
            )
        return items

    check.item_check = item_check  # the editor's form checks each item by it (plugins/cms)
    return check


def repeats(keys: list) -> list[tuple[int, int]]:
    """(index, index of its first) of each key that an earlier one equals;
    a key of None is no key."""
    first_places: dict = {}
    return [(index, first) for index, key in enumerate(keys)
            if key is not None and (first := first_places.setdefault(key, index)) != index]


# Curly quotes as straight ones: the build makes straight quotes curly
# (Field.typographic), so "Sam O'Neill" and "Sam O’Neill" are one name.
STRAIGHT_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def same_entry_key(written: str) -> str:
    """A name as compared for repeats: in small letters (str.lower, as
    JavaScript's toLowerCase: casefold makes "Groß" "gross", which the
    editor's format would not), straight quotes, one space between words.
    plugins/cms/static/frontmatter-format.js (items_once) does the same."""
    return " ".join(word for word in WORD_SEPARATORS.split(written.lower().translate(STRAIGHT_QUOTES)) if word)


def list_of_objects(item_name: str, fields: tuple[Field, ...], *, min_items: int = 0,
                    requires: tuple[tuple[str, str], ...] = (), once_by: str = "") -> Callable:
    """A list of entries with fields of their own (the press contacts: name,
    role, phone, email), each checked like a file's fields. Every mistake is
    reported, each at its own line: "item 2, email: …". `requires`: pairs
    (field, the field it needs in the same entry), e.g. a picture its alt text.
    `once_by`: the field no two entries share (a contact's name: an entry
    pasted twice showed journalists the same person twice)."""
    by_name = {spec.name: spec for spec in fields}

    @widget(widget="list", min=min_items)
    def check(value: Any, settings: dict) -> list[dict]:
        if not isinstance(value, list):
            raise FieldError("expected a list",
                             f"write each {item_name} as a '- {fields[0].name}: …' line, then its other "
                             "fields below it, indented to line up")
        items, errors = [], []
        stray_dashes = [dash_too_many(value, index) for index in range(len(value))]
        for index, item in enumerate(value):
            shape = one_line_entry(item, index) or stray_dashes[index]
            if shape is not None:
                items.append({})
                errors.append(shape)
                continue
            # The fields the next entry's stray dash took from this one: told there, once.
            taken = set(value[index + 1]) if index + 1 < len(value) and stray_dashes[index + 1] else set()
            converted, item_errors = check_entry(item, index, settings, taken)
            items.append(converted)
            errors += item_errors
        errors += repeated_entries(value) if once_by else []
        if errors:
            raise FieldErrors(errors)
        if len(items) < min_items:
            raise FieldError(f"needs at least {min_items} {item_name}{'s' if min_items != 1 else ''}",
                             f"add one '- {fields[0].name}: …' block for each")
        return items

    def repeated_entries(entries: list) -> list[FieldError]:
        """Each entry whose `once_by` is an earlier entry's, as written (told
        beside the entries' other mistakes: an entry to delete need not be
        mended first), compared as the editor's format compares them."""
        written = [entry.get(once_by) if isinstance(entry, dict) else None for entry in entries]
        keys = [same_entry_key(name) or None if isinstance(name, str) else None for name in written]
        return [FieldError(f'{where_in_field((index, once_by))}: "{written[index].strip()}" is listed already, as '
                           f"item {first + 1}", f"give each {item_name} once: delete item {index + 1}",
                           at=(index, once_by))
                for index, first in repeats(keys)]

    required = [spec.name for spec in fields if spec.required]

    # Two mistakes of shape, each told once instead of as the three or four
    # "missing" and "not a field" it makes.

    def one_line_entry(item: Any, index: int) -> FieldError | None:
        """An entry written as one line of its own ('- 2021-11-25: the vote
        was on Tuesday'): one key that is no field's name at all (a date,
        words). A misspelt field (nmae) is told as one, with its near name."""
        if not isinstance(item, dict) or len(item) != 1 or re.fullmatch(r"[A-Za-z_][\w-]*", str(next(iter(item)))):
            return None
        (key, written), = item.items()
        return FieldError(f"{where_in_field((index,))}: is written as '{key}: {written}', not as a "
                          f"{item_name}'s fields",
                          f"write it as '- {required[0] if required else fields[0].name}: …' and its other "
                          f"fields ({', '.join(required[1:] or [spec.name for spec in fields[1:]])}) under it, "
                          "lined up", at=(index,))

    def dash_too_many(value: list, index: int) -> FieldError | None:
        """An entry of just the fields the one above lacks: one entry's
        fields given a dash each, which makes each an entry of its own."""
        item, above = value[index], value[index - 1] if index > 0 else None
        if not isinstance(item, dict) or not isinstance(above, dict):
            return None
        lacking = {name for name in required if name not in above}
        if not lacking or set(item) != lacking:
            return None
        name = next(iter(item))
        return FieldError(f"{where_in_field((index,))}: its '- ' starts a new {item_name}, so the "
                          f"{item_name} above has no {name}",
                          f"remove the '-' before {name}: so that it lines up under the fields above", at=(index,))

    def check_entry(item: Any, index: int, settings: dict, taken: set = frozenset()) -> tuple[dict, list[FieldError]]:
        if not isinstance(item, dict):
            return {}, [FieldError(f"{where_in_field((index,))}: {describe(item)} is not a {item_name}'s fields",
                                   f"write 'field: value' lines for it, starting '- {fields[0].name}: …'",
                                   at=(index,))]
        converted, errors = {}, []
        for key, value in item.items():
            key = str(key)
            spec = by_name.get(key)
            if spec is None:
                errors.append(FieldError(f"{where_in_field((index, key))}: is not a field of a {item_name}",
                                         unknown_field_fix(key, list(by_name)), at=(index, key)))
                continue
            try:
                converted[key] = spec.convert(value, settings)
            except FieldError as error:
                errors.append(FieldError(f"{where_in_field((index, key))}: {error.message}", error.fix,
                                         at=(index, key)))
        for spec in fields:
            if spec.required and spec.name not in item and spec.name not in taken:
                # Reported at the entry's first line: the field has none.
                example = f", e.g. {spec.name}: {spec.example}" if spec.example else ""
                errors.append(FieldError(f"{where_in_field((index, spec.name))}: is missing (every {item_name} "
                                         "needs it)", f"add a line '{spec.name}: …' to this {item_name}{example}",
                                         at=(index,)))
        for field_name, needed in requires:
            if field_name in item and needed not in item:
                example = by_name[needed].example
                errors.append(FieldError(f"{where_in_field((index, needed))}: is missing (a {item_name} with a "
                                         f"{field_name} needs it)", f"add a line '{needed}: …' to this {item_name}"
                                         + (f", e.g. {needed}: {example}" if example else ""), at=(index, field_name)))
            elif needed in item and field_name not in item:
                errors.append(FieldError(f"{where_in_field((index, needed))}: is given without "
                                         f"{a_or_an(field_name)}: it describes no picture",
                                         f"add the {field_name} it describes to this "
                                         f"{item_name}, or delete the line", at=(index, needed)))
        return converted, errors

    # The editor makes a form for each entry from these (plugins/cms).
    check.item_name = item_name
    check.item_fields = fields
    check.requires = requires
    check.once_by = once_by
    return check
