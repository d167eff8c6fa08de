"""Make every ERROR that Pelican (or a plugin) logs fail the build.

Plain Pelican logs an ERROR and still exits 0. Pelican's own `--fatal errors`
stops at the first one, so a volunteer would fix mistakes one build at a
time. We let the build run on, count every ERROR, and fail at the end.
"""

from __future__ import annotations

import logging


class ErrorCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def __enter__(self) -> "ErrorCollector":
        logging.getLogger().addHandler(self)
        return self

    def __exit__(self, *exc) -> None:
        logging.getLogger().removeHandler(self)
