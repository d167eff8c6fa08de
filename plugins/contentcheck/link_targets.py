"""Where a link in content leads, and what it was probably meant to be.

The checks (link_checks.py, image_checks.py) and the check of links to a part of a page
(links_to_parts.py) both resolve a link from the file it is written in; and a
link to a file that is not there most often names one that is, in other
capitals (`Rally.JPG` for `rally.jpg`: a Mac or Windows laptop finds either,
the web host only the one written) or with a letter slipped.
"""

from __future__ import annotations

import difflib
import os
import posixpath


def links_folder(item, settings) -> str:
    """The folder Pelican resolves an item's relative links from: its own,
    or for a past minifesto edition's frozen copy the one it was copied from.
    (A file only partly read is not a Content item: its own folder.)"""
    relative_dir = getattr(item, "relative_dir", None)
    if relative_dir is None:
        return os.path.dirname(item.source_path)
    return os.path.join(settings["PATH"], relative_dir)


def linked_file(item, path: str, settings) -> str:
    """The file a {filename} or {static} link's path names: from content/
    when it starts with /, else from the item's folder."""
    if path.startswith("/"):
        return os.path.normpath(os.path.join(settings["PATH"], path.lstrip("/")))
    return os.path.normpath(os.path.join(links_folder(item, settings), path))


def in_other_capitals(content_root: str, relative: str) -> str | None:
    """The file or folder under `content_root` whose path is `relative` but
    for capitals (content/-relative, with /), if there is exactly one."""
    found = ""
    for part in relative.strip("/").split("/"):
        try:
            names = os.listdir(os.path.join(content_root, found))
        except OSError:
            return None
        matching = [name for name in names if name.lower() == part.lower()]
        if len(matching) != 1 or os.path.islink(os.path.join(content_root, found, matching[0])):
            return None  # a symbolic link is refused, and where it leads never listed
        found = posixpath.join(found, matching[0])
    return found or None


def inside_content(content_root: str, relative: str) -> bool:
    """Whether `relative` names a place in content/, ".." and links
    followed: a suggestion lists only folders there (listing the folder of
    "/images/../../../../etc/passw" told a pull request's author the build
    machine's files)."""
    root = os.path.realpath(content_root)
    return os.path.commonpath([os.path.realpath(os.path.join(root, relative.strip("/"))), root]) == root


def near_names(content_root: str, relative: str, how_many: int = 3) -> list[str]:
    """Files in the same folder whose names are a slip of a letter or two
    from the missing one's (content/-relative, with /)."""
    if not inside_content(content_root, relative):
        return []
    folder, name = posixpath.split(relative.strip("/"))
    # In other capitals, never through a symbolic link (in_other_capitals).
    folder = (in_other_capitals(content_root, folder) or folder) if folder else ""
    try:
        names = sorted(name for name in os.listdir(os.path.join(content_root, folder))
                       if os.path.isfile(os.path.join(content_root, folder, name)))
    except OSError:
        return []
    by_lower = {candidate.lower(): candidate for candidate in names}
    close = difflib.get_close_matches(name.lower(), list(by_lower), n=how_many, cutoff=0.75)
    return [posixpath.join(folder, by_lower[candidate]) for candidate in close]


def did_you_mean(content_root: str, relative: str, as_written, otherwise: str) -> str:
    """The fix for a link or field naming `relative` (content/-relative),
    which is not there: the file it names in other capitals, or those a
    letter or two away, each as the volunteer would write it
    (`as_written(path)`); else `otherwise`."""
    same = in_other_capitals(content_root, relative)
    if same is not None and os.path.isfile(os.path.join(content_root, same)):
        return f"did you mean {as_written(same)}? (names must match in capitals too)"
    near = near_names(content_root, relative)
    if near:
        return f"did you mean {' or '.join(as_written(path) for path in near)}? If not, {otherwise}"
    return otherwise
