"""Print the minifesto PDF's render time (median of 5), its size, and the
full build time with and without the minifesto plugin, in one run.

    .venv/bin/python -m bench.minifesto [--runs 5]

Every build here starts with an empty PDF cache, so the PDFs are really
rendered; the render time is the one the plugin logs for the standard PDF.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench.common import PYTHON, ROOT, runs_from_arguments
from sitebuild.derived_settings import derived_settings_file

RENDERED = re.compile(r"Minifesto (\S+) PDF: rendered \((\d+) KB in ([\d.]+) s\)")


def cold_build(tmp: Path, run: int, settings: Path) -> tuple[float, str]:
    """One build with an empty cache: (wall seconds, log)."""
    started = time.perf_counter()
    completed = subprocess.run(
        [PYTHON, "-m", "sitebuild", "--settings", str(settings), "--output", str(tmp / f"out-{settings.stem}-{run}"),
         "--cache", str(tmp / f"cache-{settings.stem}-{run}")],
        cwd=ROOT, check=True, capture_output=True, text=True,
    )
    return time.perf_counter() - started, completed.stdout + completed.stderr


def settings_without_minifesto(tmp: Path) -> Path:
    return derived_settings_file(
        tmp / "without_minifesto.py", {"PLUGINS": "[name for name in PLUGINS if name != 'minifesto']"}
    )


def main() -> None:
    runs = runs_from_arguments()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        with_plugin, render_times = [], {"standard": [], "large-print": []}
        for run in range(runs):
            seconds, log = cold_build(tmp, run, ROOT / "pelicanconf.py")
            with_plugin.append(seconds)
            for kind, _, render in RENDERED.findall(log):
                render_times[kind].append(float(render))
        without = [cold_build(tmp, run, settings_without_minifesto(tmp))[0] for run in range(runs)]
        sizes = {name: (tmp / "out-pelicanconf-0" / name).stat().st_size
                 for name in ("minifesto.pdf", "minifesto-large-print.pdf", "minifesto.txt", "policies.json")}
    median = statistics.median
    print(f"PDF render time     : {median(render_times['standard']):.2f} s standard, "
          f"{median(render_times['large-print']):.2f} s large print (median of {runs}; target ≤ 2 s)")
    print(f"standard PDF size   : {sizes['minifesto.pdf'] / 1024:.0f} KB (target ≤ 250 KB)")
    print(f"other formats       : large-print PDF {sizes['minifesto-large-print.pdf'] / 1024:.0f} KB, "
          f"text {sizes['minifesto.txt'] / 1024:.0f} KB, policies.json {sizes['policies.json'] / 1024:.0f} KB")
    print(f"full build, with    : {median(with_plugin):.2f} s (median of {runs}, cold PDF cache)")
    print(f"full build, without : {median(without):.2f} s (median of {runs}, minifesto plugin off)")


if __name__ == "__main__":
    main()
