"""`python -m sitebuild …` run inside this process, with what it prints captured.

For the tests, which build many small sites: starting Python and importing
Pelican, WeasyPrint and Pillow costs more than building a small site. This
runs the same code as the command (`__main__.run`: the same arguments, the
same messages, the same exit status), only without a new process.

    from sitebuild.inprocess import run_sitebuild
    done = run_sitebuild(["--content", "content", "--output", "/tmp/site"])
    done.returncode, done.stdout, done.stderr

The review's comparisons (`python -m sitebuild.kept_addresses`,
`sitebuild.production_check`) run here the same way, from the folder they
are run in: `run_command(kept_addresses.main, argv, settings_file, cwd)`.

One limit: Pelican's plugins connect to its signals for the life of the
process (blinker), so every build in one process must use the same PLUGINS
and PLUGIN_PATHS. `same_plugins` tells whether a settings file does; a build
with other plugins needs a process of its own (`python -m sitebuild`).
Builds here run one at a time (the problem log is per process).
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pelican.log import LimitFilter

from . import __main__ as cli
from .build import load_settings

ROOT = Path(__file__).resolve().parents[1]
_one_at_a_time = threading.Lock()
# The PLUGINS and PLUGIN_PATHS of the first build in this process.
_plugins_in_use: tuple | None = None


@dataclass
class Completed:
    returncode: int
    stdout: str
    stderr: str


def plugins_of(settings: dict) -> tuple:
    return tuple(settings.get("PLUGINS") or ()), tuple(settings.get("PLUGIN_PATHS") or ())


def same_plugins(settings_file: str | os.PathLike) -> bool:
    """Whether a build with this settings file can run in this process:
    no build has run here yet, or the last ones used the same plugins."""
    return _plugins_in_use is None or plugins_of(load_settings(Path(ROOT, settings_file))) == _plugins_in_use


def run_sitebuild(argv: list[str]) -> Completed:
    """Run `python -m sitebuild argv` here, from the project folder (as
    `invoke build` runs it); return its exit status and what it printed.
    Log messages go to stderr as one `LEVEL: message` line each, as
    `init_logging` sets them up for the command."""
    args = cli.parse_args(argv)
    return _run_here(lambda: cli.run(args), args.settings, ROOT,
                     Logging("%(levelname)s: %(message)s", logging.DEBUG if args.debug else logging.WARNING))


def run_command(main: Callable[[list[str]], int], argv: list[str], settings_file: str | os.PathLike,
                cwd: Path = ROOT) -> Completed:
    """Run a command module (`python -m sitebuild.kept_addresses argv`: its
    `main`) here, in the folder `cwd`, with the settings file it is given;
    return its exit status (argparse's too) and what it printed. These
    commands set up no logging, and say everything with print(): in their
    own process a log message is shown only when no handler is listening
    (Python's last resort), and while Pelican runs its error counter is one.
    So no handler is added here either: what they log is not shown."""

    def run() -> int:
        try:
            return main(argv)
        except SystemExit as exited:  # as Python ends the process: None is success, a text is said
            if exited.code is None or isinstance(exited.code, int):
                return exited.code or 0
            print(exited.code, file=sys.stderr)
            return 1

    return _run_here(run, Path(cwd, settings_file), cwd, Logging(None, logging.WARNING, logging.WARNING))


@dataclass
class Logging:
    """How the command's process shows log messages: init_logging's for
    `python -m sitebuild` (the site's own INFO lines too); none (format
    None) for a command that sets up none."""
    format: str | None
    level: int
    site_level: int = logging.INFO


def _run_here(run: Callable[[], int], settings_file, cwd: Path, shown: Logging) -> Completed:
    global _plugins_in_use
    try:
        plugins = plugins_of(load_settings(Path(ROOT, settings_file)))
    except Exception:  # a settings file that does not load: the command says so, and builds nothing
        plugins = None
    if None not in (_plugins_in_use, plugins) and plugins != _plugins_in_use:
        raise ValueError(f"this process has built with the plugins {_plugins_in_use}; a build with "
                         f"{plugins} needs a process of its own (python -m sitebuild)")
    stdout, stderr = io.StringIO(), io.StringIO()
    with _one_at_a_time, _logging_to(stderr, shown), _working_folder(cwd), \
            contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        _plugins_in_use = plugins or _plugins_in_use
        returncode = run()
    return Completed(returncode, stdout.getvalue(), stderr.getvalue())


@contextlib.contextmanager
def _logging_to(stream, shown: Logging):
    handler = logging.StreamHandler(stream) if shown.format else logging.NullHandler()
    handler.setFormatter(logging.Formatter(shown.format))
    root, site = logging.getLogger(), logging.getLogger("site")
    levels = root.level, site.level
    # Pelican drops a message it has logged before in this process (its
    # LimitFilter); a new process starts with none logged.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    root.addHandler(handler)
    root.setLevel(shown.level)
    site.setLevel(shown.site_level)
    try:
        yield
    finally:
        root.removeHandler(handler)
        root.setLevel(levels[0])
        site.setLevel(levels[1])


@contextlib.contextmanager
def _working_folder(folder: Path):
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)
