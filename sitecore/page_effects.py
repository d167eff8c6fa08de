"""What rendering a page does besides giving its text, so a page not rendered can do it too.

The images plugin's filters place the WebP copies of each image a page shows
into the site while the page renders. A page the build takes from the last
build's site (sitebuild/page_reuse.py) is not rendered, so its render noted
what it did (`note`, kept in the build's record) and the same is done again
(`replay`) by the handler the plugin registered for this build (`handle`).
A kind of effect with no handler this build means the page must be rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

_handlers: dict[str, Callable[[str], object]] = {}
_noted: list[list[str]] | None = None  # the effects of the render under way, when recorded


def forget_handlers() -> None:
    """At the start of each build: a handler belongs to one build (its
    output folder, its settings), and a process may build many times."""
    _handlers.clear()


def handle(kind: str, handler: Callable[[str], object]) -> None:
    """`handler(argument)` does again what a render noted as (kind, argument)."""
    _handlers[kind] = handler


def note(kind: str, argument: str) -> None:
    if _noted is not None and [kind, argument] not in _noted:
        _noted.append([kind, argument])


@contextmanager
def recorded() -> Iterator[list[list[str]]]:
    """The effects noted while the block runs (one page's render)."""
    global _noted
    outer, _noted = _noted, []
    try:
        yield _noted
    finally:
        _noted = outer


def replay(effects: list[list[str]]) -> bool:
    """Do again what a page's render did; False (and nothing done) if some
    kind of effect has no handler in this build."""
    if any(kind not in _handlers for kind, _ in effects):
        return False
    for kind, argument in effects:
        _handlers[kind](argument)
    return True
