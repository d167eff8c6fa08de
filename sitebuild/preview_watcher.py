"""Watching the live preview's content, theme and settings for saves, on a thread of its own.

We do not use the livereload package: its watcher drops any save made
within three seconds of the last reload, so a quick second edit was lost.

A watched path can be replaced rather than changed: an editor that saves by
writing a new file and renaming it over the old one (vim's and emacs's
default; `git checkout`), or a folder deleted and made again. The
operating system's watch stays on what was there, which is gone, so every
later save went unnoticed. So the watcher notes what each path is (its
device and inode) and, when one is replaced, counts it as saved and starts
watching again.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from watchfiles import watch


def identity(path: Path) -> tuple[int, int] | None:
    """What is at `path` now (device and inode), or None if nothing is."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


class ContentWatcher:
    """Watches the content, theme and settings on a thread of its own, from
    before the first build: a save made while the preview starts (or while it
    builds) is never missed, it just makes the next build."""

    def __init__(self, paths: list[Path]):
        self.paths = paths
        self.saved = threading.Event()
        self.saved_paths: set[Path] = set()
        self.lock = threading.Lock()
        self.watching = threading.Event()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.error: BaseException | None = None

    def start(self) -> None:
        self.thread.start()
        self.watching.wait()
        self.raise_if_failed()

    def raise_if_failed(self) -> None:
        if self.error:
            raise RuntimeError(f"could not watch {', '.join(map(str, self.paths))} for changes") from self.error

    def run(self) -> None:
        try:
            replaced: list[Path] = []
            while not self.stop.is_set():
                replaced = self.watch_until_replaced(replaced)
        except BaseException as error:
            self.error = error
            raise
        finally:
            self.watching.set()  # `start` must not wait for a watcher that failed

    def watch_until_replaced(self, replaced: list[Path]) -> list[Path]:
        """Watch the paths until one is replaced; return those replaced.
        `replaced` (from the last watch) count as saved once this watch is
        in place, so a save made in between is in the build they start."""
        if replaced:  # a folder made anew may still be on its way
            while any(identity(path) is None for path in self.paths):
                if self.stop.wait(0.1):
                    return []
        identities = {path: identity(path) for path in self.paths}
        # yield_on_timeout: the first (empty) answer comes once watchfiles
        # has its watches in place, which is when `start` may return.
        for changes in watch(*self.paths, debounce=200, rust_timeout=100, yield_on_timeout=True,
                             stop_event=self.stop, raise_interrupt=False):
            self.watching.set()
            saved = {Path(path) for _, path in changes} | set(replaced)
            replaced = []
            if saved:
                with self.lock:
                    self.saved_paths.update(saved)
                self.saved.set()
            now_replaced = [path for path in self.paths if identity(path) != identities[path]]
            if now_replaced:
                return now_replaced
        return []

    def wait_for_a_save(self, until: float | None = None) -> set[Path]:
        """The files saved (changed, added or removed) since the last call;
        none if the moment `until` (a time.time()) comes first."""
        # A short timeout keeps the main thread free to take Ctrl+C, and
        # notices a watcher that has stopped (rather than wait for ever).
        while not self.saved.wait(timeout=0.5 if until is None else max(0.0, min(0.5, until - time.time()))):
            self.raise_if_failed()
            if until is not None and time.time() >= until:
                return set()
        with self.lock:
            self.saved.clear()
            saved, self.saved_paths = self.saved_paths, set()
        return saved
