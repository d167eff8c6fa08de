"""One safe build: read settings, run Pelican into a staging folder, swap.

The site is written into a fresh staging folder next to `output/`. Only when
Pelican and every later step succeeded does the staging folder replace
`output/`; after any failure the last good site is left exactly as it was.

The folders a build works in beside `output/`, and how the next build clears
those of a killed one, are sitebuild/work_folders.py's; checking the content
without writing (`--check`) is sitebuild/content_check.py's.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import sys
import sysconfig
import threading
import traceback
from dataclasses import astuple, dataclass, field
from pathlib import Path

from pelican import Pelican
from pelican.contents import Content
from pelican.settings import read_settings

from sitecore.clock import build_time, moments_compared, pin_build_time
from sitecore.output import with_public_modes
from sitecore.passed_before import INPUTS_BUT_POST_BODIES
from sitecore.problems import ContentChecked, ContentProblems, Problem, problem_log
from sitecore.settings_check import check_our_settings
from sitecore.settings_file import LOADED_FROM

from .errorlog import ErrorCollector, PelicanWarningsExplained
from .host_limits import host_limit_warnings
from .output_folder import FIX, why_not_replaced
from .page_reuse import PageReuse, pages_reused
from .settings_as_written import literal_settings_written_in
from .template_cache import with_template_cache
from .template_listing import use_lazy_listing
from .unchanged import (
    BuildRecord,
    input_digests,
    output_state,
    read_record,
    site_still_current,
    time_window,
    write_record,
)
from .work_folders import discard, own_work_folders, recover_from_killed_builds, work_folder


class BuildFailed(Exception):
    """The build did not produce a site; `lines` say why, for a person."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass
class BuildResult:
    pages: int
    kept: bool = False  # nothing changed: the site in place is what this build would write
    reused: int = 0  # pages taken from the last build's site (sitebuild/page_reuse.py)
    # Until when (an ISO instant) the build's decisions about time hold: an
    # embargo lifting or the next day would change the site (unchanged.py).
    valid_until: str = ""
    warnings: list[str] = field(default_factory=list)  # for the person building (host_limits.py)
    content_warnings: list[Problem] = field(default_factory=list)  # at their files' lines (problem_log.warn)


def load_settings(settings_file: str | os.PathLike, overrides: dict | None = None) -> dict:
    """The settings in `settings_file` with `overrides`, noting the file
    (a wrong value is told where it was set: sitecore.settings_file)."""
    return read_settings(str(settings_file), override={**(overrides or {}),
                                                       LOADED_FROM: os.path.abspath(settings_file)})


def settings_for_a_command(settings_file, overrides: dict | None = None) -> dict:
    """The settings a command (a build's check, `invoke new`, `invoke
    promote` …) runs with; BuildFailed, in a line, if the file does not
    load or holds a wrong value of ours: a settings file with a slip ended
    those commands in a traceback."""
    return checked_settings(settings_as_loaded(settings_file, overrides))


def settings_as_loaded(settings_file, overrides: dict | None = None) -> dict:
    """The settings file's settings, our values not checked yet (the live
    preview shows a wrong one as a problem, and keeps watching); BuildFailed,
    in a line, if the file does not load or its content folder is not there."""
    try:
        loaded = load_settings(settings_file, overrides)
    except Exception as error:  # the file is Python, so any error; Pelican's own (no content folder) too
        if isinstance(error, ValueError) and str(error).startswith(NO_CONTENT_FOLDER):
            # Pelican's words ("see pelican --help") name neither the folder nor the setting (an audit).
            raise BuildFailed([f"{settings_file}: {missing_content_folder(settings_file, overrides)}"]) from error
        raise BuildFailed([f"{where_settings_failed(error, settings_file)}: the settings could not be loaded: "
                           f"{type(error).__name__}: {error} — mend the file, or the folder it names, and try "
                           "again"]) from error
    return loaded


# How Pelican's settings say the content folder is not there.
NO_CONTENT_FOLDER = "You need to specify a path containing the content"


def missing_content_folder(settings_file, overrides: dict | None) -> str:
    """What to say of a content folder that is not there: the folder as
    given (--content), or as PATH names it (a relative one is the settings
    file's folder's, as Pelican reads it), or, if PATH is written as code,
    that PATH's folder is not there."""
    given = (overrides or {}).get("PATH")
    if given:
        return f"the content folder {given} is not there (--content) — give the folder the posts are in"
    written = literal_settings_written_in(Path(settings_file), ("PATH",)).values.get("PATH")
    if isinstance(written, str):
        folder = Path(settings_file).resolve().parent / written
        return (f"the content folder {folder} (PATH) is not there — put it back (moved or renamed?), or correct "
                "PATH in the settings file")
    return ("the content folder PATH names is not there — put it back (moved or renamed?), or correct PATH in the "
            "settings file")


# Code a settings file runs or is read by (Python's, the libraries', ours):
# an error raised there is told at the settings file's line that called it.
NOT_SETTINGS_CODE = tuple(folder + os.sep for folder in (
    *(str(Path(__file__).resolve().parents[1] / package) for package in ("sitebuild", "sitecore", "plugins")),
    *{sysconfig.get_paths()[name] for name in ("stdlib", "purelib", "platlib")}))


def where_settings_failed(error: Exception, settings_file) -> str:
    """The settings file, and the line, a settings error was raised at: the
    innermost line of a settings file's own (publishconf.py imports
    pelicanconf.py, where a NameError was told as publishconf.py's, with no
    line); a SyntaxError's message names its own."""
    if isinstance(error, SyntaxError):
        return str(settings_file)
    lines = [frame for frame in traceback.extract_tb(error.__traceback__)
             if frame.filename.endswith(".py") and not frame.filename.startswith(NOT_SETTINGS_CODE)]
    if not lines:
        return str(settings_file)
    innermost = lines[-1]
    shown = os.path.relpath(innermost.filename) if Path(innermost.filename).is_relative_to(Path.cwd()) \
        else innermost.filename
    return f"{shown}:{innermost.lineno}"


def checked_settings(settings: dict) -> dict:
    """The settings a build runs with: ours with their defaults filled in,
    and a value of the wrong kind refused at its line of pelicanconf.py
    before anything is read or written (sitecore/settings_check.py)."""
    try:
        check_our_settings(settings)
    except ContentProblems as problems:
        raise BuildFailed(str(problems).splitlines()) from problems
    return settings


def run_pelican(settings: dict) -> None:
    """Run Pelican once with `settings`; raise BuildFailed on any problem."""
    use_lazy_listing()
    with ErrorCollector() as errors, PelicanWarningsExplained() as pelican_warnings:
        try:
            Pelican(settings).run()
        except ContentProblems as problems:
            pelican_warnings.show_unexplained(problems.problems)
            raise BuildFailed(str(problems).splitlines()) from None
        except ContentChecked:
            pass
        finally:
            forget_pelican_memos()
    if errors.messages:
        raise BuildFailed(
            [f"The build logged {len(errors.messages)} error(s):", *(f"  {m}" for m in errors.messages)]
        )


def forget_pelican_memos() -> None:
    """Pelican memoizes each item's content and summary in a cache shared by
    the whole Content class (pelican.utils.memoized keeps it on the
    decorator), keyed by the item: every item of every build stayed in
    memory. The live preview builds again and again in one process (about
    21 MB more per build at 1000 posts), so the caches are emptied after
    each build; within a build they still save Pelican the work."""
    for name in ("get_content", "get_summary"):
        memo = Content.__dict__.get(name)
        if memo is not None and isinstance(getattr(memo, "cache", None), dict):
            memo.cache.clear()


def count_pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


def build_site(settings_file, output_path, overrides: dict | None = None, keep_unchanged: bool = True) -> BuildResult:
    """Build into a staging folder beside `output_path`, then swap it in;
    or, if nothing the build reads has changed since the site in place was
    built (sitebuild/unchanged.py) and `keep_unchanged`, keep that site."""
    output_path = Path(output_path).resolve()
    if is_mount_point(output_path):
        # Found before building, not at the end: a mounted folder cannot be
        # renamed over (EBUSY), and the swap is a rename.
        raise BuildFailed([f"{output_path} is a mount point (e.g. a Docker volume): a build puts the finished "
                           "site in place by renaming it there, which a mounted folder refuses. Mount the folder "
                           f"above it instead (the site is then its {output_path.name}/ folder)."])
    output_path.parent.mkdir(parents=True, exist_ok=True)
    recover_from_killed_builds(output_path)
    try:
        staging = work_folder(output_path, "staging")
        settings = settings_for_a_command(settings_file, {**(overrides or {}), "OUTPUT_PATH": str(staging)})
        refused = why_not_replaced(output_path, settings, settings_file)
        if refused:
            raise BuildFailed([f"{output_path} cannot take the site: {refused}. A build replaces the whole folder "
                               f"— {FIX}."])
        pin_build_time(settings)  # the moment the record's time window is judged by
        now, (inputs, layout) = build_time(settings), input_digests(settings, output_path)
        record = read_record(settings, output_path)
        if keep_unchanged and site_still_current(record, inputs, now, output_path):
            staging.rmdir()
            return BuildResult(pages=record.pages, kept=True, valid_until=record.valid_until,
                               warnings=host_limit_warnings(settings, record.output),
                               content_warnings=[Problem(*warning) for warning in record.content_warnings])
        with moments_compared() as moments, pages_reused(PageReuse(record, layout, now, output_path)) as reuse:
            run_pelican(with_template_cache({**settings, INPUTS_BUT_POST_BODIES: layout}))
        content_warnings = problem_log.warnings()
        pages = count_pages(staging)
        swap_into_place(staging, output_path)
    except BaseException:
        # Every staging folder of this process, not only `staging`: Ctrl+C
        # can land between mkdtemp making the folder and its name reaching
        # us (a Ctrl+C just as the folder appears, on a busy machine).
        for folder in own_work_folders(output_path, "staging"):
            shutil.rmtree(folder, ignore_errors=True)
        raise
    valid_from, valid_until = time_window(now, moments, settings)
    record = BuildRecord(inputs, valid_from, valid_until, pages, layout=layout, page_keys=reuse.keys,
                         page_effects=reuse.effects,
                         content_warnings=[list(astuple(warning)) for warning in content_warnings])
    keep_record(settings, output_path, record)
    return BuildResult(pages=pages, reused=reuse.reused, valid_until=valid_until,
                       warnings=host_limit_warnings(settings, record.output), content_warnings=content_warnings)


def is_mount_point(path: Path) -> bool:
    """Whether a file system is mounted at `path`: from Linux's list of
    mounts, which also knows a bind mount within one file system (Docker's
    volumes), where Path.is_mount() sees nothing."""
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="surrogateescape") as mounts:
            # The fifth field is where each is mounted, with spaces and the like as octal escapes.
            points = {re.sub(r"\\([0-7]{3})", lambda code: chr(int(code[1], 8)), line.split()[4]) for line in mounts}
    except OSError:  # not Linux
        return path.is_mount()
    return str(path) in points


def keep_record(settings: dict, output_path: Path, record: BuildRecord) -> None:
    """Note what the new site was built from. If the note cannot be written
    (a full disk), the next build simply builds in full: a record it cannot
    read, or one that does not match the folder, is never trusted."""
    record.output = output_state(output_path)
    try:
        write_record(settings, output_path, record)
    except OSError:
        pass


def swap_into_place(staging: Path, output_path: Path) -> threading.Thread | None:
    """Replace output_path by staging; at no moment is output_path missing
    where the system can promise that. Afterwards the old site sits at the
    staging path and is discarded from there, on a thread (returned for the
    tests, which wait for it; the build does not)."""
    with_public_modes(staging)  # mkdtemp makes the folder private; a web server must read it all
    if not output_path.exists():
        staging.rename(output_path)
        return
    if not exchange_folders(staging, output_path):
        # No atomic exchange here: two renames, and a build killed between
        # them is undone by recover_from_killed_builds.
        previous = work_folder(output_path, "previous")
        output_path.rename(previous)  # onto the empty folder: allowed
        staging.rename(output_path)
        previous.rename(staging)  # a "previous" folder is always a whole site
    return discard(staging, output_path)


RENAME_EXCHANGE = 2  # from <linux/fs.h>
AT_FDCWD = -100


def exchange_folders(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step with Linux's renameat2 (glibc 2.28+,
    Linux 3.15+). False where that is not available, e.g. on macOS or on a
    file system without RENAME_EXCHANGE."""
    if not sys.platform.startswith("linux"):
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:  # an older glibc, or musl
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))
