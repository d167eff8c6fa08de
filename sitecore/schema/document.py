"""Split a Markdown file into its YAML front matter and its body.

The front matter is parsed with PyYAML's safe loader. We also keep the line
of every top-level key, so that an error can point at the exact line a
volunteer has to change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .fields import where_in_field
from .fields_memo import FieldsMemo
from .yaml_slips import (
    TOP_LEVEL_FIELD,
    Slip,
    continued_value_slip,
    curly_quotes_problem,
    dash_slip,
    error_line_slip,
    in_quotes,
    indicator_slip,
    quote_slip,
    shortened,
    starts_with_curly_quote,
    straight_quotes_fix,
    stray_text_line,
)

FENCE = "---"


# C0 controls but tab, line feed and carriage return; DEL; the C1 controls;
# the bidirectional embeddings, overrides and isolates. Invisible: a NUL or
# U+000B (Word's soft line break) breaks the XML feeds, and U+202E prints
# the text after it backwards ("rlo evil" reads "rlo live"), a known trick
# to make text say what it does not. Refused in the file's text
# (plugins/frontmatter/limits.py) and in every value, where a quoted "\v"
# or "\u202e" puts one without the byte. (The editor's form refuses the
# same: plugins/cms/config.py.)
# And the line and paragraph separators (U+2028, U+2029), pasted from a PDF:
# invisible in the editor, a line break to YAML, which then read the rest of
# a summary as text of its own.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# After a value, a space and "#" start a YAML comment, which is left out:
# `title: Councillors back #NHSPayNow` publishes "Councillors back". A
# comment a person means has a space after its "#"; a hashtag has none.
HASHTAG_AFTER_VALUE = re.compile(r"[ \t]+#\S")

# Front matter is a few fields with lists of words: two levels deep. The
# limit leaves room for that and refuses a file nested thousands deep
# (Python's recursion limit would otherwise end the build with a traceback).
MAX_NESTING = 8


class YamlLimit(yaml.MarkedYAMLError):
    """Valid YAML we refuse to read: it could only be a mistake or an attack."""

    def __init__(self, problem: str, fix: str, mark):
        super().__init__(problem=problem, problem_mark=mark)
        self.fix = fix


class FrontMatterLoader(yaml.SafeLoader):
    """PyYAML's safe loader, with two changes.

    - Dates stay text: our date field parses them, so an impossible date
      (2021-13-45) is reported at its line like any other mistake instead of
      crashing the YAML parser.
    - No anchors (`&name`), aliases (`*name`) or deep nesting: a volunteer
      never needs them, and they are how a 2 KB file becomes a billion
      values (an "alias bomb") or a recursive value that crashes whatever
      reads it. (`title: &more fun` would also publish "fun".)
    """

    def __init__(self, stream):
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise YamlLimit("YAML aliases (*name) are not allowed",
                            "write the value out in full instead of referring to another one",
                            self.peek_event().start_mark)
        event = self.peek_event()
        if getattr(event, "anchor", None):
            # `title: &more fun for all` publishes "fun for all".
            # And no alias can refer to a value without one.
            raise YamlLimit(f"YAML anchors (&{event.anchor}) are not allowed",
                            'write the value out in full; a text that starts with "&" goes in quotes '
                            '(title: "&more fun for all")', event.start_mark)
        if getattr(event, "tag", None):  # only an explicit tag sets it
            # `!!binary aGVsbG8=` would publish b'hello'; `!!float 1e400`, inf.
            raise YamlLimit(f"YAML tags ({event.tag}) are not allowed",
                            "write the value as plain text, a number, a date or a list", event.start_mark)
        self.depth += 1
        try:
            if self.depth > MAX_NESTING:
                raise YamlLimit(f"the values are nested more than {MAX_NESTING} levels deep",
                                "write each field as 'field: value' or a simple list",
                                self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


FrontMatterLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


class FrontMatterError(Exception):
    """The front matter block cannot be read at all."""

    def __init__(self, line: int, message: str, fix: str, field: str = "(front matter)"):
        super().__init__(message)
        self.line = line
        self.message = message
        self.fix = fix
        self.field = field  # a field's name, where the problem is in one value


# Line n (0-based) of the block between the fences is line n + 2 of the file.
BLOCK_START_LINE = 2


# A field written without its ": " (category:news, category = news, or a
# non-breaking space after the colon: Option+Space on a Mac). PyYAML
# reports each a line late, or as the end of the front matter.
FIELD_WITHOUT_ITS_SPACE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)(?:[ \t]*:(?P<glued>[^\s])|[ \t]*:(?P<nbsp>\xa0)"
                                     r"|[ \t]*=[ \t]*(?P<equals>\S))")


def field_without_its_space(block: list[str], error_index: int) -> FrontMatterError | None:
    """The first such line at or before the error (or just after: the error
    may be reported on the line before the slip)."""
    for index, line in enumerate(block[: error_index + 2]):
        found = FIELD_WITHOUT_ITS_SPACE.match(line)
        if not found:
            continue
        key, value = found["key"], line[found.end() - 1:].strip().lstrip("\xa0").strip()
        if found["nbsp"]:
            problem = "the space after the colon is a non-breaking space (Option+Space on a Mac)"
        elif found["equals"]:
            problem = "written with '=' instead of ': '"
        else:
            problem = "there is no space after the colon"
        return FrontMatterError(BLOCK_START_LINE + index, problem,
                                f"write the line as '{key}: {value}' (the colon, then an ordinary space)", field=key)
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
    line_slip = (quote_slip(block, error_index) or dash_slip(block, error_index)
                 or (continued_value_slip(block, stray_index) if stray_index is not None else None)
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
    if block[-1].strip():
        continued = continued_value_slip(block, text_index)
        if continued is not None:
            return from_slip(continued)
    return never_closed_before_text(block, text_index, closing_line)


def quoting_fix(block: list[str], index: int) -> str | None:
    """`title: &more fun` or `title: !Breaking` is no anchor or tag but a
    text starting with that character: the line in quotes."""
    slip = indicator_slip(block, index)
    return f"{slip.message}: {slip.fix}" if slip is not None else None


def from_slip(slip: Slip) -> FrontMatterError:
    return FrontMatterError(BLOCK_START_LINE + slip.index, slip.message, slip.fix, field=slip.field)


def never_closed_before_text(block: list[str], text_index: int, closing_line: int) -> FrontMatterError:
    # A '## subheading' just above is part of the text, not of the fields.
    last_field = max((i for i in range(text_index) if block[i].strip() and not block[i].startswith("##")), default=-1)
    return FrontMatterError(
        BLOCK_START_LINE + last_field + 1,
        f"the front matter block is probably not closed: line {BLOCK_START_LINE + text_index} reads as text, "
        f"not a field, and the '---' on line {closing_line} was taken as the block's end",
        "add a line '---' after the last field, before the text",
    )


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


def nested_lines(node, path: tuple, first_line: int, lines: dict, duplicates: list) -> None:
    """Record the line of every item and key inside `node` (the value at
    `path`), and every key a mapping gives twice."""
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*path, index)] = first_line + item.start_mark.line
            nested_lines(item, (*path, index), first_line, lines, duplicates)
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            inner = (*path, str(key_node.value))
            line = first_line + key_node.start_mark.line
            if inner in lines:
                duplicates.append((inner, line))
            else:
                lines[inner] = line
            nested_lines(value_node, inner, first_line, lines, duplicates)


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


def parse_fields(yaml_text: str, block: list[str], closing_line: int) -> dict:
    """Document's fields (all but body and end_line) from the front matter block."""
    first_line = BLOCK_START_LINE
    try:
        loader = FrontMatterLoader(yaml_text)
        try:
            # Compose once: the node tree gives each key's line, and the
            # values are constructed from that same tree.
            root = loader.get_single_node()
            values = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except YamlLimit as limit:
        raise FrontMatterError(first_line + limit.problem_mark.line, limit.problem,
                               quoting_fix(block, limit.problem_mark.line) or limit.fix) from None
    except yaml.MarkedYAMLError as error:
        raise explain_syntax_error(error, block, closing_line) from None
    except yaml.YAMLError as error:
        raise FrontMatterError(first_line, f"YAML error: {error}", "check the front matter") from None
    if isinstance(root, yaml.MappingNode):  # anything else is refused just below
        value_problem = first_value_problem(root, block)
        if value_problem:
            raise value_problem
    if values is None:
        values, root = {}, None
    if not isinstance(values, dict):
        raise FrontMatterError(
            first_line,
            "the front matter is not a list of 'field: value' lines",
            "write one 'field: value' per line between the two '---' lines",
        )
    key_lines: dict[str, int] = {}
    duplicates: list[tuple[str, int]] = []
    value_lines: dict[tuple, int] = {}
    duplicate_paths: list[tuple[tuple, int]] = []
    if root is not None:
        value_nodes = {}
        for key_node, value_node in root.value:
            key = str(key_node.value)
            line = first_line + key_node.start_mark.line
            if key in key_lines:
                duplicates.append((key, line))
            key_lines.setdefault(key, line)
            value_nodes[key] = value_node  # PyYAML keeps the last value of a key given twice
        for key, value_node in value_nodes.items():
            nested_lines(value_node, (key,), first_line, value_lines, duplicate_paths)
    return {
        "values": {str(k): v for k, v in values.items()},
        "key_lines": key_lines,
        "duplicate_keys": duplicates,
        "value_lines": value_lines,
        "duplicate_paths": duplicate_paths,
    }


def first_value_problem(root, block: list[str]) -> FrontMatterError | None:
    """A value that would not be published as written: text after it taken
    for a comment, or an invisible control character in it."""
    for (key, *inside), node in scalar_values(root, ()):
        where = f"{where_in_field(tuple(inside))}: " if inside else ""
        line_index = node.end_mark.line
        rest = block[line_index][node.end_mark.column:] if line_index < len(block) else ""
        comment = HASHTAG_AFTER_VALUE.match(rest) if node.style is None else None
        if comment:
            return hashtag_taken_for_a_comment(node, block, rest.strip(), key, where)
        control = CONTROL_CHARACTER.search(node.value)
        if control:
            return FrontMatterError(
                BLOCK_START_LINE + node.start_mark.line,
                f"{where}contains an invisible control character (U+{ord(control.group()):04X})",
                "delete it and retype that spot (it often comes from pasting from Word or a PDF)", field=key)
    return None


def hashtag_taken_for_a_comment(node, block: list[str], cut: str, key: str, where: str) -> FrontMatterError:
    """`title: Councillors back #NHSPayNow` publishes "Councillors back"."""
    whole = f"{node.value} {cut}".strip()
    problem = f'{where}"{shortened(cut)}" is read as a YAML comment (a space then #) and would be left out'
    if starts_with_curly_quote(whole):
        # `title: “Councillors back #NHSPayNow”`: quoted, the volunteer believes.
        prefix = block[node.start_mark.line][: node.start_mark.column]
        return FrontMatterError(BLOCK_START_LINE + node.end_mark.line, f"{problem}: {curly_quotes_problem(whole)}",
                                straight_quotes_fix(prefix, whole), field=key)
    return FrontMatterError(BLOCK_START_LINE + node.end_mark.line, problem,
                            f"put the whole value in quotes: {in_quotes(shortened(whole))}", field=key)


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
