"""Why a front matter block cannot be read, said as the slip the volunteer made.

`FrontMatterError` is the one error for a block that cannot be read, with
its line, its field and the fix. PyYAML's own complaint is told as what the
volunteer did (`explain_syntax_error`): the space after a field's colon or
the closing '---' left out, or one of the slips of a line that
yaml_slips.py finds.
"""

from __future__ import annotations

import re

import yaml

from .indent_slips import (
    block_indent_slip,
    entry_field_at_the_left_slip,
    indentation_slip,
    list_item_indent_slip,
    own_field_indented_slip,
    unindented_block_line_slip,
)
from .yaml_slips import (
    FIELD_AT_ANY_INDENT,
    STRAY_QUOTES,
    TOP_LEVEL_FIELD,
    Slip,
    bracket_list_slip,
    comment_continued_slip,
    continued_value_slip,
    dash_slip,
    entry_field_slip,
    error_line_slip,
    field_names,
    field_of,
    indented_as,
    indicator_slip,
    items_without_their_field_slip,
    missing_colon_slip,
    quote_slip,
    stray_text_line,
    text_under_a_value_slip,
    two_fields_on_one_line_slip,
    value_below_its_field_slip,
)


class FrontMatterError(Exception):
    """The front matter block cannot be read at all."""

    def __init__(self, line: int, message: str, fix: str, field: str = "(front matter)",
                 also_fields: tuple[str, ...] = ()):
        super().__init__(message)
        self.line = line
        self.message = message
        self.fix = fix
        self.field = field  # a field's name, where the problem is in one value
        self.also_fields = also_fields  # other fields the slip accounts for (Slip.also)


# Line n (0-based) of the block between the fences is line n + 2 of the file.
BLOCK_START_LINE = 2


# A field written without its ": " (category:news, category = news, or a
# non-breaking space after the colon: Option+Space on a Mac). PyYAML
# reports each a line late, or as the end of the front matter.
FIELD_WITHOUT_ITS_SPACE = re.compile(r"^(?P<indent> *)(?P<key>[A-Za-z_][\w-]*)(?:[ \t]*:(?P<glued>[^\s])"
                                     r"|[ \t]*:(?P<nbsp>\xa0)|[ \t]*=[ \t]*(?P<equals>\S))")


def field_without_its_space(block: list[str], error_index: int) -> FrontMatterError | None:
    """The first such line at or before the error (or just after: the error
    may be reported on the line before the slip)."""
    for index, line in enumerate(block[: error_index + 2]):
        found = FIELD_WITHOUT_ITS_SPACE.match(line)
        if not found or (found["indent"] and found["key"] not in field_names()):
            continue  # an indented line is an entry's field only by a field's name ("see:this" in a bio is words)
        key, value = found["key"], line[found.end() - 1:].strip().lstrip("\xa0").strip()
        if found["glued"] and set(value) <= STRAY_QUOTES:  # 'commitments:"', its list below
            return FrontMatterError(BLOCK_START_LINE + index, f"there is a stray {value} after the colon",
                                    f"delete it: write the line as '{key}:'"
                                    + indented_as(found["indent"], "it is now"),
                                    field=key if not found["indent"] else field_of(block, index))
        if found["nbsp"]:
            problem = "the space after the colon is a non-breaking space (Option+Space on a Mac)"
        elif found["equals"]:
            problem = "written with '=' instead of ': '"
        else:
            problem = "there is no space after the colon"
        return FrontMatterError(BLOCK_START_LINE + index, problem,
                                f"write the line as '{key}: {value}' (the colon, then an ordinary space)"
                                + indented_as(found["indent"], "it is now"),
                                field=key if not found["indent"] else field_of(block, index))
    return None


def explain_syntax_error(error: yaml.MarkedYAMLError, block: list[str], closing_line: int) -> FrontMatterError:
    """Turn PyYAML's complaint into what the volunteer did: left out the
    space after a field's colon, left out the closing '---', wrapped a value
    onto the next line, put a quote inside quotes, indented with a tab, or
    some other slip on one line."""
    mark = error.problem_mark or error.context_mark
    error_index = mark.line if mark else 0
    slip = field_without_its_space(block, error_index)
    if slip is not None:
        return slip
    text_index = first_text_line(block)
    if text_index is not None and error_index >= text_index:
        return text_after_the_fields(block, text_index, closing_line)
    stray_index = stray_text_line(block, error_index)
    line_slip = (two_fields_on_one_line_slip(block, error_index)
                 or quote_slip(block, error_index) or bracket_list_slip(block, error_index)
                 or dash_slip(block, error_index)
                 or (missing_colon_slip(block, stray_index) if stray_index is not None else None)
                 or (comment_continued_slip(block, stray_index) if stray_index is not None else None)
                 or (unindented_block_line_slip(block, stray_index) if stray_index is not None else None)
                 or (continued_value_slip(block, stray_index) if stray_index is not None else None)
                 or (value_below_its_field_slip(block, stray_index) if stray_index is not None else None)
                 or entry_field_slip(block, error_index) or block_indent_slip(block, error_index)
                 or list_item_indent_slip(block, error_index) or own_field_indented_slip(block, error_index)
                 or entry_field_at_the_left_slip(block, error_index)
                 or items_without_their_field_slip(block, error_index) or text_under_a_value_slip(block, error_index)
                 or indentation_slip(block, error_index)
                 or error_line_slip(block, error_index))
    if line_slip is not None:
        return from_slip(line_slip)
    problem = error.problem or "the YAML cannot be read"
    line = block[error_index] if error_index < len(block) else ""
    if "'\\t'" in problem and "\t" in line:
        indent = line[: len(line) - len(line.lstrip())]
        if "\t" in indent:
            return FrontMatterError(BLOCK_START_LINE + error_index,
                                    "YAML syntax error: a tab character is used for indenting",
                                    "indent with spaces, not tabs")
        return FrontMatterError(BLOCK_START_LINE + error_index,
                                "YAML syntax error: a tab character is used as a space",
                                "type spaces, not tabs")
    return FrontMatterError(
        BLOCK_START_LINE + error_index,
        f"YAML syntax error: {problem}",
        "check this line: 'field: value', a space after the colon, quotes around "
        "text containing ': ' or starting with a special character, lists as '- item'",
    )


def first_text_line(block: list[str]) -> int | None:
    """The first line of `block` that reads as the post's text, not as front
    matter: a line at column 0 that is not 'field:', a list item or a comment,
    coming after a blank line or with no field after it. Such a line means the
    closing '---' is missing and a '---' rule in the text was taken for it.
    (A line like 'title Hello' between fields is a slip in a field instead.)"""
    for index, line in enumerate(block):
        if not line.strip() or line[0] in " \t#" or line.lstrip().startswith("-") or TOP_LEVEL_FIELD.match(line):
            continue
        after_blank = index > 0 and not block[index - 1].strip()
        field_after = any(TOP_LEVEL_FIELD.match(later) for later in block[index + 1 :])
        return index if after_blank or not field_after else None
    return None


def text_after_the_fields(block: list[str], text_index: int, closing_line: int) -> FrontMatterError:
    """Text where the fields should end: the rest of the value above it when
    it runs on to the '---' (a Markdown text's '---' just under a line of
    text would make it a heading, so that '---' closes the front matter),
    or else the text of the post, the front matter never closed."""
    if any(TOP_LEVEL_FIELD.match(line) for line in block[text_index + 1:]):
        # Fields below it: a line of a block of lines above ("closing_call: |") that lost its indent.
        unindented = unindented_block_line_slip(block, text_index)
        if unindented is not None:
            return from_slip(unindented)
    if text_index == len(block) - 1 or any(FIELD_AT_ANY_INDENT.match(line) for line in block[text_index + 1:]):
        # One line of text, then the '---' or more fields: the value of an empty field above it, not the text.
        below_its_field = value_below_its_field_slip(block, text_index)
        if below_its_field is not None:
            return from_slip(below_its_field)
    if block[-1].strip():
        # A note's second line without its "#" is no word of the value above
        # the note: "put it all on one line" published the note.
        continued = (comment_continued_slip(block, text_index) or missing_colon_slip(block, text_index)
                     or continued_value_slip(block, text_index))
        if continued is not None:
            return from_slip(continued)
    return never_closed_before_text(block, text_index, closing_line)


def quoting_fix(block: list[str], index: int) -> str | None:
    """`title: &more fun` or `title: !Breaking` is no anchor or tag but a
    text starting with that character: the line in quotes."""
    slip = indicator_slip(block, index)
    return f"{slip.message}: {slip.fix}" if slip is not None else None


def from_slip(slip: Slip) -> FrontMatterError:
    return FrontMatterError(BLOCK_START_LINE + slip.index, slip.message, slip.fix, field=slip.field,
                            also_fields=slip.also)


def never_closed_before_text(block: list[str], text_index: int, closing_line: int) -> FrontMatterError:
    # A '## subheading' just above is part of the text, not of the fields.
    last_field = max((i for i in range(text_index) if block[i].strip() and not block[i].startswith("##")), default=-1)
    return FrontMatterError(
        BLOCK_START_LINE + last_field + 1,
        f"the front matter block is probably not closed: line {BLOCK_START_LINE + text_index} reads as text, "
        f"not a field, and the '---' on line {closing_line} was taken as the block's end",
        "add a line '---' after the last field, before the text",
    )
