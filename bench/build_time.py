"""Print the build time of the real site (median of 5) beside a plain Pelican
build of the same posts and pages in the same run, and the pages built.
Ours is a full build with warm caches (the output folder is removed before
each run, so the site is never simply kept); a rebuild with nothing changed,
which keeps the site (sitebuild/unchanged.py), is timed on its own line.

    .venv/bin/python -m bench.build_time [--runs 5]
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from bench.common import PYTHON, ROOT, median_seconds, runs_from_arguments


def plain_pelican_settings(folder: Path) -> Path:
    """Pelican's defaults with its own theme and reader: the baseline."""
    settings = folder / "plain.py"
    settings.write_text(
        f"PATH = {str(ROOT / 'content')!r}\nARTICLE_PATHS = ['posts']\nPAGE_PATHS = ['pages']\n"
        "SITENAME = 'plain'\nTIMEZONE = 'Europe/London'\nCACHE_CONTENT = False\nLOAD_CONTENT_CACHE = False\n"
    )
    return settings


def main() -> None:
    runs = runs_from_arguments()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        build = [PYTHON, "-m", "sitebuild", "--output", str(tmp / "ours")]
        ours = median_seconds(build, runs, before=lambda: shutil.rmtree(tmp / "ours", ignore_errors=True))
        kept = median_seconds(build, runs)
        pages = sum(1 for _ in (tmp / "ours").rglob("*.html"))
        plain = median_seconds(
            [PYTHON, "-m", "pelican", "-s", str(plain_pelican_settings(tmp)), "-o", str(tmp / "plain"), "-q"], runs
        )
        plain_pages = sum(1 for _ in (tmp / "plain").rglob("*.html"))
    print(f"our build    : {ours:.2f} s median of {runs}, {pages} HTML pages")
    print(f"plain Pelican: {plain:.2f} s median of {runs}, {plain_pages} HTML pages (same posts and pages, default theme)")
    print(f"difference   : {ours - plain:+.2f} s")
    print(f"our rebuild with nothing changed (site kept): {kept:.2f} s median of {runs}")


if __name__ == "__main__":
    main()
