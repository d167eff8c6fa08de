"""Refuse unsafe files under content/ and withhold draft-only images."""

from __future__ import annotations

import os
import stat

from pelican import signals
from pelican.generators import StaticGenerator

from sitecore.content_items import content_items
from sitecore.images import PLAIN_COPY_EXTENSIONS, extension_of, image_copies, is_image
from sitecore.names import SAFE_SITE_PATH, inside, windows_name_problem
from sitecore.problems import problem_log
from sitecore.publication_order import goes_public_by_itself
from sitecore.site_files import declared_files

from .document_metadata import personal_data_problem
from .file_types import ALLOWED_LIST, type_problem
from .published_copies import PublishableImages, plan_published_copies, write_published_copies
from .references import files_used_by

# Longest file or folder name published (file systems stop at 255 bytes).
NAME_MAX_LENGTH = 100
# By the extension of an image's copy: its WebP copies, its plain copy.
COPY_KINDS = {"webp": "WebP", **{extension: kind for kind, extension in PLAIN_COPY_EXTENSIONS.items()}}


def refuse_unsafe_files(pelican) -> None:
    """A link under content/ could publish any file of the build machine
    (/etc/shadow, .git/config with CI's token): refuse every one, and keep
    Pelican from following them while it reads the rest. Refuse pipes,
    sockets and devices too, which Pelican would wait on for ever, and
    names Windows cannot hold (one such file keeps every volunteer on
    Windows from checking out the repository)."""
    settings = pelican.settings
    problem_log.start_build(settings)
    ignored = list(settings.get("IGNORE_FILES") or [])
    for directory, folders, files in os.walk(settings["PATH"]):
        for name in folders + files:
            path = os.path.join(directory, name)
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                problem_log.add(path, 1, "(file)", "is a symbolic link",
                                "replace it with the file itself: links could publish files from outside content/")
                ignored.append(name)
            elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                # Reading a named pipe waits for a writer: the build would hang.
                problem_log.add(path, 1, "(file)", "is not an ordinary file (a named pipe, socket or device)",
                                "delete it: only ordinary files and folders belong in content/")
                ignored.append(name)
            windows = windows_name_problem(name)
            if windows:
                why, fix = windows
                problem_log.add(path, 1, "(file name)", f'"{name}" is a name Windows cannot hold ({why}): the '
                                "repository could not be checked out on Windows", fix)
    settings["IGNORE_FILES"] = ignored
    refuse_links_in_the_theme(settings)


def refuse_links_in_the_theme(settings: dict) -> None:
    """A link in the theme's folders was followed and its target published
    under /theme/ (a pull request's one line, `ln -s /proc/self/environ`,
    would publish the build job's environment): refused as in content/."""
    folders = [settings.get("THEME"), *(settings.get("THEME_TEMPLATES_OVERRIDES") or [])]
    for folder in filter(None, folders):
        for directory, names, files in os.walk(folder):
            for name in names + files:
                path = os.path.join(directory, name)
                if os.path.islink(path):
                    problem_log.add(path, 1, "(file)", "is a symbolic link in the theme",
                                    "replace it with the file itself: links could publish files from outside "
                                    "the theme")


def static_file_problem(path: str, save_as: str, taken: dict[str, str],
                        static_folders: list[str]) -> tuple[str, str] | None:
    """(message, fix) if the file at `path` may not be published at `save_as`."""
    if not any(save_as.startswith(folder.strip("/") + "/") for folder in static_folders):
        # A {static} link publishes the file it names at the same path: only
        # the static folders may be published, or a post could put a file at
        # /ads.txt, /.well-known/… or over a share card.
        return ("is linked with {static} but is not in a folder the site publishes",
                "move it into " + " or ".join(f"content/{f.strip('/')}/" for f in static_folders))
    if not SAFE_SITE_PATH.fullmatch(save_as):
        return ("its name has characters that do not belong in an address",
                "rename it with letters, digits, hyphens, underscores and dots only")
    if save_as in taken:
        return f"would replace {taken[save_as]} at /{save_as}", "rename it: that address is the site's own"
    if any(len(part) > NAME_MAX_LENGTH for part in save_as.split("/")):
        return (f"its name is longer than {NAME_MAX_LENGTH} characters",
                "rename it with a shorter name (lower-case words and hyphens)")
    wrong_type = type_problem(path)
    if wrong_type:
        return (f"cannot be published: {wrong_type}",
                f"delete it, or save it as one of the types content may publish: {ALLOWED_LIST}")
    return personal_data_problem(path)


def addresses_taken(generators, settings, static_paths) -> dict[str, str]:
    """save_as -> what writes it, for every file a static file may not replace:
    the site's own files, the pages of content files, and images' copies."""
    static = set(static_paths)
    taken = {file.save_as: file.made_by for file in declared_files(generators) if file.source not in static}
    for path in static_paths:
        for variant in image_copies(path, settings):
            taken[variant] = f"a {COPY_KINDS[extension_of(variant)]} copy of {path}"
    return taken


def images_sharing_copies(static_paths, settings) -> dict[str, str]:
    """path -> the other image whose copies it would overwrite
    (images/march.jpg and images/march.png both make images/march-480.webp)."""
    first_by_copy: dict[str, str] = {}
    clashes = {}
    for path in sorted(static_paths):
        for copy in image_copies(path, settings):
            other = first_by_copy.setdefault(copy, path)
            if other != path:
                clashes[path] = other
    return clashes


def draft_only_files(generators, settings) -> tuple[set[str], set[str]]:
    """(files only drafts and embargoed items use: published with them, not
    before; those of them an embargoed item uses, checked now:
    sitecore.publication_order.goes_public_by_itself)."""
    if settings.get("PREVIEW_DRAFTS"):
        return set(), set()
    public, private, waiting = set(), set(), set()
    for item in content_items(generators):
        used = files_used_by(item, settings)
        (private if item.status == "draft" else public).update(used)
        if goes_public_by_itself(item):
            waiting.update(used)
    return private - public, waiting - public


def check_static_files(generators) -> None:
    settings = generators[0].settings
    static = next((g for g in generators if isinstance(g, StaticGenerator)), None)
    if static is None:
        return
    withheld, embargoed = draft_only_files(generators, settings)
    static_paths = [sc.relative_source_path for sc in static.staticfiles]
    taken = addresses_taken(generators, settings, static_paths)
    clashes = images_sharing_copies(static_paths, settings)
    publishable = PublishableImages(settings)
    kept = []
    for sc in static.staticfiles:
        path = os.path.join(settings["PATH"], sc.relative_source_path)
        if not inside(path, settings["PATH"]) or not os.path.isfile(path):
            continue  # the link to it is reported (contentcheck); never copy it
        relative = os.path.normpath(sc.relative_source_path)
        if relative in withheld and relative not in embargoed:
            continue
        problem = static_file_problem(path, sc.save_as, taken, settings.get("STATIC_PATHS", []))
        if not problem and sc.relative_source_path in clashes:
            problem = (f"has the same name as {clashes[sc.relative_source_path]}, so their copies "
                       "would overwrite each other", "rename one of them")
        if not problem and is_image(path):
            problem = publishable.problem(path)
        if problem:
            problem_log.add(path, 1, "(file)", *problem)
            continue
        if relative not in withheld:
            kept.append(sc)
    publishable.keep()
    # The generator's list is also the context's: filter it in place.
    static.staticfiles[:] = kept
    plan_published_copies(kept, settings)


def register() -> None:
    signals.initialized.connect(refuse_unsafe_files)
    signals.all_generators_finalized.connect(check_static_files)
    signals.finalized.connect(write_published_copies)
