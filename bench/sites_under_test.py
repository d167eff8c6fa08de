"""The builds the benchmarks time, each in its own folder: ours and plain Pelican, with their peak memory."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from bench.common import PYTHON, ROOT
from bench.synthetic_posts import CONTENT, SETTINGS, Post, SiteFacts

NOW = "2026-11-25T12:00"


@dataclass
class Result:
    seconds: float
    peak_mb: float


def timed_run(command: list[str], log: Path) -> Result:
    """Run `command`; its wall time and the largest resident set of it or any process it waited for."""
    with log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{tail}")
    return Result(seconds, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux


class Site:
    """A build under test, in its own folder: fresh copies of its content each run."""

    label: str

    def __init__(self, folder: Path, posts: list[Post], facts: SiteFacts) -> None:
        self.folder, self.posts, self.facts = folder, posts, facts
        self.content, self.output, self.cache = folder / "content", folder / "output", folder / "cache"
        self.builds = 0

    def prepare(self) -> None:
        """Fresh content (undoing the last run's edits), no output, no cache."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.write_content()

    def clear(self) -> None:
        shutil.rmtree(self.output, ignore_errors=True)
        shutil.rmtree(self.cache, ignore_errors=True)

    def build(self) -> Result:
        self.builds += 1
        return timed_run(self.command(), self.folder / f"build-{self.builds}.log")

    def pages(self) -> int:
        return sum(1 for _ in self.output.rglob("*.html"))

    def edited_post(self) -> Path:
        return self.content / "posts" / f"{self.posts[len(self.posts) // 2].stem}.md"

    def edit_post(self) -> None:
        """Change one sentence of one synthetic post."""
        post = self.posts[len(self.posts) // 2]
        path = self.edited_post()
        text = path.read_text(encoding="utf-8")
        opening = "\n" + post.editable  # the body's first line (the summary repeats it, not at a line start)
        assert opening in text, f"{path}: the sentence to edit is missing"
        path.write_text(text.replace(opening, opening + ", as the branch secretary confirmed", 1), encoding="utf-8")

    def edit_policy(self) -> bool:
        """Reword one commitment of one policy; False where the build has no policies."""
        return False

    def write_content(self) -> None:
        raise NotImplementedError

    def command(self) -> list[str]:
        raise NotImplementedError


class OurSite(Site):
    label = "this project"

    def write_content(self) -> None:
        shutil.copytree(CONTENT, self.content)
        for post in self.posts:
            (self.content / "posts" / f"{post.stem}.md").write_text(post.ours(), encoding="utf-8")

    def command(self) -> list[str]:
        return [PYTHON, "-m", "sitebuild", "--settings", str(SETTINGS), "--content", str(self.content),
                "--output", str(self.output), "--cache", str(self.cache), "--now", NOW]

    def edit_policy(self) -> bool:
        path = sorted((self.content / "policies").glob("*.md"))[1]
        text = path.read_text(encoding="utf-8")
        commitment = re.compile(r'^([ \t]*-[ \t]*")(.+?)\.?("[ \t]*)$', re.MULTILINE)
        start = text.index("commitments:")
        found = commitment.search(text, start)
        assert found, f"no commitment found in {path}"
        reworded = f"{found[1]}{found[2]}, starting in our first year in government.{found[3]}"
        path.write_text(text[:found.start()] + reworded + text[found.end():], encoding="utf-8")
        return True


class PlainSite(Site):
    """Pelican 4.12 as it comes: default theme and reader, no plugins."""

    def __init__(self, folder: Path, posts: list[Post], facts: SiteFacts, reader_cache: bool) -> None:
        super().__init__(folder, posts, facts)
        self.reader_cache = reader_cache
        self.label = "plain Pelican, reader cache" if reader_cache else "plain Pelican"

    def write_content(self) -> None:
        (self.content / "posts").mkdir(parents=True)
        shutil.copytree(CONTENT / "images", self.content / "images")
        for post in self.posts:
            (self.content / "posts" / f"{post.stem}.md").write_text(post.plain(self.facts.categories), encoding="utf-8")
        (self.folder / "settings.py").write_text(
            f"PATH = {str(self.content)!r}\nARTICLE_PATHS = ['posts']\nSTATIC_PATHS = ['images']\n"
            "SITENAME = 'plain'\nSITEURL = ''\nTIMEZONE = 'Europe/London'\nDEFAULT_LANG = 'en'\n"
            "PLUGINS = []\nDEFAULT_PAGINATION = 10\n"
            "FEED_ALL_ATOM = 'feeds/all.atom.xml'\nCATEGORY_FEED_ATOM = 'feeds/{slug}.atom.xml'\n"
            "FEED_DOMAIN = 'https://plain.example'\n"
            # File names are the slugs, as in ours: synthetic titles repeat.
            "SLUGIFY_SOURCE = 'basename'\n"
            f"CACHE_PATH = {str(self.cache)!r}\n"
            f"CACHE_CONTENT = {self.reader_cache}\nLOAD_CONTENT_CACHE = {self.reader_cache}\n",
            encoding="utf-8",
        )

    def command(self) -> list[str]:
        return [PYTHON, "-m", "pelican", str(self.content), "-o", str(self.output),
                "-s", str(self.folder / "settings.py"), "--fatal", "errors"]

    def warnings(self) -> list[str]:
        return [line for log in sorted(self.folder.glob("build-*.log"))
                for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if "WARNING" in line]
