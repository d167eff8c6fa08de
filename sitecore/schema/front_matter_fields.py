"""Read a front matter block's fields, with the line of every key and value.

The front matter is parsed with PyYAML's safe loader (front_matter_loader.py).
We also keep the line of every top-level key, so that an error can point at
the exact line a volunteer has to change. What parse_fields makes of a block
is kept between builds (fields_memo.py, whose key holds this module's source).
"""

from __future__ import annotations

import yaml

from .front_matter_errors import BLOCK_START_LINE, FrontMatterError, explain_syntax_error, quoting_fix
from .front_matter_loader import FrontMatterLoader, YamlLimit
from .values_not_as_written import first_value_problem


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


def parse_fields(yaml_text: str, block: list[str], closing_line: int) -> dict:
    """Document's fields (all but body and end_line) from the front matter block."""
    first_line = BLOCK_START_LINE
    try:
        loader = FrontMatterLoader(yaml_text)
        try:
            # Compose once: the node tree gives each key's line, and the
            # values are constructed from that same tree.
            root = loader.get_single_node()
            # The values as written, before any is made a Python value: a
            # number of thousands of digits cannot be made one.
            value_problem = first_value_problem(root, block) if isinstance(root, yaml.MappingNode) else None
            if value_problem:  # anything but a mapping is refused below
                raise value_problem
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
            # PyYAML keeps the last value of a key given twice: its line is
            # the one a problem with that value is told at.
            key_lines[key] = line
            value_nodes[key] = value_node
        for key, value_node in value_nodes.items():
            nested_lines(value_node, (key,), first_line, value_lines, duplicate_paths)
    return {
        "values": {str(k): v for k, v in values.items()},
        "key_lines": key_lines,
        "duplicate_keys": duplicates,
        "value_lines": value_lines,
        "duplicate_paths": duplicate_paths,
    }
