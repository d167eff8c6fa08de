"""Where a problem with a setting is reported: pelicanconf.py, at its line."""

from __future__ import annotations

import os
import re


# The settings file a build loaded, noted in its settings by sitebuild's
# load_settings: a wrong value is told at the file and line that set it.
LOADED_FROM = "SETTINGS_FILE"


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
    return line_setting(path, name) or 1


def line_setting(path: str, name: str) -> int | None:
    """The line of the settings file at `path` that sets `name`, if one does."""
    try:
        with open(path, encoding="utf-8") as handle:
            return next((number for number, line in enumerate(handle, start=1)
                         if re.match(rf"{re.escape(name)}\s*=", line)), None)
    except OSError:
        return None


def file_setting(settings: dict, name: str) -> str:
    """The settings file that sets `name`, for a message about its value:
    the one the build loaded (LOADED_FROM: publishconf.py, say, which sets
    the production values over pelicanconf.py's) if it sets it there, else
    pelicanconf.py."""
    loaded = settings.get(LOADED_FROM)
    return loaded if loaded and line_setting(loaded, name) else settings_file_of(settings)


def setting_place(settings: dict, name: str) -> tuple[str, int]:
    """(file, line) where `name` is set (file_setting)."""
    settings_file = file_setting(settings, name)
    return settings_file, setting_line(settings_file, name)
