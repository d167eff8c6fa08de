"""Whether a folder may take the built site: a build replaces the whole folder.

A build swaps its finished site in for the output folder (build.py), and
the old folder is deleted. `--output .` replaced the project itself, .git
and all, and reported success; `--output content` deleted the volunteer's
posts; `--output` naming a file, or a folder of someone's own files (through
a symbolic link too), lost them. So the output folder must be new, empty or
a site a build made (it has an index.html: every build writes one, and a
build puts a site in place whole or not at all), and may not be, hold or lie
inside what the build reads (the project's folder, content/, the theme, the
cache, the settings file).
"""

from __future__ import annotations

import os
from pathlib import Path

FIX = "give --output a new or empty folder, or one a build made (the default is output/)"


def why_not_replaced(output_path: Path, settings: dict, settings_file) -> str | None:
    """Why the build may not replace `output_path` (resolved), or None."""
    if output_path.exists() and not output_path.is_dir():
        return "it is a file, not a folder"
    read = {
        "the project's folder": Path(settings_file).resolve().parent,
        "the content folder": Path(settings["PATH"]).resolve(),
        "the theme": Path(settings["THEME"]).resolve(),
        "the cache": Path(settings["CACHE_PATH"]).resolve(),
        "the settings file": Path(settings_file).resolve(),
    }
    for name, path in read.items():
        if path == output_path:
            return f"it is {name}, which the build reads"
        if output_path in path.parents:
            return f"it holds {name} ({path}), which the build reads"
    for name in ("the content folder", "the theme"):
        if read[name] in output_path.parents:
            return f"it is inside {name} ({read[name]}), which the build reads"
    if output_path.is_dir() and any(os.scandir(output_path)) and not (output_path / "index.html").is_file():
        return "it holds files but no site a build made (no index.html), and the build would delete them"
    return None
