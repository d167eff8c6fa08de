"""A damaged cache never changes the result (sitecore/sealed.py).

A cache entry cut short by a crash or a full disk, emptied, or filled with
other bytes (a CI cache restored badly, a hand that meant well) was trusted:
a post's safe HTML cut mid-word or the minifesto's closing call missing
from its PDF, with the build passing; a front matter entry failing every
build while blaming a content file that was fine; a kept search index
published broken. Here every entry of those caches is damaged at once (
emptied, cut short or overwritten, taking turns), and a build with them must
write what a cold build writes, byte for byte, and mend the entries.
"""

from __future__ import annotations

import shutil

import pytest
from compare_builds import explain, files_of
from conftest import build_in

from sitecore.sealed import read_sealed

NOW = ("--now", "2026-11-27 12:00")
# The caches whose entries are served as they are kept: text memos (each a
# file), the minifesto's renders, and the search index's kept folders.
MEMOS = ("safe-html", "front-matter", "allowlist-passed", "text-checks-passed")
DAMAGES = {
    "emptied": lambda data: b"",
    "cut short": lambda data: data[: len(data) // 2],
    "other bytes": lambda data: bytes(range(256)) * 2,
}


@pytest.fixture(scope="module")
def cold(tmp_path_factory):
    """A build from an empty cache, and that cache as it left it."""
    root = tmp_path_factory.mktemp("cold")
    built = build_in(root, cache=root / "cache", options=NOW)
    assert built.returncode == 0, built.stderr
    return built, root / "cache"


def damaged_files(cache) -> list:
    files = [path for name in MEMOS for path in (cache / name).rglob("*") if path.is_file()]
    files += list((cache / "minifesto").glob("*.pdf"))
    files += [path for path in (cache / "search").rglob("*") if path.is_file()]
    return files


def test_a_build_with_a_damaged_cache_writes_what_a_cold_build_writes(cold, tmp_path):
    """Every entry damaged, the three ways taking turns within each cache
    (one build for all: a build is most of the test's time)."""
    reference, cold_cache = cold
    cache = tmp_path / "cache"
    shutil.copytree(cold_cache, cache)
    damaged = damaged_files(cache)
    by_cache = {}
    for path in damaged:
        by_cache.setdefault(path.relative_to(cache).parts[0], []).append(path)
    assert set(by_cache) == {*MEMOS, "minifesto", "search"}
    ways = list(DAMAGES.values())
    for paths in by_cache.values():
        for number, path in enumerate(sorted(paths)):
            path.write_bytes(ways[number % len(ways)](path.read_bytes()))

    warm = build_in(tmp_path, content=reference.content, output=tmp_path / "output", cache=cache, options=NOW)
    assert warm.returncode == 0, warm.stderr
    assert "Traceback" not in warm.stderr
    first, second = files_of(reference.output), files_of(warm.output)
    assert first == second, "the build with a damaged cache differs:\n" + explain(first, second)
    # Mended: the next build finds good entries (the memos, the PDFs) or
    # none (a damaged search index is removed, and this build's kept).
    assert all(read_sealed(path) is not None for path in damaged if path.relative_to(cache).parts[0] != "search")
    assert "index reused" not in warm.stderr
