"""A failed build, at any stage, leaves the last good site byte for byte."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import MINIMAL_SITE, REPO, Build, build_in, derived_settings, run_build, write_content

from sitebuild import build as build_module


def snapshot(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def good_output(tmp_path_factory, factory_cache):
    """MINIMAL_SITE, built once for the module."""
    build = build_in(tmp_path_factory.mktemp("good"), cache=factory_cache)
    assert build.returncode == 0, build.stderr
    return build.output


@pytest.fixture
def good_site(tmp_path, good_output):
    """This test's own copy of the last good site, in tmp_path/output, and its content."""
    write_content(tmp_path / "content", MINIMAL_SITE)
    shutil.copytree(good_output, tmp_path / "output")
    build = Build(0, "", "", tmp_path / "output", tmp_path / "content")
    return build, snapshot(build.output)


def rebuild_with(tmp_path, changes: dict, files: dict | None = None, templates: dict | None = None,
                 new_process: bool = False, cache: Path | None = None):
    return build_in(tmp_path, files, settings=changes, templates=templates, cache=cache or tmp_path / "cache",
                    new_process=new_process)


def test_a_content_error_leaves_the_last_good_site(tmp_path, good_site):
    build, before = good_site
    failed = rebuild_with(tmp_path, {}, {"posts/hello.md": "no front matter\n"})
    assert failed.returncode == 1
    assert snapshot(build.output) == before


def test_a_template_error_leaves_the_last_good_site(tmp_path, good_site):
    build, before = good_site
    # In a process of its own: a broken template ends `python -m sitebuild` with
    # status 2 and one line, never a traceback.
    failed = rebuild_with(tmp_path, {}, templates={
        "article.html": "{% extends 'base.html' %}{% block content %}{% if %}{% endblock %}"}, new_process=True)
    assert failed.returncode == 2
    assert "Build failed: TemplateSyntaxError" in failed.stderr and "Traceback" not in failed.stderr
    assert snapshot(build.output) == before


def test_a_pdf_error_leaves_the_last_good_site(tmp_path, good_site):
    build, before = good_site
    not_a_font = tmp_path / "broken.woff"
    not_a_font.write_bytes(b"not a font")
    # The bold italic: only the PDF uses it (the share cards would report a
    # broken upright font first, before any PDF is rendered).
    failed = rebuild_with(tmp_path, {"MINIFESTO_FONT_FILES": f"{{**MINIFESTO_FONT_FILES, (700, 'italic'): {str(not_a_font)!r}}}"})
    assert failed.returncode == 1
    assert "(PDF): WeasyPrint could not render" in failed.stderr
    assert snapshot(build.output) == before


def test_a_search_index_that_cannot_be_made_fails_the_build_and_leaves_the_last_good_site(
        tmp_path, good_site, monkeypatch, cold_cache):
    """Pagefind starts when the pages are about to be written
    (plugins/search/feed.py): if it cannot (here: an installation that lost
    its binary), the build says so and fails, with no traceback."""
    import pagefind.service

    build, before = good_site
    monkeypatch.setattr(pagefind.service, "get_executable", lambda: None)
    failed = rebuild_with(tmp_path, {}, {"posts/hello.md": MINIMAL_SITE["posts/hello.md"] + "\nMore words.\n"},
                          cache=cold_cache(tmp_path / "cache"))
    assert failed.returncode == 1
    assert ("Search index could not be built: PagefindError: the Pagefind binary was not found "
            "(is pagefind[bin] installed?)") in failed.stderr
    assert "Traceback" not in failed.stderr
    assert snapshot(build.output) == before


def test_an_output_folder_that_is_a_mount_point_is_refused_at_once_in_plain_words(tmp_path):
    """A Docker volume mounted at output/, say: the finished site is put in
    place by a rename, which a mounted folder refuses, so the build says so
    before it starts (not as an OSError after the whole build)."""
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("the last good site")
    mounted = subprocess.run(["mount", "--bind", str(output), str(output)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount here: {mounted.stderr.strip()}")
    try:
        failed = build_in(tmp_path, output=output, cache=tmp_path / "cache")
        assert failed.returncode == 1, failed.stderr
        assert f"{output} is a mount point" in failed.stderr and "Mount the folder above it" in failed.stderr
        assert [path.name for path in output.iterdir()] == ["index.html"]
        assert not list(tmp_path.glob(".output.*"))  # nothing was started
    finally:
        subprocess.run(["umount", str(output)], check=True)


def files_under(folder: Path) -> list[str]:
    """Every file and folder under `folder` but what a refused build may
    make: its cache, and Python's compiled copy of the settings file."""
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*")
                  if path.relative_to(folder).parts[0] != "cache" and "__pycache__" not in path.parts)


@pytest.mark.parametrize("output, why", [
    (".", "it is the project's folder, which the build reads"),
    ("content", "it is the content folder, which the build reads"),
    ("content/site", "it is inside the content folder ({root}/content), which the build reads"),
    ("notes.txt", "it is a file, not a folder"),
    ("my-files", "it holds files but no site a build made (no index.html), and the build would delete them"),
    ("link-to-my-files", "it holds files but no site a build made (no index.html), and the build would delete them"),
    ("..", "it holds the project's folder ({root}), which the build reads"),
])
def test_an_output_folder_the_build_may_not_replace_is_refused_and_kept(tmp_path, output, why):
    """A build replaces its whole output folder: `--output .` replaced the
    project, .git and all, and `--output content` deleted the posts, each
    reporting success (an audit of the commands). An output folder must be
    new, empty or a site a build made, and hold nothing the build reads."""
    root = tmp_path / "project"
    (root / "my-files").mkdir(parents=True)
    (root / "my-files/keep.txt").write_text("mine")
    (root / "notes.txt").write_text("my notes")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere/keep.txt").write_text("mine too")
    (root / "link-to-my-files").symlink_to(tmp_path / "elsewhere")  # outside the project
    write_content(root / "content", MINIMAL_SITE)
    settings = derived_settings(root / "pelicanconf.py", {"PATH": repr(str(root / "content"))})
    before = files_under(tmp_path)
    failed = run_build(root / "content", (root / output).resolve(), settings=settings, cache=tmp_path / "cache")
    assert failed.returncode == 1
    assert (f"{(root / output).resolve()} cannot take the site: {why.format(root=root)}. A build replaces the "
            "whole folder — give --output a new or empty folder, or one a build made (the default is output/).") in (
        failed.stderr)
    assert files_under(tmp_path) == before


def test_ctrl_c_just_as_the_staging_folder_is_made_leaves_none(tmp_path, good_site, monkeypatch):
    """Ctrl+C can land after mkdtemp made the staging folder and before its
    name reaches the build (a Ctrl+C just as the folder appears, on a busy
    machine): the build removes every staging folder of its own process.
    Ctrl+C is simulated at that point, which no real signal can be aimed at."""
    build, before = good_site
    make_folder = build_module.work_folder

    def interrupted(output_path, kind):
        make_folder(output_path, kind)
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module, "work_folder", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_module.build_site(REPO / "pelicanconf.py", tmp_path / "output",
                                {"PATH": str(tmp_path / "content"), "CACHE_PATH": str(tmp_path / "cache")})
    assert work_folders(tmp_path) == []
    assert snapshot(build.output) == before


def test_no_staging_folder_is_left_behind(tmp_path, good_site):
    rebuild_with(tmp_path, {}, {"posts/hello.md": "no front matter\n"})
    assert sorted(p.name for p in tmp_path.iterdir() if "staging" in p.name or "previous" in p.name) == []


# Killed builds: a build that is killed cannot tidy up after itself, so the
# next build does (sitebuild/work_folders.py: recover_from_killed_builds).

def work_folders(folder):
    return sorted(p.name for p in folder.iterdir() if ".staging-" in p.name or ".previous-" in p.name)


def dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(ended.stdout)


def kill_once_writing(tmp_path, sent: signal.Signals = signal.SIGKILL) -> subprocess.CompletedProcess:
    """Start a build of tmp_path/content and send it `sent` once it has
    begun writing pages into its staging folder; return how it ended.

    Only while tmp_path/output is still the last good site: once the build
    swaps its new site in, the staging folder's name holds the old site,
    pages and all, while a thread deletes it, and a signal sent then would
    meet a build that has finished (a busy machine can let the second or so
    of writing pass between two looks). Then the good site is put back and
    the build started again, up to three times."""
    output = tmp_path / "output"
    kept = tmp_path / "good-site-kept"
    shutil.copytree(output, kept)
    for _attempt in range(3):
        ended = signal_once_writing(tmp_path, output, sent)
        if ended is not None:
            shutil.rmtree(kept)
            return ended
        shutil.rmtree(output)
        shutil.copytree(kept, output)
        for leftover in tmp_path.glob(".output.*"):
            shutil.rmtree(leftover, ignore_errors=True)
    pytest.fail("the build finished three times before the signal could reach it while it wrote pages")


def signal_once_writing(tmp_path, output: Path, sent: signal.Signals) -> subprocess.CompletedProcess | None:
    """One try of kill_once_writing: how the build ended, or None if it
    swapped its site in before the signal was sent."""
    site = output.stat().st_ino
    build = subprocess.Popen(
        [sys.executable, "-m", "sitebuild", "--content", str(tmp_path / "content"),
         "--output", str(output), "--cache", str(tmp_path / "cache")],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=hear_ctrl_c,
    )
    deadline, signalled = time.monotonic() + 120, False
    while time.monotonic() < deadline and build.poll() is None:
        if any(staging.is_dir() and any(staging.rglob("*.html")) for staging in tmp_path.glob(".output.staging-*")):
            if still_the_site(output, site):
                build.send_signal(sent)
                signalled = True
            break
        time.sleep(0.01)
    stdout, stderr = build.communicate()
    return subprocess.CompletedProcess(build.args, build.returncode, stdout, stderr) if signalled else None


def hear_ctrl_c() -> None:
    """In the build's process, before Python starts: Ctrl+C as a terminal
    gives it. A process inherits an ignored SIGINT (one started in the
    background by a shell without job control ignores it, and so does all
    it starts): in two whole-suite runs the test's process ignored it, and
    so the build did, and finished (its /proc status: SigIgn …1006)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def still_the_site(output: Path, site: int) -> bool:
    try:
        return output.stat().st_ino == site
    except FileNotFoundError:  # between a swap's two renames
        return False


def test_a_killed_build_leaves_the_site_and_the_next_build_clears_up(tmp_path, good_site, factory_cache):
    build, before = good_site
    assert kill_once_writing(tmp_path).returncode == -signal.SIGKILL, "the build ended before it could be killed"
    assert snapshot(build.output) == before
    assert [name for name in work_folders(tmp_path) if name.startswith(".output.staging-")]  # 8 MB each on the real site
    # A build running beside this one (here: this test's own process id) keeps its folder.
    running = tmp_path / f".output.staging-{os.getpid()}-running"
    running.mkdir()

    rebuilt = run_build(tmp_path / "content", tmp_path / "output", cache=factory_cache)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert work_folders(tmp_path) == [running.name]
    assert snapshot(build.output).keys() == before.keys()


def test_ctrl_c_stops_a_build_in_plain_words_and_leaves_the_site(tmp_path, good_site):
    """A volunteer who presses Ctrl+C knows why the build stopped: no
    traceback, the site as it was, no work folder left."""
    build, before = good_site
    stopped = kill_once_writing(tmp_path, signal.SIGINT)
    assert stopped.returncode == 130, stopped.stderr
    assert "Traceback" not in stopped.stderr
    assert "Stopped: " in stopped.stderr and "holds the last complete site" in stopped.stderr
    assert snapshot(build.output) == before
    assert work_folders(tmp_path) == []


def test_a_build_killed_mid_swap_gets_its_site_back(tmp_path, good_site):
    """Where the swap takes two renames (no atomic exchange), a kill between
    them leaves only .output.previous-*: the next build puts it back, so even
    a build that then fails leaves the last good site."""
    build, before = good_site
    pid = dead_pid()
    build.output.rename(tmp_path / f".output.previous-{pid}-abcd1234")
    (tmp_path / f".output.staging-{pid}-efgh5678").mkdir()
    failed = rebuild_with(tmp_path, {}, {"posts/hello.md": "no front matter\n"})
    assert failed.returncode == 1
    assert snapshot(build.output) == before
    assert work_folders(tmp_path) == []


@pytest.mark.parametrize("atomic", [True, False], ids=["renameat2-exchange", "two-renames"])
def test_the_swap_replaces_the_site_and_removes_the_old_one(tmp_path, monkeypatch, atomic):
    if not atomic:
        monkeypatch.setattr(build_module, "exchange_folders", lambda first, second: False)
    output, staging = tmp_path / "output", build_module.work_folder(tmp_path / "output", "staging")
    output.mkdir()
    (output / "old.html").write_text("old")
    (staging / "new.html").write_text("new")
    deleting = build_module.swap_into_place(staging, output)
    assert [p.name for p in output.iterdir()] == ["new.html"]
    deleting.join()  # the old site is deleted on a thread
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


def test_an_old_site_left_by_an_ended_process_is_deleted_by_the_next_build(tmp_path, good_site, factory_cache):
    """A one-off build ends before its thread has deleted the old site: the
    next build deletes it; one discarded by a process still running is its own."""
    build, _ = good_site
    ended = tmp_path / f".output.discarded-{dead_pid()}-abcd1234"
    shutil.copytree(build.output, ended)
    running = tmp_path / f".output.discarded-{os.getpid()}-efgh5678"
    running.mkdir()
    rebuilt = run_build(tmp_path / "content", tmp_path / "output", cache=factory_cache)
    assert rebuilt.returncode == 0, rebuilt.stderr
    deadline = time.monotonic() + 30
    while ended.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not ended.exists()
    assert running.is_dir()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux's")
def test_linux_exchanges_the_folders_in_one_step(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "a").touch()
    assert build_module.exchange_folders(first, second)
    assert [p.name for p in second.iterdir()] == ["a"] and not any(first.iterdir())


def test_git_ignores_what_a_killed_build_can_leave():
    leftovers = [".output.staging-123-abcd1234/index.html", ".output.previous-123-abcd1234/index.html",
                 ".preview.staging-4567-x_y/news/index.html", ".preview.previous-4567-xy/index.html",
                 ".site.staging-89-ab12cd34/index.html", "some/where/.public.previous-89-ab/index.html",
                 ".output.discarded-123-abcd1234/index.html"]
    checked = subprocess.run(["git", "check-ignore", *leftovers], cwd=REPO, capture_output=True, text=True)
    assert checked.stdout.splitlines() == leftovers
