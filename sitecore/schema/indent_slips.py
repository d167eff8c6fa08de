"""Lines whose indent YAML reads as another shape than the volunteer meant.

In YAML a line's indent says what it belongs to: a field of the file, a
field of a list's entry (a press contact), an item of a list, a line of a
block of text ("closing_call: |"). A space too many or too few makes
PyYAML complain a line or more later, in its own words ("expected <block
end>, but found '<block sequence start>'"). These functions find the line
out of line from the lines around it, and the indent to give it.
"""

from __future__ import annotations

from .yaml_slips import (
    BLOCK_OF_LINES,
    FIELD_AT_ANY_INDENT,
    FIELD_NAME_AT_ANY_INDENT,
    LIST_ITEM,
    STRAY_QUOTES,
    TOP_LEVEL_FIELD,
    Slip,
    entry_field_names,
    field_names,
    field_of,
    indent_of,
    index_above,
    index_below,
    is_written,
    line_parts,
    name_column,
    plural,
)


def indentation_slip(block: list[str], index: int) -> Slip | None:
    """A field on the line where YAML gave up, indented a space more or
    less than the field above it in the same entry ("  - name: Sam" then
    "   role: Head of press"): YAML reads the indent as the shape of the
    list, and PyYAML's words for it ("expected <block end>, but found
    '<block mapping start>'") tell a volunteer nothing."""
    if index >= len(block) or not FIELD_AT_ANY_INDENT.match(block[index]) or LIST_ITEM.match(block[index]):
        return None
    if "\t" in block[index][:indent_of(block[index])]:
        return None  # a tab in the indent: told as such (front_matter_errors)
    above = index_above(block, index)
    if above is None or not FIELD_AT_ANY_INDENT.match(block[above]):
        return None
    here, there = name_column(block[index]), name_column(block[above])
    if here == 0 and there > 0 and index_above(block, above) is None:
        # The first field indented ("   title: …" over "date: …"): PyYAML
        # tells the line below it, "expected '<document start>'".
        return Slip(above, FIELD_NAME_AT_ANY_INDENT.match(block[above])["key"],
                    f"the line is indented {plural(there, 'space')}, but a field of its own starts at the left",
                    f"start the line at the left edge, with no spaces, as "
                    f"'{FIELD_NAME_AT_ANY_INDENT.match(block[index])['key']}' below it does")
    if here == there or here == 0:
        return None  # lined up, or a field of its own at the left: the slip is elsewhere
    name = FIELD_NAME_AT_ANY_INDENT.match(block[above])["key"]
    if there == 0:
        return Slip(index, FIELD_NAME_AT_ANY_INDENT.match(block[index])["key"],
                    f"the line is indented {plural(here, 'space')}, but a field of its own starts at the left",
                    f"start the line at the left edge, with no spaces, as '{name}' above it does")
    return Slip(index, field_of(block, index),
                f"the line is indented {plural(here, 'space')}, where the field above it ({name}) "
                f"starts after {plural(there, 'space')}",
                f"start the line with {plural(there, 'space')}, so that the fields of one entry line up "
                "under each other")


def block_indent_slip(block: list[str], upto: int) -> Slip | None:
    """A line of a block of lines ("closing_call: |" and the text below)
    indented less than the text's first line, yet further in than the
    field: YAML takes the text's indent from its first line, so the text
    ends at that line, and PyYAML's words for the line ("expected <block
    end>, but found '<scalar>'") tell a volunteer nothing. When the first
    line alone is further in than the rest, it is the one to mend."""
    text_ends = 0  # a text's own lines are never a header: each line is looked at once
    for index in range(min(upto, len(block) - 1) + 1):
        header = BLOCK_OF_LINES.match(block[index].rstrip("\r\n")) if index >= text_ends else None
        if not header:
            continue
        text = []  # (index, indent) of each written line of the text, to the first at or left of the field
        for below in range(index + 1, len(block)):
            if not block[below].strip():
                continue
            if indent_of(block[below]) <= name_column(block[index]) or (
                    text and indent_of(block[below]) < text[0][1] and FIELD_AT_ANY_INDENT.match(block[below])):
                break  # the next field or entry ("  - name: Sam"), not a line of the text ("- housing" is)
            text.append((below, indent_of(block[below])))
        if not text:
            continue
        text_ends = text[-1][0] + 1
        first, first_indent = text[0]
        shallower = [(line, indent) for line, indent in text[1:] if indent < first_indent]
        if not shallower or "\t" in block[shallower[0][0]][:shallower[0][1]]:
            continue  # the text lines up (a tab in the indent is told as such)
        name = header["key"] if TOP_LEVEL_FIELD.match(block[index]) else field_of(block, index)
        indents = [indent for _, indent in text]
        usual = max(sorted(set(indents)), key=indents.count)  # the indent most of the text's lines have
        if usual < first_indent:  # the first line further in than most: it is the one out of line
            indent = usual
            return Slip(first, name, f"the first line of {header['key']}'s text is indented "
                                     f"{plural(first_indent, 'space')}, the lines below it {indent}: YAML takes "
                                     f"the text's indent from its first line, so the text ends at line "
                                     f"{shallower[0][0] + 2}",
                        f"start the line with {plural(indent, 'space')}, as the lines below it")
        line, indent = shallower[0]
        return Slip(line, name, f"the line is indented {plural(indent, 'space')}, less than the first line of "
                                f"{header['key']}'s text (line {first + 2}: {plural(first_indent, 'space')}), "
                                "so YAML ends the text above it",
                    f"start the line with {plural(first_indent, 'space')}, as every line of the text")
    return None


def block_above(block: list[str], index: int) -> int | None:
    """The block of lines ("bio: >-") whose text ends just above line
    `index`: the nearest line above that is further out than every written
    line between, if it is such a field. A text's own lines ("- housing",
    "Website: x") are passed over, however they look."""
    shallowest = None  # the least indent of the written lines passed over
    for above in range(index - 1, -1, -1):
        if not is_written(block[above]):
            continue
        if shallowest is None or indent_of(block[above]) < shallowest:
            if BLOCK_OF_LINES.match(block[above].rstrip("\r\n")):
                return above
            if shallowest is not None:
                return None  # further out than the lines below it, and no block's field
            shallowest = indent_of(block[above])
    return None


def lost_from_a_block(block: list[str], index: int) -> bool:
    """Is line `index`, written further out, a line of the text of a block
    of lines above it, which goes on below it ("- a fair NHS" at the left
    edge amid a bio's lines)? Not a field of the file's, or an entry's."""
    header = block_above(block, index)
    below = index_below(block, index)
    named = FIELD_NAME_AT_ANY_INDENT.match(block[index])
    return (header is not None and below is not None and indent_of(block[below]) > name_column(block[header])
            and not (named and named["key"] in field_names() and FIELD_AT_ANY_INDENT.match(block[index])))


def unindented_block_line_slip(block: list[str], index: int) -> Slip | None:
    """Line `index`, text YAML cannot place, is a line of the block of
    lines above it ("closing_call: |") that lost its indent: not the
    rest of a one-line value, which is what it would be under a field
    whose value is on its own line."""
    above = block_above(block, index)
    header = BLOCK_OF_LINES.match(block[above].rstrip("\r\n")) if above is not None else None
    if not header:
        return None
    if set(block[index].strip()) <= STRAY_QUOTES:
        return Slip(index, field_of(block, index), f"the line holds only a stray {block[index].strip()}",
                    "delete the line")
    column = name_column(block[above])
    text_indent = next((indent_of(line) for line in block[above + 1:index] if line.strip()), column + 2)
    name = header["key"] if TOP_LEVEL_FIELD.match(block[above]) else field_of(block, above)
    indent = indent_of(block[index])
    where = f"is indented {plural(indent, 'space')}" if indent else "starts at the left edge"
    return Slip(index, name, f"the line {where}, but it is part "
                             f"of {header['key']}'s text, whose lines are indented {plural(text_indent, 'space')} "
                             f"under '{header['key']}:' on line {above + 2}",
                f"start the line with {plural(text_indent, 'space')}, as every line of the text")


def list_item_indent_slip(block: list[str], index: int) -> Slip | None:
    """An item of a list of lines ("commitments:" and "  - …" below it)
    indented more or less than the list's other items: YAML reads the
    indent as the shape of the list, and PyYAML tells the item, or the one
    after it, as "expected <block end>, but found '<block sequence
    start>'". The odd one out is the item whose indent most items of the
    list (or, two items differing, of the file's lists) do not share."""
    header = next((above for above in range(min(index, len(block) - 1), -1, -1)
                   if FIELD_AT_ANY_INDENT.match(block[above]) and not LIST_ITEM.match(block[above])
                   and not line_parts(block[above])[1]), None)
    if header is None:
        return None
    items = []  # (index, the dash's column) of each item of the list under `header`
    text_column = None  # within an entry's block of lines ("bio: |"), deeper than its field: a "- " is text
    for below in range(header + 1, len(block)):
        if not is_written(block[below]):
            continue
        if text_column is not None and indent_of(block[below]) > text_column:
            continue
        text_column = name_column(block[below]) if BLOCK_OF_LINES.match(block[below].rstrip("\r\n")) else None
        if LIST_ITEM.match(block[below]):
            items.append((below, indent_of(block[below])))
        elif indent_of(block[below]) <= name_column(block[header]):
            break  # the next field: the list has ended
    if not items or not items[0][0] <= index + 1 or index > items[-1][0] + 1:
        return None
    columns = [column for _, column in items]
    if len(set(columns)) == 1 or "\t" in "".join(block[line][:column] for line, column in items):
        return None
    everywhere = [indent_of(line) for line in block if LIST_ITEM.match(line)]
    usual = max(sorted(set(columns)), key=lambda column: (columns.count(column), everywhere.count(column)))
    line, column = next((line, column) for line, column in items if column != usual)
    entries = [FIELD_AT_ANY_INDENT.match(block[item]) for item, at in items if at == usual]
    if all(entries) and not FIELD_AT_ANY_INDENT.match(block[line]):
        return None  # a "- housing" line among entries ("- name: …"): a bio's text, its "bio: >-" line the slip
    if lost_from_a_block(block, line):
        return unindented_block_line_slip(block, line)  # a bio's "- " line at the left edge: its text's
    where = f"is indented {plural(column, 'space')}" if column else "starts at the left edge"
    to_do = f"start the line with {plural(usual, 'space')}" if usual else "start the line at the left edge"
    return Slip(line, field_of(block, line),
                f"the item {where}, where the list's other items start "
                + (f"after {plural(usual, 'space')}" if usual else "at the left edge"),
                f"{to_do}, so that the items of one list line up under each other")


def own_field_indented_slip(block: list[str], index: int) -> Slip | None:
    """A field of its own (" sample: …", "  out_of_hours: …") indented under
    a list, a block of lines or an entry: its name is one of the file's
    fields and no line further in has it, so it is no entry's field, and
    YAML reads its indent as part of what is above it."""
    if index >= len(block) or LIST_ITEM.match(block[index]) or not indent_of(block[index]):
        return None
    found = TOP_LEVEL_FIELD.match(block[index].lstrip(" "))
    if not found or "\t" in block[index][:indent_of(block[index])] or found["key"] not in field_names():
        return None
    if found["key"] in entry_field_names() or any(
            (other := FIELD_NAME_AT_ANY_INDENT.match(line)) and other["key"] == found["key"] and name_column(line)
            for number, line in enumerate(block) if number != index):
        return None  # an entry's field (here, or in any content type): this one may be an entry's too
    above = index_above(block, index)
    if above is None or TOP_LEVEL_FIELD.match(block[above]):
        return None  # under a field of the file's own: told by indentation_slip, naming it
    return Slip(index, found["key"], f"the line is indented {plural(indent_of(block[index]), 'space')}, but a "
                                     f"field of its own starts at the left",
                "start the line at the left edge, with no spaces, as the file's other fields")


def entry_field_at_the_left_slip(block: list[str], index: int) -> Slip | None:
    """A field of an entry ("    role: Press officer") that lost its indent
    and starts at the left edge, the entry's fields above and below it:
    PyYAML tells the line below (or, after a block of lines, the next
    entry). It is an entry's field when another entry has it, as far in."""
    left = next((above for above in range(min(index, len(block) - 1), -1, -1)
                 if TOP_LEVEL_FIELD.match(block[above])), None)
    if left is None:
        return None
    above = index_above(block, left)
    below = index_below(block, left)
    if above is None or below is None or not FIELD_AT_ANY_INDENT.match(block[above]):
        return None
    column, key = name_column(block[above]), TOP_LEVEL_FIELD.match(block[left])["key"]
    # Below it: the entry's next field (or its text), or the list's next entry.
    in_the_list = (0 < indent_of(block[below]) < column) if LIST_ITEM.match(block[below]) \
        else indent_of(block[below]) >= column
    if not column or not in_the_list:
        return None  # not inside an entry: the field above is one of the file's own
    if key not in entry_field_names() and not any(
            (other := FIELD_NAME_AT_ANY_INDENT.match(line)) and other["key"] == key and name_column(line) == column
            for line in block):
        return None  # no entry has the field: the slip is elsewhere
    return Slip(left, field_of(block, above), f"the line starts at the left edge, but it is a field of the entry "
                                              f"above and below it, whose fields start after "
                                              f"{plural(column, 'space')}",
                f"start the line with {plural(column, 'space')}, as the entry's other fields")
