"""How long the live preview takes to show a save: the real site, and N synthetic posts.

    .venv/bin/python -m bench.preview_latency [N ...] [--saves 5]   (default: 0 1000; 0 is content/ as it is)

For each N, starts the live preview (`python -m sitebuild.preview`) on a copy
of the content (with N synthetic posts from bench/synthetic_posts.py added, and a cache of
its own), opens a post in Debian's Chromium, then --saves times changes one
sentence of that post's file and times how long until the open page shows
the new sentence: the watcher noticing the save, the quick step that shows
the saved page (sitebuild/quick_page.py; or the rebuild where it cannot),
the server-sent event and the page's reload, as a volunteer waits for them.
Each save comes while the full build of the one before may still run, as
when a volunteer saves again soon.
Prints the median and the range. Never run as a test.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench.common import PYTHON, ROOT
from bench.sites_under_test import OurSite
from bench.synthetic_posts import generate_posts, read_site_facts
from sitecore.names import slug_of_file
from tests.browser import CHROMIUM, CHROMIUM_ARGS, free_port, wait_for_server


def content_with_posts(count: int, folder: Path) -> Path:
    """A copy of content/ with `count` synthetic posts added."""
    if count == 0:
        shutil.copytree(ROOT / "content", folder / "content")
    else:
        facts = read_site_facts()
        OurSite(folder, generate_posts(count, facts), facts).prepare()
    return folder / "content"


def save_latencies(count: int, saves: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix=f"bench-preview-{count}-"))
    try:
        content = content_with_posts(count, folder)
        posts = sorted((content / "posts").glob("*.md"))
        post = posts[len(posts) // 2]
        original = post.read_text(encoding="utf-8")
        port = free_port()
        preview = subprocess.Popen(
            [PYTHON, "-m", "sitebuild.preview", "--content", str(content), "--output", str(folder / "preview"),
             "--cache", str(folder / "cache"), "--port", str(port)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            wait_for_server(port, preview, "the preview", seconds=900)
            latencies = []
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{port}/news/{slug_of_file(str(post), 'post')}/")
                page.wait_for_function("window.__previewConnected === true")
                for save in range(1, saves + 1):
                    sentence = f"Preview timing sentence number {save}."
                    text = original.replace("\n---\n", f"\n---\n{sentence}\n\n", 1)
                    started = time.perf_counter()
                    post.write_text(text, encoding="utf-8")
                    page.wait_for_function("(s) => document.body && document.body.innerText.includes(s)",
                                           arg=sentence, timeout=600_000, polling=10)
                    latencies.append(time.perf_counter() - started)
                    print(f"  N={count} save {save}/{saves}: {latencies[-1]:.2f} s", flush=True)
                    page.wait_for_function("window.__previewConnected === true")
                browser.close()
            return latencies
        finally:
            preview.terminate()
            preview.wait(timeout=60)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench.preview_latency", description=__doc__.split("\n\n")[0])
    parser.add_argument("counts", type=int, nargs="*", default=[0, 1000],
                        help="numbers of synthetic posts (0: the real content/ only)")
    parser.add_argument("--saves", type=int, default=5, help="how many saves to take the median of")
    arguments = parser.parse_args()
    lines = ["| site | save → page shows (median) | fastest | slowest |", "|---|---:|---:|---:|"]
    for count in arguments.counts:
        latencies = save_latencies(count, arguments.saves)
        label = "content/ (the real site)" if count == 0 else f"content/ + {count} synthetic posts"
        lines.append(f"| {label} | {statistics.median(latencies):.2f} s | {min(latencies):.2f} s "
                     f"| {max(latencies):.2f} s |")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
