"""The folders a build keeps beside `output/` (staging, previous, discarded):
each named for its process, and deleted by it or, if it was killed or ended
first, by the next build.

A build that is killed (SIGKILL, a closed terminal, a power cut) cannot tidy up, so
the folders it works in carry its process id (`.output.staging-<pid>-<random>`,
`.output.previous-<pid>-<random>`) and the next build clears those of dead
processes, and puts back `output/` if a kill came mid-swap. The old site,
once swapped out, is deleted on a thread (`discard`).
"""

from __future__ import annotations

import glob
import os
import re
import secrets
import shutil
import tempfile
import threading
from pathlib import Path


def work_folder(output_path: Path, kind: str) -> Path:
    """A new empty folder beside output_path, named for this process, so a
    later build can tell whether the build that made it is still running."""
    prefix = f".{output_path.name}.{kind}-{os.getpid()}-"
    return Path(tempfile.mkdtemp(prefix=prefix, dir=output_path.parent))


def own_work_folders(output_path: Path, kind: str) -> list[Path]:
    """This process's work folders of `kind` beside output_path (a process
    runs one build of an output folder at a time)."""
    return list(output_path.parent.glob(f".{glob.escape(output_path.name)}.{kind}-{os.getpid()}-*"))


def dead_builds_folders(output_path: Path, kind: str) -> list[Path]:
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
    previous = dead_builds_folders(output_path, "previous")
    if previous and not output_path.exists():
        try:
            previous.pop(0).rename(output_path)
        except OSError:
            if not output_path.exists():  # else a build beside us put it back
                raise
    for folder in previous + dead_builds_folders(output_path, "staging"):
        shutil.rmtree(folder, ignore_errors=True)
    for folder in dead_builds_folders(output_path, "discarded"):
        delete_in_background(folder)


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
