"""Writing files into the output folder.

Our plugins write the files they make here (Pelican's writer writes the
Jinja pages, its static generator copies content's and the theme's files):
atomically (the live preview's quick step writes into the folder it serves,
and builds sharing a cache read each other's entries: neither may ever see
half a file), and never outside the output folder; a file kept in the
build's cache goes in as a hard link (copy_from_cache). One copy is made
otherwise: a reused search index (plugins/search, copied whole from the
cache, then checked against its digests). What holds for every
file of a site, however written: a build writes into a fresh folder that
sitebuild swaps in whole only once the build succeeded, so no reader of
output/ sees half a file or half a site, and `with_public_modes` then sets
every mode.

A web site is public: every file of a finished site is 0644 and every
folder 0755, whatever the umask of whoever built it (`with_public_modes`),
so the web server can read the copy `invoke publish` makes (rsync keeps
modes). Left alone, temporary files (mkstemp) would be 0600, as would
files linked from caches filled before this rule, and a hardened umask
(027, 077) would hide Pelican's own pages from the server.
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
import tempfile
from pathlib import Path

PUBLIC_FILE, PUBLIC_FOLDER = 0o644, 0o755


def write_atomically(target: Path, data: bytes, modified: float | None = None, mode: int = PUBLIC_FILE) -> None:
    """Write `data` to `target` via a temporary file and a rename (with the
    modification time `modified`, if given), as a public file (or `mode`)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        # mkstemp's file is private. A file system without Unix modes (FAT)
        # refuses the change; this process made the file, so nothing else can.
        with contextlib.suppress(PermissionError):
            os.fchmod(handle, mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        if modified is not None:
            os.utime(temporary, (modified, modified))
        os.replace(temporary, target)
    except BaseException:  # Ctrl+C included: no temporary file is left behind
        with contextlib.suppress(FileNotFoundError):  # already renamed into place
            os.unlink(temporary)
        raise


def with_public_modes(site: Path) -> None:
    """Make every file below `site` 0644 and every folder (`site` too) 0755
    where it is not already: a chmod only where one differs, links left
    alone (a site holds none). 40 ms for the 5300 files and folders of a
    site of 1000 posts here."""
    give_mode(str(site), PUBLIC_FOLDER, folder=True)
    folders = [str(site)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                    give_mode(entry.path, PUBLIC_FOLDER, folder=True)
                elif not entry.is_symlink():
                    give_mode(entry.path, PUBLIC_FILE, folder=False)


def give_mode(path: str, mode: int, folder: bool) -> None:
    if stat.S_IMODE(os.lstat(path).st_mode) == mode:
        return
    try:
        os.chmod(path, mode)
    except PermissionError:
        # A folder of this build is this user's: only a file system without
        # Unix modes (FAT) refuses, and it decides the modes itself. A file
        # linked from a cache another user filled: the site gets a copy of
        # its own (written public), and the cache's file is left as it is.
        if not folder:
            write_atomically(Path(path), Path(path).read_bytes())


def output_path(output: str | Path, save_as: str) -> Path:
    """Where `save_as` (site-relative) goes under `output`; never outside it.
    `..` is resolved by its name: the output folder is one the build made
    and holds no symbolic links (resolving every file's path through the
    file system was 1.2 s of a build at 5000 posts)."""
    root = resolved_folder(os.path.abspath(output))
    target = Path(os.path.normpath(root / save_as))
    if root not in target.parents:
        raise ValueError(f"{save_as} would be written outside the site")
    return target


@functools.lru_cache(maxsize=16)
def resolved_folder(folder: str) -> Path:
    return Path(folder).resolve()


def write_output(output: str | Path, save_as: str, data: str | bytes) -> Path:
    """Write one file of the site (text as UTF-8) and return its path."""
    target = output_path(output, save_as)
    write_atomically(target, data.encode("utf-8") if isinstance(data, str) else data)
    return target


# Every file kept in the cache for copy_from_cache carries this modification
# time. The site's copy is the same file (a hard link): a tool that edits
# the site's copy in place changes it there too, and its time with it, so
# the next build knows the cached file is not what it wrote and makes it
# again rather than serve the edited bytes for ever.
CACHED_FILE_TIME = 946684800.0  # 2000-01-01 00:00 UTC


def write_to_cache(path: Path, data: bytes) -> None:
    write_atomically(path, data, modified=CACHED_FILE_TIME)


def intact_in_cache(path: Path) -> bool:
    """Whether the cache holds `path` as the build wrote it (write_to_cache);
    one changed since is deleted, to be made again."""
    try:
        if os.stat(path).st_mtime == CACHED_FILE_TIME:
            return True
    except FileNotFoundError:
        return False
    path.unlink(missing_ok=True)
    return False


def copy_from_cache(output: str | Path, save_as: str, cached: Path) -> Path:
    """Put a file the build keeps in its cache (a share card, a WebP copy)
    into the site: as a hard link to the cached file where the file system
    allows one, else as a copy. A link costs no bytes and no time (copying
    5000 share cards was 2.7 s of a build); it is safe because the build
    never changes a cached file in place, only replaces it (write_to_cache),
    which leaves the site's link to the old bytes, and a cached file changed
    in place through the site's link is made again (intact_in_cache)."""
    target = output_path(output, save_as)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(cached, target)  # a build writes into a new folder: mostly no file there yet
        return target
    except FileExistsError:
        pass  # replaced below, atomically
    except OSError:  # another file system, or one without hard links
        write_atomically(target, cached.read_bytes())
        return target
    if os.path.samefile(cached, target):
        return target  # already this very file (linked by an earlier call)
    temporary = target.parent / f".{target.name}.{os.getpid()}.link"
    try:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        os.link(cached, temporary)
        os.replace(temporary, target)
    except OSError:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        write_atomically(target, cached.read_bytes())
    return target


def newest_first(paths) -> list[tuple[float, Path]]:
    """(modification time, path) of each of `paths` that still exists, the
    most recent first: a cache keeps its newest few entries of a kind, and
    another build sharing the cache may remove one meanwhile."""
    found = []
    for path in paths:
        try:
            found.append((path.stat().st_mtime, path))
        except FileNotFoundError:
            continue
    return sorted(found, key=lambda entry: entry[0], reverse=True)
