"""Compiled templates kept between builds: Jinja's bytecode cache.

Pelican compiles every template afresh in each generator of each build
(about 70 compilations, half of a small site's build time). Jinja can keep
the compiled code on disk, checked against each template's source on every
load, so an edited template is compiled again. The code also depends on
the Jinja environment's options (autoescape, trim_blocks, extensions) and on
the versions of Jinja and Python: those key the cache's folder, so a change
to any of them starts a fresh folder rather than reusing code compiled for
other options.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import jinja2
from jinja2 import FileSystemBytecodeCache


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


def with_template_cache(settings: dict) -> dict:
    """`settings` with a bytecode cache under CACHE_PATH for Pelican's
    Jinja environments."""
    environment = {key: value for key, value in settings["JINJA_ENVIRONMENT"].items() if key != "bytecode_cache"}
    fingerprint = hashlib.sha256(
        f"jinja {jinja2.__version__}\0python {sys.version}\0{stable_description(environment)}".encode()
    ).hexdigest()[:16]
    folder = Path(settings["CACHE_PATH"], "templates", fingerprint)
    folder.mkdir(parents=True, exist_ok=True)
    return {**settings, "JINJA_ENVIRONMENT": {**environment, "bytecode_cache": FileSystemBytecodeCache(str(folder))}}
