"""Copy the editor's third-party files from node_modules into /admin/, and
name them beforehand for the files the build declares (`vendored_names`).
Each is written with sitecore.output's write_output (atomically, public).

Sveltia CMS's bundle names its fonts by jsDelivr URLs; the same fonts ship in
its npm package, so the copy points at those instead: /admin/ makes no
third-party requests (our policy), and its Content-Security-Policy allows none.
Its update and GitHub status checks are pointed at an empty answer, for the
same reason.
"""

from __future__ import annotations

import functools
import glob
import os
import re
from pathlib import Path

from sitecore.output import write_output

# What the editor loads: the bundle and the one chunk it imports by name.
SVELTIA_FILES = ("dist/sveltia-cms.js", "dist/chunks/react-dom.js")
FONT_URL = re.compile(r"https://cdn\.jsdelivr\.net/fontsource/fonts/([a-z0-9-]+)(?::vf)?@[0-9.]+/([a-z0-9-]+)\.woff2")
FONTS_FOLDER = "fonts"
# Background checks the editor makes of other sites, each pointed at an empty
# answer: (what, pattern, replacement). Each must be found exactly once.
EMPTY_JSON = "data:application/json,{}"
BACKGROUND_CHECKS = (
    # Hourly, whether a newer version is on unpkg.com (we update through package.json).
    ("the update check", re.compile(r"=`\$\{\w+\}/package\.json`"), f"=`{EMPTY_JSON}`"),
    # Whether GitHub is having an outage (the status page's own site).
    ("the GitHub status check", re.compile(re.escape("https://www.githubstatus.com/api/v2/status.json")), EMPTY_JSON),
)


# Where the patched bundle and the yaml package's files go in /admin/.
BUNDLE_NAME = "sveltia-cms.js"
YAML_FOLDER = "yaml"


def vendored_names(package: str, yaml_dist: str) -> list[str]:
    """Every file copy_sveltia and copy_yaml write, relative to /admin/."""
    return [BUNDLE_NAME, *(name for _, name in sveltia_copies(package)),
            *(f"{YAML_FOLDER}/{name}" for _, name in yaml_copies(yaml_dist))]


def copy_sveltia(package: str, folder: str) -> None:
    for source, name in sveltia_copies(package):
        write_output(folder, name, Path(source).read_bytes())
    write_output(folder, BUNDLE_NAME, installed_bundle(package)[0])


def sveltia_copies(package: str) -> list[tuple[str, str]]:
    """(source, name under /admin/) of the package's files the bundle loads:
    its one chunk, and the fonts (with their licences) it points at."""
    _, fonts = installed_bundle(package)
    return [(os.path.join(package, SVELTIA_FILES[1]), "chunks/react-dom.js"),
            *((source, f"{FONTS_FOLDER}/{name}") for source, name in fonts)]


def installed_bundle(package: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """local_bundle of the package installed at `package`."""
    bundle_path = os.path.join(package, SVELTIA_FILES[0])
    if not os.path.isfile(bundle_path):
        raise FileNotFoundError(f"Sveltia CMS is not installed in {package}: run ./setup")
    stat = os.stat(bundle_path)
    return local_bundle(package, (stat.st_size, stat.st_mtime_ns))


@functools.lru_cache(maxsize=2)
def local_bundle(package: str, stamp: tuple[int, int]) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The bundle with local fonts and no background checks, and the font
    files to copy beside it ((source, name under fonts/)). Made once per
    process for a given bundle file (`stamp`: its size and time): patching
    3 MB of JavaScript was a sixth of a small site's build."""
    with open(os.path.join(package, SVELTIA_FILES[0]), encoding="utf-8") as handle:
        bundle = handle.read()
    copies: list[tuple[str, str]] = []
    bundle, count = FONT_URL.subn(lambda match: local_font(package, copies, *match.groups()), bundle)
    if count == 0:
        raise ValueError(f"{SVELTIA_FILES[0]} no longer names its fonts by jsDelivr URL: "
                         "check how this Sveltia CMS version loads fonts (plugins/cms/vendor.py)")
    for what, pattern, replacement in BACKGROUND_CHECKS:
        bundle, count = pattern.subn(replacement, bundle)
        if count != 1:
            raise ValueError(f"{SVELTIA_FILES[0]}: found {what} {count} times, expected once: "
                             "check this Sveltia CMS version (plugins/cms/vendor.py)")
    return bundle, tuple(dict.fromkeys(copies))


def local_font(package: str, copies: list[tuple[str, str]], family: str, variant: str) -> str:
    """Note the package's own file of this font (and its licence) in
    `copies`; return its URL under /admin/."""
    found = sorted(glob.glob(os.path.join(package, "npm/assets", f"{family}-{variant}-*.woff2")))
    if not found:
        raise FileNotFoundError(f"Sveltia CMS's font {family} ({variant}) is not in {package}/npm/assets")
    name = f"{family}-{variant}.woff2"
    copies.append((found[0], name))
    licence = os.path.join(package, "npm/assets", f"{family}.LICENSE.txt")
    if os.path.isfile(licence):
        copies.append((licence, f"{family}.LICENSE.txt"))
    return f"{FONTS_FOLDER}/{name}"


def copy_yaml(dist: str, folder: str) -> None:
    """The yaml package's browser build (ES modules), which our format
    imports, into `folder` (/admin/yaml/)."""
    for source, name in yaml_copies(dist):
        write_output(folder, name, Path(source).read_bytes())


# What the browser never loads from the yaml package: source maps, type declarations.
YAML_LEFT_OUT = (".map", ".d.ts")


def yaml_copies(dist: str) -> list[tuple[str, str]]:
    """(source, name under /admin/yaml/) of each file of the yaml package's browser build."""
    index = os.path.join(dist, "index.js")
    if not os.path.isfile(index):
        raise FileNotFoundError(f"The yaml package is not installed in {dist}: run ./setup")
    stat = os.stat(index)
    return list(yaml_files(dist, (stat.st_size, stat.st_mtime_ns)))


@functools.lru_cache(maxsize=2)
def yaml_files(dist: str, stamp: tuple[int, int]) -> tuple[tuple[str, str], ...]:
    """Listed once per process for an installed package (`stamp`: its
    index.js's size and time, new with every install): a build asks twice,
    and listing a hundred files was a twentieth of a small site's build."""
    root = Path(dist)
    return tuple((str(path), path.relative_to(root).as_posix()) for path in sorted(root.rglob("*"))
                 if path.is_file() and not path.name.endswith(YAML_LEFT_OUT))
