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

import functools
import hashlib
import json
from importlib.metadata import version
from pathlib import Path
from types import ModuleType

from .sealed import FORMAT, read_sealed, write_sealed


def fingerprint(modules: tuple[ModuleType, ...], libraries: tuple[str, ...], settings: object) -> bytes:
    """What a step's results depend on besides their input text: our modules'
    source, the libraries' versions and the settings it reads (JSON-able)."""
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True, default=repr).encode())
    digest.update(code_fingerprint(tuple(module.__file__ for module in modules), libraries))
    return digest.digest()


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
