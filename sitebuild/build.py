"""One safe build: read settings, run Pelican into a staging folder, swap.

The site is written into a fresh staging folder next to `output/`. Only when
Pelican and every later step succeeded does the staging folder replace
`output/`; after any failure the last good site is left exactly as it was.

A build that is killed (SIGKILL, a closed terminal, a power cut) cannot tidy up, so
the folders it works in carry its process id (`.output.staging-<pid>-<random>`,
`.output.previous-<pid>-<random>`) and the next build clears those of dead
processes, and puts back `output/` if a kill came mid-swap. The old site,
once swapped out, is deleted on a thread (`discard`).
"""

from __future__ import annotations

import ctypes
import errno
import glob
import os
import re
import secrets
import shutil
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from pelican import Pelican, signals
from pelican.contents import Content
from pelican.settings import read_settings

from sitecore.clock import as_written, build_time, instant, moments_compared, pin_build_time
from sitecore.content_items import content_items
from sitecore.output import with_public_modes
from sitecore.passed_before import INPUTS_BUT_POST_BODIES
from sitecore.problems import ContentChecked, ContentProblems
from sitecore.publication_order import goes_public_by_itself
from sitecore.settings_check import check_our_settings

from .errorlog import ErrorCollector, PelicanWarningsExplained
from .page_reuse import PageReuse, pages_reused
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


def load_settings(settings_file: str | os.PathLike, overrides: dict | None = None) -> dict:
    return read_settings(str(settings_file), override=dict(overrides or {}))


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
        settings = checked_settings(load_settings(settings_file, {**(overrides or {}), "OUTPUT_PATH": str(staging)}))
        pin_build_time(settings)  # the moment the record's time window is judged by
        now, (inputs, layout) = build_time(settings), input_digests(settings, output_path)
        record = read_record(settings, output_path)
        if keep_unchanged and site_still_current(record, inputs, now, output_path):
            staging.rmdir()
            return BuildResult(pages=record.pages, kept=True)
        with moments_compared() as moments, pages_reused(PageReuse(record, layout, now, output_path)) as reuse:
            run_pelican(with_template_cache({**settings, INPUTS_BUT_POST_BODIES: layout}))
        pages = count_pages(staging)
        swap_into_place(staging, output_path)
    except BaseException:
        # Every staging folder of this process, not only `staging`: Ctrl+C
        # can land between mkdtemp making the folder and its name reaching
        # us (a Ctrl+C just as the folder appears, on a busy machine).
        for folder in own_work_folders(output_path, "staging"):
            shutil.rmtree(folder, ignore_errors=True)
        raise
    keep_record(settings, output_path, BuildRecord(inputs, *time_window(now, moments, settings), pages,
                                                   layout=layout, page_keys=reuse.keys, page_effects=reuse.effects))
    return BuildResult(pages=pages, reused=reuse.reused)


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


# How many of the nearest moments ahead a check looks at, besides the last
# (each look is a full check: about 2 s at 1000 posts).
NEAREST_MOMENTS_CHECKED = 5


def check_content(settings_file, overrides: dict | None = None) -> int:
    """Read and check every content file, write nothing; return how many
    files were read. Raises BuildFailed listing every problem.

    Then check it again at moments ahead at which the build decides
    something differently (an embargo lifts, an event ends, polls close:
    moments_to_check): content that is fine now can fail then (a release
    whose file breaks a rule only public items are held to), and the hourly
    build would stop publishing, the release included, with no one there to
    see why."""
    overrides = overrides or {}
    now = check_once(settings_file, overrides)
    for moment in moments_to_check(now.moments_ahead):
        try:
            check_once(settings_file, {**overrides, "BUILD_TIME": moment.isoformat()})
        except BuildFailed as failure:
            raise BuildFailed([f"No problem now, but by {as_written(moment)} (when an embargo lifts, an event "
                               "ends or polls close) the site will not build, and nothing will be published:",
                               *failure.lines]) from failure
    return sum(1 for _ in Path(now.content).rglob("*.md"))


def moments_to_check(ahead: list) -> list:
    """The nearest moments ahead (embargoes first), and the last of all: a
    rule an item is held to once public holds from its embargo on, so at
    the last moment every embargoed item is checked as public."""
    latest = max(ahead, default=None)
    nearest = ahead[:NEAREST_MOMENTS_CHECKED]
    return [*nearest, *([latest] if latest is not None and latest not in nearest else [])]


class Checked(NamedTuple):
    moments_ahead: list  # the embargoes first, then the others, each the nearest first
    content: str         # the content folder checked


def check_once(settings_file, overrides: dict) -> Checked:
    """Check the content at the build's moment; the moments ahead of it the
    build compared with now: the embargoes first (an item going public is
    what brings rules it was not held to), then the others (an event
    ending, polls closing), each the nearest first."""
    embargoes: set = set()

    def note_embargoes(generators) -> None:
        embargoes.update(instant(item.embargo) for item in content_items(generators) if goes_public_by_itself(item))

    signals.all_generators_finalized.connect(note_embargoes)
    try:
        with tempfile.TemporaryDirectory(prefix="content-check-") as nowhere:
            try:
                loaded = load_settings(settings_file, {**overrides, "OUTPUT_PATH": nowhere, "CONTENT_CHECK_ONLY": True})
            except Exception as error:  # the file is Python, so any error; Pelican's own (no content folder) too
                raise BuildFailed([f"{settings_file}: the settings could not be loaded: "
                                   f"{type(error).__name__}: {error} — mend the file, or the folder it names, "
                                   "and check again"]) from error
            settings = checked_settings(loaded)
            with moments_compared() as moments:
                run_pelican(settings)
    finally:
        signals.all_generators_finalized.disconnect(note_embargoes)
    now = build_time(settings)
    ahead = {instant(moment) for moment in moments if instant(moment) > instant(now)}
    return Checked([moment.astimezone(now.tzinfo)  # as the site's clock shows it, for the message
                    for moment in [*sorted(ahead & embargoes), *sorted(ahead - embargoes)]], settings["PATH"])


def work_folder(output_path: Path, kind: str) -> Path:
    """A new empty folder beside output_path, named for this process, so a
    later build can tell whether the build that made it is still running."""
    prefix = f".{output_path.name}.{kind}-{os.getpid()}-"
    return Path(tempfile.mkdtemp(prefix=prefix, dir=output_path.parent))


def own_work_folders(output_path: Path, kind: str) -> list[Path]:
    """This process's work folders of `kind` beside output_path (a process
    runs one build of an output folder at a time)."""
    return list(output_path.parent.glob(f".{glob.escape(output_path.name)}.{kind}-{os.getpid()}-*"))


def work_folders(output_path: Path, kind: str) -> list[Path]:
    """The work folders of dead builds beside output_path, newest first.
    Names without a process id come from builds before ids were added."""
    pattern = re.compile(rf"\.{re.escape(output_path.name)}\.{kind}-(?:(\d+)-)?[^/]*")
    found = []
    for folder in output_path.parent.iterdir():
        match = pattern.fullmatch(folder.name)
        if match and folder.is_dir() and not (match[1] and process_is_alive(int(match[1]))):
            found.append(folder)
    return sorted(found, key=modified_time, reverse=True)


def modified_time(folder: Path) -> float:
    try:
        return folder.stat().st_mtime
    except FileNotFoundError:  # just removed by a build starting beside us
        return 0.0


def process_is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, but belongs to another user
        return True
    return True


def recover_from_killed_builds(output_path: Path) -> None:
    """Put back the last good site if a build was killed between moving it
    aside and moving the new one in (only the two-rename swap can leave
    that), then delete what killed builds left: each is up to a whole site.
    Old sites that ended processes discarded (see `discard`) are deleted on
    a thread, while this build goes on."""
    previous = work_folders(output_path, "previous")
    if previous and not output_path.exists():
        try:
            previous.pop(0).rename(output_path)
        except OSError:
            if not output_path.exists():  # else a build beside us put it back
                raise
    for folder in previous + work_folders(output_path, "staging"):
        shutil.rmtree(folder, ignore_errors=True)
    for folder in work_folders(output_path, "discarded"):
        delete_in_background(folder)


def swap_into_place(staging: Path, output_path: Path) -> threading.Thread | None:
    """Replace output_path by staging; at no moment is output_path missing
    where the system can promise that. Afterwards the old site sits at the
    staging path and is discarded from there (the thread deleting it is
    returned)."""
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


def discard(old_site: Path, output_path: Path) -> threading.Thread | None:
    """Delete the old site beside output_path without waiting for it.

    Deleting a site's thousands of files took 1.7 s at the end of every
    build of a thousand posts, with the new site already in place. The old
    site is renamed `.<output>.discarded-<pid>-<random>` and deleted by a
    thread; a process that ends first (a one-off build ends at once) leaves
    the rest to the next build, which deletes the discarded folders of
    ended processes on a thread of its own while it reads and writes."""
    name = f".{output_path.name}.discarded-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        old_site = old_site.rename(output_path.parent / name)
    except OSError:
        shutil.rmtree(old_site, ignore_errors=True)
        return None
    return delete_in_background(old_site)


def delete_in_background(folder: Path) -> threading.Thread:
    thread = threading.Thread(target=shutil.rmtree, args=(folder,), kwargs={"ignore_errors": True},
                              name=f"delete {folder.name}", daemon=True)
    thread.start()
    return thread


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
