"""The characters a text set in the party's fonts may hold, as ranges, for
the browser editor's form (plugins/cms/form_fields.py): the answer
print_fonts.missing_characters, the build's check, gives for each character
alone, so that the form refuses what the build refuses (✊ and 中 in a
title, which its share card cannot draw). The build joins a letter and a
separate accent first (NFC), which a pattern cannot: the form may refuse
such a pair the build accepts (the README says to type the letter again),
and accepts the few pairs whose joined letter the fonts lack.
"""

from __future__ import annotations

import contextlib
import functools
import json
import unicodedata
from pathlib import Path

from sitecore.output import write_to_cache
from sitecore.print_fonts import STAND_INS, code_ranges, draws_nothing, missing_characters
from sitecore.text_memo import fingerprint


@functools.cache
def not_drawn_as_they_are() -> tuple[int, ...]:
    """The characters below U+10000 that draw nothing, and those that NFC
    writes as another (Ω, the ohm sign, as Ω): whether a font draws them
    is not whether it has them."""
    return tuple(point for point in range(0x10000) if draws_nothing(chr(point))
                 or not unicodedata.is_normalized("NFC", chr(point)))


@functools.lru_cache(maxsize=8)
def drawable_ranges(coverage: frozenset[int], cache_dir: str | None = None) -> tuple[tuple[int, int], ...]:
    """The characters below U+10000 that missing_characters lets a text of
    `coverage`'s fonts hold, as (first, last) ranges: those the fonts draw,
    those whose stand-in they draw, and those that draw nothing. For the
    browser editor's form, whose check (a JavaScript pattern without flags)
    reads UTF-16 code units: the surrogates are never in a range, so a
    character beyond U+FFFF (an emoji; no font of the party's has one) is
    refused there too. Kept in `cache_dir` if given, by the coverage, this
    module's code and Python's Unicode version (finding the characters not
    drawn as they are takes 15 ms, a tenth of a small build)."""
    ranges = json.dumps(code_ranges(coverage))
    made_by = fingerprint((__name__,), (), [ranges, unicodedata.unidata_version]).hex()[:32]
    cached = Path(cache_dir, f"drawable-{made_by}.json") if cache_dir else None
    if cached is not None:
        with contextlib.suppress(OSError, ValueError, TypeError):
            return tuple((first, last) for first, last in json.loads(cached.read_text()))
    # Only these can pass: the fonts' own, the stand-ins (maketrans's keys
    # are code points), and those not drawn as they are.
    candidates = {*coverage, *STAND_INS, *not_drawn_as_they_are()}
    drawable = tuple((first, last) for first, last in code_ranges(
        point for point in candidates
        if point <= 0xFFFF and not 0xD800 <= point <= 0xDFFF and not missing_characters(chr(point), coverage)))
    if cached is not None:
        with contextlib.suppress(OSError):  # a cache this build may read but not change
            write_to_cache(cached, json.dumps(drawable).encode())
    return drawable
