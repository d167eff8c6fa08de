"""Every message the README's table "What the error messages mean" quotes
is one the build still gives, word for word.

A volunteer whose build failed looks the message up in that table: it must
not promise a message the build no longer gives, or word it otherwise. The
tests assert on the build's real output, so a quoted message counts as
given when a string in a test holds each of its fixed parts: the table
writes `…` for a part that varies and `<field>: ` for any field. Docstrings
do not count: they describe, they assert nothing.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import REPO

README = REPO / "README.md"
TABLE_HEADING = "### What the error messages mean"
# A row's first cell, and a message in backticks in it, with "\|" and "\`" escaped.
FIRST_CELL = re.compile(r"^\| (`(?:[^|\\]|\\.)*)\|")
# (In double backticks when it holds a backtick.)
QUOTED = re.compile(r"``(.+?)``|`((?:[^`\\]|\\.)*)`")
# Where a message is given, after it: not a message.
PLACE = re.compile(r"\b(?:at|in) `[^`]*`")
ANY_FIELD = "<field>: "
VARYING = "…"
# Shorter fixed parts (")", ", ") would be found in any test.
SHORTEST_PART = 4
# Where a formatted value ({…}) stood in an f-string: no part spans it.
FORMATTED = "\0"


def table_section(readme: str) -> str:
    """The README's text from the table's heading to the next heading."""
    _, found, after = readme.partition(TABLE_HEADING)
    assert found, f"README.md has no heading {TABLE_HEADING!r}"
    return after.split("\n### ", 1)[0]


def quoted_messages(section: str) -> list[str]:
    """The messages each row of the table quotes in its first cell, unescaped:
    the first, and the others it gives "(or `…`, `…`)", but not a place
    the message is given at ("(at `pelicanconf.py:<line>`)")."""
    messages = []
    for line in section.splitlines():
        cell = FIRST_CELL.match(line)
        if cell:
            quoted = [doubled or single for doubled, single in QUOTED.findall(PLACE.sub("", cell.group(1)))]
            messages += [message.replace("\\|", "|").replace("\\`", "`") for message in quoted]
    return messages


def fixed_parts(message: str) -> list[str]:
    """The parts of a quoted message that every build gives as they are."""
    parts = message.removeprefix(ANY_FIELD).split(VARYING)
    return [part.strip() for part in parts if len(part.strip()) >= SHORTEST_PART]


def docstrings(tree: ast.Module) -> set[int]:
    """The ids of the docstring nodes of a module, its classes and functions."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def string_literals(path: Path) -> list[str]:
    """The strings written in a test file: plain literals (adjacent ones are
    one literal already), and f-strings with each formatted value as FORMATTED."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped:
            found.append(node.value)
        elif isinstance(node, ast.JoinedStr):
            found.append("".join(part.value if isinstance(part, ast.Constant) else FORMATTED
                                 for part in node.values))
    return found


def strings_of_the_tests() -> str:
    """Every string literal of every test file but this one, one a line."""
    paths = sorted(path for path in (REPO / "tests").glob("*.py") if path.name != Path(__file__).name)
    return "\n".join(literal for path in paths for literal in string_literals(path))


def test_every_message_the_readme_quotes_is_one_a_test_asserts():
    messages = quoted_messages(table_section(README.read_text(encoding="utf-8")))
    assert messages, f"no rows found under {TABLE_HEADING!r} in README.md"
    asserted = strings_of_the_tests()
    not_asserted = {message: missing for message in messages
                    if (missing := [part for part in fixed_parts(message) if part not in asserted])}
    assert not not_asserted, (
        f"{len(not_asserted)} of the {len(messages)} messages in README.md's table are not in any test "
        "(correct the README, or assert the build's exact message in a test):\n"
        + "\n".join(f"  {message}\n    not found: {missing}" for message, missing in not_asserted.items()))
