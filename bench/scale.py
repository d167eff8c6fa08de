"""How the build scales: N synthetic posts, our build beside plain Pelican.

    .venv/bin/python -m bench.scale [N ...] [--runs 3]      (default: 1000 5000)

For each N, generates N deterministic synthetic posts (about 650 words each:
headings, lists, links to other synthetic posts, some images from
content/images/, about 30% naming policies or councillors) into a copy of
content/, and the same posts in plain Pelican's Markdown metadata format into
a folder of their own. Then, --runs times, interleaved (ours, plain Pelican,
plain Pelican with its reader cache), each from fresh copies:

- cold build: empty output and cache folders;
- rebuild with nothing changed: the same build again;
- rebuild after one post edit: one sentence of one synthetic post changed;
- rebuild after one policy edit: one commitment of one policy reworded
  (ours only: plain Pelican has no policies);

and prints one Markdown table per N: medians of the times, the peak memory
(the largest resident set of the build process or of any process it waited
for, Pagefind included, from wait4(); the largest over all runs) and the
pages (.html files) written. Ratios divide our figure by plain Pelican's
cold build without cache (times) or by plain Pelican's own figure (memory,
pages).

Each measurement is one function taking a `Site` (see MEASUREMENTS), so
another one (e.g. the live preview's save-to-refresh time) is one more
function and one more row. Never run as a test: N = 5000 takes a long time.
The posts are made by bench/synthetic_posts.py, the builds run by
bench/sites_under_test.py.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.sites_under_test import OurSite, PlainSite, Result, Site
from bench.synthetic_posts import SiteFacts, describe_posts, generate_posts, read_site_facts

# --- The measurements: one function each, run in this order on one prepared site ----


def cold(site: Site) -> Result:
    site.clear()
    return site.build()


def nothing_changed(site: Site) -> Result:
    return site.build()


def one_post_edited(site: Site) -> Result:
    site.edit_post()
    return site.build()


def one_policy_edited(site: Site) -> Result | None:
    return site.build() if site.edit_policy() else None


MEASUREMENTS: list[tuple[str, Callable[[Site], Result | None]]] = [
    ("cold build", cold),
    ("rebuild, nothing changed", nothing_changed),
    ("rebuild, one post edited", one_post_edited),
    ("rebuild, one policy edited", one_policy_edited),
]


@dataclass
class Tally:
    seconds: dict[str, list[float]] = field(default_factory=dict)
    peak_mb: float = 0.0
    pages: int = 0


def measure(count: int, runs: int, facts: SiteFacts) -> tuple[list[Site], dict[str, Tally]]:
    posts = generate_posts(count, facts)
    tmp = Path(tempfile.mkdtemp(prefix=f"bench-scale-{count}-"))
    try:
        sites: list[Site] = [OurSite(tmp / "ours", posts, facts),
                             PlainSite(tmp / "plain", posts, facts, reader_cache=False),
                             PlainSite(tmp / "plain-cached", posts, facts, reader_cache=True)]
        tallies = {site.label: Tally() for site in sites}
        for run in range(runs):
            for site in sites:  # interleaved: every run builds each site in turn
                site.prepare()
                tally = tallies[site.label]
                for row, measurement in MEASUREMENTS:
                    result = measurement(site)
                    if result is None:
                        continue
                    tally.seconds.setdefault(row, []).append(result.seconds)
                    tally.peak_mb = max(tally.peak_mb, result.peak_mb)
                    if measurement is cold:
                        tally.pages = site.pages()
                    print(f"  N={count} run {run + 1}/{runs} {site.label}: {row} {result.seconds:.2f} s, "
                          f"{result.peak_mb:.0f} MB", flush=True)
        warnings = [line for site in sites if isinstance(site, PlainSite) for line in site.warnings()]
        if warnings:
            print(f"  plain Pelican logged {len(warnings)} warnings, e.g. {warnings[0].strip()}")
        return sites, tallies
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def table(count: int, runs: int, sites: list[Site], tallies: dict[str, Tally]) -> str:
    ours, plain = tallies[sites[0].label], tallies[sites[1].label]
    reference = statistics.median(plain.seconds["cold build"])
    labels = [site.label for site in sites]
    lines = [f"### N = {count} (median of {runs})", "",
             f"| | {' | '.join(labels)} | ratio |", "|---|" + "---:|" * (len(labels) + 1)]
    for row, _ in MEASUREMENTS:
        cells = [f"{statistics.median(tallies[label].seconds[row]):.2f} s" if row in tallies[label].seconds
                 else "n/a" for label in labels]
        ratio = statistics.median(ours.seconds[row]) / reference
        lines.append(f"| {row} | {' | '.join(cells)} | {ratio:.1f}× |")
    lines.append(f"| peak memory | {' | '.join(f'{tallies[label].peak_mb:.0f} MB' for label in labels)} "
                 f"| {ours.peak_mb / plain.peak_mb:.1f}× |")
    lines.append(f"| pages (.html) | {' | '.join(str(tallies[label].pages) for label in labels)} "
                 f"| {ours.pages / plain.pages:.1f}× |")
    lines += ["", "Ratio: this project ÷ plain Pelican's cold build without cache (times); "
                  "this project ÷ plain Pelican (memory, pages)."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench.scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("counts", type=int, nargs="*", default=[1000, 5000], help="numbers of synthetic posts")
    parser.add_argument("--runs", type=int, default=3, help="how many runs to take the median of")
    args = parser.parse_args()
    facts = read_site_facts()
    tables = []
    for count in args.counts:
        print(describe_posts(count, facts), flush=True)
        sites, tallies = measure(count, args.runs, facts)
        tables.append(table(count, args.runs, sites, tallies))
    print()
    print("\n\n".join(tables))


if __name__ == "__main__":
    main()
