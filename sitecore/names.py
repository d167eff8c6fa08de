"""File and folder names under content/: which are safe, and what they mean."""

from __future__ import annotations

import os
import re
import unicodedata

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

from sitecore.schema.fields import SLUG_MAX_LENGTH

# Names end up in addresses Pelican makes from links to the file: a `&`, a
# quote or a space there could break out of an attribute or an address.
SAFE_NAME_PART = re.compile(r"[A-Za-z0-9_.-]+")
SAFE_SITE_PATH = re.compile(r"[A-Za-z0-9._/-]+")
# The endings of the files the site reads as content (Markdown).
MARKDOWN_SUFFIXES = (".md", ".markdown")
# Policies are filed as NN-slug.md so a folder listing shows them in order.
NUMBERED_NAME = re.compile(r"^(?P<number>[0-9]{1,2})-(?P<slug>.+)$")


def numbered_name(stem: str) -> tuple[int, str] | None:
    """(number, slug) of a policy's file name without .md ("02-housing"), or None."""
    numbered = NUMBERED_NAME.match(stem)
    return (int(numbered["number"]), numbered["slug"]) if numbered else None


def numbered_file_name(number: int, slug: str) -> str:
    """The file name a policy is filed under: 2, "housing" -> 02-housing.md."""
    return f"{number:02d}-{slug}.md"


def slug_of_file(source_path: str, content_type: str) -> str:
    """The slug a file name gives: its name, but for a policy's number
    (02-housing.md is "housing"; an event's 10-days-of-action.md keeps its 10)."""
    stem = os.path.splitext(os.path.basename(source_path))[0]
    numbered = numbered_name(stem) if content_type == "policy" else None
    return numbered[1] if numbered else stem


def slug_for(text: str) -> str:
    """The slug (a file name without .md, and part of every address made
    from it) for a title or a file name: 'Café vote: £5m for buses' gives
    cafe-vote-5m-for-buses; "" if it has no letter or digit. Currency signs
    are dropped, as '$' always was: Unidecode spells '£' as 'PS' and '€' as
    'EUR'. Pelican's slugify keeps '_' and a leading or trailing '-', which
    a slug has not (`invoke new post "-h"` made -h.md, which the build
    refused). A long title keeps its first words, up to SLUG_MAX_LENGTH
    characters."""
    slug = uncut_slug(text)
    if len(slug) > SLUG_MAX_LENGTH:
        cut = slug[: SLUG_MAX_LENGTH + 1]
        slug = (cut.rsplit("-", 1)[0] if "-" in cut else cut[:SLUG_MAX_LENGTH]).strip("-")
    return slug


def uncut_slug(text: str) -> str:
    """slug_for(text) before a long one is cut to its first words."""
    # "Cs": a file name's byte that is not UTF-8 ("caf\udce9"), which
    # Unidecode would drop with a warning on the build's output.
    kept = "".join(c for c in text if unicodedata.category(c) not in ("Sc", "Cs"))
    slugified = slugify(kept, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    return re.sub(r"[^a-z0-9]+", "-", slugified).strip("-")


# Windows keeps these names for devices, with any extension (aux.md,
# con.jpg), and drops a trailing dot or space: a file so named in the
# repository cannot be checked out on a volunteer's Windows computer.
WINDOWS_DEVICE_NAMES = frozenset({"con", "prn", "aux", "nul", "conin$", "conout$",
                                  *(f"{port}{n}" for port in ("com", "lpt") for n in [*"0123456789", *"¹²³"])})


# Characters no name may hold on Windows. A \ in a name is refused on
# Linux too: a browser reads it as /, so a folder named \ made the address
# /\host/… a picture in content/ to the build and another website to a reader.
WINDOWS_FORBIDDEN_CHARACTERS = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def windows_name_problem(name: str) -> tuple[str, str] | None:
    """(why, fix) if Windows would refuse a file or folder of this name."""
    if name.split(".")[0].rstrip(" ").lower() in WINDOWS_DEVICE_NAMES:
        return "a device's name", "rename it, e.g. with another word in its name"
    if name.endswith((".", " ")):
        return "a dot or space at its end", "rename it without the dot or space at its end"
    found = WINDOWS_FORBIDDEN_CHARACTERS.search(name)
    if found:
        mark = "control character" if found.group() < " " else found.group()
        return f"a {mark} in it", f"rename it without the {mark}, e.g. with a hyphen for it"
    return None


def windows_cannot_hold(name: str) -> bool:
    """Would Windows refuse a file or folder of this name?"""
    return windows_name_problem(name) is not None


def file_name_for(stem: str, prefix: str = "", suffix: str = ".md") -> str:
    """The name a file written as `stem` should have: its slug between
    `prefix` (a policy's "02-") and `suffix`, with "-1" after a name Windows
    keeps for a device ("CON.md" is con-1.md); "" if `stem` has no letter
    or digit to make a slug of."""
    slug = slug_for(stem)
    if not slug:
        return ""
    name = f"{prefix}{slug}{suffix}"
    return f"{prefix}{slug}-1{suffix}" if windows_cannot_hold(name) else name


def inside(path: str, folder: str) -> bool:
    """Is `path` inside `folder`, with no symbolic link on the way? (Content
    is untrusted: a link in content/ may point at any file of the machine.)"""
    real, root = os.path.realpath(path), os.path.realpath(folder)
    return os.path.abspath(path) == real and os.path.commonpath([real, root]) == root
