"""Pelican's generators list the theme's templates only when that is logged.

Each generator Pelican makes (fourteen a build) calls
`env.list_templates()` as it starts, only to log the list at debug level;
Python builds the argument even when debug messages are off, and listing
walks the theme's folders four times over. `use_lazy_listing` gives
Pelican's generators an environment whose list is made when it is read:
by the debug message, if it is written (`sitebuild --debug`).

This holds for every environment Pelican's generators make in the process
from the first build on (plugins' generators included): their
`list_templates()` returns a read-only sequence, not a list. Nothing in
this project or in Pelican uses the result but that debug message.
"""

from __future__ import annotations

from collections.abc import Sequence

import jinja2
import pelican.generators


class ListedWhenRead(Sequence):
    """The templates' names, listed the first time they are read."""

    def __init__(self, environment: jinja2.Environment, extensions, filter_func) -> None:
        self._list = lambda: jinja2.Environment.list_templates(environment, extensions, filter_func)
        self._names: list[str] | None = None

    @property
    def names(self) -> list[str]:
        if self._names is None:
            self._names = self._list()
        return self._names

    def __getitem__(self, index):
        return self.names[index]

    def __len__(self) -> int:
        return len(self.names)

    def __repr__(self) -> str:
        return repr(self.names)


class LazyListingEnvironment(jinja2.Environment):
    def list_templates(self, extensions=None, filter_func=None) -> ListedWhenRead:
        return ListedWhenRead(self, extensions, filter_func)


def use_lazy_listing() -> None:
    """From now on, for every build in this process (Pelican makes its
    generators' environments with the name `Environment` in its module)."""
    pelican.generators.Environment = LazyListingEnvironment
