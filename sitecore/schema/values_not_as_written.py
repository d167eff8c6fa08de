"""Values YAML reads that the site would not publish as written.

Text after a value taken for a YAML comment (a hashtag) would be left out;
an invisible control character would break the feeds or turn text around.
"""

from __future__ import annotations

import re

import yaml

from .field_errors import where_in_field
from .front_matter_errors import BLOCK_START_LINE, FrontMatterError
from .yaml_slips import (
    LIST_ITEM,
    curly_quotes_problem,
    dash_slip,
    in_quotes,
    indent_of,
    plural,
    rewritten,
    shortened,
    starts_with_curly_quote,
    straight_quotes_fix,
    without_note,
)

# C0 controls but tab, line feed and carriage return; DEL; the C1 controls;
# the bidirectional embeddings, overrides and isolates. Invisible: a NUL or
# U+000B (Word's soft line break) breaks the XML feeds, and U+202E prints
# the text after it backwards ("rlo evil" reads "rlo live"), a known trick
# to make text say what it does not. Refused in the file's text
# (plugins/frontmatter/limits.py) and in every value, where a quoted "\v"
# or "\u202e" puts one without the byte. (The editor's form refuses the
# same: plugins/cms/form_patterns.py.)
# And the line and paragraph separators (U+2028, U+2029), pasted from a PDF:
# invisible in the editor, a line break to YAML, which then read the rest of
# a summary as text of its own.
# And the noncharacters (U+FDD0–U+FDEF, U+FFFE, U+FFFF): no text holds them,
# and XML forbids U+FFFE and U+FFFF, so one in a body made every Atom feed
# that carried the post malformed (a strict reader rejects the whole feed).
NONCHARACTER = re.compile(r"[\ufdd0-\ufdef\ufffe\uffff]")


def what_it_is(character: str) -> str:
    """How a message names a character CONTROL_CHARACTER found."""
    if NONCHARACTER.match(character):
        kind = "a noncharacter, which no text holds"
    elif LONE_SURROGATE.match(character):
        kind = "half of a character (a lone surrogate, written as a \\u escape), which no text holds"
    else:
        kind = "an invisible control character"
    return f"{kind} (U+{ord(character):04X})"


# A "\ud800" escape in quotes makes half of a character, which no file can
# be written with: it ended the reading in UnicodeEncodeError (a fuzz audit).
# Apart from CONTROL_CHARACTER, which the browser editor's form uses as a
# JavaScript pattern, where it would refuse every emoji (two such halves there).
LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
CONTROL_CHARACTER = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff]")
# More digits than any number a field takes (a policy's number, votes): one
# of thousands ended the reading in Python's own ValueError (a fuzz audit).
LONGEST_NUMBER = 100
# After a value, a space and "#" start a YAML comment, which is left out:
# `title: Councillors back #NHSPayNow` publishes "Councillors back". A
# comment a person means has a space after its "#"; a hashtag has none.
HASHTAG_AFTER_VALUE = re.compile(r"[ \t]+#\S")


def first_value_problem(root, block: list[str]) -> FrontMatterError | None:
    """A value that would not be published as written: text after it taken
    for a comment, or an invisible control character in it; or a number no
    field takes, too long to be read."""
    for key_node in field_names(root):
        unreadable = CONTROL_CHARACTER.search(str(key_node.value)) or LONE_SURROGATE.search(str(key_node.value))
        if unreadable or len(str(key_node.value)) > LONGEST_NUMBER and key_node.tag.endswith(":int"):
            return FrontMatterError(BLOCK_START_LINE + key_node.start_mark.line,
                                    f"a field's name contains {what_it_is(unreadable.group())}" if unreadable else
                                    f"a field's name is a number of {len(key_node.value):,} characters",
                                    "write the field's name as the README gives it")
    for (key, *inside), node in scalar_values(root, ()):
        where = f"{where_in_field(tuple(inside))}: " if inside else ""
        if node.tag.endswith(":int") and len(node.value) > LONGEST_NUMBER:
            return FrontMatterError(BLOCK_START_LINE + node.start_mark.line,
                                    f"{where}is a number of {len(node.value):,} characters, longer than any "
                                    "value takes", "write the number the field asks for", field=key)
        line_index = node.end_mark.line
        run_on = item_run_on(node, inside, block)
        dash = dash_slip(block, node.end_mark.line) if run_on is not None else None
        if dash is not None and node.start_mark.line <= dash.index <= node.end_mark.line:
            # "  -Build homes." above "  - Cap rents.": one text to YAML, the first item's dash without its space.
            return FrontMatterError(BLOCK_START_LINE + dash.index, dash.message, dash.fix, field=dash.field)
        if run_on is not None:
            return FrontMatterError(BLOCK_START_LINE + run_on, *item_run_on_words(block, node, inside, key, run_on),
                                    field=key)
        rest = block[line_index][node.end_mark.column:] if line_index < len(block) else ""
        comment = HASHTAG_AFTER_VALUE.match(rest) if node.style is None else None
        if comment:
            return hashtag_taken_for_a_comment(node, block, rest.strip(), key, where)
        if node.style is None and ends_with_a_stray_quote(node.value):
            return FrontMatterError(
                BLOCK_START_LINE + node.end_mark.line,
                f'{where}the value ends with a " that starts nowhere ({shortened(node.value)}), and would be '
                "published with it",
                'delete the " at its end, or, if the words are in quotes, put a " before them too', field=key)
        control = CONTROL_CHARACTER.search(node.value)
        if control:
            return FrontMatterError(
                BLOCK_START_LINE + node.start_mark.line, f"{where}contains {what_it_is(control.group())}",
                "delete it and retype that spot (it often comes from pasting from Word or a PDF)", field=key)
        half = LONE_SURROGATE.search(node.value)
        if half:
            return FrontMatterError(BLOCK_START_LINE + node.start_mark.line,
                                    f"{where}contains {what_it_is(half.group())}", escape_fix(node.value, half),
                                    field=key)
    return None


def ends_with_a_stray_quote(value: str) -> bool:
    """`tags: [nhs, housing"]`, `- Cap rents."`: a value without quotes that
    ends with a " no other " pairs with, a quote typed once too often or
    its partner left out. (A value starting with a quote is in quotes to
    YAML; an inch mark, "a 12" screen", ends no value.)"""
    return value.endswith('"') and value.count('"') % 2 == 1


def item_run_on(node, inside: list, block: list[str]) -> int | None:
    """The line of a list's item, a dash and all ("   - Pay teachers
    fairly."), that YAML reads as words of the value above it: indented
    further than that item's dash, or under a field that has a value
    ("summary: A policy." above "  - Cap rents.", the list's own field
    line deleted or moved), it continues that text, so the site would
    publish "A policy. - Cap rents." and the list would lose its item."""
    if node.style is not None:
        return None
    return next((line for line in range(node.start_mark.line + 1, min(node.end_mark.line + 1, len(block)))
                 if LIST_ITEM.match(block[line])), None)


def item_run_on_words(block: list[str], node, inside: list, key: str, line: int) -> tuple[str, str]:
    """(message, fix) for item_run_on's line."""
    here, above = indent_of(block[line]), indent_of(block[node.start_mark.line])
    if not inside or not isinstance(inside[-1], int):
        name = inside[-1] if inside else key  # a press contact's role, or the field itself
        return (f"the line starts with \"- \" as a list's item does, but YAML reads it as more words of {name} "
                "above it: no field names a list here",
                "write the list's field (its name and a colon) on a line of its own above its first item, or, if "
                f"these are words of {name}, put them on {name}'s line")
    return (f"the item is indented {plural(here, 'space')}, further than the item above it ({above}), so YAML "
            "reads it as more words of that item, not as an item of its own",
            ("start the line at the left edge" if not above else f"start the line with {plural(above, 'space')}")
            + ", as the item above")


def hashtag_taken_for_a_comment(node, block: list[str], cut: str, key: str, where: str) -> FrontMatterError:
    """`title: Councillors back #NHSPayNow` publishes "Councillors back"."""
    whole = f"{node.value} {cut}".strip()
    hashtags, _ = without_note(cut)  # "#NHSPayNow # check the tag": the note is one
    problem = f'{where}"{shortened(hashtags)}" is read as a YAML comment (a space then #) and would be left out'
    if starts_with_curly_quote(whole):
        # `title: “Councillors back #NHSPayNow”`: quoted, the volunteer believes.
        prefix = block[node.start_mark.line][: node.start_mark.column]
        return FrontMatterError(BLOCK_START_LINE + node.end_mark.line, f"{problem}: {curly_quotes_problem(whole)}",
                                straight_quotes_fix(prefix, whole), field=key)
    if node.start_mark.line == node.end_mark.line:
        # The line as it should be written, as every quoting fix gives it; a
        # note after the hashtag stays a note ("#NHSPayNow # check the tag").
        line = block[node.start_mark.line].rstrip()
        prefix = line[: node.start_mark.column]
        return FrontMatterError(BLOCK_START_LINE + node.end_mark.line, problem,
                                # An empty value's mark is before the space after its colon ("title: #NHS rally").
                                f"put the whole value in quotes: "
                                f"{rewritten(prefix, line[node.start_mark.column:].lstrip())}",
                                field=key)
    # A value wrapped over lines: its words, shortened, not a line to copy.
    return FrontMatterError(BLOCK_START_LINE + node.end_mark.line, problem,
                            f"put the whole value in quotes: {in_quotes(shortened(whole))}", field=key)


def escape_fix(value: str, half: re.Match) -> str:
    """What to write for half a character: the whole one, if the next half
    follows ("\ud83c\udf89", as JSON writes 🎉, is two halves to YAML)."""
    high, low = value[half.start():half.start() + 1], value[half.start() + 1:half.start() + 2]
    if "\ud800" <= high <= "\udbff" and "\udc00" <= low <= "\udfff":
        whole = chr(0x10000 + (ord(high) - 0xD800) * 0x400 + ord(low) - 0xDC00)
        return (f"write {whole} itself, or \\U{ord(whole):08x}: YAML reads \\u{ord(high):04x}\\u{ord(low):04x} "
                "as two halves of it")
    return f"remove the \\u{ord(high):04x} escape"


def field_names(node):
    """Every mapping key in the tree, as written (its ScalarNode)."""
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from field_names(item)
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                yield key_node
            yield from field_names(value_node)


def scalar_values(node, path: tuple):
    """(path, node) of every single value in the tree: ("tags", 0) is the
    first tag, ("contacts", 1, "email") the second contact's email."""
    if isinstance(node, yaml.ScalarNode):
        yield path, node
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from scalar_values(item, (*path, index))
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            yield from scalar_values(value_node, (*path, str(key_node.value)))
