"""The live preview's builds: each save shown at once where the quick step can, then built in full.

`Preview` keeps what the pages are served from: the number of the latest
step, whether one is under way, and the last build's problems. A full build
that another save interrupts is stopped (`stopping_when`) and dropped: that
save starts the next round.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from pelican import signals

from .annotations import as_line
from .build import BuildFailed, build_site
from .quick_page import WarmSite, keeping_generators, put_back


class SavedAgain(BaseException):
    """Stops a full build when another save comes (sitebuild.build removes its
    staging folder). A BaseException, so that Pelican, which logs and skips
    a file whose reading raises an Exception, lets it through."""


@contextmanager
def stopping_when(saved_again):
    """While a build runs in this block, stop it with SavedAgain as soon as
    `saved_again()` is true: checked as each file is read and each page
    written, and between the build's steps (its start, once everything is
    read, before writing)."""
    def check(*arguments, **options) -> None:
        if saved_again():
            raise SavedAgain()

    checkpoints = (signals.initialized, signals.content_object_init, signals.all_generators_finalized,
                   signals.get_writer, signals.content_written)
    for checkpoint in checkpoints:
        checkpoint.connect(check, weak=False)
    try:
        yield
    finally:
        for checkpoint in checkpoints:
            checkpoint.disconnect(check)


class Preview:
    """The preview folder, the number of its latest build, its problems, and
    the last good build's generators (for the quick step: quick_page.py)."""

    def __init__(self, settings_file: Path, output: Path, overrides: dict):
        self.settings_file = settings_file
        self.output = output
        self.overrides = overrides  # from main(): PREVIEW_DRAFTS, and --content, --cache, --now
        self.problems: list[str] = []
        self.warnings: list[str] = []  # the last good build's (problem_log.warn), shown on its pages
        self.build_number = 0
        self.changed = threading.Condition()
        self.building = False
        self.quick_steps = 0
        self.warm: WarmSite | None = None
        # Pages the quick step replaced since the last full build, as they
        # were: put back if the full build fails, so that the preview shows
        # the last good build under its problems, as it promises.
        self.unbuilt: dict[str, bytes | None] = {}
        # When (a time.time()) the last good build's decisions about time
        # stop holding (an embargo lifts, the day changes): the preview builds
        # again then, unsaved, as the hourly build does for the public site.
        # None while a build has failed (a save must fix it) or with --now.
        self.rebuild_due: float | None = None

    def rebuild(self, saved: set[Path] | None = None, saved_again=lambda: False) -> None:
        """Show the saved files' pages at once if the quick step can, then
        build everything; a build that another save interrupts is dropped
        (that save starts the next round)."""
        with self.changed:
            self.building = True
        if saved:
            self.show_quickly(saved)
        try:
            # An unchanged site is kept only while the quick step has the
            # generators of a build: else this build is the way to get them.
            with keeping_generators() as kept, stopping_when(saved_again):
                result = build_site(self.settings_file, self.output, self.overrides,
                                    keep_unchanged=self.warm is not None)
        except SavedAgain:
            print("Saved again: starting over.", flush=True)
            return
        except BuildFailed as failure:
            problems = failure.lines
        except Exception as error:  # a broken template: keep previewing
            problems = [f"The build failed: {type(error).__name__}: {error}"]
        else:
            problems = []
            print("Nothing changed: the preview is as it was." if result.kept
                  else f"Rebuilt the preview: {result.pages} pages.", flush=True)
            self.warnings = [as_line(warning, "warning") for warning in result.content_warnings]
            for warning in self.warnings:
                print(warning, flush=True)
            if kept:
                self.warm = WarmSite(kept[0])
            self.unbuilt = {}
            self.rebuild_due = self.time_changes_the_site(result.valid_until)
        if problems:
            self.rebuild_due = None
            self.warm = None
            put_back(self.output, self.unbuilt)
            self.unbuilt = {}
            print("\n".join(problems), flush=True)
            print("The preview shows the last good build until you fix this.", flush=True)
        self.announce(problems, building=False)

    def time_changes_the_site(self, valid_until: str) -> float | None:
        """When the clock alone will change the site built, unless the
        preview's time is fixed (--now). A moment already past means the
        time was fixed some other way (BUILD_TIME in the settings file):
        building again at once would change nothing, again and again."""
        if self.overrides.get("BUILD_TIME") or not valid_until:
            return None
        due = dt.datetime.fromisoformat(valid_until).timestamp()
        return due if due > time.time() else None

    def show_quickly(self, saved: set[Path]) -> None:
        """The quick step (quick_page.py), when the last build was good;
        without it, the kept generators may have missed this save: drop them."""
        shown = self.warm.show(saved, self.output) if self.warm and not self.problems else None
        if shown is None:
            self.warm = None
            return
        for name, before in shown.items():
            self.unbuilt.setdefault(name, before)
        pages = [name for name in shown if name.endswith(".html")]
        print(f"Showing your change: {', '.join(pages)} (the rest of the preview follows).", flush=True)
        self.quick_steps += 1
        self.announce([], building=True)

    def announce(self, problems: list[str], building: bool) -> None:
        """A new state of the preview: the pages it changed reload (preview_server.py: PreviewHandler.send_events)."""
        with self.changed:
            self.problems, self.building = problems, building
            self.build_number += 1
            self.changed.notify_all()

    def wait_for_build_after(self, number: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.build_number != number, timeout=timeout)
            return self.build_number

    def version(self, page: bytes) -> str:
        """What a page served now shows: its file and the build's problems."""
        digest = hashlib.sha256(page)
        for line in [*self.problems, "", *self.warnings]:
            digest.update(b"\0" + line.encode("utf-8"))
        return digest.hexdigest()[:16]

    def status(self) -> dict:
        """GET /__preview/status: how many steps so far, whether one is under
        way, the problems shown, and how many saves the quick step showed
        (for tools and tests that wait on it)."""
        with self.changed:
            return {"number": self.build_number, "building": self.building, "problems": self.problems,
                    "warnings": self.warnings,
                    "quick": self.quick_steps}
