"""One safe build: read settings, run Pelican into a staging folder, swap.

The site is written into a fresh staging folder next to `output/`. Only when
Pelican and every later step succeeded does the staging folder replace
`output/`; after any failure the last good site is left exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

from .errorlog import ErrorCollector


class BuildFailed(Exception):
    """The build did not produce a site; `lines` say why, for a person."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass
class BuildResult:
    output_path: Path
    pages: int


def load_settings(settings_file: str | os.PathLike, overrides: dict | None = None) -> dict:
    return read_settings(str(settings_file), override=dict(overrides or {}))


def run_pelican(settings: dict) -> None:
    """Run Pelican once with `settings`; raise BuildFailed on any problem."""
    # Imported here: the plugins folder is on sys.path only once the
    # settings file has been read.
    from frontmatter.problems import ContentChecked, ContentProblems

    with ErrorCollector() as errors:
        try:
            Pelican(settings).run()
        except ContentProblems as problems:
            raise BuildFailed(str(problems).splitlines()) from None
        except ContentChecked:
            pass
    if errors.messages:
        raise BuildFailed(
            [f"The build logged {len(errors.messages)} error(s):", *(f"  {m}" for m in errors.messages)]
        )


def count_pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


def build_site(settings_file, output_path, overrides: dict | None = None) -> BuildResult:
    """Build into a staging folder beside `output_path`, then swap it in."""
    output_path = Path(output_path).resolve()
    output_path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output_path.name}.staging-", dir=output_path.parent))
    try:
        settings = load_settings(settings_file, {**(overrides or {}), "OUTPUT_PATH": str(staging)})
        run_pelican(settings)
        pages = count_pages(staging)
        swap_into_place(staging, output_path)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BuildResult(output_path=output_path, pages=pages)


def check_content(settings_file, overrides: dict | None = None) -> int:
    """Read and check every content file, write nothing; return how many
    files were read. Raises BuildFailed listing every problem."""
    with tempfile.TemporaryDirectory(prefix="content-check-") as nowhere:
        settings = load_settings(
            settings_file, {**(overrides or {}), "OUTPUT_PATH": nowhere, "CONTENT_CHECK_ONLY": True}
        )
        run_pelican(settings)
    return sum(1 for _ in Path(settings["PATH"]).rglob("*.md"))


def swap_into_place(staging: Path, output_path: Path) -> None:
    """Replace output_path by staging with two renames (same file system)."""
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must read it
    previous = None
    if output_path.exists():
        previous = output_path.with_name(f".{output_path.name}.previous-{os.getpid()}")
        output_path.rename(previous)
    staging.rename(output_path)
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)
