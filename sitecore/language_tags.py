"""Language tags, against the IANA language subtag registry langcodes ships.

A tag of the right shape may still be no language ("wl", a typo for Welsh,
which a screen reader has no voice for) or an old form of one ("wel",
"en-UK"). The HTML allowlist holds every `lang` to this, and the settings
check every tag of LANGUAGES.

Loading the registry takes about 0.1 s, and every build checks LANGUAGES: a
seventh of a build that finds nothing changed. So while a build's check of
its settings runs (`answers_kept_in`), each answer is kept in the build's
cache folder, keyed by langcodes' version and this module's source, and the
registry is loaded only for a tag not asked before.
"""

from __future__ import annotations

import functools
import re
import sys
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from sitecore.text_memo import TextMemo, fingerprint

# A language tag's shape (BCP 47): a language of two or three lower-case
# letters (cy, fr, pl), then subtags such as a region or a script (en-GB,
# zh-Hant), at most seven (langcodes' parser recurses once a subtag: a
# stranger's thousand ended in a RecursionError).
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,7}")

UNKNOWN = ""  # kept for a tag the registry does not know
KEPT: ContextVar[TextMemo | None] = ContextVar("language_tag_answers", default=None)


def is_language_tag(value: str) -> bool:
    """`value` is a language tag, as written: of that shape, each of its
    subtags one the registry lists (in any case), none listed as replaced."""
    registered = registered_form(value)
    return registered is not None and registered.lower() == value.lower()


def registered_form(value: str) -> str | None:
    """The registry's form of the language tag `value` ("cy" for "wel",
    "en-GB" for "en-UK"), or None for a tag it does not know (or for
    anything not of a tag's shape, which is not asked)."""
    if not LANGUAGE_TAG.fullmatch(value):
        return None
    kept = KEPT.get()
    answer = kept.get(value) if kept is not None else None
    if answer is None:
        answer = ask_the_registry(value)
        if kept is not None:
            kept.put(value, answer)
    return answer or None


def ask_the_registry(value: str) -> str:
    """The registry's form of `value`: itself when each subtag is one the
    IANA registry lists (whatever their case); the preferred values of
    the subtags it lists as replaced ("iw" is now "he"); else the form
    langcodes gives a tag it knows by another name ("wel", an ISO 639-2
    code, is "cy"; "en-UK" is "en-GB"); else UNKNOWN ("wl")."""
    subtags = registered_subtags()
    parts = value.split("-")
    written = []
    for position, part in enumerate(parts):
        if len(part) == 1:  # an extension or private use: its subtags are its own
            written.extend(parts[position:])
            break
        entry = subtags.get((subtag_type(part, position), part.lower()))
        if entry is None:
            return langcodes_form(value)
        written.append(entry.get("Preferred-Value", entry["Subtag"]))
    return "-".join(written)


def subtag_type(part: str, position: int) -> str:
    """What a subtag is, by its place and shape (BCP 47, section 2.2)."""
    if position == 0:
        return "language"
    if position == 1 and len(part) == 3 and part.isalpha():
        return "extlang"
    if len(part) == 4 and part.isalpha():
        return "script"
    if (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
        return "region"
    return "variant"


@functools.lru_cache(maxsize=1)
def registered_subtags() -> dict[tuple[str, str], dict]:
    """The registry's subtags, by (type, subtag in lower case). langcodes
    ships the registry's file (about 0.1 s to read, once a process)."""
    from langcodes.registry_parser import parse_registry

    return {(entry["Type"], entry["Subtag"].lower()): entry for entry in parse_registry() if "Subtag" in entry}


def langcodes_form(value: str) -> str:
    """langcodes' form of a tag the registry does not list as written,
    which it may know by another name; UNKNOWN if it does not."""
    import langcodes

    try:
        return langcodes.standardize_tag(value) if langcodes.tag_is_valid(value) else UNKNOWN
    except (ValueError, LookupError, RecursionError):  # a tag its parser cannot take is no tag
        return UNKNOWN


@contextmanager
def answers_kept_in(cache_path: str | Path | None):
    """Within the block, the registry's answers are kept in (and read
    from) `cache_path` (none if it is None)."""
    memo = None
    if cache_path is not None:
        memo = TextMemo(cache_path, "language-tags", fingerprint((sys.modules[__name__],), ("langcodes",), []))
    token = KEPT.set(memo)
    try:
        yield
    finally:
        KEPT.reset(token)
