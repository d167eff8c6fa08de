"""Results of pure text-to-text work kept between builds, keyed by what made them.

Some steps cost the same on every build although their input rarely
changes: turning a Markdown body into safe HTML (Markdown, the allowlist's
WHATWG parse, nh3) is about 6 ms a post (it was 19 ms with a pure-Python
parser), 6 s for a thousand posts, on every build and every preview save.
A `TextMemo` keeps such results under CACHE_PATH/<name>/, one small file
each, named by a hash of:

- the input text itself;
- a fingerprint of everything else the result depends on: the settings the
  step reads, the versions of the libraries it calls and the source of our
  own modules on its path (`fingerprint`), so an edited allowlist or a new
  library version is never answered from an old result.

The callers keep only results that raised no problem: a step that found a
mistake runs again on every build, so its `path:line` problem is always
reported. A damaged entry counts as none (sitecore/sealed.py).
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib.util
import json
from importlib.metadata import version
from pathlib import Path
from types import ModuleType

from .sealed import FORMAT, read_sealed, write_sealed


def fingerprint(modules: tuple[ModuleType | str, ...], libraries: tuple[str, ...], settings: object) -> bytes:
    """What a step's results depend on besides their input text: the source
    of our modules (these, or these by name, and every one of ours they
    import, directly or not), the libraries' versions and the settings it
    reads (JSON-able)."""
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True, default=repr).encode())
    names = tuple(module if isinstance(module, str) else module.__name__ for module in modules)
    digest.update(code_fingerprint(our_modules_used_by(names), libraries))
    return digest.digest()


# Our own code: the packages in the project's folder (not its .venv).
PROJECT = Path(__file__).resolve().parents[1]
OUR_PACKAGES = ("sitecore", "plugins", "sitebuild")


@functools.lru_cache(maxsize=16)
def our_modules_used_by(names: tuple[str, ...]) -> tuple[str, ...]:
    """The files of these modules and of every module of ours they import,
    directly or through another, wherever the import is written (in a
    function too): a step's results change with any of them (the safe HTML
    with sitecore/regions.py, which heading_ids imports), so a list written
    by hand would serve stale results the day someone forgets one. Found
    from the files themselves, not from what this process happens to have
    imported yet, and sorted: the same code gives the same key."""
    found: dict[str, Path] = {}
    waiting = list(names)
    while waiting:
        name = waiting.pop()
        path = our_module_file(name)
        if path is None or name in found:
            continue
        found[name] = path
        waiting.extend(imported_by(path, name.rpartition(".")[0]))
    return tuple(sorted(str(path) for path in found.values()))


def our_module_file(name: str) -> Path | None:
    """The file of our module `name` ("sitecore.regions"), or None: another
    library's, a name imported from a module rather than a module, or a
    package (its __init__ registers a plugin or is empty: followed, it
    would put every module of the plugin in every key that names it)."""
    parts = name.split(".")
    path = PROJECT.joinpath(*parts).with_suffix(".py")
    return path if parts[0] in OUR_PACKAGES and path.is_file() else None


@functools.lru_cache(maxsize=None)
def imported_by(path: Path, package: str) -> tuple[str, ...]:
    """The modules a module's import statements name (a name imported from
    a package may be a module of it: both are given). Each file is read
    once a process, however many steps' keys it is in."""
    named = []
    for node in ast.walk(ast.parse(path.read_bytes(), str(path))):
        if isinstance(node, ast.Import):
            named.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = importlib.util.resolve_name("." * node.level + base, package)
            named.append(base)
            named.extend(f"{base}.{alias.name}" for alias in node.names)
    return tuple(named)


@functools.lru_cache(maxsize=16)
def code_fingerprint(module_files: tuple[str, ...], libraries: tuple[str, ...]) -> bytes:
    """Once per process: the code a process runs is the code it imported
    (the live preview is restarted to take up changed plugin code)."""
    digest = hashlib.sha256(repr([version(name) for name in libraries]).encode())
    for path in module_files:
        digest.update(hashlib.sha256(Path(path).read_bytes()).digest())
    return digest.digest()


class TextMemo:
    """Results by the text they were made from, for one fingerprint."""

    def __init__(self, cache_path: str | Path, name: str, made_by: bytes):
        self.folder = Path(cache_path, name)
        self.made_by = made_by

    def path(self, text: str) -> Path:
        key = hashlib.sha256(FORMAT + self.made_by + text.encode("utf-8")).hexdigest()
        return self.folder / key[:2] / key[2:]

    def get(self, text: str) -> str | None:
        """The result kept for `text`; None if none is, or it is damaged
        (sitecore/sealed.py): then the caller makes it again."""
        kept = read_sealed(self.path(text))
        return None if kept is None else kept.decode("utf-8")

    def has(self, text: str) -> bool:
        """Is a result kept for `text`? (Only whether its file is there: a
        damaged one is found, and made again, when it is read with get.)"""
        return self.path(text).is_file()

    def put(self, text: str, result: str) -> None:
        write_sealed(self.path(text), result.encode("utf-8"))
