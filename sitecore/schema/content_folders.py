"""The content folders: the files the site reads in them, and pages written outside them it never reads.

Pelican reads a content type's files from the folders its setting names
(ARTICLE_PATHS, …; content_types.py says which schema each is checked
against), leaving out what IGNORE_FILES names.
"""

from __future__ import annotations

import fnmatch
import os

from sitecore.names import MARKDOWN_SUFFIXES

from .content_types import SCHEMAS_BY_PATH_SETTING


def ignored(name: str, settings: dict) -> bool:
    """Does IGNORE_FILES name this file or folder? Pelican never reads those."""
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in settings.get("IGNORE_FILES") or [])


def content_paths(settings: dict) -> list[str]:
    """The folders (and single files, like minifesto.md) the site reads
    content from, relative to PATH ("." for PATH itself): the content
    types' and the past minifesto editions'."""
    return [os.path.normpath(path.strip("/") or ".")
            for setting in [*SCHEMAS_BY_PATH_SETTING, "MINIFESTO_EDITIONS_PATHS"]
            for path in settings.get(setting) or []]


def files_under(folder: str, settings: dict) -> list[str]:
    """Every file under `folder` that Pelican does not ignore, in a fixed
    order; never inside a symbolically linked folder (a link itself is
    listed, for its caller to refuse or skip)."""
    found = []
    for directory, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not ignored(name, settings))
        found += [os.path.join(directory, name) for name in sorted(files) if not ignored(name, settings)]
    return found


def files_in_content_folders(settings: dict) -> list[str]:
    """Every file under the content types' folders that Pelican does not
    ignore, in a fixed order (see files_under)."""
    return [path for folder in content_paths(settings) for path in files_under(os.path.join(settings["PATH"], folder),
                                                                               settings)]


# What a volunteer may write a page in: Markdown by any of its names, plain
# text, HTML. Saved outside the content folders, such a file is never read.
WRITTEN_EXTENSIONS = (".md", ".markdown", ".mkd", ".mkdn", ".mdown", ".mdwn", ".txt", ".text", ".html", ".htm",
                      ".rst")


def within(relative: str, paths: list[str]) -> bool:
    """Is `relative` (to PATH) one of `paths` or inside one of them?"""
    return any(path == "." or relative == path or relative.startswith(path + os.sep) for path in paths)


def written_files_not_read(settings: dict) -> list[str]:
    """Every file under PATH written to be a page (WRITTEN_EXTENSIONS) that
    the site never reads: outside every content folder (content/news/,
    content/post/, content/ itself). Files in the static folders
    (STATIC_PATHS, but for STATIC_EXCLUDES) are left to the static files'
    own checks, which refuse any that is not an image or a download."""
    content = content_paths(settings)
    static = [os.path.normpath(path.strip("/") or ".") for path in settings.get("STATIC_PATHS") or []]
    not_static = [os.path.normpath(path.strip("/")) for path in settings.get("STATIC_EXCLUDES") or []]
    found = []
    for path in files_under(settings["PATH"], settings):
        relative = os.path.relpath(path, settings["PATH"])
        if not path.lower().endswith(WRITTEN_EXTENSIONS) or within(relative, content):
            continue
        if not (within(relative, static) and not within(relative, not_static)):
            found.append(path)
    return found


def content_type_folders(settings: dict) -> dict[str, str]:
    """{path setting: its first folder} for each content type kept in a
    folder (not the minifesto's or the press office's single file)."""
    folders = {}
    for setting in SCHEMAS_BY_PATH_SETTING:
        paths = [path.strip("/") for path in settings.get(setting) or []]
        if paths and paths[0] and not paths[0].endswith(MARKDOWN_SUFFIXES):
            folders[setting] = paths[0]
    return folders


def required_missing(schema, keys: set[str]) -> int:
    """How many of the fields `schema` needs are not among `keys`."""
    return sum(1 for field in schema.fields if field.required and field.name not in keys)


def fits_by_misses(keys: set[str], folders: dict[str, str]) -> dict[str, int]:
    """{path setting: required fields missing} of the content types with
    every one of `keys` as a field (none for no keys)."""
    return {setting: required_missing(SCHEMAS_BY_PATH_SETTING[setting], keys) for setting in folders
            if keys and keys <= set(SCHEMAS_BY_PATH_SETTING[setting].field_names())}


def best_fitting_types(keys: set[str], folders: dict[str, str]) -> list[str]:
    """The path settings of the content types with every one of `keys` as a
    field that miss the fewest required fields (none for no keys)."""
    misses = fits_by_misses(keys, folders)
    fewest = min(misses.values(), default=None)
    return [setting for setting, missed in misses.items() if missed == fewest]


# A file's fields fit another content type when they are all its and it
# misses none it needs; told only when the file is far from its own type
# (a field its type has not, or two it needs missing): a post that forgot
# its date is a post.
FAR_FROM_ITS_TYPE = 2


def type_it_fits_better(keys: set[str], schema, settings: dict) -> tuple[object, str] | None:
    """(schema, folder) of the one content type whose fields `keys` fit
    whole, when they are far from `schema`'s, the type of the folder the
    file is in: a page saved in content/posts/ (told to add a date and a
    category, it was published as news) or a councillor's profile."""
    if not keys or (keys <= set(schema.field_names()) and required_missing(schema, keys) < FAR_FROM_ITS_TYPE):
        return None
    folders = content_type_folders(settings)
    fits = [setting for setting, missed in fits_by_misses(keys, folders).items()
            if missed == 0 and SCHEMAS_BY_PATH_SETTING[setting] is not schema]
    if len(fits) != 1:
        return None
    return SCHEMAS_BY_PATH_SETTING[fits[0]], folders[fits[0]]
