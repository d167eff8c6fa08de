"""Before a PDF is rendered: every character its text holds must be in its
fonts (sitecore/print_fonts.py). The PDFs use no system font, so a
character none of them draws would be printed as an empty box (WeasyPrint
warns, naming only the template); it is refused here at the file, line and
field it comes from:

    content/policies/02-housing.md:5: summary: "中" (U+4E2D) cannot be printed in the minifesto's fonts — …
    pelicanconf.py:120: IMPRINT: "😀" (U+1F600) cannot be printed in the minifesto's fonts — …
"""

from __future__ import annotations

import os
import unicodedata

from sitecore.print_fonts import describe_all, field_of_line, lines_holding, missing_characters, print_coverage
from sitecore.settings_file import setting_place

# The settings the print template shows (and so the PDFs print).
PRINTED_SETTINGS = ("IMPRINT", "SITENAME", "MINIFESTO_PRINTED_BY", "SITE_CANONICAL_URL", "JOIN_URL",
                    "DEFAULT_DATE_FORMAT", "SITE_TAGLINE")


def printed_text(html: str) -> str:
    """The text the print HTML shows: its body's text, not its markup, its
    attributes (an image's alt text, a link's address) or its <head>."""
    from selectolax.lexbor import LexborHTMLParser

    body = LexborHTMLParser(html).body
    return body.text(deep=True, separator=" ") if body is not None else ""


def fonts_named(settings) -> str:
    names = [settings.get("MINIFESTO_FONT_FAMILY"), settings.get("MINIFESTO_TEXT_FONT_FAMILY")]
    return " and ".join(dict.fromkeys(name for name in names if name))


def unprintable_problems(html: str, settings, items, template_path: str, cache_dir=None) -> list[tuple]:
    """(path, line, field, message, fix) for each character of the print
    HTML's text that the PDFs' fonts lack: at each content file line that
    holds it (items: the minifesto, its policies, the press office), else
    at the setting that holds it, else at the print template."""
    missing = missing_characters(printed_text(html), print_coverage(settings, cache_dir))
    places: dict[tuple[str, int, str], list[str]] = {}
    for character in missing:
        found = list(item_places(items, character)) or setting_places(settings, character) or [(template_path, 1, "(PDF)")]
        for place in found:
            places.setdefault(place, []).append(character)
    fix = ("write it another way (in Latin letters, or in words), or leave it out: the PDFs embed only "
           "the fonts in MINIFESTO_FONT_FILES and MINIFESTO_TEXT_FONT_FILES, which lack it")
    return [(path, line, field, f"{describe_all(characters)} cannot be printed in the minifesto's fonts "
                                f"({fonts_named(settings)})", fix)
            for (path, line, field), characters in places.items()]


def item_places(items, character: str):
    """(file, line, field) of each line of the items' files that holds `character`."""
    seen = set()
    for item in items:
        path = getattr(item, "source_path", None)
        if not path or path in seen:
            continue
        seen.add(path)
        for line in lines_holding(path, character):
            yield path, line, field_of_line(getattr(item, "frontmatter_lines", None) or {},
                                            getattr(item, "body_first_line", None), line)


def setting_places(settings, character: str) -> list[tuple[str, int, str]]:
    places = []
    for name in PRINTED_SETTINGS:
        value = settings.get(name)
        if isinstance(value, dict):  # IMPRINT: its parts
            value = " ".join(map(str, value.values()))
        if value and character in unicodedata.normalize("NFC", str(value)):
            places.append((*setting_place(settings, name), name))
    return places


def coverage_cache(settings) -> str:
    return os.path.join(settings["CACHE_PATH"], "fonts")
