"""Watching the live preview's content, theme and settings for saves, on a thread of its own.

We do not use the livereload package: its watcher drops any save made
within three seconds of the last reload, so a quick second edit was lost.
"""

from __future__ import annotations

import threading
from pathlib import Path

from watchfiles import watch


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
        # yield_on_timeout: the first (empty) answer comes once watchfiles
        # has its watches in place, which is when `start` may return.
        try:
            for changes in watch(*self.paths, debounce=200, rust_timeout=100, yield_on_timeout=True,
                                 stop_event=self.stop, raise_interrupt=False):
                self.watching.set()
                if changes:
                    with self.lock:
                        self.saved_paths.update(Path(path) for _, path in changes)
                    self.saved.set()
        except BaseException as error:
            self.error = error
            raise
        finally:
            self.watching.set()  # `start` must not wait for a watcher that failed

    def wait_for_a_save(self) -> set[Path]:
        """The files saved (changed, added or removed) since the last call."""
        # A short timeout keeps the main thread free to take Ctrl+C, and
        # notices a watcher that has stopped (rather than wait for ever).
        while not self.saved.wait(timeout=0.5):
            self.raise_if_failed()
        with self.lock:
            self.saved.clear()
            saved, self.saved_paths = self.saved_paths, set()
        return saved
