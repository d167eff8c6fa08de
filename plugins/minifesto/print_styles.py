"""The print stylesheets and fonts WeasyPrint lays a minifesto out with,
loaded once per process for all the renders that can share them.

Loading them (parsing the stylesheets, converting each WOFF font of the
@font-face rules for fontconfig) took 0.1 s of a small minifesto's 0.25 s
render, paid for each edition at every build, and at every save of a policy
in the live preview. Loaded stylesheets are kept for the next render of the
same edition on three conditions, so that keeping them never changes a PDF:

- every file they were made from is byte for byte the same (the stylesheets,
  and each file the fetcher served while they loaded: the fonts);
- loading them was clean: a refusal or a warning while they load is said by
  every render that meets it, so such a load is never kept;
- no render added a font to them: an SVG picture's own @font-face adds its
  font to the configuration it is drawn with, and a kept one would then
  have it without fetching it again, so a later render would never see that
  font deleted or changed.

tests/test_minifesto_builds.py compares PDFs made with kept stylesheets
with those made afresh in a new process.
"""

from __future__ import annotations

import atexit
import hashlib
import os
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sitecore.print_fonts import print_font_faces, print_font_stacks

NO_SYSTEM_FONTS = Path(__file__).with_name("no-system-fonts.conf")
# Enough for every edition of one site (standard, large print, Easy Read)
# and a second site's (the tests build many); each holds its fonts, converted.
KEPT_AT_MOST = 6


def fonts_css(settings) -> str:
    """@font-face rules for the embedded fonts (print_font_faces), and their
    families as --print-font (the party's face, then the text's for what it
    lacks) and --print-text-font (the running text's, then the party's)."""
    rules = [
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: {style}; '
        f'src: url("{Path(path).as_uri()}"); }}'
        for family, weight, style, path in print_font_faces(settings)
    ]
    party, text = (", ".join(f'"{family}"' for family in stack) for stack in print_font_stacks(settings))
    return "\n".join(rules) + f"\n:root {{ --print-font: {party}; --print-text-font: {text}; }}\n"


def stylesheet_paths(settings, kind: str) -> list[Path]:
    return [Path(settings["THEME"], "static", name) for name in settings["MINIFESTO_STYLESHEETS"][kind]]


def only_our_fonts():
    """WeasyPrint's font configuration without the computer's own fonts:
    fontconfig is started from a configuration with no font folders
    (FONTCONFIG_FILE is read when the configuration is made), so the PDF
    can only use the fonts its @font-face rules load. Before, a letter the
    party's fonts lacked was taken, silently, from whatever font the
    machine had (DejaVu on Debian), and the PDF differed from machine to
    machine; now every character is checked against the fonts before the
    render (glyphs.py), and one that slipped through would be drawn as a
    box, which WeasyPrint warns about and the build refuses."""
    from weasyprint.text.fonts import FontConfiguration

    with environment_variable("FONTCONFIG_FILE", str(NO_SYSTEM_FONTS)):
        return FontConfiguration()


@contextmanager
def environment_variable(name: str, value: str):
    """The environment variable `name` set to `value` meanwhile, then as it was."""
    previous = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if previous is None:
            del os.environ[name]
        else:
            os.environ[name] = previous


@dataclass
class PrintStyles:
    fonts: object  # WeasyPrint's FontConfiguration, holding the @font-face fonts
    stylesheets: list  # WeasyPrint's CSS objects, the fonts' rules first
    served: dict[str, bytes]  # URL -> digest of each file the fetcher served while they loaded
    fonts_added_since: bool = False  # a render added a font (an SVG's @font-face): never to be reused

    def note_fonts_added_from_now(self) -> None:
        """From now on, mark these styles spoiled if a font is added to them."""
        add_font_face = self.fonts.add_font_face

        def adding(*arguments, **keywords):
            self.fonts_added_since = True
            return add_font_face(*arguments, **keywords)

        self.fonts.add_font_face = adding


_kept: OrderedDict[tuple, PrintStyles] = OrderedDict()
# Let go of them while Python can still run WeasyPrint's clean-up (each
# font configuration deletes its folder of converted fonts); at the very
# end of the process that fails, and Python prints the failure.
atexit.register(_kept.clear)


def digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def print_styles(settings, kind: str, moment, fetcher, problems_so_far) -> PrintStyles:
    """The stylesheets and fonts to render the `kind` edition with: kept
    from an earlier render in this process if made from the same bytes,
    else loaded now through `fetcher` (and kept if `problems_so_far()`, the
    count of refusals and warnings, did not change while they loaded).
    Called with SOURCE_DATE_EPOCH at `moment`, which stamps the fonts."""
    from weasyprint import CSS

    paths = stylesheet_paths(settings, kind)
    fonts_rules = fonts_css(settings)
    key = (kind, moment, fonts_rules, tuple((str(path), digest(path.read_bytes())) for path in paths))
    kept = _kept.get(key)
    if kept is not None and not kept.fonts_added_since and _unchanged(kept.served, fetcher):
        _kept.move_to_end(key)
        return kept
    before, served_before = problems_so_far(), dict(fetcher.served)
    fonts = only_our_fonts()
    stylesheets = [CSS(string=fonts_rules, font_config=fonts, url_fetcher=fetcher)] + [
        CSS(filename=str(path), font_config=fonts, url_fetcher=fetcher) for path in paths
    ]
    loaded = PrintStyles(fonts, stylesheets, {url: data for url, data in fetcher.served.items()
                                              if served_before.get(url) != data})
    if problems_so_far() == before:
        loaded.note_fonts_added_from_now()
        _kept[key] = loaded
        while len(_kept) > KEPT_AT_MOST:
            _kept.popitem(last=False)
    return loaded


def _unchanged(served: dict[str, bytes], fetcher) -> bool:
    """Whether the fetcher serves each of these files as it did."""
    for url, was in served.items():
        try:
            if digest(fetcher.read(url)) != was:
                return False
        except Exception:  # refused now (gone, a symlink …): load afresh, which says why
            return False
    return True
