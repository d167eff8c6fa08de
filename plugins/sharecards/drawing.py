"""Drawing the cards a build lacks, into the card cache, beside the rest of the build.

A card takes about 20 ms; a thousand new cards (a cold build of a big
archive) were a third of the build. When many are missing, they are drawn by
a worker process from the moment the cards are planned (all content read and
checked), while this process writes the pages; what the worker has not
started by the time the cards are written out is drawn here, on two threads
(Pillow lets go of Python's lock while it encodes). Every card's bytes depend
only on its text and style, so who draws it changes nothing.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from sitecore.brand import CardStyle
from sitecore.cores import usable_cores
from sitecore.output import intact_in_cache, write_to_cache

from .card import CardText
from .card_file import render_card

BACKGROUND_FROM = 64  # cards; a worker process takes about 0.5 s to start
CHUNK = 16            # cards a worker draws per task


def draw_into(cards: list[tuple[CardText, Path]], style: CardStyle) -> None:
    for text, path in cards:
        if not intact_in_cache(path):
            write_to_cache(path, render_card(text, style))


class CardDrawing:
    """The cards to draw (text → cache file), drawn by `start` and `finish`."""

    def __init__(self, missing: dict[Path, CardText], style: CardStyle):
        self.missing, self.style = missing, style
        self.tasks: list[Future] = []

    def start(self) -> None:
        """Hand the cards to a worker process if there are many."""
        cores = usable_cores()
        if len(self.missing) < BACKGROUND_FROM or cores < 2:
            return
        jobs = [(text, path) for path, text in self.missing.items()]
        try:
            # spawn, not fork: the live preview's threads must not be copied mid-step.
            pool = ProcessPoolExecutor(max_workers=cores - 1, mp_context=multiprocessing.get_context("spawn"))
            self.tasks = [pool.submit(draw_into, jobs[i:i + CHUNK], self.style) for i in range(0, len(jobs), CHUNK)]
        except (OSError, BrokenProcessPool):  # e.g. no shared memory for the pool's locks: `finish` draws them all
            self.tasks = []
            return
        pool.shutdown(wait=False)  # the worker stops once its tasks are done or cancelled

    def finish(self) -> None:
        """Take back what the worker has not started, draw it here, and wait
        for the rest: every missing card is in the cache when this returns."""
        for task in self.tasks:
            task.cancel()
        left = [(text, path) for path, text in self.missing.items() if not path.exists()]
        with ThreadPoolExecutor(max_workers=2) as threads:
            list(threads.map(lambda job: draw_into([job], self.style), left))
        for task in self.tasks:
            if task.cancelled():
                continue
            try:
                task.result()
            except BrokenProcessPool:
                pass  # e.g. a script without `if __name__ == "__main__":` cannot start workers
        draw_into([(text, path) for path, text in self.missing.items()], self.style)  # whatever a lost worker left
