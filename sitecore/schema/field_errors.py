"""How a mistake in a field is told: the error, the value quoted back, where in the field, the fix.

A field type (fields.py, list_fields.py) raises FieldError with a message
that says what was wrong and how to write it instead; the schema adds the
file, the line and the field.
"""

from __future__ import annotations

import difflib
import unicodedata
from typing import Any

from .field_names_elsewhere import field_called_elsewhere_fix


class FieldError(Exception):
    """A wrong value. `at` says where inside the field's value, for the line:
    (1,) is its second item, (1, "email") that item's email."""

    def __init__(self, message: str, fix: str, at: tuple = ()):
        super().__init__(message)
        self.message = message
        self.fix = fix
        self.at = at


class FieldErrors(Exception):
    """Several wrong values in one field (a list's items): each is reported
    at its own line."""

    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(error.message for error in errors))
        self.errors = errors


def describe(value: Any) -> str:
    """How a wrong value is quoted back to the volunteer: an invisible
    character in it (a zero-width space pasted from a web page, a
    non-breaking space) is shown by its code, or the value looks right."""
    if isinstance(value, str):
        shown = "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) in ("Cf", "Zs") and c != " " else c
                        for c in value)
        text = f'"{shown}"'
    elif isinstance(value, bool):
        # YAML reads yes, no, on and off as true or false: "True" quoted back told a volunteer nothing.
        return "a yes-or-no value (YAML reads yes, no, true, false, on and off as one)"
    elif value is None:
        return "nothing (YAML reads ~ and null as nothing)"
    elif isinstance(value, (list, tuple)):
        text = f"a list ({', '.join(map(as_written, value))})"
    elif isinstance(value, dict):
        text = f"fields ({', '.join(f'{key}: {as_written(item)}' for key, item in value.items())})"
    else:
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def where_in_field(inside: tuple) -> str:
    """(1, "email") -> "item 2, email": how messages name a value inside a
    field (FieldError.at)."""
    return ", ".join(f"item {part + 1}" if isinstance(part, int) else part for part in inside)


def unknown_field_fix(key: str, names: list[str]) -> str:
    elsewhere = field_called_elsewhere_fix(key, names)
    if elsewhere:
        return elsewhere
    # At difflib's usual 0.6, `tags` in a policy was taken for `status`:
    # a suggestion is for a slip of a letter or two.
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.7)
    if close:
        return f"did you mean '{close[0]}'?"
    return "remove it, or use one of: " + ", ".join(names)


def a_or_an(word: str) -> str:
    """ "a photo", "an image": a field's name in a message."""
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


def as_written(value: Any) -> str:
    """A value inside a list or fields as the file would write it (2022-01-01, not datetime.date(2022, 1, 1))."""
    return "~" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
