"""Where a problem with a setting is reported: pelicanconf.py, at its line."""

from __future__ import annotations

import os
import re


def settings_file_of(settings: dict) -> str:
    """pelicanconf.py beside content/ (publishconf.py and the tests' settings
    files take their settings from it)."""
    return os.path.join(os.path.dirname(os.path.abspath(settings["PATH"])), "pelicanconf.py")


def line_holding(path: str, text: str) -> int:
    """The first line of the file at `path` that holds `text` (1 if none does)."""
    try:
        with open(path, encoding="utf-8") as handle:
            return next((number for number, line in enumerate(handle, start=1) if text in line), 1)
    except OSError:
        return 1


def setting_line(path: str, name: str) -> int:
    """The line of the settings file at `path` that sets `name` (1 if none does)."""
    try:
        with open(path, encoding="utf-8") as handle:
            return next((number for number, line in enumerate(handle, start=1)
                         if re.match(rf"{re.escape(name)}\s*=", line)), 1)
    except OSError:
        return 1
