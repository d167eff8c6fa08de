"""Split a Markdown file into its YAML front matter and its body.

The fields are read by front_matter_fields.py; a `Document` holds them with
the line of each, so that an error can point at the exact line a volunteer
has to change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .fields_memo import FieldsMemo
from .front_matter_errors import FrontMatterError
from .front_matter_fields import parse_fields

FENCE = "---"
# A closing fence mistyped: two hyphens, four or more, or dashes a word
# processor made of them (– —).
NEAR_FENCE = re.compile(r"-{2}|-{4,}|[–—]{1,3}-*")


@dataclass
class Document:
    values: dict
    key_lines: dict[str, int]
    body: str
    # Line number of the closing fence: where a missing field "would go".
    end_line: int
    duplicate_keys: list[tuple[str, int]] = field(default_factory=list)
    # The line of every value inside a field, by its path: ("contacts", 1) is
    # the second contact, ("contacts", 1, "email") that contact's email.
    value_lines: dict[tuple, int] = field(default_factory=dict)
    # Keys given twice inside a field's value, by path, with the second line.
    duplicate_paths: list[tuple[tuple, int]] = field(default_factory=list)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.end_line)

    def line_at(self, key: str, *inside) -> int:
        """The line of a value inside field `key` (`line_at("contacts", 1,
        "email")`), or of the nearest value around it that has one."""
        return nested_line(self.value_lines, self.line_of(key), key, *inside)


def nested_line(value_lines: dict, key_line: int, key: str, *inside) -> int:
    """The line of the value at (key, *inside) in `value_lines`, or of the
    nearest value around it that has one, or `key_line`."""
    path = (key, *inside)
    while len(path) > 1:
        if path in value_lines:
            return value_lines[path]
        path = path[:-1]
    return key_line


def item_line(item, key: str, *inside) -> int:
    """Document.line_at for a content item read by the reader (its
    frontmatter_lines and frontmatter_value_lines): `item_line(post, "tags", 2)`."""
    return nested_line(getattr(item, "frontmatter_value_lines", {}), item.frontmatter_lines.get(key, 1), key, *inside)


def closing_fence(lines: list[str]) -> int | None:
    """The index of the line that closes the front matter, if any."""
    return next((i for i, line in enumerate(lines[1:], start=1) if line.strip() == FENCE), None)


def front_matter_end(lines: list[str]) -> int | None:
    """The index of the line that closes the front matter, if the file
    (its `lines`) starts with one."""
    return closing_fence(lines) if lines and lines[0].strip() == FENCE else None


def body_of(text: str) -> str | None:
    """The Markdown after the front matter, as parse_document gives it (without
    parsing the YAML); None if the file has no front matter block."""
    lines = text.splitlines(keepends=True)
    closing = front_matter_end(lines)
    return None if closing is None else "".join(lines[closing + 1:])


def parse_document(text: str, memo: FieldsMemo | None = None) -> Document:
    """The file's fields (with the line of each) and its body; FrontMatterError
    if the front matter cannot be read. With a `memo`, the fields of a front
    matter block read before are taken from it instead of parsed again."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        raise FrontMatterError(
            1,
            "the file does not start with a front matter block",
            "make the first line '---', then the fields (title: …), then a line '---'",
        )
    closing = closing_fence(lines)
    if closing is None:
        near = next((i for i, line in enumerate(lines[1:], start=1) if NEAR_FENCE.fullmatch(line.strip())), None)
        if near is not None:  # "--", "----" or a long dash: the fence mistyped
            raise FrontMatterError(
                near + 1,
                f"the front matter block is never closed: line {near + 1} is '{lines[near].strip()}', not '---'",
                f"write exactly three hyphens on line {near + 1}: ---",
            )
        raise FrontMatterError(
            1,
            "the front matter block is never closed",
            "add a line '---' after the last field, before the text",
        )
    yaml_text = "".join(lines[1:closing])
    fields = memo.get(yaml_text) if memo is not None else None
    if fields is None:
        fields = parse_fields(yaml_text, lines[1:closing], closing + 1)
        if memo is not None:
            memo.put(yaml_text, fields)
    return Document(**fields, body="".join(lines[closing + 1 :]), end_line=closing + 1)
