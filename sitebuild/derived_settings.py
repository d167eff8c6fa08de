"""Write a settings file that is pelicanconf.py (or publishconf.py) with a few
settings changed.

Benchmarks and tests build the site with one thing different (a plugin off,
a broken stylesheet); this keeps every such file the same shape.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def derived_settings_file(path: Path, changes: dict[str, str], base: Path = ROOT / "pelicanconf.py") -> Path:
    """`changes` maps a setting's name to a Python expression, which may use
    the settings of `base` (e.g. {"PLUGINS": "PLUGINS[:-1]"})."""
    lines = [
        "import runpy",
        f"globals().update({{k: v for k, v in runpy.run_path({str(base)!r}).items() if k.isupper()}})",
        *(f"{name} = {expression}" for name, expression in changes.items()),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
