"""What Pelican logs during a build: every ERROR fails the build, and its
warnings about mistakes our own checks explain are not shown.

Plain Pelican logs an ERROR and still exits 0. Pelican's own `--fatal errors`
stops at the first one, so a volunteer would fix mistakes one build at a
time. We let the build run on, count every ERROR, and fail at the end.
"""

from __future__ import annotations

import logging
import re

from sitecore.problems import problem_log


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


# Pelican's warnings about mistakes our checks report with the file, the
# line and the fix, by the logger that logs each: a broken {filename} link
# (its target only), and two posts with one slug (bare paths on lines of
# their own). Shown above our list, they read like the real error.
EXPLAINED_BY_OUR_CHECKS = {
    # (and {filename} used for a picture, which ours says at its line with {static} to write)
    "pelican.contents": re.compile(r"Unable to find '%s', skipping url replacement\.|Other resources were not found"
                                   r"|\{filename\} used for linking to static content"),
    "pelican.utils": re.compile(r"There are %s (original \(not translated\) )?items "),
    # Our check says it at the image's line, with the fix; Pelican's, with
    # the file's full path, said it again.
    "pelican.readers": re.compile(r"Empty alt attribute for image %s in %s|Other images have empty alt attributes"),
}


def missing_link_target(record: logging.LogRecord) -> str | None:
    """The link target of an "Unable to find" warning ('/policies/housing.md')."""
    return str(record.args[0]) if str(record.msg).startswith("Unable to find") and record.args else None


def explained(record: logging.LogRecord, problems: list) -> bool:
    """Does one of our `problems` (sitecore.problems.Problem) say what
    Pelican's `record` says, with the file and the line? (Pelican's line
    counting further missing targets is shown with the first unexplained
    one: see show_unexplained.)"""
    if record.name == "pelican.utils":
        # The items' paths are its last arguments, as many as its first says;
        # ours is at one of them, on its file name.
        paths = {problem_log.display_path(path) for path in record.args[-record.args[0]:]}
        return any(problem.field == "(file name)" and problem.path in paths for problem in problems)
    if record.name == "pelican.readers":
        if len(record.args or ()) != 2:
            return True  # "Other images have empty alt attributes": each was one of ours
        image, path = record.args
        return any(problem.path == problem_log.display_path(path) and "no alt text" in problem.message
                   and image in problem.message for problem in problems)
    target = missing_link_target(record)
    if target is None:
        return True
    # The link, in its file's problem; or the file linked to, which could not be read.
    tail = "/" + "/".join(part for part in target.split("/") if part not in ("", ".", ".."))
    return any(target in problem.message or problem.path.endswith(tail) for problem in problems)


class PelicanWarningsExplained(logging.Filter):
    """Hold back EXPLAINED_BY_OUR_CHECKS while Pelican runs; then show only
    those none of our problems explains (`show_unexplained`; on leaving,
    all that are still held). With --debug (the root logger at DEBUG) each
    is shown as it comes, as Pelican's LOG_FILTER does."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[logging.LogRecord] = []
        self.loggers: list[logging.Logger] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if EXPLAINED_BY_OUR_CHECKS[record.name].match(str(record.msg)):
            self.held.append(record)
            return False
        return True

    def show_unexplained(self, problems: list) -> None:
        held, self.held = self.held, []
        missing_shown = any(missing_link_target(record) and not explained(record, problems) for record in held)
        for record in held:
            counts_more_missing = record.name == "pelican.contents" and missing_link_target(record) is None
            if not explained(record, problems) or (counts_more_missing and missing_shown):
                # From the root, as the record would have gone: its own
                # logger's filters would drop it as logged before.
                logging.getLogger().handle(record)

    def __enter__(self) -> "PelicanWarningsExplained":
        if logging.getLogger().getEffectiveLevel() > logging.DEBUG:
            self.loggers = [logging.getLogger(name) for name in EXPLAINED_BY_OUR_CHECKS]
            for logger in self.loggers:
                logger.addFilter(self)
        return self

    def __exit__(self, *exc) -> None:
        for logger in self.loggers:
            logger.removeFilter(self)
        self.show_unexplained([])
