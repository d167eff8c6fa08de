"""The live preview keeps watching and keeps up with the clock: a file saved
by renaming a new one over it, a folder made anew, an embargo lifting with
no save; it says in a line why it cannot start; and a stylesheet saved
with its old time is read again (sitebuild/preview_watcher.py,
sitebuild/preview.py, sitebuild/preview_builds.py, sitecore/stylesheet.py).
An audit of the preview found each: the first two left it showing old
pages for every later save, silently."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import MINIMAL_SITE, REPO, preview_overrides, write_content

from sitebuild.preview_watcher import ContentWatcher
from sitecore.stylesheet import read_stylesheet

UK = ZoneInfo("Europe/London")  # TIMEZONE in pelicanconf.py: embargoes are UK time


@contextmanager
def watching(paths: list[Path]):
    watcher = ContentWatcher(paths)
    watcher.start()
    try:
        yield watcher
    finally:
        watcher.stop.set()
        watcher.thread.join(timeout=10)


def next_save(watcher: ContentWatcher) -> set[Path]:
    return watcher.wait_for_a_save(until=time.time() + 10)


def saved_by_rename(path: Path, text: str) -> None:
    """As vim and emacs save: a new file, renamed over the old one."""
    scratch = path.with_name(f".{path.name}.swp")
    scratch.write_text(text, encoding="utf-8")
    scratch.replace(path)


def test_a_file_saved_by_renaming_a_new_one_over_it_is_watched_still(tmp_path):
    settings = tmp_path / "pelicanconf.py"
    settings.write_text("SITENAME = 'one'\n", encoding="utf-8")
    with watching([settings]) as watcher:
        for name in ("two", "three", "four"):
            saved_by_rename(settings, f"SITENAME = {name!r}\n")
            assert settings in next_save(watcher), f"the save of {name!r} was not noticed"
        settings.write_text("SITENAME = 'five'\n", encoding="utf-8")  # and in place, after them
        assert settings in next_save(watcher)


def test_a_folder_made_anew_is_watched_still(tmp_path):
    content = tmp_path / "content"
    write_content(content, {"posts/hello.md": MINIMAL_SITE["posts/hello.md"]})
    with watching([content]) as watcher:
        shutil.copytree(content, tmp_path / "copy")
        shutil.rmtree(content)
        (tmp_path / "copy").rename(content)
        assert next_save(watcher)  # the folder's replacement is a save
        while watcher.wait_for_a_save(until=time.time() + 1):
            pass  # its report from the watch made anew, once that is in place
        post = content / "posts/hello.md"
        post.write_text(post.read_text(encoding="utf-8") + "\nMore words.\n", encoding="utf-8")
        assert post in next_save(watcher), "a save in the folder made anew was not noticed"


def test_waiting_for_a_save_ends_when_the_time_given_comes(tmp_path):
    with watching([tmp_path]) as watcher:
        started = time.time()
        assert watcher.wait_for_a_save(until=started + 0.3) == set()
        assert 0.3 <= time.time() - started < 2


def embargoed_post(until: dt.datetime) -> str:
    moment = until.strftime("%Y-%m-%d %H:%M:%S")
    return textwrap.dedent(MINIMAL_SITE["posts/hello.md"]).replace(
        "category: news", f"category: news\nembargo: {moment}").replace("date: 2021-11-24", f"date: {moment}")


def test_the_preview_builds_again_when_an_embargo_lifts_with_no_save(tmp_path, factory_cache):
    """Without --now the preview follows the clock: a post embargoed until a
    few seconds ahead shows as embargoed, then, with nothing saved, as
    published once the moment has come, as a build then would show it."""
    import sitebuild.preview as preview_process
    from sitebuild.preview_builds import Preview

    lifts = dt.datetime.now(UK).replace(microsecond=0) + dt.timedelta(seconds=6)
    if lifts.date() != (lifts + dt.timedelta(seconds=30)).date():
        pytest.skip("too close to midnight, when the day changing would build again too")
    content = tmp_path / "content"
    write_content(content, {**MINIMAL_SITE, "posts/hello.md": embargoed_post(lifts)})
    live = Preview(REPO / "pelicanconf.py", tmp_path / "preview", preview_overrides(content, factory_cache))
    live.rebuild()
    page = tmp_path / "preview/news/hello/index.html"
    assert live.status()["problems"] == [] and "Embargoed until" in page.read_text(encoding="utf-8")
    assert live.rebuild_due == lifts.timestamp()
    stopped = []

    def first_round(watcher) -> None:
        try:
            preview_process.watch_and_rebuild(live, watcher)
        except KeyboardInterrupt:  # as stop_requested makes it, after a round
            stopped.append(True)

    with watching([content]) as watcher:
        preview_process.stop_requested.set()  # stop after the first round
        try:
            loop = threading.Thread(target=first_round, args=(watcher,), daemon=True)
            loop.start()
            loop.join(timeout=60)
        finally:
            preview_process.stop_requested.clear()
    assert stopped, "the preview waited for a save rather than build when the embargo lifted"
    assert time.time() >= lifts.timestamp()
    assert live.status()["problems"] == [] and "Embargoed until" not in page.read_text(encoding="utf-8")
    assert live.rebuild_due > lifts.timestamp()  # the next day, now


def test_a_preview_at_a_fixed_moment_never_builds_by_itself(tmp_path, factory_cache):
    from sitebuild.preview_builds import Preview

    content = tmp_path / "content"
    write_content(content, {**MINIMAL_SITE, "posts/hello.md": embargoed_post(dt.datetime(2022, 6, 1, 12, 1))})
    live = Preview(REPO / "pelicanconf.py", tmp_path / "preview",
                   preview_overrides(content, factory_cache, "2022-06-01 12:00"))
    live.rebuild()
    assert live.status()["problems"] == [] and live.rebuild_due is None


@pytest.mark.parametrize("settings, content, said", [
    ("broken.py", None, "The preview could not start: {tmp}/broken.py: the settings could not be loaded: SyntaxError: "
                        "invalid syntax (broken.py, line 1) — mend the file, or the folder it names, and try again"),
    (None, "no-such-folder", "The preview could not start: the content folder {tmp}/no-such-folder does not exist "
                             "(--content)"),
    # As `invoke livereload` starts it, with the settings' own PATH (an audit: Pelican's words said neither).
    ("gone.py", None, "The preview could not start: {tmp}/gone.py: the content folder {tmp}/gone (PATH) is not "
                      "there — put it back (moved or renamed?), or correct PATH in the settings file"),
])
def test_the_preview_says_in_a_line_why_it_cannot_start(tmp_path, settings, content, said):
    (tmp_path / "broken.py").write_text("SITENAME = \n", encoding="utf-8")
    (tmp_path / "gone.py").write_text(f"from pelicanconf import *\nPATH = {str(tmp_path / 'gone')!r}\n",
                                      encoding="utf-8")
    command = [sys.executable, "-m", "sitebuild.preview", "--output", str(tmp_path / "preview"),
               "--cache", str(tmp_path / "cache")]
    command += ["--settings", str(tmp_path / settings)] if settings else []
    command += ["--content", str(tmp_path / content)] if content else []
    ran = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert (ran.returncode, ran.stdout, ran.stderr) == (2, "", said.format(tmp=tmp_path) + "\n")


def test_a_stylesheet_saved_with_its_old_time_is_read_again(tmp_path):
    """The inlined stylesheet was kept by its file's time for the life of the
    process: a save that keeps the time (`cp -p`, an unpacked archive) left
    the live preview inlining the old rules, and hashing them in the
    security headers."""
    sheet = tmp_path / "static/css/screen.css"
    sheet.parent.mkdir(parents=True)
    settings = {"THEME": str(tmp_path), "INLINE_CSS": "css/screen.css"}
    sheet.write_text("body { color: black; } /* a note */\n", encoding="utf-8")
    assert read_stylesheet(settings) == "body { color: black; }"
    kept = os.stat(sheet)
    sheet.write_text("body { color: navy; }\n", encoding="utf-8")
    os.utime(sheet, ns=(kept.st_atime_ns, kept.st_mtime_ns))
    assert read_stylesheet(settings) == "body { color: navy; }"


def test_a_moment_already_past_never_makes_the_preview_build_by_itself(tmp_path):
    """A time fixed in the settings file (BUILD_TIME) rather than by --now
    gives a build whose decisions hold until a moment already past: building
    "again then" would build at once, for ever."""
    from sitebuild.preview_builds import Preview

    live = Preview(REPO / "pelicanconf.py", tmp_path / "preview", {})
    assert live.time_changes_the_site("2022-06-02T00:00:00+00:00") is None
    ahead = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) + dt.timedelta(hours=1)
    assert live.time_changes_the_site(ahead.isoformat()) == ahead.timestamp()
