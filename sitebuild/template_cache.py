"""Compiled templates kept between builds: Jinja's bytecode cache.

Pelican compiles every template afresh in each generator of each build
(about 70 compilations, half of a small site's build time). Jinja can keep
the compiled code on disk, checked against each template's source on every
load, so an edited template is compiled again. The code also depends on
the Jinja environment's options (autoescape, trim_blocks, extensions) and on
the versions of Jinja and Python: those key the cache's folder, so a change
to any of them starts a fresh folder rather than reusing code compiled for
other options.

Within one process the compiled code is also kept in memory
(`KeptBytecodeCache`): a build makes a Jinja environment per generator (14),
each of which loaded base.html and its partials again from the disk, and the
live preview and the tests build many times in one process. The code is
kept under the same key as on disk (the environment's fingerprint, the
template's name and file, the checksum of its source), so an edited
template is compiled again just the same.

Pelican's environments are made afresh for every build, so they need not
check a template file's modification time each time a page includes it
(`auto_reload`: 13,500 `stat` calls in a build of 1000 posts); the bytecode
cache checks each template's source when an environment first loads it.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from types import CodeType

import jinja2
from jinja2 import FileSystemBytecodeCache
from jinja2.bccache import Bucket

# (environment fingerprint, bucket key, source checksum) -> compiled code,
# for the life of the process.
_compiled: dict[tuple[str, str, str], CodeType] = {}


def stable_description(value) -> str:
    """`value` described the same way in every process: a function by its
    name and the values it closes over (select_autoescape returns one), not
    by its address in memory; a set in sorted order."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key!r}: {stable_description(item)}" for key, item in sorted(value.items())) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(stable_description(item) for item in value) + "]"
    if isinstance(value, (set, frozenset)):  # iterated in an order that differs between processes
        return "{" + ", ".join(sorted(stable_description(item) for item in value)) + "}"
    if callable(value):
        closed_over = [cell.cell_contents for cell in getattr(value, "__closure__", None) or ()]
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}" \
               f"({stable_description(closed_over)})"
    return repr(value)


class KeptBytecodeCache(FileSystemBytecodeCache):
    """Jinja's bytecode cache on disk, with what it loaded or compiled kept
    in memory too (see the module's docstring)."""

    def __init__(self, folder: Path, fingerprint: str) -> None:
        super().__init__(str(folder))
        self.fingerprint = fingerprint

    def _memo_key(self, bucket: Bucket) -> tuple[str, str, str]:
        return self.fingerprint, bucket.key, bucket.checksum

    def load_bytecode(self, bucket: Bucket) -> None:
        code = _compiled.get(self._memo_key(bucket))
        if code is None:
            super().load_bytecode(bucket)  # checks the file's checksum against the source's
            if bucket.code is not None:
                _compiled[self._memo_key(bucket)] = bucket.code
            return
        bucket.code = code
        # Another build's cache folder may lack it: keep every folder complete.
        if not os.path.exists(self._get_cache_filename(bucket)):
            super().dump_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        _compiled[self._memo_key(bucket)] = bucket.code
        super().dump_bytecode(bucket)


def with_template_cache(settings: dict) -> dict:
    """`settings` with a bytecode cache under CACHE_PATH for Pelican's
    Jinja environments, which do not check their templates' times again
    (they live for one build)."""
    environment = {key: value for key, value in settings["JINJA_ENVIRONMENT"].items() if key != "bytecode_cache"}
    environment["auto_reload"] = False
    fingerprint = hashlib.sha256(
        f"jinja {jinja2.__version__}\0python {sys.version}\0{stable_description(environment)}".encode()
    ).hexdigest()[:16]
    folder = Path(settings["CACHE_PATH"], "templates", fingerprint)
    folder.mkdir(parents=True, exist_ok=True)
    return {**settings, "JINJA_ENVIRONMENT": {**environment, "bytecode_cache": KeptBytecodeCache(folder, fingerprint)}}
