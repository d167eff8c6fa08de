"""Writing files into the output folder.

Every plugin that writes a file (not a Jinja page, which Pelican's writer
handles) writes it here: atomically, so a stopped build or two builds at
once never leave half a file, and never outside the output folder.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(target: Path, data: bytes) -> None:
    """Write `data` to `target` via a temporary file and a rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:  # Ctrl+C included: no temporary file is left behind
        with contextlib.suppress(FileNotFoundError):  # already renamed into place
            os.unlink(temporary)
        raise


def output_path(output: str | Path, save_as: str) -> Path:
    """Where `save_as` (site-relative) goes under `output`; never outside it."""
    root = Path(output).resolve()
    target = (root / save_as).resolve()
    if root not in target.parents:
        raise ValueError(f"{save_as} would be written outside the site")
    return target


def write_output(output: str | Path, save_as: str, data: str | bytes) -> Path:
    """Write one file of the site (text as UTF-8) and return its path."""
    target = output_path(output, save_as)
    write_atomically(target, data.encode("utf-8") if isinstance(data, str) else data)
    return target
