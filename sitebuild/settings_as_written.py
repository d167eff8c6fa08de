"""The settings a settings file writes as plain values, read without running it.

The review reads the branch a pull request goes into with that branch's own
settings where they matter (its imprint, the patterns that make its
addresses), but it cannot run that branch's pelicanconf.py: the file imports
the pull request's modules (sitecore …), which may have moved since. So the
file is parsed and each wanted setting's last top-level assignment is taken
when it is a literal (a string, a number, None, a dict or list of them);
one it sets in another way (an expression, an import, inside an `if`) is
named, so the caller can say what it could not compare.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path


@dataclass
class WrittenSettings:
    values: dict[str, object] = field(default_factory=dict)  # set as plain literals, as the file sets them last
    otherwise: dict[str, str] = field(default_factory=dict)  # set in another way: name -> the code that sets it


def literal_settings_written_in(settings_file: Path, wanted: tuple[str, ...]) -> WrittenSettings:
    """The settings whose names match one of `wanted` (names or patterns
    such as "*_URL") as the file writes them. A file that is not there, or
    is not Python, writes none."""
    try:
        tree = ast.parse(settings_file.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return WrittenSettings()
    written = WrittenSettings()
    for statement in tree.body:  # in order: the last assignment of a name is the one that counts
        for name, value in assignments(statement):
            if any(fnmatchcase(name, pattern) for pattern in wanted):
                record(written, name, value, statement)
    return written


def assignments(statement: ast.stmt) -> list[tuple[str, ast.expr | None]]:
    """(name, the expression it is given) for each name `statement` binds;
    the expression is None where the statement binds it in another way (an
    import, a loop, an `if`, `+=`)."""
    if isinstance(statement, ast.Assign) and all(isinstance(target, ast.Name) for target in statement.targets):
        return [(target.id, statement.value) for target in statement.targets]
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) and statement.value:
        return [(statement.target.id, statement.value)]
    nodes = list(in_module_scope(statement))
    bound = {node.id for node in nodes if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)}
    bound |= {(alias.asname or alias.name).split(".")[0] for node in nodes
              if isinstance(node, (ast.Import, ast.ImportFrom)) for alias in node.names}
    bound |= {node.name for node in nodes if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
    # `global NAME` in a function: a call of it may set the module's NAME.
    bound |= {name for node in nodes if isinstance(node, NEW_SCOPES)
              for inner in ast.walk(node) if isinstance(inner, ast.Global) for name in inner.names}
    return [(name, None) for name in sorted(bound)]


# What a name bound inside belongs to, not the module: a function's or a
# class's body, a lambda, a comprehension.
NEW_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda,
              ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def in_module_scope(node: ast.AST):
    """`node` and the nodes in it whose names are the module's: a local
    variable of a function named like a setting does not set it."""
    yield node
    if not isinstance(node, NEW_SCOPES):
        for child in ast.iter_child_nodes(node):
            yield from in_module_scope(child)


# A value no literal can have (None is one), for a setting written in another way.
NOT_A_LITERAL = object()


def record(written: WrittenSettings, name: str, value: ast.expr | None, statement: ast.stmt) -> None:
    """`name` as `statement` sets it, in place of what came before."""
    written.values.pop(name, None)
    written.otherwise.pop(name, None)
    literal = literal_of(value)
    if literal is NOT_A_LITERAL:
        written.otherwise[name] = ast.unparse(statement)
    else:
        written.values[name] = literal


def literal_of(value: ast.expr | None) -> object:
    if value is None:
        return NOT_A_LITERAL
    try:
        return ast.literal_eval(value)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return NOT_A_LITERAL
