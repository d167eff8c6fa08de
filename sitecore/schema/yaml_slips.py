"""What a volunteer typed that YAML cannot read, found from the lines
themselves, with the line to write instead.

PyYAML names what its parser expected ("expected <block end>, but found
'<scalar>'"), often a line or more after the slip: a quote never closed is
reported at the end of the block. These functions look at the lines up to
where PyYAML gave up and name the slip a person makes: a quote inside
quotes, curly quotes typed by Word or TextEdit, a value that starts with a
character YAML keeps for itself, a list item without its space, a value
that runs onto the next line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import yaml

# Word, TextEdit and phones type these for quotes; YAML reads them as text,
# so a value "in" them is not in quotes at all.
CURLY_OPENING_QUOTES = "“‘”’"  # Word sometimes opens with the closing one
CURLY_CLOSING_QUOTES = "”’“‘"
# A value starting with one of these is read as YAML's own syntax (a list,
# a mapping, an alias, a tag, a directive, a block of lines …), not as text.
YAML_INDICATORS = "[]{}@`*&!%|>"
# How a Markdown text links to a file of the site; the front matter names
# the file by its path from content/ instead.
SITE_LINK_PREFIX = re.compile(r"^\{(?:static|filename|attach)\}/?")
# A line of front matter: the field's name and colon, or a list item's
# dash (or both: "- name: Sam"), then the value.
# Matched against the line without its trailing blanks (a lazy value before
# them backtracked quadratically over a line of 20,000 spaces).
LINE_PARTS = re.compile(r"^(?P<prefix>[ \t]*(?:-[ \t]+)?(?:[A-Za-z_][\w-]*[ \t]*:(?:[ \t]+|$))?)(?P<value>.*)$")
FIELD_NAME_AT_ANY_INDENT = re.compile(r"^[ \t]*(?:-[ \t]+)?(?P<key>[A-Za-z_][\w-]*)[ \t]*:")
FIELD_AT_ANY_INDENT = re.compile(r"^[ \t]*(?:-[ \t]+)?[A-Za-z_][\w-]*[ \t]*:(\s|$)")
TOP_LEVEL_FIELD = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:(\s|$)")
LIST_ITEM = re.compile(r"^(?P<indent>[ \t]*)-[ \t]")
DASH_WITHOUT_ITS_SPACE = re.compile(r"^(?P<indent>[ \t]*)-(?P<item>[^\s-].*)$")
# A field whose value is a block of lines below it ("bio: |", "closing_call: >-"),
# without an indent given in digits ("|2"), which no volunteer writes.
BLOCK_OF_LINES = re.compile(r"^[ \t]*(?:-[ \t]+)?(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]+[|>][+-]?[ \t]*(?:#.*)?$")
# What may follow a list's "]" by mistake: a quote typed once too often.
STRAY_QUOTES = set("\"'“”‘’")


@dataclass(frozen=True)
class Slip:
    index: int  # of the line in the front matter block (0 is the line after the first '---')
    field: str
    message: str
    fix: str
    # Other fields the slip accounts for: a field it left without its line
    # ("date:" joined to the title's), or one it told to move.
    also: tuple[str, ...] = ()


def in_quotes(text: str) -> str:
    """`text` as a quoted YAML value that reads back as `text`: in double
    quotes, or in single quotes when it holds a double quote or a backslash
    (an escape in double quotes), a single quote in them written twice."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def starts_with_curly_quote(value: str) -> bool:
    return value[:1] in CURLY_OPENING_QUOTES and value[:1] != ""


def without_curly_quotes(value: str) -> str:
    """A value wrapped in curly quotes without them: the volunteer meant
    them as the value's quotes. Curly quotes that are part of the text
    ("“We will win,” says Katie") stay."""
    if len(value) >= 2 and value[0] in CURLY_OPENING_QUOTES and value[-1] in CURLY_CLOSING_QUOTES:
        return value[1:-1]
    return value


def curly_quotes_problem(value: str) -> str:
    return f"the value starts with a curly quote ({value[0]}), which does not count as a quote in the front matter"


def straight_quotes_fix(prefix: str, value: str) -> str:
    # Inside the volunteer's own quotes, " #" is text, not a note.
    return f"write the line with straight quotes: {as_line(prefix, in_quotes(without_curly_quotes(value)))}"


def rewritten(prefix: str, value: str) -> str:
    """The line as it should be written: its field name or dash, then the
    value in quotes, and the volunteer's note after them, still a note."""
    text, note = without_note(value)
    return as_line(prefix, f"{in_quotes(text)}{note}")


def as_line(prefix: str, rest: str) -> str:
    """A fix's line: the field's name and colon (or the item's dash) and
    what follows, written from its first character, and the indent it
    leaves out said in words: copied to the left, a contact's field or a
    list's item would leave its entry or list."""
    indent = prefix[: len(prefix) - len(prefix.lstrip(" "))]
    return f"{prefix.strip()} {rest}".strip() + indented_as(indent, "it is now")


def is_word(character: str) -> bool:
    """Does "#" before `character` start a hashtag, not a note ("##", "# ", "#" at the end)?"""
    return character.isalnum() or character == "_"


def without_note(value: str) -> tuple[str, str]:
    """(the value, the note after it): a space, "#" and a space (or the
    line's end) start a note to the end of the line, which YAML leaves out.
    "#NHSPayNow" after a space is a hashtag the volunteer meant as text
    (values_not_as_written says so), and a "#" inside an item's quotes is
    text: both stay in the value. One pass over the line: a regular
    expression searching each run of spaces again was quadratic (a
    120,000-space line took a check 27 s)."""
    quote, last = None, ""  # the quote a list's item is inside; the last character before this one, not a space
    a_list = value.startswith("[")  # elsewhere a quote is an apostrophe ("Rents, 'til the end")
    for index, character in enumerate(value):
        if quote:
            quote = None if character == quote else quote
        elif a_list and character in "\"'" and last in ("[", ","):
            quote = character
        elif character == "#" and index and value[index - 1] == " " and not is_word(value[index + 1:index + 2]):
            start = len(value[:index].rstrip(" "))
            return value[:start], value[start:]
        if character not in " \t":
            last = character
    return value, ""


def line_parts(line: str) -> tuple[str, str]:
    """(the field's name and colon or the list item's dash, the value)."""
    parts = LINE_PARTS.match(line.rstrip("\r\n").rstrip(" \t"))
    return parts["prefix"], parts["value"]


def field_of(block: list[str], index: int) -> str:
    """The field line `index` belongs to: the nearest 'field:' at column 0 at or above it."""
    for line in range(min(index, len(block) - 1), -1, -1):  # not a reversed copy: called for many lines
        found = TOP_LEVEL_FIELD.match(block[line])
        if found:
            return found["key"]
    return "(front matter)"


def closing_quote(value: str) -> int | None:
    """Where the quote that starts `value` ends, or None if not on this
    line. In single quotes '' is a quote; in double quotes \\" is."""
    quote, position = value[0], 1
    while position < len(value):
        character = value[position]
        if quote == '"' and character == "\\":
            position += 2
            continue
        if character == quote:
            if quote == "'" and value[position + 1: position + 2] == "'":
                position += 2
                continue
            return position
        position += 1
    return None


def quote_slip(block: list[str], upto: int) -> Slip | None:
    """A quote never closed, or closed by a quote inside the value: the
    first line up to `upto` that has either."""
    for index, line in enumerate(block[: upto + 1]):
        prefix, value = line_parts(line)
        if not prefix.strip() or not value or value[0] not in "\"'":
            continue  # a line of text, not a field's or an item's
        quote, end = value[0], closing_quote(value)
        if end is None:
            if next_line_starts_anew(block, index):
                return Slip(index, field_of(block, index), f"the {quote} that starts the value is never closed",
                            f"end the value with {quote} on the same line: {as_line(prefix, closed(value))}")
            slip = quote_over_lines_slip(block, index)
            if slip is not None:
                return slip
            continue
        after = value[end + 1:].strip()
        if after and not after.startswith("#"):
            text, note = note_outside_quotes(value, end + 1, quote)
            if outer_quotes_are_yamls(text, quote):
                text = text[1:-1]
            return Slip(index, field_of(block, index),
                        f"the value starts with {quote}, so the {quote} inside it ends the value too early",
                        f"write the line as: {as_line(prefix, in_quotes(text) + note)}")
    return None


def text_below(block: list[str], index: int) -> bool:
    """Is the next written line further in than line `index`'s field: the
    lines of its value, a block of text?"""
    below = index_below(block, index)
    return below is not None and indent_of(block[below]) > name_column(block[index])


def quote_over_lines_slip(block: list[str], index: int) -> Slip | None:
    """A quote on line `index` never closed, over the indented lines below
    it, to the next field: before a block's "|" ('closing_call: "|'), or
    at the start of a value that goes on over several lines."""
    prefix, value = line_parts(block[index])
    quote = value[0]
    if BLOCK_OF_LINES.match(prefix + value[1:]):
        return Slip(index, field_of(block, index), f"the {quote} before {value[1:].strip()} makes the text below "
                                                   "it one value in quotes, never closed",
                    f"write the line as: {as_line(prefix, value[1:].strip())}")
    last = None  # the last written line of the value, to the next field; looked at up to a line with the quote
    for below in range(index + 1, len(block)):
        if TOP_LEVEL_FIELD.match(block[below]):
            break
        if quote in block[below]:
            return None  # closed on a later line, or so it may be: the slip is elsewhere
        if is_written(block[below]):
            last = below
    if last is None:
        return None
    return Slip(index, field_of(block, index), f"the {quote} that starts the value is never closed, so the lines "
                                               "below it are read as part of it",
                f"end the value with {quote} at the end of its last line, line {last + 2}")


def note_outside_quotes(value: str, start: int, quote: str) -> tuple[str, str]:
    """(the value, the note after it), the note found from `start` on and
    outside the volunteer's quotes, which pair up from there: a " #"
    inside them is text ('"Homes # 1" for all # note'), and a quote in the
    note is the note's ('"Vote" for Katie # "Vote" is the slogan')."""
    inside = False
    for index in range(start, len(value)):
        character = value[index]
        if character == quote:
            inside = not inside
        elif (not inside and character == "#" and value[index - 1] == " "
              and not is_word(value[index + 1:index + 2])):
            cut = len(value[:index].rstrip(" "))
            return value[:cut], value[cut:]
    return value, ""


def closed(value: str) -> str:
    """A value whose opening quote is never closed, closed at the line's
    end: inside the volunteer's quote every character is the value's, a
    " #" too, '' stays an apostrophe in single quotes and \\" a quote in
    double ones. Any other backslash ("C:\\Users", "C:\\new") is the
    volunteer's character, not YAML's escape: the characters are quoted anew."""
    ended = value + value[0]
    # "C:\new folder": an escape YAML knows (\n a new line, \t a tab, \x41
    # an A) would publish another character than the volunteer typed.
    escapes = value[0] == '"' and re.search(r'\\[^"\\]', value)
    if not escapes and closing_quote(ended) == len(ended) - 1 and reads_as_yaml(ended):
        return ended
    return in_quotes(value[1:])


def reads_as_yaml(value: str) -> bool:
    """Does a value suggested to the volunteer read, as a field's value?"""
    try:
        return isinstance(yaml.safe_load(f"v: {value}"), dict)
    except yaml.YAMLError:
        return False


def outer_quotes_are_yamls(value: str, quote: str) -> bool:
    """Were the value's first and last characters meant as its quotes, not
    its words'? Only if the quotes inside pair up as quotations, each pair
    opening at a word's start: `"Katie said "yes""` is Katie said "yes", but
    `"Vote" for "Katie"` is all words, quotes and all. When in doubt, every
    character is kept: the line suggested must not change the title."""
    inner = value[1:-1]
    if len(value) < 2 or not value.endswith(quote):
        return False
    # An apostrophe (Katie's) is a letter's, not a quotation's.
    marks = [place for place, character in enumerate(inner) if character == quote
             and not (0 < place < len(inner) - 1 and inner[place - 1].isalnum() and inner[place + 1].isalnum())]
    return len(marks) % 2 == 0 and all(place == 0 or inner[place - 1].isspace() for place in marks[::2])


def next_line_starts_anew(block: list[str], index: int) -> bool:
    """Is the line after `index` a field, a list item or the end of the block?
    (A quoted value may go on over several lines; a field's line never continues one.)"""
    after = next((block[line] for line in range(index + 1, len(block)) if block[line].strip()), None)  # no copy
    return after is None or bool(FIELD_AT_ANY_INDENT.match(after) or LIST_ITEM.match(after))


def dash_slip(block: list[str], upto: int) -> Slip | None:
    """A list item written '-Cap rents', without the space after the dash."""
    for index, line in enumerate(block[: upto + 1]):
        found = DASH_WITHOUT_ITS_SPACE.match(line.rstrip("\r\n"))
        if not found or not starts_or_continues_a_list(block, index):
            continue
        return Slip(index, field_of(block, index), 'a list item needs a space after the "-"',
                    f"write the line as: - {found['item'].strip()}"
                    + indented_as(found["indent"], item_indent_like(block, index)))
    return None


def item_indent_like(block: list[str], index: int) -> str:
    """What a list item's indent is as: the item above it, or, the first, its own."""
    above = line_above(block, index)
    return "the item above" if above is not None and LIST_ITEM.match(above) else "it is now"


def starts_or_continues_a_list(block: list[str], index: int) -> bool:
    """Is line `index` where a list's item belongs: under a field with no
    value, after an item, or as far in as an item above it, with only
    lines further in between (the entry above, its bio's lines)?"""
    last = line_above(block, index)
    if last is None:
        return False
    if (LIST_ITEM.match(last) or DASH_WITHOUT_ITS_SPACE.match(last.rstrip("\r\n"))
            or (TOP_LEVEL_FIELD.match(last) and not line_parts(last)[1])):
        return True
    column = indent_of(block[index])
    for above in range(index - 1, -1, -1):
        if not is_written(block[above]) or indent_of(block[above]) > column:
            continue
        return indent_of(block[above]) == column and bool(LIST_ITEM.match(block[above]))
    return False


def is_written(line: str) -> bool:
    """Not blank and not a comment."""
    return bool(line.strip()) and not line.lstrip().startswith("#")


def index_above(block: list[str], index: int) -> int | None:
    """The index of the nearest line above `index` that is neither blank nor a comment."""
    return next((i for i in range(index - 1, -1, -1) if is_written(block[i])), None)


def index_below(block: list[str], index: int) -> int | None:
    """The index of the nearest line below `index` that is neither blank nor a comment."""
    return next((i for i in range(index + 1, len(block)) if is_written(block[i])), None)


def line_above(block: list[str], index: int) -> str | None:
    above = index_above(block, index)
    return None if above is None else block[above]


# A field's name, then a space and its value, no colon: "category news".
WITHOUT_A_COLON = re.compile(r"^(?P<indent>[ \t]*(?:-[ \t]+)?)(?P<key>[A-Za-z_][\w-]*)[ \t]+(?P<value>[^:\s].*)$")


# The field names of the content type of the file being read, when the
# reader knows it (`fields_of_this_file`); else every content type's.
FIELDS_OF_THIS_FILE: ContextVar[frozenset[str] | None] = ContextVar("fields_of_this_file", default=None)


@contextmanager
def fields_of_this_file(names: frozenset[str]) -> Iterator[None]:
    token = FIELDS_OF_THIS_FILE.set(names)
    try:
        yield
    finally:
        FIELDS_OF_THIS_FILE.reset(token)


def field_names() -> frozenset[str]:
    """The names a line of this file's front matter may start with."""
    from .content_types import every_field_name  # the schemas read the front matter with this module

    return FIELDS_OF_THIS_FILE.get() or every_field_name()


def entry_field_names() -> frozenset[str]:
    """The names an entry's line may start with (a press contact's role), in any content type."""
    from .content_types import entry_field_names as of_every_type  # the schemas import this module

    return of_every_type()


def own_field_names() -> frozenset[str]:
    """The names of this file's fields that are a file's own, not an entry's (a post's date, not a correction's)."""
    from .content_types import top_level_field_names  # the schemas import this module

    return field_names() & top_level_field_names()


def list_field_names() -> frozenset[str]:
    """The names of this file's fields whose value is a list of items."""
    from .content_types import list_field_names as of_every_type  # the schemas import this module

    return field_names() & of_every_type()


def missing_colon_slip(block: list[str], index: int) -> Slip | None:
    """Line `index`, text YAML cannot place, is a field whose colon was left
    out ("category news", a press contact's "phone 020 7946 0456"): not the
    rest of the value above it, which is what it reads as. Not when the
    line above stops mid-sentence ("…from the town hall to the" / "end of
    the high street."), nor with a name the file's content type has not,
    nor one already given at that depth."""
    found = WITHOUT_A_COLON.match(block[index].rstrip("\r\n").rstrip(" \t"))
    if not found or found["key"] not in field_names():
        return None
    above = line_above(block, index)
    if above is not None and (stops_mid_sentence(line_parts(above)[1]) or (
            found["value"].split()[0] in RUNS_ON and not ends_a_sentence(line_parts(above)[1]))):
        # A sentence running on ("…to the" / "end of …", "…a better" / "place for everyone."); a
        # value starts with a capital where a sentence would not ("place The Market Square").
        return None
    if any((given := FIELD_NAME_AT_ANY_INDENT.match(block[other])) and given["key"] == found["key"]
           and name_column(block[other]) == name_column(block[index]) for other in entry_of(block, index)):
        return None  # the field is there already, in this entry: these are words of the value above
    key, dash = found["key"], found["indent"].lstrip(" \t")  # "- " when the field starts an entry
    spaces = found["indent"][:len(found["indent"]) - len(dash)]
    value = found["value"]
    fix = (f"write the line as '{dash}{key}: {value}' (the name, a colon, then a space)"
           if len(value) <= LONGEST_LINE_TO_COPY else
           f"put a colon and a space after the name, so that the line starts '{dash}{key}: "
           f"{value[:40].rsplit(' ', 1)[0]}' and goes on as written")
    return Slip(index, key if not found["indent"] else field_of(block, index),
                f"there is no colon after the field's name ({key})", fix + indented_as(spaces, "the fields above it"))


def entry_of(block: list[str], index: int) -> range:
    """The lines of the entry line `index` is in: the lines around it
    indented as far or further, and the line that starts the entry ("  -
    name: Sam" for "    role: …"); the whole block for a field at the left.
    Another press contact has a role of its own."""
    depth = indent_of(block[index])
    start = index
    while start > 0 and (not is_written(block[start - 1]) or indent_of(block[start - 1]) >= depth):
        start -= 1
    end = index + 1
    while end < len(block) and (not is_written(block[end]) or indent_of(block[end]) >= depth):
        end += 1
    return range(max(start - 1, 0) if depth else start, end)


def entry_field_slip(block: list[str], index: int) -> Slip | None:
    """The first field of a list's entry written without its ': ' ("  -
    name Sam Okafor", "- name:Sam", a non-breaking space after the colon):
    YAML reads the item as text, and tells the entry's next field, line
    `index`, as "mapping values are not allowed here"."""
    if index >= len(block):
        return None  # YAML gave up at the end of the block
    above = index_above(block, index)
    if above is None or not FIELD_AT_ANY_INDENT.match(block[index]):
        return None
    item = LIST_ITEM.match(block[above])
    if not item or name_column(block[above]) != indent_of(block[index]):
        return None
    text = block[above][item.end():].strip()
    slip = re.match(r"^(?P<key>[A-Za-z_][\w-]*)(?:[ \t]*:(?P<glued>[^\s])|:(?P<nbsp>\xa0)|[ \t]*=[ \t]*(?=\S)"
                    r"|[ \t]+(?=[^:\s]))", text)
    if not slip or slip["key"] not in field_names():
        return None
    value = text[slip.end() - (1 if slip["glued"] else 0):].lstrip("\xa0 \t")
    problem = ("the space after the colon is a non-breaking space (Option+Space on a Mac)" if slip["nbsp"]
               else "there is no space after the colon" if slip["glued"]
               else "written with '=' instead of ': '" if "=" in text[:slip.end()]
               else f"there is no colon after the field's name ({slip['key']})")
    return Slip(above, field_of(block, above), problem,
                f"write the line as '- {slip['key']}: {value}' (the name, a colon, then an ordinary space)"
                + indented_as(item["indent"], "it is now"))


# Words a sentence does not end on: a line ending on one runs on below.
RUNS_ON = frozenset("""a an the and or but nor of to in on at by for from with into onto over under about
    between through than as that which who whose our their its his her your my is are was were be been will would
    not no since until after before during without within across against among around behind below beside
    beyond near per via like""".split())


def indented_as(indent: str, like: str) -> str:
    """What a fix written from the line's first character leaves out: its
    indent, which says which entry or list the line belongs to."""
    return f", indented {len(indent)} spaces as {like}" if indent else ""


def ends_a_sentence(words: str) -> bool:
    return words.rstrip().rstrip("\"'”’)").endswith((".", "!", "?"))


def stops_mid_sentence(words: str) -> bool:
    """Does a value stop where a sentence cannot ("…from the town hall to
    the", "…homes, jobs,")? A headline stops anywhere else ("Homes for all
    people"), so a field name below it is a field whose colon was left out."""
    words = words.rstrip()
    last = words.split()[-1].lower() if words.split() else ""
    return words.endswith((",", ";", ":", "-", "–", "—", "&")) or last in RUNS_ON


def continued_value_slip(block: list[str], index: int) -> Slip | None:
    """Line `index`, text that is not a field, is the rest of the value on
    the line above it (a wrapped title, a summary of two paragraphs): YAML
    ends a value at the end of its line."""
    start = index_above(block, index)
    if start is None:
        return None
    while start > 0 and not (FIELD_AT_ANY_INDENT.match(block[start]) or LIST_ITEM.match(block[start])):
        start -= 1  # a value already wrapped over several lines: back to its first
    prefix, value = line_parts(block[start])
    if not value or not (FIELD_AT_ANY_INDENT.match(block[start]) or LIST_ITEM.match(block[start])):
        return None
    line, text = index + 2, shortened(block[index].strip())
    named = FIELD_NAME_AT_ANY_INDENT.match(block[start])
    # A field, at the left or in an entry ("    role: Head of"); a list item's own words before a colon are not one.
    if named and (named["key"] in field_names() or not LIST_ITEM.match(block[start])):
        key = named["key"]
        return Slip(index, key if TOP_LEVEL_FIELD.match(block[start]) else field_of(block, start),
                    f'the {key} continues on line {line} ("{text}"), but a value must be on one line',
                    f"put it all on one line, after '{key}:' on line {start + 2}")
    return Slip(index, field_of(block, start),
                f'the item on line {start + 2} continues on line {line} ("{text}"), but an item must be on one line',
                f"put it all on one line, after the '-' on line {start + 2}")


# A field's name and colon inside a value ("… date: 2021-12-30"): two lines joined.
NAME_INSIDE_A_VALUE = re.compile(r"[ \t](?P<key>[A-Za-z_][\w-]*):(?:[ \t]|$)")


def two_fields_on_one_line_slip(block: list[str], upto: int) -> Slip | None:
    """A line holding two fields ("date: 2021-12-30 category: opinion",
    two lines joined by a deleted line break), up to line `upto`: told as
    such, not as a value holding ": " or a quote inside quotes. Only a field
    of the file's own that the block gives nowhere else counts ("Budget
    note: …" holds an entry's field name, words of the title)."""
    names = own_field_names()
    given = {found["key"] for line in block if (found := TOP_LEVEL_FIELD.match(line))}
    for index in range(max(upto - 1, 0), min(upto, len(block) - 1) + 1):  # PyYAML tells the line, or the next
        field = TOP_LEVEL_FIELD.match(block[index])
        if not field:
            continue
        value, _ = without_note(line_parts(block[index])[1])
        # The first such name only: a value is whole before it or not at all (one pass over a long line).
        second = next((found for found in NAME_INSIDE_A_VALUE.finditer(value)
                       if found["key"] in names and found["key"] not in given), None)
        if second is not None and a_whole_value(value[:second.start()].rstrip()):
            key, name = field["key"], second["key"]
            first = shortened(value[:second.start()].rstrip(), 60)
            return Slip(index, key, f'"{name}:" starts another field on the line of {key}, after its value',
                        f"put '{shortened(value[second.start():].strip(), 60)}' on a line of its own, below "
                        f"'{key}: {first}' (or, if it is words of the {key}, put the whole value in quotes)",
                        also=(name,))
    return None


def items_without_their_field_slip(block: list[str], index: int) -> Slip | None:
    """A list's items (line `index` among them) under a field that has a
    value of its own ("summary: …" above "  - Cap rents."): the list's own
    field line was deleted, or moved, or a line of the list went below the
    next field. Told by what is around them: the list above that the item
    left, the list's field left empty elsewhere, or no field at all."""
    if index >= len(block) or not LIST_ITEM.match(block[index]):
        return None
    from .indent_slips import lost_from_a_block, unindented_block_line_slip  # that module imports this one

    if lost_from_a_block(block, index):
        return unindented_block_line_slip(block, index)  # "- Stand with us" at the left, amid a block's text
    column = indent_of(block[index])
    above = next((line for line in range(index - 1, -1, -1)
                  if is_written(block[line]) and not LIST_ITEM.match(block[line])
                  and indent_of(block[line]) <= column), None)
    field = TOP_LEVEL_FIELD.match(block[above]) if above is not None else None
    if not field or not line_parts(block[above])[1]:
        return None
    first = next(line for line in range(above + 1, index + 1) if LIST_ITEM.match(block[line]))
    key = field["key"]
    left = index_above(block, above)
    if left is not None and LIST_ITEM.match(block[left]) and indent_of(block[left]) == column:
        owner = field_of(block, left)
        last = first  # the last item of those below the field (with its own lines further in)
        for below in range(first + 1, len(block)):
            if is_written(block[below]) and indent_of(block[below]) < column:
                break
            if LIST_ITEM.match(block[below]) and indent_of(block[below]) == column:
                last = below
        return Slip(above, key, f"the line is between two items of the {owner} list, which it ends early",
                    f"move the line '{shortened(block[above].strip(), 60)}' below the list's last item "
                    f"(line {last + 2})")
    empty = next((line for line, text in enumerate(block) if TOP_LEVEL_FIELD.match(text)
                  and not line_parts(text)[1] and not text_below(block, line)), None)
    if empty is not None:
        name = TOP_LEVEL_FIELD.match(block[empty])["key"]
        return Slip(first, name, f"the list's items follow {key}, which has a value of its own, and '{name}:' on "
                                 f"line {empty + 2} has no items under it",
                    f"move the line '{name}:' {'down' if empty < first else 'up'}, to just above the first item "
                    f"(line {first + 2})", also=(name,))
    return Slip(first, key, f"the list's items follow {key}, which has a value of its own: no field names the list",
                "write the list's field (its name and a colon) on a line of its own above its first item")


def a_whole_value(text: str) -> bool:
    """Is `text` a value that ends where a second field could start: in
    quotes, a list in brackets, or one word (a date, a number, a category)?
    A title of words ("Rents 'til the end: our plan") may hold a field's
    name and a colon as its own words."""
    if not text:
        return False
    if text[0] in "\"'":
        return closing_quote(text) == len(text) - 1  # '"Sample' (its quote closed further on) is not
    if text[0] == "[":
        return text.endswith("]")
    return text[0] not in YAML_INDICATORS and not any(character.isspace() for character in text)


def comment_continued_slip(block: list[str], index: int) -> Slip | None:
    """Line `index`, text YAML cannot place, is the second line of the
    note above it ("# The press office:" / "who journalists call"): a note
    is one line, so YAML reads the next as a field without its colon."""
    above = next((line for line in range(index - 1, -1, -1) if block[line].strip()), None)
    if above is None or indent_of(block[index]):
        return None
    note = block[above].strip()
    if not note.startswith("#") or note == "#":  # a bare "#" is no note: a line past_the_first_slip.py passed over
        return None
    if value_below_its_field_slip(block, index) is not None:
        return None  # "title:", a note, then the title: the value below its field, the note between
    return Slip(index, field_of(block, index), "the line follows a note (a line starting with #) but does not start "
                                               "with # itself, so YAML reads it as a field",
                "start the line with # and a space, as the note's first line: every line of a note needs its own #")


def text_under_a_value_slip(block: list[str], index: int) -> Slip | None:
    """Line `index`, indented text YAML cannot place ("  None of this:
    will happen"), under a field that has its value on its own line: the
    text of a block of lines whose "closing_call: |" was moved or lost."""
    if (index >= len(block) or not is_written(block[index]) or not indent_of(block[index])
            or LIST_ITEM.match(block[index])):
        return None
    named = FIELD_NAME_AT_ANY_INDENT.match(block[index])
    if named and named["key"] in field_names():
        return None  # a field indented: indent_slips tells it
    above = next((line for line in range(index - 1, -1, -1)
                  if is_written(block[line]) and indent_of(block[line]) < indent_of(block[index])), None)
    field = FIELD_NAME_AT_ANY_INDENT.match(block[above]) if above is not None else None
    if (not field or not FIELD_AT_ANY_INDENT.match(block[above]) or not line_parts(block[above])[1]
            or BLOCK_OF_LINES.match(block[above].rstrip("\r\n"))):
        return None  # a field of a file's own or an entry's (" credit: …"), with its value on its line
    first = next(line for line in range(above + 1, index + 1) if is_written(block[line]))
    empty = next((line for line, text in enumerate(block) if BLOCK_OF_LINES.match(text.rstrip("\r\n"))
                  and not text_below(block, line)), None)
    if empty is not None:
        name = BLOCK_OF_LINES.match(block[empty].rstrip("\r\n"))["key"]
        return Slip(first, name if not indent_of(block[empty]) else field_of(block, empty),
                    f"the indented lines below {field['key']} are no part of it, and '{name}:' on "
                                 f"line {empty + 2} has no text under it",
                    f"move the line '{block[empty].strip()}' {'down' if empty < first else 'up'}, to just above the "
                    f"text (line {first + 2})", also=(name,))
    return Slip(first, field["key"] if not indent_of(block[above]) else field_of(block, above),
                f"the indented lines below {field['key']} are no part of it: it has its value "
                                     "on its own line",
                "if they are the text of a block of lines, write its field above them (as 'closing_call: |' or "
                f"'bio: >-'); if they are words of {field['key']}, put them on its line")


def value_below_its_field_slip(block: list[str], index: int) -> Slip | None:
    """Line `index`, text at the left edge, is the value of the field just
    above it, written with nothing after its colon ("title:" and, below it,
    "Katie Parker joins"): YAML reads the text as a field of its own, and
    PyYAML says "could not find expected ':'" a line or two later."""
    above = index_above(block, index)
    field = FIELD_NAME_AT_ANY_INDENT.match(block[above]) if above is not None else None
    if (not field or not FIELD_AT_ANY_INDENT.match(block[above]) or line_parts(block[above])[1]
            or indent_of(block[index]) > name_column(block[above]) or LIST_ITEM.match(block[index])):
        return None
    key, value = field["key"], block[index].strip()
    if value[:1] not in "\"'" and not reads_as_yaml(value):
        value = in_quotes(value)  # "Vote: now" on the field's line would need its quotes; "[a, b]" or ">-" not
    where = "at the left edge" if not indent_of(block[index]) else "no further in than its field"
    fix = f"put it on the line of {key}, after the colon"
    if len(value) <= LONGEST_LINE_TO_COPY:
        fix += f": {as_line(line_parts(block[above])[0], value)}"
    return Slip(index, key if TOP_LEVEL_FIELD.match(block[above]) else field_of(block, above),
                f"the value of {key} is on the line below it, {where}, where YAML reads it as a field of its own", fix)



def stray_text_line(block: list[str], upto: int) -> int | None:
    """The first line up to `upto` that is neither a field, a list item, a
    comment, nor indented further than the field (or item) whose value it
    continues (the first line of all continues none): text YAML cannot
    place. (A value's later lines, as in a `bio: >-` block of lines, are
    each as far in as the first: further in than the field's name, which is
    what counts.)"""
    owner = None  # the nearest field or list item above: kept as the lines go (searching back was quadratic)
    text_column = None  # inside a block of lines ("bio: >-"), the column its text is further in than
    for index, line in enumerate(block[: upto + 1]):
        if text_column is not None and (not is_written(line) or indent_of(line) > text_column):
            continue  # the block's own text, whatever it says ("Website: example.org" is words, not a field)
        text_column = value_column(line) if BLOCK_OF_LINES.match(line) else None
        if FIELD_AT_ANY_INDENT.match(line) or LIST_ITEM.match(line):
            owner = line
        if not is_written(line) or owner is line or DASH_WITHOUT_ITS_SPACE.match(line.rstrip("\r\n")):
            continue
        if owner is None and WITHOUT_A_COLON.match(line.rstrip("\r\n").rstrip(" \t")) or (
                owner is not None and indent_of(line) <= value_column(owner)):
            return index  # (with no field above, only a first line such as "title Homes")
    return None


def value_column(line: str) -> int:
    """How far in a line continuing the value of `line` (a field or a list
    item) must be, less one: the field's name's column, or the item's dash's."""
    return name_column(line) if FIELD_AT_ANY_INDENT.match(line) else indent_of(line)


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def name_column(line: str) -> int:
    """Where the field's name starts: after the indent, and after the dash
    of a list item ("  - name: Sam" names at 4)."""
    item = LIST_ITEM.match(line)
    rest = line[item.end():] if item else line.lstrip(" \t")
    return len(line) - len(rest.lstrip(" \t"))


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def error_line_slip(block: list[str], index: int) -> Slip | None:
    """A value on the line where YAML gave up that it reads as something
    else than text: in curly quotes, a Markdown link to a file, a value
    starting with one of YAML's own characters, or holding ': '."""
    if index >= len(block):
        return None
    prefix, value = line_parts(block[index])
    if not value:
        return None
    field = field_of(block, index)
    if starts_with_curly_quote(value):
        return Slip(index, field, curly_quotes_problem(value), straight_quotes_fix(prefix, value))
    site_link = site_link_in_front_matter(value)
    if site_link:
        problem, path = site_link
        return Slip(index, field, problem, f"write the path from content/: {as_line(prefix, path)}")
    if value[0] in YAML_INDICATORS or (value[:2] in ("? ", "- ") and FIELD_NAME_AT_ANY_INDENT.match(prefix)):
        return indicator_slip(block, index)
    # A note after the value may hold ": " ("2021-12-15  # sample date: replace it").
    if ": " in without_note(value)[0] and prefix.strip() and not in_its_quotes(value):
        return Slip(index, field, 'the value holds ": ", which YAML reads as the start of another field',
                    f"put the whole value in quotes: {rewritten(prefix, value)}")
    return None


def in_its_quotes(value: str) -> bool:
    """Is the whole value in quotes ('"Vote: now"', a note after them or
    not)? Its ": " is text, then, and the mistake is elsewhere."""
    if value[:1] not in "\"'":
        return False
    end = closing_quote(value)
    return end is not None and (not value[end + 1:].strip() or value[end + 1:].lstrip().startswith("#"))


def site_link_in_front_matter(value: str) -> tuple[str, str] | None:
    """(what is wrong, the path to write) for `{static}/images/rally.jpg`,
    the body's way to link a file, written in the front matter."""
    site_link = SITE_LINK_PREFIX.match(value)
    if not site_link:
        return None
    return f"{site_link.group().rstrip('/')} is for links in the text, not the front matter", value[site_link.end():]


def indicator_slip(block: list[str], index: int) -> Slip | None:
    """A text starting with one of YAML's own characters: `title: [Update]
    Buses`, `title: @Katie …`, `title: &more fun` (an anchor to YAML)."""
    if index >= len(block):
        return None
    prefix, value = line_parts(block[index])
    # "? " and "- " start a key and a list's item to YAML ("title: - Buses").
    key_or_item = value[:2] in ("? ", "- ") and bool(FIELD_NAME_AT_ANY_INDENT.match(prefix))
    if not value or (value[0] not in YAML_INDICATORS and not key_or_item) or (
            value[0] == "[" and an_unclosed_list(value)):
        return None  # '[a, b': a list left open (bracket_list_slip); '{a': no mapping is a field's value
    if BLOCK_OF_LINES.match(prefix + value[1:].strip()) and text_below(block, index):
        # "bio: {>-", "closing_call: !|": a character slipped in before the "|" of a block of lines.
        return Slip(index, field_of(block, index), f'the "{value[0]}" before {value[1:].strip()} makes YAML read the '
                                                   "line as something else than the start of the text below it",
                    f"write the line as: {as_line(prefix, value[1:].strip())}")
    header = re.sub(r"[^|>+-]", "", value)
    if value[0] in "|>" and header != value and BLOCK_OF_LINES.match(prefix + header) and text_below(block, index):
        # "bio: >'-": a character slipped in after the ">" of a block of lines.
        return Slip(index, field_of(block, index), f"the value should be {header} alone, the start of the text "
                                                   "below it",
                    f"write the line as: {as_line(prefix, header)}")
    below = index_below(block, index)
    items_below = below is not None and LIST_ITEM.match(block[below]) and text_below(block, index)
    named = FIELD_NAME_AT_ANY_INDENT.match(prefix)
    if value[:2] == "- " and (items_below or (named and named["key"] in list_field_names())):
        # "commitments: - Build homes." above "  - Cap rents.", or alone: the
        # field's line and its first item joined (in quotes, the one item
        # would be published with its dash, "- Build homes.").
        indent = (block[below][:indent_of(block[below])] if items_below
                  else prefix[:indent_of(prefix)] + "  ")
        return Slip(index, field_of(block, index), "the list's first item is on the line of its field",
                    f"put '{shortened(value, 60)}' on a line of its own below '{prefix.strip()}'"
                    + indented_as(indent, "the items below it" if items_below else "a list's items under its field"))
    return Slip(index, field_of(block, index), f'a value starting with "{value[0]}" must be in quotes',
                f"write the line as: {rewritten(prefix, value)}")


HASHTAG_IN_AN_ITEM = re.compile(r"[ \t]#\S")
# An item in quotes, in a list in brackets ('"a, b"' or 'it''s').
QUOTED_ITEM = re.compile(r'"(?:\\.|[^"\\])*"|\'(?:\'\'|[^\'])*\'')
# An item of a list in brackets: in quotes, or up to a comma or a bracket.
LIST_PART = re.compile(QUOTED_ITEM.pattern + r"|[^,\[\]]+")


def bracket_list_slip(block: list[str], upto: int) -> Slip | None:
    """A list in brackets, up to line `upto`, that YAML never saw closed:
    an item starting with "#" (a space then # starts a note, to the end of
    the line: `tags: [#NHS, housing]`), or no "]" at all; or a value
    starting with "{" never closed. PyYAML told it at the end of the block."""
    for index in range(min(upto, len(block) - 1) + 1):
        field = FIELD_NAME_AT_ANY_INDENT.match(block[index])
        prefix, value = line_parts(block[index])
        if field and value.startswith("{") and "}" not in value and not closed_below(block, index):
            # No field takes a mapping in braces: "{" is the value's first letter.
            return indicator_slip(block, index)
        if not field or not value.startswith("["):
            continue
        name = field["key"] if TOP_LEVEL_FIELD.match(block[index]) else field_of(block, index)
        if re.search(r"(?:^\[|,)\s*#", value):
            end = value.rfind("]")
            inner, after = (value[1:end], value[end + 1:]) if end > 0 else (value[1:], "")
            items = [item.strip() for item in inner.split(",")]
            quoted = ", ".join(f'"{item}"' if item.startswith("#") else item for item in items)
            return Slip(index, name, 'an item starting with "#" is read as a note, to the end of the line, so '
                                     "the list is never closed",
                        f"put that item in quotes: {as_line(prefix, f'[{quoted}]{after}')}")
        listed, note = without_note(value)
        unquoted = QUOTED_ITEM.sub("", listed)  # '["[draft]", housing': that "]" is an item's
        closed = "]" in unquoted
        if closed or not closed_below(block, index):
            # "[housing, climate #NHSPayNow]": YAML's note runs to the line's
            # end, its "]" too.
            end = listed.rfind("]") if closed else len(listed)
            items = [part.strip() for part in listed[1:end].rstrip(", ").split(",")]
            if any(HASHTAG_IN_AN_ITEM.search(item) and item[:1] not in "\"'" for item in items):
                quoted = ", ".join(in_quotes(item) if "#" in item and item[:1] not in "\"'" else item for item in items)
                return Slip(index, name, 'a "#" after a space is read as a note, to the end of the line, so the '
                                         "list is never closed",
                            f"put that item in quotes: {as_line(prefix, f'[{quoted}]{listed[end + 1:]}{note}')}")
            if not closed:
                return Slip(index, name, "the list in brackets is never closed",
                            f"end it with ]: {as_line(prefix, listed.rstrip(', ') + ']' + note)}")
            unclosed = unclosed_quote_in_list(listed[:end + 1])
            if unclosed is not None:  # "[nhs, 'housing]": PyYAML read on to the end of the block
                item, mended = unclosed
                return Slip(index, name, f"the {item[0]} that starts the item {item} is never closed",
                            f"end the item with {item[0]}: {as_line(prefix, mended + listed[end + 1:] + note)}")
            opened, shut = unquoted.count("["), unquoted.count("]")
            stray = listed[end + 1:].strip()
            if opened == shut and stray and set(stray) <= STRAY_QUOTES:  # '[a, b]"': a quote typed once too often
                return Slip(index, name, f"there is a stray {stray} after the list's closing ]",
                            f"delete it: {as_line(prefix, listed[:end + 1] + note)}")
            if opened != shut:  # "[[housing, climate]", "[housing] [nhs": brackets left open
                items = ", ".join(part.strip() for part in LIST_PART.findall(listed) if part.strip())
                if reads_as_yaml(f"[{items}]"):
                    return Slip(index, name, f'the brackets do not pair up ({opened} "[" and {shut} "]")',
                                f"write the list with one of each: {as_line(prefix, f'[{items}]{note}')}")
    return None


def unclosed_quote_in_list(listed: str) -> tuple[str, str] | None:
    """(the item, the list with its quote closed) for a list in brackets on
    one line with an item whose opening quote is never closed ("[nhs,
    'housing]"), if the list so mended reads as YAML."""
    parts = [part.strip() for part in LIST_PART.findall(listed[1:-1]) if part.strip()]
    for position, part in enumerate(parts):
        if part[0] in "\"'" and not QUOTED_ITEM.fullmatch(part):
            mended = f"[{', '.join([*parts[:position], part + part[0], *parts[position + 1:]])}]"
            return (part, mended) if reads_as_yaml(mended) else None
    return None


def closed_below(block: list[str], index: int) -> bool:
    """A list in brackets that goes on over the lines after `index`, each
    further in, and is closed on one of them ("tags: [housing," / "  climate]")."""
    for line in map(block.__getitem__, range(index + 1, len(block))):  # no copy of the rest: called for many lines
        if not is_written(line):
            continue
        if indent_of(line) <= indent_of(block[index]):
            return False
        if "]" in line:
            return True
    return False


def an_unclosed_list(value: str) -> bool:
    """'[a, b' or '{a': a list (or mapping) left open, not text in brackets
    ('[Update] Buses', which a closing bracket and more text show)."""
    closer = {"[": "]", "{": "}"}.get(value[0])
    return closer is not None and (closer not in value or value.endswith(closer))


# A fix that gives a whole line to write gives it whole, or the volunteer
# would copy a value cut short with "…"; a longer value (a summary of a
# paragraph) is told as the edit to make instead.
LONGEST_LINE_TO_COPY = 240


def shortened(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
