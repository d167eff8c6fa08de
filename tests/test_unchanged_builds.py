"""A build that changes nothing keeps the site in place (sitebuild/unchanged.py),
and only then: the kept site is byte for byte a cold build of the same
input at the same moment; any edit, a moment past an embargo, the next day,
or an output folder changed by hand gives a full build."""

from __future__ import annotations

import os
import shutil
import textwrap
import time

import pytest
from compare_builds import explain, files_of
from conftest import REPO, build_in
from test_determinism import EDITS

from sitebuild.unchanged import packages

KEPT = "Nothing changed since the last build"
EMBARGOED = {"posts/embargoed.md": """\
    ---
    title: Walrus embargoed release
    date: 2022-06-01 15:00
    embargo: 2022-06-01 15:00
    category: press-releases
    summary: Out at three.
    ---
    Walrus text.
    """}


def kept(built) -> bool:
    return KEPT in built.stdout


def stamps(folder) -> dict:
    return {path: path.stat().st_mtime_ns for path in folder.rglob("*")}


def test_a_build_with_nothing_changed_keeps_the_site_a_cold_build_would_write(build, tmp_path, cold_cache):
    first = build("2022-06-01 12:00")
    assert not kept(first)
    before = stamps(first.output)
    again = build("2022-06-01 12:30")
    assert kept(again), again.stdout
    assert stamps(again.output) == before  # not a file written
    # The same content folder (the editor's configuration names it).
    cold = build_in(tmp_path, content=tmp_path / "content", output=tmp_path / "cold/output",
                    cache=cold_cache(tmp_path / "cold/cache"), options=("--now", "2022-06-01 12:30"))
    assert cold.returncode == 0, cold.stderr
    mine, theirs = files_of(again.output), files_of(cold.output)
    assert mine == theirs, "the kept site is not what a cold build writes:\n" + explain(theirs, mine)


@pytest.mark.parametrize("edited", list(EDITS))
def test_every_kind_of_edit_builds_in_full(build, edited):
    edit, changed_file = EDITS[edited]
    before = build("2022-06-01 12:00")
    old = (before.output / changed_file).read_bytes()
    after = build("2022-06-01 12:00", **edit)
    assert not kept(after), f"the {edited} edit was not noticed"
    assert (after.output / changed_file).read_bytes() != old


def test_the_site_is_built_again_when_an_embargo_lifts(build, tmp_path):
    page = tmp_path / "output/news/embargoed/index.html"
    build("2022-06-01 12:00", EMBARGOED)
    assert not page.exists()
    assert kept(build("2022-06-01 14:59", EMBARGOED))
    lifted = build("2022-06-01 15:00", EMBARGOED)
    assert not kept(lifted) and page.exists()
    # A build asked for a moment before the lift again hides the post again.
    earlier = build("2022-06-01 14:00", EMBARGOED)
    assert not kept(earlier) and not page.exists()


def test_the_site_is_built_again_the_next_day(build):
    """The accessibility statement shows the build's date, security.txt
    expires a year from it: both change at UK midnight (23:00 UTC in June)."""
    build("2022-06-01 23:59")
    next_day = build("2022-06-01T23:00:00+00:00")
    assert not kept(next_day)
    assert "Expires: 2023-06-02T00:00:00+01:00" in (next_day.output / ".well-known/security.txt").read_text()


@pytest.mark.parametrize("damage", ["deleted", "edited"])
def test_an_output_folder_changed_by_hand_is_built_again(build, damage):
    first = build("2022-06-01 12:00")
    page = first.output / "news/hello/index.html"
    good = page.read_bytes()
    if damage == "deleted":
        page.unlink()
    else:
        page.write_bytes(good.replace(b"Hello from the party", b"Defaced"))
    again = build("2022-06-01 12:00")
    assert not kept(again)
    assert page.read_bytes() == good


def test_after_a_failed_build_the_good_content_again_keeps_the_site(build, tmp_path, factory_cache):
    first = build("2022-06-01 12:00")
    before = stamps(first.output)
    broken = build_in(tmp_path, {"posts/hello.md": textwrap.dedent("""\
        ---
        title: Hello from the party
        date: not a date
        ---
        Text.
        """)}, output=tmp_path / "output", cache=factory_cache, options=("--now", "2022-06-01 12:00"))
    assert broken.returncode == 1 and KEPT not in broken.stdout
    assert stamps(first.output) == before
    assert kept(build("2022-06-01 12:05"))


def test_the_editors_packages_installed_again_keep_the_site_and_a_new_version_does_not(build, tmp_path):
    """CI runs `npm ci` before every hourly build: the editor's packages come
    back with the same bytes and new file times, and the build must still
    see that nothing changed. A package of another version (a file of
    another size) is a change. Copies of the packages stand in for the
    installed ones; each build here is in this process, so the packages'
    fingerprint, kept for a process's life, is forgotten between them as a
    new process would."""
    folders = {"CMS_SVELTIA_PACKAGE": REPO / "node_modules/@sveltia/cms",
               "CMS_YAML_BROWSER_DIST": REPO / "node_modules/yaml/browser/dist"}
    copies = {setting: tmp_path / "node_modules" / setting for setting in folders}
    for setting, folder in folders.items():
        shutil.copytree(folder, copies[setting])
    settings = {setting: repr(str(copy)) for setting, copy in copies.items()}
    first = build("2022-06-01 12:00", settings=settings)
    assert first.returncode == 0, first.stderr
    later = time.time() + 3600
    for path in (tmp_path / "node_modules").rglob("*"):
        os.utime(path, (later, later))
    packages.cache_clear()
    again = build("2022-06-01 12:30", settings=settings)
    assert kept(again), again.stdout
    chunk = copies["CMS_SVELTIA_PACKAGE"] / "dist/chunks/react-dom.js"
    chunk.write_bytes(chunk.read_bytes() + b"\n// another version\n")
    packages.cache_clear()
    updated = build("2022-06-01 12:30", settings=settings)
    assert not kept(updated), updated.stdout
    assert (updated.output / "admin/chunks/react-dom.js").read_bytes() == chunk.read_bytes()
