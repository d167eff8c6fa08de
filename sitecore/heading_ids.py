"""Headings' ids that are never one the page's own template uses.

Markdown's toc extension gives each heading an id made from its words
(## Why it matters → id="why-it-matters"). A page shows a text inside a
template that has ids of its own: "## Main" gave a second id="main" beside
<main id="main">, the skip link's target (invalid HTML, and a skip link that
could land on the heading); "## Related news" the same beside the template's
section. So a heading whose words make an id a template writes gets that id
with a suffix, as the toc extension marks a repeated heading (main_1), and
every other heading keeps exactly the id it always had.

`ids_the_theme_defines` reads the ids from the templates themselves, so no
list is kept by hand: pelicanconf.py hands them to this extension in
MARKDOWN, which also puts them in the safe-HTML memo's key (a template's new
id renders the texts again). Footnotes' ids (fn:1, fnref:1) have a colon,
which no template id has, so they need nothing.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from markdown.extensions.toc import TocExtension
from pelican.settings import DEFAULT_CONFIG
from unidecode import unidecode

from sitecore.html_allowlist import ID_VALUE
from sitecore.regions import region_slug

# id="…" or id='…' in a template; not data-id= or the like.
TEMPLATE_ID = re.compile(r"""(?<![\w-])id\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""")
# A value the template puts into an id: {{ policy.anchor }}, {{- loop.index -}}.
EXPRESSION = re.compile(r"\{\{-?\s*(?P<expression>.*?)\s*-?\}\}")
NUMBER = r"[0-9]+"
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
# What each value a template puts into an id can be, as a pattern. A
# template that puts in a value not named here stops the settings from
# loading (ids_the_theme_defines), until it is added.
ID_VALUES = {
    "loop.index": NUMBER,
    "shown.year": NUMBER,
    "policy.slug": SLUG,
    # Policy.anchor, and a commitment's `anchor` (partials/policy.html): its
    # anchor on its policy's own page or where every policy is shown
    # (sitecore/policy_content.py).
    "policy.anchor": r"policy-[0-9]+",
    "anchor": r"commitment-[0-9]+|policy-[0-9]+-[0-9]+",
    # A month of a year of press releases (press_archive.html; plugins/press: PressMonth.anchor).
    "month.anchor": r"month-[0-9]+-[0-9]{2}",
    # partials/year_nav.html, as news_years.html and listing_years.html call it.
    "year_nav_id": r"news-by-year|listing-by-year",
}
# A region's anchor (branches.html) is its slug as Pelican makes it
# (plugins/branches), with Pelican's SLUG_REGEX_SUBSTITUTIONS: pelicanconf.py
# sets none of its own.
REGION_ANCHOR = "region.anchor"
NEVER = "(?!)"
# The values above that name content, not layout: a policy, a commitment, a
# region. Their ids stay while the content does; a link may go to them
# (plugins/contentcheck/layout_parts.py).
CONTENT_ID_VALUES = ("policy.anchor", "anchor")


def ids_the_theme_defines(templates: Path, regions: Iterable[str]) -> list[str]:
    """A pattern (to match a whole id) for each id a template in the folder
    `templates` writes, sorted: the same settings for the same templates."""
    # Each template by its size and time: pelicanconf.py asks for this every
    # time it is loaded (three times for a build run in the test process),
    # and reading the templates again cost more than any other line of it.
    stamps = tuple((path, *file_stamp(path)) for path in sorted(templates.rglob("*.html")))
    return list(patterns_of_ids_in(templates, tuple(regions), stamps))


def file_stamp(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_size, info.st_mtime_ns


@functools.lru_cache(maxsize=4)
def patterns_of_ids_in(templates: Path, regions: tuple[str, ...], stamps: tuple) -> tuple[str, ...]:
    values = {**ID_VALUES, REGION_ANCHOR: alternatives(region_slug(region, DEFAULT_CONFIG) for region in regions)}
    return tuple(sorted({id_pattern(written, values, path.relative_to(templates))
                         for path, *_ in stamps
                         for written in ids_written_in(path.read_text(encoding="utf-8"))}))


def ids_written_in(template: str) -> list[str]:
    return [found["double"] if found["double"] is not None else found["single"]
            for found in TEMPLATE_ID.finditer(template)]


def id_pattern(written: str, values: dict[str, str], template: Path) -> str:
    """The pattern of the ids `written` (an id="…" value, as the template
    has it) can be; each {{ value }} in it by `values`."""
    if "{" in EXPRESSION.sub("", written):  # a {% … %} or {# … #}: what it writes cannot be read here
        raise ValueError(f'{template}: id="{written}": write the id as text and {{{{ value }}}} parts only, '
                         f'so that sitecore/heading_ids.py can read it')
    parts, end = [], 0
    for found in EXPRESSION.finditer(written):
        known = values.get(found["expression"])
        if known is None:
            raise ValueError(f'{template}: id="{written}": sitecore/heading_ids.py does not know what '
                             f'{found["expression"]} can be, so headings could take that id: add it to ID_VALUES')
        parts += [literal(written[end:found.start()]), f"(?:{known})"]
        end = found.end()
    return "".join([*parts, literal(written[end:])])


def literal(text: str) -> str:
    """`text` as a pattern that matches it alone (a hyphen needs no escape
    outside [ ], and without one the settings read as the ids they are)."""
    return re.escape(text).replace("\\-", "-")


def alternatives(words: Iterable[str]) -> str:
    return "|".join(literal(word) for word in sorted(set(words))) or NEVER


# The length a heading's id is cut to when it is longer than the allowlist
# takes (sitecore/html_allowlist.py: ID_VALUE, 81), a few short of that, for
# the toc extension's _1, _2 … after a repeated heading. An id the allowlist
# took stays as it was, whatever its length: links to it are out there.
LONGEST_ID = 72
# Before an id whose words start with a digit ("## 2022", "## 10 things to
# know"): an id the allowlist takes, and a CSS selector, starts with a letter.
BEFORE_A_NUMBER = "section-"


def id_of_words(words_to_id: Callable[[str, str], str], words: str, separator: str) -> str:
    """The id of a heading's words, one the allowlist takes: as `words_to_id`
    (the toc extension's slugify) makes it, which is every id a heading had
    before; else from the words written in Latin letters ("## Ελλάδα" is
    "ellada": its slugify keeps ASCII only, and gave "", which the toc
    extension made "_1"), after "section-" if they start with a digit, cut
    after a whole word at LONGEST_ID characters if longer than the
    allowlist takes, and "section" if no letter or digit is left ("## ???").
    Each was refused as an id "not allowed", which the volunteer had not
    written (an audit)."""
    made = starting_with_a_letter_or_digit(words_to_id(words, separator)) or starting_with_a_letter_or_digit(
        words_to_id(unidecode(words), separator))
    if made[:1].isdigit():
        made = BEFORE_A_NUMBER + made
    if len(made) > LONGEST_ID and not ID_VALUE.fullmatch(made):  # one the allowlist took keeps its id
        cut = made[:LONGEST_ID + 1]
        made = cut.rsplit(separator, 1)[0] if separator in cut else made[:LONGEST_ID]
    return made or BEFORE_A_NUMBER.rstrip("-")


def starting_with_a_letter_or_digit(made: str) -> str:
    """`made` from its first letter or digit ("## --- Notes" made "-notes")."""
    return re.sub(r"^[\W_]+", "", made)


def id_apart_from_theme(words_to_id: Callable[[str, str], str], theme_id: re.Pattern, words: str,
                        separator: str) -> str:
    """The id `words_to_id` makes of a heading's words (id_of_words), or if
    that is a theme's id, the first of it with _1, _2 … that is not."""
    made = id_of_words(words_to_id, words, separator)
    if not theme_id.fullmatch(made):
        return made
    return next(suffixed for suffixed in (f"{made}_{count}" for count in itertools.count(1))
                if not theme_id.fullmatch(suffixed))


@functools.lru_cache(maxsize=8)
def theme_id_pattern(theme_ids: tuple[str, ...]) -> re.Pattern:
    """One pattern matching (whole) any id of `theme_ids` (ids_the_theme_defines)."""
    return re.compile("|".join(f"(?:{pattern})" for pattern in theme_ids) or NEVER)


def theme_ids_of(markdown_settings: dict) -> re.Pattern | None:
    """The pattern of the ids the theme's templates use, as the Markdown
    settings give this extension; None without it. Ids made from a heading's
    words never match it; one written by hand (`## Contact {#main}`,
    `<h2 id="main">`, which the toc extension keeps) may: the allowlist
    refuses it (sitecore.html_refusals.refusals, while it reads every
    attribute, so that `id="main"` in a code sample, text, is not taken)."""
    options = (markdown_settings.get("extension_configs") or {}).get(__name__)
    return theme_id_pattern(tuple(options.get("theme_ids", ()))) if options else None


class HeadingIdsApartFromTheTheme(TocExtension):
    """Markdown's toc extension (same options), whose heading ids avoid
    `theme_ids` (patterns, from ids_the_theme_defines)."""

    def __init__(self, theme_ids: Iterable[str] = (), **toc_options):
        super().__init__(**toc_options)
        self.setConfig("slugify", functools.partial(id_apart_from_theme, self.getConfig("slugify"),
                                                    theme_id_pattern(tuple(theme_ids))))


def makeExtension(**options) -> HeadingIdsApartFromTheTheme:  # noqa: N802 (Python-Markdown's name)
    return HeadingIdsApartFromTheTheme(**options)
