"""A build whose site would be byte for byte the one already in place is not run.

The hourly scheduled build, a `./setup` run again, a preview save that
changed nothing: most builds start from the same input as the last one.
After each successful build, a record is kept under CACHE_PATH/builds/ (one
per output folder) of:

- a digest of everything the build reads (`input_digests`): the settings'
  values, the content folder, the theme and template overrides, the
  project's code, the fonts, the editor's packages and the installed
  libraries' versions;
- the stretch of time in which the build's decisions about time stay the
  same (`time_window`): every embargo and date compared with "now" goes
  through `sitecore.clock.has_passed`, which notes the moment; the pages
  also show the build's date (accessibility statement, security.txt), so
  the stretch ends at midnight too;
- every output file's size and modification time, so a site changed or
  damaged by hand is built again.

A build whose digest matches, whose "now" lies in that stretch and whose
output folder is as the record left it would write exactly the same bytes:
it keeps the folder as it is. Anything else builds in full, and a failed
build leaves the record and the folder as they were. The tests check a kept
site against a cold build of the same input (tests/test_unchanged_builds.py).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import stat
import sys
from dataclasses import asdict, dataclass, field
from importlib.metadata import distributions
from pathlib import Path

from sitecore.clock import site_zone
from sitecore.output import write_atomically
from sitecore.passed_before import INPUTS_BUT_POST_BODIES
from sitecore.print_fonts import print_font_faces
from sitecore.schema.document import body_of

from .template_cache import stable_description

ROOT = Path(__file__).resolve().parents[1]
# Our code and what pins the rest: any change to them may change the site.
CODE_FOLDERS = ("sitebuild", "sitecore", "plugins")
# A file's name goes into the digest byte for byte, as the file system has
# it: a name that is not UTF-8 (caf\xe9.md, from an old Windows tool) made the
# build end with an encoding error before Pelican could read it and refuse
# it at its name.
NAMES_AS_WRITTEN = "surrogateescape"
ROOT_FILES = ("pyproject.toml", "requirements.lock", "package-lock.json", "node_modules/.package-lock.json")
# Settings that name folders the build reads, read file by file. Settings
# that name no files are in the digest by their values.
READ_FOLDERS = ("PATH", "THEME")
# Third-party packages copied into /admin/ (51 MB; reading every byte took
# half a second): by their files' names and sizes, with npm's record of the
# installed versions (node_modules/.package-lock.json, in ROOT_FILES, read
# whole). Not by their times: CI's `npm ci` before every hourly build puts
# the same bytes back with new times, which made every such build a full one.
PACKAGE_FOLDERS = ("CMS_SVELTIA_PACKAGE", "CMS_YAML_BROWSER_DIST")
# Where a build writes or keeps caches, and its clock: not inputs (caches
# never change the result; the clock is the time window's concern).
NOT_INPUTS = {"OUTPUT_PATH", "CACHE_PATH", "BUILD_TIME", "JINJA_ENVIRONMENT", INPUTS_BUT_POST_BODIES}
SKIPPED_NAMES = {"__pycache__", ".git"}
RECORD_VERSION = 3


@dataclass
class BuildRecord:
    inputs: str
    valid_from: str  # ISO instants: the build's decisions hold from, until
    valid_until: str
    pages: int
    output: dict[str, list[int]] = field(default_factory=dict)  # path -> [size, mtime_ns]
    # For sitebuild/page_reuse.py: the inputs but posts' bodies, and each
    # page's key (the template and the bodies of the posts it holds).
    layout: str = ""
    page_keys: dict[str, str] = field(default_factory=dict)
    page_effects: dict[str, list[list[str]]] = field(default_factory=dict)  # sitecore/page_effects.py
    # The build's warnings (path, line, field, message, fix each): a build
    # that keeps the site says them again.
    content_warnings: list[list] = field(default_factory=list)
    version: int = RECORD_VERSION


def name_bytes(text: str) -> bytes:
    """`text`, which may hold file names, as bytes for a digest (NAMES_AS_WRITTEN)."""
    return text.encode(errors=NAMES_AS_WRITTEN)


def record_path(settings: dict, output_path: Path) -> Path:
    name = hashlib.sha256(str(output_path).encode()).hexdigest()[:32]
    return Path(settings["CACHE_PATH"], "builds", f"{name}.json")


def read_record(settings: dict, output_path: Path) -> BuildRecord | None:
    try:
        data = json.loads(record_path(settings, output_path).read_text(encoding="utf-8"))
        record = BuildRecord(**data)
    except (OSError, ValueError, TypeError):  # none yet, or from another version
        return None
    return record if record.version == RECORD_VERSION else None


def write_record(settings: dict, output_path: Path, record: BuildRecord) -> None:
    write_atomically(record_path(settings, output_path), json.dumps(asdict(record)).encode())


def site_still_current(record: BuildRecord | None, inputs: str, now: dt.datetime, output_path: Path) -> bool:
    """Whether a build now would write exactly the files in `output_path`."""
    if record is None or record.inputs != inputs or not decisions_still_hold(record, now):
        return False
    return output_state(output_path) == record.output


def decisions_still_hold(record: BuildRecord, now: dt.datetime) -> bool:
    """Whether `now` lies in the stretch of time the recorded build's
    decisions about time hold for (time_window)."""
    instant = now.astimezone(dt.timezone.utc)
    return dt.datetime.fromisoformat(record.valid_from) <= instant < dt.datetime.fromisoformat(record.valid_until)


def time_window(now: dt.datetime, moments: list[dt.datetime], settings: dict) -> tuple[str, str]:
    """The stretch around `now` in which every moment the build compared with
    now stays on the same side of it, and the site's date stays the same."""
    zone = site_zone(settings)
    today = now.astimezone(zone).date()
    start = dt.datetime.combine(today, dt.time(), tzinfo=zone).astimezone(dt.timezone.utc)
    end = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(), tzinfo=zone).astimezone(dt.timezone.utc)
    instant = now.astimezone(dt.timezone.utc)
    for moment in (m.astimezone(dt.timezone.utc) for m in moments):
        if moment <= instant:
            start = max(start, moment)
        else:
            end = min(end, moment)
    return start.isoformat(), end.isoformat()


def output_state(folder: Path) -> dict[str, list[int]]:
    state = {}
    for directory, folders, files in os.walk(folder):
        folders.sort()
        for name in sorted(files):
            path = os.path.join(directory, name)
            info = os.lstat(path)
            state[os.path.relpath(path, folder)] = [info.st_size, info.st_mtime_ns]
    return state


class InputDigests:
    """Two digests of what a build reads, made in one pass: of everything
    (`full`), and of everything but the bodies of posts (`layout`), in
    which a post counts by its front matter only. A post's body shows on
    its own page only (sitebuild/page_reuse.py relies on it)."""

    def __init__(self) -> None:
        self.full, self.layout = hashlib.sha256(), hashlib.sha256()

    def update(self, data: bytes) -> None:
        self.full.update(data)
        self.layout.update(data)

    def update_post(self, name: str, data: bytes) -> None:
        self.full.update(name_bytes(f"\0file {name} {len(data)}\0")
                         + hashlib.sha256(data).digest())
        self.layout.update(name_bytes(f"\0post {name}\0")
                           + hashlib.sha256(front_matter_part(data)).digest())


def front_matter_part(data: bytes) -> bytes:
    """A post file without its body: everything before what the reader takes
    as the body (`body_of`, the reader's own rule), or the whole file if it
    has no front matter block."""
    text = data.decode("utf-8", "surrogateescape")  # a file that is not UTF-8 is refused by the reader
    body = body_of(text)
    return data if body is None else text[:len(text) - len(body)].encode("utf-8", "surrogateescape")


def input_digests(settings: dict, output_path: Path) -> tuple[str, str]:
    """(everything the build reads, everything but posts' bodies): see InputDigests."""
    digest = InputDigests()
    values = {key: value for key, value in settings.items() if key not in NOT_INPUTS}
    digest.update(stable_description(values).encode())
    digest.update(stable_description(settings.get("JINJA_ENVIRONMENT", {})).encode())
    digest.update(name_bytes(f"\0{output_path}\0"))
    # Posts' folders (ARTICLE_PATHS) hold posts only. A folder that is the
    # whole content folder would count policies and pages as posts too:
    # then nothing counts as a post, and no page is reused.
    content = os.path.normpath(settings["PATH"])
    posts = tuple(os.path.normpath(os.path.join(content, folder)) for folder in settings.get("ARTICLE_PATHS") or ())
    if content in posts:
        posts = ()
    for name in READ_FOLDERS:
        add_folder(digest, Path(settings[name]), by_contents=True, post_folders=posts if name == "PATH" else ())
    for folder in settings.get("THEME_TEMPLATES_OVERRIDES") or ():
        add_folder(digest, Path(folder), by_contents=True)
    for path in sorted(path for _, _, _, path in print_font_faces(settings)):
        add_file(digest, Path(path), by_contents=True)
    digest.update(packages(tuple(str(settings[name]) for name in PACKAGE_FOLDERS if settings.get(name))))
    for path in sorted([*ROOT.glob("*.py"), *(ROOT / name for name in ROOT_FILES)]):
        add_file(digest, path, by_contents=True)
    digest.update(code_and_libraries())
    return digest.full.hexdigest(), digest.layout.hexdigest()


@functools.lru_cache(maxsize=1)
def code_and_libraries() -> bytes:
    """Once per process, like sitecore.text_memo.code_fingerprint: the code
    a process runs is the code it imported, so a live preview left running
    while plugin code is edited records the code it really ran (it needs a
    restart to take up the new code, which then builds in full)."""
    digest = hashlib.sha256(f"python {sys.version}\0".encode())
    digest.update("\n".join(sorted(f"{dist.metadata['Name']}=={dist.version}" for dist in distributions())).encode())
    for name in CODE_FOLDERS:
        add_folder(digest, ROOT / name, by_contents=True)
    return digest.digest()


@functools.lru_cache(maxsize=4)
def packages(folders: tuple[str, ...]) -> bytes:
    """Once per process, as the libraries: an npm install needs a restart of
    a live preview, as a pip install does."""
    digest = hashlib.sha256()
    for folder in folders:
        add_folder(digest, Path(folder), by_contents=False)
    return digest.digest()


def add_folder(digest, folder: Path, by_contents: bool, post_folders: tuple[str, ...] = ()) -> None:
    """Every file below `folder`; those below one of `post_folders` (inside
    it) are posts, for InputDigests.update_post."""
    digest.update(name_bytes(f"\0folder {folder}\0"))
    for directory, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if name not in SKIPPED_NAMES)
        here = os.path.normpath(directory)
        post = any(here == posts or here.startswith(posts + os.sep) for posts in post_folders)
        # A link to a folder is listed among the folders, and not walked: it
        # counts by where it points, as a link to a file does (a folder
        # linked in was "Nothing changed" where the build refuses it: an audit).
        linked = [name for name in folders if os.path.islink(os.path.join(directory, name))]
        for name in sorted([*files, *linked]):
            add_file(digest, Path(directory, name), by_contents, relative_to=folder, post=post)


def add_file(digest, path: Path, by_contents: bool, relative_to: Path | None = None, post: bool = False) -> None:
    """A file by its name and bytes (or, not `by_contents`, its size); a link by where it
    points, without following it (the build refuses links in content/, and a
    refused build is never recorded); a pipe or a device by its kind, never
    opened; a missing file as missing. A `post`'s bytes go to
    InputDigests.update_post."""
    name = str(path.relative_to(relative_to)) if relative_to else str(path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        digest.update(name_bytes(f"\0missing {name}\0"))
        return
    if stat.S_ISLNK(info.st_mode):
        digest.update(name_bytes(f"\0link {name} {os.readlink(path)}\0"))
    elif not stat.S_ISREG(info.st_mode):  # a pipe or a device: opening it could wait for ever
        digest.update(name_bytes(f"\0special {name} {info.st_mode}\0"))
    elif by_contents and post:
        digest.update_post(name, Path(path).read_bytes())
    elif by_contents:
        digest.update(name_bytes(f"\0file {name} {info.st_size}\0"))
        with open(path, "rb") as file:
            digest.update(hashlib.file_digest(file, "sha256").digest())
    else:
        digest.update(name_bytes(f"\0file {name} {info.st_size}\0"))
