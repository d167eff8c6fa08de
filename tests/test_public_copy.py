"""`python -m sitebuild.public_copy OUTPUT INTO` replaces INTO with the
site as the web serves it: it refuses any INTO whose replacing would take
the site, or anything else, with it (sitebuild/public_copy.py)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import REPO


@pytest.fixture
def built(site, tmp_path):
    """A copy of a built site, in a folder with something else beside it."""
    output = tmp_path / "output"
    shutil.copytree(site.output, output)
    (tmp_path / "notes.txt").write_text("a volunteer's notes")
    return output


def public_copy(output, into, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sitebuild.public_copy", "--settings", str(REPO / "pelicanconf.py"),
                           str(output), str(into)], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_the_copy_is_the_site_without_the_servers_snippets_and_replaces_an_earlier_copy(built, tmp_path):
    into = tmp_path / "_site"
    for _ in range(2):  # the second replaces the first
        done = public_copy(built, into, tmp_path)
        assert done.returncode == 0, done.stderr
    files = {path.relative_to(into).as_posix() for path in into.rglob("*") if path.is_file()}
    site_files = {path.relative_to(built).as_posix() for path in built.rglob("*") if path.is_file()}
    assert files == {name for name in site_files if not name.startswith("_server/")}
    assert ".well-known/security.txt" in files


@pytest.mark.parametrize("into, why", [
    (".", "is output/ itself, inside it or around it"),          # around it: the folder holding the site
    ("output", "is output/ itself, inside it or around it"),
    ("output/copy", "is output/ itself, inside it or around it"),
    ("notes.txt", "is not a folder"),
    ("papers", "holds files and no site (no index.html)"),
])
def test_an_into_whose_replacing_would_take_something_else_is_refused(built, tmp_path, into, why):
    (tmp_path / "papers").mkdir()
    (tmp_path / "papers/minutes.md").write_text("the last meeting's minutes")
    before = sorted(path.relative_to(tmp_path) for path in tmp_path.rglob("*"))
    refused = public_copy("output", into, tmp_path)
    assert refused.returncode == 1
    assert refused.stderr.startswith(f"Not copied: {into} {why}") or refused.stderr.startswith(
        f"Not copied: {into}/ {why}"), refused.stderr
    assert sorted(path.relative_to(tmp_path) for path in tmp_path.rglob("*")) == before
