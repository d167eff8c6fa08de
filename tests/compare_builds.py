"""Two builds compared file by file, byte for byte, with a readable account
of what differs."""

from __future__ import annotations

import difflib


def files_of(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def explain(first: dict, second: dict) -> str:
    lines = [f"only in the first build: {name}" for name in sorted(first.keys() - second.keys())]
    lines += [f"only in the second build: {name}" for name in sorted(second.keys() - first.keys())]
    for name in sorted(name for name in first.keys() & second.keys() if first[name] != second[name]):
        lines.append(f"differs: {name}")
        try:
            old, new = first[name].decode("utf-8").splitlines(), second[name].decode("utf-8").splitlines()
        except UnicodeDecodeError:
            continue  # PDFs, images, Pagefind's compressed files: the name says enough
        lines += ["    " + line for line in list(difflib.unified_diff(old, new, lineterm="", n=0))[2:12]]
    return "\n".join(lines)
