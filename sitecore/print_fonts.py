"""The fonts the minifesto PDFs embed and the share cards are drawn in,
read from the settings in one place: the PDF's stylesheet, its cache key,
its fetcher (which serves only these files), the unchanged-build check and
the share cards all list them alike; and which characters they can draw.

Each face (a weight and style of a family) may be given as one file or as
a list of files that together cover more letters: fontsource ships a
font in subsets by script (`…-latin-…`, `…-latin-ext-…`), and the latin
one alone lacks Ł, ŵ, ş, ř, ő … The first file is the face itself; the
others add the letters it lacks. The PDFs name each further file as a
family of its own ("Inter Part B"): WeasyPrint keys an embedded font by its
family, weight and style, so two files under one name would be mixed up.

Nothing else is ever used: the PDFs are rendered with no system font at
all (plugins/minifesto/weasyprint_render.py), and a character that none of these fonts
draws is refused, at its file and line, before a PDF or a card is made
(`missing_characters`)."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import json
import os
import unicodedata
from pathlib import Path

# (the family's name, its files by (weight, style)): the party's face, then the text's.
FONT_SETTINGS = (("MINIFESTO_FONT_FAMILY", "MINIFESTO_FONT_FILES"),
                 ("MINIFESTO_TEXT_FONT_FAMILY", "MINIFESTO_TEXT_FONT_FILES"))
PART_LETTERS = "BCDEFGHIJKLMNOPQRSTUVWXYZ"
# Bump when font_coverage reads fonts differently: its cache is named for it.
COVERAGE_VERSION = "1"


def face_files(value) -> tuple[str, ...]:
    """A face's files: one path, or a list of them (the face, then files
    that add letters to it)."""
    if isinstance(value, (str, os.PathLike)):
        return (str(value),)
    return tuple(str(path) for path in value)


def part_family(family: str, part: int) -> str:
    """The family name a face's further file is given in the PDFs: "Inter",
    "Inter Part B", … (letters, not numbers: Pango reads a family name that
    ends in a number as a size)."""
    return family if part == 0 else f"{family} Part {PART_LETTERS[part - 1]}"


def print_font_faces(settings: dict) -> list[tuple[str, int, str, str]]:
    """(family, weight, style, file) of every font file the minifesto PDFs
    embed: the party's face (MINIFESTO_FONT_FILES: headings, the party's
    name) and the text's (MINIFESTO_TEXT_FONT_FILES: all else), in a fixed
    order; a face's further files under their part's family name."""
    faces = []
    for family_setting, files_setting in FONT_SETTINGS:
        if not settings.get(family_setting):
            continue  # font_setting_problems reports files without their family's name
        for (weight, style), files in sorted((settings.get(files_setting) or {}).items()):
            for part, path in enumerate(face_files(files)):
                faces.append((part_family(settings[family_setting], part), weight, style, path))
    return faces


def print_font_stacks(settings: dict) -> tuple[list[str], list[str]]:
    """The families of the party's face and of the text's, each followed by
    the other's: a letter the party's face lacks (Atkinson Hyperlegible has
    no ŵ or ŷ) is drawn in the text's face, never in a system font."""
    stacks = []
    for family_setting, files_setting in FONT_SETTINGS:
        family = settings.get(family_setting)
        parts = max((len(face_files(files)) for files in (settings.get(files_setting) or {}).values()), default=0)
        stacks.append([part_family(family, part) for part in range(parts)] if family else [])
    party, text = stacks
    return [*party, *(name for name in text if name not in party)], [*text, *(name for name in party if name not in text)]


def font_setting_problems(settings: dict) -> list[tuple[str, str, str]]:
    """(setting, message, fix) for a family named without its files, or files
    without their family's name: the PDFs would silently use another face."""
    problems = []
    for family, files in FONT_SETTINGS:
        if bool(settings.get(family)) != bool(settings.get(files)):
            missing, given = (files, family) if settings.get(family) else (family, files)
            problems.append((missing, f"is not set, but {given} is",
                             f"set both {family} and {files} in pelicanconf.py, or neither"))
    return problems


# ---------------------------------------------------------------------------
# Which characters the fonts draw


_coverage_by_digest: dict[str, frozenset[int]] = {}


def font_coverage(path: str, cache_dir: str | os.PathLike | None = None) -> frozenset[int]:
    """The code points the font file at `path` has a glyph for (its cmap,
    read with fontTools). Kept in this process by the file's SHA-256, and in
    `cache_dir` if given (so a build need not import fontTools: 0.1 s)."""
    data = Path(path).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    known = _coverage_by_digest.get(digest)
    if known is not None:
        return known
    cached = Path(cache_dir, f"coverage-{COVERAGE_VERSION}-{digest[:32]}.json") if cache_dir else None
    coverage = None
    if cached is not None:
        try:
            coverage = frozenset(code for start, end in json.loads(cached.read_text()) for code in range(start, end + 1))
        except (OSError, ValueError, TypeError):
            coverage = None
    if coverage is None:
        from fontTools.ttLib import TTFont

        try:
            coverage = frozenset(TTFont(io.BytesIO(data), lazy=True).getBestCmap() or ())
        except Exception as error:  # fontTools raises many kinds for a file that is not a font
            raise ValueError(f"{path} cannot be read as a font: {error}") from error
        if cached is not None:
            from sitecore.output import write_to_cache

            with contextlib.suppress(OSError):  # a cache this build may read but not change
                write_to_cache(cached, json.dumps(code_ranges(coverage)).encode())
    _coverage_by_digest[digest] = coverage
    return coverage


def file_coverage(path: str) -> frozenset[int]:
    """font_coverage, kept by the file's path, size and time: for the share
    cards, which ask for every run of text they draw."""
    status = os.stat(path)
    return _file_coverage(path, status.st_size, status.st_mtime_ns)


@functools.lru_cache(maxsize=64)
def _file_coverage(path: str, size: int, modified: int) -> frozenset[int]:
    return font_coverage(path)


def files_coverage(paths) -> frozenset[int]:
    """What any of the font files at `paths` draws (file_coverage of each):
    a list of fonts, as the share cards draw a text, each character in the
    first that has it."""
    return frozenset().union(*(file_coverage(path) for path in paths))


def code_ranges(codes) -> list[list[int]]:
    """[[first, last], …] of the runs of consecutive code points."""
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return ranges


def print_coverage(settings: dict, cache_dir=None) -> frozenset[int]:
    """What the PDFs can print anywhere: a character every weight and style
    has (in the party's face, the text's or a further file of either), since
    any text may be set in a heading, in bold or in italics."""
    by_face: dict[tuple[int, str], set[int]] = {}
    for _, weight, style, path in print_font_faces(settings):
        by_face.setdefault((weight, style), set()).update(font_coverage(path, cache_dir))
    return frozenset(set.intersection(*by_face.values())) if by_face else frozenset()


# Drawn as nothing, so never missing: whitespace HTML collapses, and the
# invisible formatting characters (joiners, variation selectors) that
# HarfBuzz hides when a font has no glyph for them.
def draws_nothing(character: str) -> bool:
    return character in "\t\n\r\f" or unicodedata.category(character) == "Cf" or \
        0xFE00 <= ord(character) <= 0xFE0F or 0xE0100 <= ord(character) <= 0xE01EF


# Characters the fonts lack that have a plain equivalent they have, drawn
# as it on the cards and in the PDFs (the web pages keep the original):
# the typographic spaces (macOS puts a narrow no-break space, U+202F,
# before "AM" in a copied time), the Unicode hyphens, and subscript digits
# ("CO₂", which a climate party writes, is printed "CO2").
STAND_INS = str.maketrans({
    **{space: " " for space in "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000"},
    "\u2007": "\u00a0", "\u202f": "\u00a0",  # the non-breaking ones stay non-breaking
    "\u2010": "-", "\u2011": "-",
    **{chr(0x2080 + digit): str(digit) for digit in range(10)},
})


def with_stand_ins(text: str) -> str:
    """`text` composed as NFC ("w" and a combining circumflex is "ŵ"), with
    STAND_INS for the characters that have one."""
    return unicodedata.normalize("NFC", text).translate(STAND_INS)


def missing_characters(text: str, coverage: frozenset[int]) -> list[str]:
    """The characters of `text` (with_stand_ins) that no font of
    `coverage` draws, each once, in the order they come."""
    missing = dict.fromkeys(character for character in with_stand_ins(text)
                            if ord(character) not in coverage and not draws_nothing(character))
    return list(missing)


def describe(character: str) -> str:
    """'"中" (U+4E2D)'."""
    return f'"{character}" (U+{ord(character):04X})'


def describe_all(characters, shown: int = 4) -> str:
    """'"ا" (U+0627), "ح" (U+062D), "ر" (U+0631), "س" (U+0633) and 3 more'."""
    characters = list(characters)
    listed = ", ".join(map(describe, characters[:shown]))
    return listed + (f" and {len(characters) - shown} more" if len(characters) > shown else "")


@functools.lru_cache(maxsize=256)
def nfc_lines(path: str, modified: int) -> tuple[str, ...]:
    with open(path, encoding="utf-8-sig", errors="replace") as handle:
        return tuple(unicodedata.normalize("NFC", line) for line in handle)


def lines_holding(path: str, character: str) -> list[int]:
    """The lines (from 1) of the text file at `path` that hold `character`."""
    try:
        lines = nfc_lines(path, os.stat(path).st_mtime_ns)
    except OSError:
        return []
    return [number for number, line in enumerate(lines, start=1) if character in line]


def field_of_line(frontmatter_lines: dict, body_first_line: int | None, line: int) -> str:
    """The front matter field a line of a content file belongs to (the
    last field starting at or before it), or "body"."""
    if body_first_line is not None and line >= body_first_line:
        return "body"
    starts = [(start, name) for name, start in frontmatter_lines.items() if start <= line]
    return max(starts)[1] if starts else "(front matter)"
