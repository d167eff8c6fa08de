"""Front matter fields kept between builds, by the front matter block's text.

Parsing the YAML of every content file again was about 1.4 ms a file with
PyYAML (1.4 s of every build of a thousand posts, every save in the live
preview). Most builds read the same blocks as the build before, so what
parse_fields made of a block is kept as JSON in a TextMemo: keyed by the
block's text, PyYAML's version and the source of this module and of every
module the fields are read with (PARSER_MODULES, and document.py).

Only what JSON gives back exactly is kept: a block whose values have a key
that is not text, or a value that does not come back equal, is
parsed again at every build. A block that could not be read is never kept:
its problem is reported on every build.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..text_memo import TextMemo, fingerprint
from . import front_matter_errors, front_matter_fields, front_matter_loader, values_not_as_written

# What parse_fields runs: a change to any of them may change what it makes
# of a block (or whether it refuses it). document.py, which imports this
# module, is added by name when a memo is made.
PARSER_MODULES = (front_matter_fields, front_matter_loader, values_not_as_written, front_matter_errors)


class FieldsMemo:
    def __init__(self, cache_path: str | Path):
        made_by = fingerprint((sys.modules[__name__], sys.modules[__package__ + ".document"], *PARSER_MODULES),
                              ("PyYAML",), None)
        self.memo = TextMemo(cache_path, "front-matter", made_by)

    def get(self, yaml_text: str) -> dict | None:
        kept = self.memo.get(yaml_text)
        return None if kept is None else decoded(json.loads(kept))

    def put(self, yaml_text: str, fields: dict) -> None:
        if not text_keys_only(fields["values"]):
            return
        encoded = json.dumps(encoded_fields(fields), ensure_ascii=False)
        if decoded(json.loads(encoded)) == fields:
            self.memo.put(yaml_text, encoded)


def encoded_fields(fields: dict) -> dict:
    """JSON has no tuples and only text keys: pairs are lists, and the
    line tables (keyed by paths) lists of [path, line]."""
    return {
        "values": fields["values"],
        "key_lines": list(fields["key_lines"].items()),
        "duplicate_keys": [list(pair) for pair in fields["duplicate_keys"]],
        "value_lines": [[list(path), line] for path, line in fields["value_lines"].items()],
        "duplicate_paths": [[list(path), line] for path, line in fields["duplicate_paths"]],
    }


def decoded(kept: dict) -> dict:
    return {
        "values": kept["values"],
        "key_lines": {key: line for key, line in kept["key_lines"]},
        "duplicate_keys": [(key, line) for key, line in kept["duplicate_keys"]],
        "value_lines": {tuple(path): line for path, line in kept["value_lines"]},
        "duplicate_paths": [(tuple(path), line) for path, line in kept["duplicate_paths"]],
    }


def text_keys_only(value) -> bool:
    if isinstance(value, dict):
        return all(isinstance(key, str) and text_keys_only(item) for key, item in value.items())
    if isinstance(value, list):
        return all(text_keys_only(item) for item in value)
    return True
