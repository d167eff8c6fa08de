"""Split a Markdown file into its YAML front matter and its body.

The front matter is parsed with PyYAML's safe loader. We also keep the line
of every top-level key, so that an error can point at the exact line a
volunteer has to change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

FENCE = "---"


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
    - No aliases (`*name`) and no deep nesting: a volunteer never needs
      them, and they are how a 2 KB file becomes a billion values (an "alias
      bomb") or a recursive value that crashes whatever reads it.
    """

    def __init__(self, stream):
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise YamlLimit("YAML aliases (*name) are not allowed",
                            "write the value out in full instead of referring to another one",
                            self.peek_event().start_mark)
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

    def __init__(self, line: int, message: str, fix: str):
        super().__init__(message)
        self.line = line
        self.message = message
        self.fix = fix


@dataclass
class Document:
    values: dict
    key_lines: dict[str, int]
    body: str
    # Line number of the closing fence: where a missing field "would go".
    end_line: int
    duplicate_keys: list[tuple[str, int]] = field(default_factory=list)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.end_line)


def parse_document(text: str) -> Document:
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        raise FrontMatterError(
            1,
            "the file does not start with a front matter block",
            "make the first line '---', then the fields (title: …), then a line '---'",
        )
    closing = next(
        (i for i, line in enumerate(lines[1:], start=1) if line.strip() == FENCE),
        None,
    )
    if closing is None:
        raise FrontMatterError(
            1,
            "the front matter block is never closed",
            "add a line '---' after the last field, before the text",
        )
    yaml_text = "".join(lines[1:closing])
    # Line n of yaml_text is line n + 2 of the file (1-based, after the fence).
    first_line = 2
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
        raise FrontMatterError(first_line + limit.problem_mark.line, limit.problem, limit.fix) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        problem = error.problem or "the YAML cannot be read"
        raise FrontMatterError(
            line,
            f"YAML syntax error: {problem}",
            "check this line: 'field: value', a space after the colon, quotes around "
            "text containing ': ' or starting with a special character, lists as '- item'",
        ) from None
    except yaml.YAMLError as error:
        raise FrontMatterError(first_line, f"YAML error: {error}", "check the front matter") from None
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
    if root is not None:
        for key_node, _value in root.value:
            key = str(key_node.value)
            line = first_line + key_node.start_mark.line
            if key in key_lines:
                duplicates.append((key, line))
            key_lines.setdefault(key, line)
    return Document(
        values={str(k): v for k, v in values.items()},
        key_lines=key_lines,
        body="".join(lines[closing + 1 :]),
        end_line=closing + 1,
        duplicate_keys=duplicates,
    )
