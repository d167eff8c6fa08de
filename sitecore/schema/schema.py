"""A schema: the fields one content type may have, and how to check them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Callable

from sitecore.clock import as_written, clocks_show_twice, instant

from .document import Document
from .field_errors import FieldError, FieldErrors, a_or_an, unknown_field_fix, where_in_field
from .fields import Field

# (path, line, field, message, fix) -> None
Report = Callable[[str, int, str, str, str], None]

# `invoke new` fills every field it cannot guess with this marker; the build
# refuses a file until every one is replaced.
PLACEHOLDER = "TODO"

# The other fields the checks across fields name in their messages (made in
# fields_agree and _none_of_message below): "(image is given)", "and so is
# online (every …", "is not after the start (…", "is given without an image:"
# (its image's line passed over for a slip: the words were not for no picture).
# (Names joined by " and ", with no class that can take in spaces: a message
# quoting a stranger's 100 KB key of "and so is and so is …" made a lazy
# [\w -]+? rescan to its end from each one: 56 s a build.)
OTHER_FIELDS_NAMED = re.compile(r"\((?P<given>[\w-]+) is given\)|and so is (?P<others>[\w-]+(?: and [\w-]+)*)(?: \(|$)"
                                r"|is not after the (?P<earlier>[\w-]+) \(|^is given without an? (?P<without>[\w-]+):")
# Longer than any message of those checks: a message quoting a value is not one.
LONGEST_SUCH_MESSAGE = 300


def other_fields_named(message: str) -> set[str]:
    """The fields besides its own that a problem's message is about."""
    if len(message) > LONGEST_SUCH_MESSAGE:
        return set()
    found = OTHER_FIELDS_NAMED.search(message)
    if not found:
        return set()
    return {name for part in found.groups() if part for name in part.split(" and ")}


def has_placeholder(value) -> bool:
    if isinstance(value, str):
        return value.lstrip().startswith(PLACEHOLDER)
    if isinstance(value, list):
        return any(has_placeholder(item) for item in value)
    if isinstance(value, dict):
        return any(has_placeholder(item) for item in value.values())
    return False


def placeholder_lines(text: str) -> list[int]:
    """The indexes of the lines of a file's text that start with the
    placeholder (the editor's form refuses the same: plugins/cms/form_patterns.py)."""
    return [index for index, line in enumerate(text.splitlines()) if line.lstrip().startswith(PLACEHOLDER)]


def placeholder_problem(doc: Document, key: str, value, example: str | None) -> tuple[int, str, str, str]:
    """(line, field, message, fix) for a field `invoke new` left with its
    placeholder. In a list, at the item's line, with an item to write: the
    example of a list is written as one ([Build …]), and copied in after an
    item's dash it made a list inside the list."""
    if isinstance(value, list):
        index = next(index for index, item in enumerate(value) if has_placeholder(item))
        if isinstance(value[index], str):
            item = example.strip("[]").split(", ")[0] if example else None
            return (doc.line_at(key, index), key, f"still holds the placeholder {PLACEHOLDER}",
                    f"replace the {PLACEHOLDER} line with your own, after its '- '"
                    + (f", e.g. - {item}" if item else ""))
    return (doc.line_of(key), key, f"still holds the placeholder {PLACEHOLDER}",
            f"replace the {PLACEHOLDER} text with your own" + (f", e.g. {example}" if example else ""))


def is_image_field(check) -> bool:
    return getattr(check, "widget", {}).get("widget") == "image"


@dataclass(frozen=True)
class FrontMatterImage:
    """An image a file's front matter names: the checks look for the file,
    and the image is published with the item."""

    field: str   # the field it is in: "photo", or "press_kit_people" for one inside a list
    line: int
    path: str    # content-relative: "images/press/alex-mays.jpg"
    where: str = ""  # inside the field, for messages: "item 2, photo"


@dataclass(frozen=True)
class InOrder:
    """Two fields whose values must come in order (an event's start, then its
    end). Checked when both values are right, and reported at the later's
    line with the other fields' problems, so one build shows them all."""

    earlier: str
    later: str
    fix: str


def shown_value(value) -> str:
    """A checked value as a message quotes it: a moment as it is written,
    with its zone in the hour the clocks show twice ("01:45 BST"): an end
    at 01:45 is not after a start at 01:15 GMT, which the times alone hide."""
    if not isinstance(value, dt.datetime):
        return str(value)
    zone = f" {value.tzname()}" if value.tzinfo is not None and clocks_show_twice(value) else ""
    return as_written(value) + zone


def comes_after(later, earlier) -> bool:
    """Moments are compared as instants (sitecore.clock.instant)."""
    if isinstance(later, dt.datetime) and isinstance(earlier, dt.datetime):
        return instant(later) > instant(earlier)
    return later > earlier


@dataclass(frozen=True)
class Schema:
    name: str  # what volunteers call this content type: "post", "policy" …
    fields: tuple[Field, ...]
    # (picture, its words): if the first is given, the second must be too,
    # and the words not without the picture (fields_agree; list_fields and
    # the editor's form hold each pair to the same).
    requires: tuple[tuple[str, str], ...] = ()
    # Groups of optional fields of which at least one must be given (an
    # event's place or its online link: an event held online has no place).
    needs_one_of: tuple[tuple[str, ...], ...] = ()
    in_order: tuple[InOrder, ...] = ()
    body_required: bool = False
    _by_name: dict = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {f.name: f for f in self.fields})

    @property
    def a_name(self) -> str:
        """"a post", "an event": how messages name one item of this type."""
        return f"{'an' if self.name[0] in 'aeiou' else 'a'} {self.name}"

    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def validate(self, path: str, doc: Document, settings: dict, report: Report) -> dict | None:
        """Check every field of `doc`; return converted values, or None if any was wrong."""
        converted, ok = self.validate_all(path, doc, settings, report)
        return converted if ok else None

    def validate_all(self, path: str, doc: Document, settings: dict, report: Report) -> tuple[dict, bool]:
        """(the fields that were right, converted; whether all were right)."""
        ok = True
        converted: dict = {}
        for key, line in doc.duplicate_keys:
            report(path, line, key, "appears twice", "keep one line for this field and delete the other")
            ok = False
        for inside, line in doc.duplicate_paths:
            report(path, line, inside[0], f"{where_in_field(inside[1:])}: appears twice",
                   "keep one line for this field and delete the other")
            ok = False
        for key, value in doc.values.items():
            spec = self._by_name.get(key)
            if spec is None:
                report(path, doc.line_of(key), key, f"is not a field of {self.a_name}", self._unknown_fix(key))
                ok = False
                continue
            if has_placeholder(value):
                report(path, *placeholder_problem(doc, key, value, spec.example))
                ok = False
                continue
            try:
                converted[key] = spec.convert(value, settings)
            except FieldErrors as errors:
                for error in errors.errors:
                    report(path, doc.line_at(key, *error.at), key, error.message, error.fix)
                ok = False
            except FieldError as error:
                report(path, doc.line_at(key, *error.at), key, error.message, error.fix)
                ok = False
        for spec in self.fields:
            if spec.required and spec.name not in doc.values:
                example = f" e.g. {spec.name}: {spec.example}" if spec.example else ""
                report(
                    path, doc.end_line, spec.name, f"is missing (every {self.name} needs it)",
                    f"add a line '{spec.name}: …' before the closing '---'{example}",
                )
                ok = False
        if not self.fields_agree(path, doc, converted, report):
            ok = False
        if self.body_required and not doc.body.strip():
            report(path, doc.end_line + 1, "body", f"the {self.name} has no text", "write the text below the closing '---'")
            ok = False
        for offset in placeholder_lines(doc.body):
            report(path, doc.end_line + 1 + offset, "body", f"still holds the placeholder {PLACEHOLDER}",
                   f"replace the {PLACEHOLDER} line with your text")
            ok = False
        return converted, ok

    def fields_agree(self, path: str, doc: Document, converted: dict, report: Report) -> bool:
        """The checks across fields (requires, needs_one_of, in_order), in
        the same run as each field's own, so a file's every problem is
        reported in one build; whether all passed."""
        ok = True
        for given, needed in self.requires:
            if given in doc.values and needed not in doc.values:
                report(
                    path, doc.line_of(given), needed, f"is missing ({given} is given)",
                    f"add '{needed}: …' describing the {given} for people who cannot see it",
                )
                ok = False
            elif needed in doc.values and given not in doc.values:
                # Each pair is a picture and its words: words for no picture were dropped without a word.
                report(path, doc.line_of(needed), needed, f"is given without {a_or_an(given)}: it describes no picture",
                       f"add the {given} it describes ('{given}: images/…'), or delete this line")
                ok = False
        for names in self.needs_one_of:
            if not any(name in doc.values for name in names):
                report(path, doc.end_line, names[0], self._none_of_message(names), self._none_of_fix(names))
                ok = False
        for order in self.in_order:
            earlier, later = converted.get(order.earlier), converted.get(order.later)
            if earlier is not None and later is not None and not comes_after(later, earlier):
                report(path, doc.line_of(order.later), order.later,
                       f"{shown_value(later)} is not after the {order.earlier} ({shown_value(earlier)})", order.fix)
                ok = False
        return ok

    def images(self, values: dict, doc: Document) -> list[FrontMatterImage]:
        """Every image the (checked) values name, with its line: image fields,
        and image fields of the entries of a list (the press kit's photos)."""
        found = []
        for spec in self.fields:
            value = values.get(spec.name)
            if value and is_image_field(spec.check):
                found.append(FrontMatterImage(spec.name, doc.line_of(spec.name), value))
            elif value and getattr(spec.check, "item_fields", None):
                for index, entry in enumerate(value):
                    for inner in spec.check.item_fields:
                        if is_image_field(inner.check) and entry.get(inner.name):
                            found.append(FrontMatterImage(
                                spec.name, doc.line_at(spec.name, index, inner.name), entry[inner.name],
                                where_in_field((index, inner.name))))
        return found

    def _none_of_message(self, names: tuple[str, ...]) -> str:  # (OTHER_FIELDS_NAMED reads it)
        return f"is missing, and so is {' and '.join(names[1:])} (every {self.name} needs at least one of them)"

    def _none_of_fix(self, names: tuple[str, ...]) -> str:
        lines = [f"'{name}: {self._by_name[name].example}'" for name in names]
        return f"add a line {' or '.join(lines)} before the closing '---', with your own value"

    def _unknown_fix(self, key: str) -> str:
        return unknown_field_fix(key, self.field_names())
