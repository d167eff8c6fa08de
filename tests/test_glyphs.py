"""Every letter of a share card and of the minifesto PDFs is drawn in the
party's fonts: Welsh, Polish, Czech, Turkish … letters from the fonts'
Latin Extended files, Greek, Cyrillic and Vietnamese from the text face's
files for them (never an empty box on a card, never a system font in a
PDF); a character the fonts lack is refused at its file and line
before anything is drawn; a word longer than the line breaks, on the
card and on the page, instead of running off it."""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest
from conftest import MINIMAL_SITE, build_in
from fontTools.ttLib import TTFont
from pdf_tools import pdffonts, pdftotext
from PIL import Image, ImageChops

from plugins.sharecards.card import CardText, draw_card
from plugins.sharecards.layout import GAP, MARGIN, TITLE_TOP, layout_imprint
from sitecore.brand import brand_style
from sitecore.imprint import imprint_text

WELSH_IMPRINT = {"promoter": "Łukasz Wójcik", "party": "Breakthrough Party",
                 "address": "Tŷ Hywel, Heol y Frenhines, Caerdydd, CF10 1AA"}
WELSH_TITLE = "Tai i bawb: ŵ ŷ, Łódź, Škoda, İstanbul ağı, Dvořák"
# A councillor's name or a community's greeting in another script: Greek
# (with its accents), Ukrainian and Russian Cyrillic, Vietnamese (stacked accents).
OTHER_SCRIPTS_TITLE = "Καλώς ήρθατε, Ελένη — Ласкаво просимо, Олена; Добро пожаловать — Chào mừng Nguyễn Thị Hương"
LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung"
LONG_TITLE = f"Rheolau {LONG_WORD}"
# Apart from the long word: together they are too long for a share card
# (five lines of its smallest type), which the build refuses.
LONG_ADDRESS = "https://breakthroughparty.org.uk/policies/a-very-long-address-indeed/"
NOT_IN_THE_FONTS = "\ue000"  # a private-use character: no font has it, so it is drawn as the empty box


def policy(title: str, number: int, summary: str = "A one-sentence summary.") -> str:
    return (f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nnumber: {number}\nsummary: {summary}\n"
            f"commitments: [Do the first thing.]\n---\nText.\n")


@pytest.fixture(scope="module")
def welsh_site(tmp_path_factory, factory_cache):
    """One build for the tests below: the imprint in Welsh and Polish, a
    policy titled in Welsh, Polish, Czech and Turkish letters, one with a
    long German word in its title, one with a long address as its title,
    one titled in Greek, Cyrillic and Vietnamese."""
    build = build_in(tmp_path_factory.mktemp("welsh"), {
        "policies/01-housing.md": policy(LONG_TITLE, 1),
        "policies/02-tai.md": policy(WELSH_TITLE, 2),
        "policies/03-cyfeiriad.md": policy(LONG_ADDRESS, 3),
        "policies/04-croeso.md": policy(OTHER_SCRIPTS_TITLE, 4),
    }, settings={"IMPRINT": repr(WELSH_IMPRINT)}, cache=factory_cache)
    assert build.returncode == 0, build.stderr
    return build


def cmap(path: str) -> set[int]:
    return set(TTFont(path).getBestCmap())


def title_region(card: Image.Image) -> Image.Image:
    return card.crop((0, TITLE_TOP, card.width, card.height // 2))


def band_region(card: Image.Image, style) -> Image.Image:
    """The band holding the imprint (of a short imprint: the usual band)."""
    return card.crop((0, card.height - layout_imprint("Promoted by Jo.", style).band_height, card.width, card.height))


def test_every_letter_of_the_texts_is_in_one_of_the_card_fonts(settings):
    """Read with fontTools, not the cards' own code: the fonts the cards
    are drawn in hold every letter (the Latin files alone lack Ł, ŵ, ş …)."""
    style = brand_style(settings)
    bold = set().union(*map(cmap, style.bold_fonts))
    regular = set().union(*map(cmap, style.regular_fonts))
    assert {character for character in WELSH_TITLE + OTHER_SCRIPTS_TITLE if ord(character) not in bold} == set()
    assert {character for character in OTHER_SCRIPTS_TITLE if ord(character) not in regular} == set()
    assert {character for character in imprint_text({"IMPRINT": WELSH_IMPRINT})
            if ord(character) not in regular} == set()


def test_no_letter_is_drawn_as_an_empty_box(settings):
    """A card titled with one letter differs from one titled with a
    character no font has (drawn as the font's empty box), and so does its
    imprint band: before, Ł, ŵ, ŷ, ş, ř … were all the same box."""
    style = brand_style(settings)
    imprint = imprint_text({"IMPRINT": WELSH_IMPRINT})

    def card(title: str, promoter: str = "Jo") -> Image.Image:
        return draw_card(CardText("News", title, f"Promoted by {promoter}.", "Party"), style)

    box_title, box_band = title_region(card(NOT_IN_THE_FONTS)), band_region(card("x", NOT_IN_THE_FONTS), style)
    letters = sorted({character for character in WELSH_TITLE + imprint + OTHER_SCRIPTS_TITLE
                      if ord(character) > 0x7F and character.isalpha()})
    assert len(letters) >= 40
    boxes = [letter for letter in letters
             if not ImageChops.difference(title_region(card(letter)), box_title).getbbox()
             or not ImageChops.difference(band_region(card("x", letter), style), box_band).getbbox()]
    assert boxes == []


def test_the_welsh_imprint_and_title_are_on_the_cards_as_written(welsh_site, settings):
    """The built cards carry the imprint and title as written, and are the
    cards the drawing code draws for them (not an older cached card)."""
    from plugins.sharecards.card_file import render_card

    imprint = imprint_text({"IMPRINT": WELSH_IMPRINT})
    path = welsh_site.output / "share/policies/tai.png"
    with Image.open(path) as card:
        assert (card.text["Title"], card.text["Imprint"]) == (WELSH_TITLE, imprint)
    expected = render_card(CardText("Policy 2", WELSH_TITLE, imprint, settings["SITENAME"]), brand_style(settings))
    assert path.read_bytes() == expected


def test_a_title_in_greek_cyrillic_and_vietnamese_is_drawn_on_its_card(welsh_site, settings):
    """Each script's letters come from the text face's file for that script
    (fontsource's greek, cyrillic and vietnamese subsets of Inter): the card
    is the one the drawing code draws, and its title region differs from a
    card whose title is the same number of empty boxes."""
    from plugins.sharecards.card_file import render_card

    imprint = imprint_text({"IMPRINT": WELSH_IMPRINT})
    path = welsh_site.output / "share/policies/croeso.png"
    with Image.open(path) as card:
        assert card.text["Title"] == OTHER_SCRIPTS_TITLE
        drawn = card.convert("RGB")
    style = brand_style(settings)
    assert path.read_bytes() == render_card(CardText("Policy 4", OTHER_SCRIPTS_TITLE, imprint, settings["SITENAME"]),
                                            style)
    boxes = draw_card(CardText("Policy 4", re.sub(r"\w", NOT_IN_THE_FONTS, OTHER_SCRIPTS_TITLE), imprint,
                               settings["SITENAME"]), style).convert("RGB")
    assert ImageChops.difference(title_region(drawn), title_region(boxes)).getbbox()


def test_a_long_word_stays_inside_the_card(welsh_site, settings):
    """The title's white text never reaches the card's right margin: the
    long word is broken (it ran off the card's edge, cut mid-word)."""
    with Image.open(welsh_site.output / "share/policies/housing.png") as card:
        rgb = card.convert("RGB")
    style = brand_style(settings)
    band_top = rgb.height - layout_imprint(imprint_text({"IMPRINT": WELSH_IMPRINT}), style).band_height
    margin = rgb.crop((rgb.width - MARGIN + 2, TITLE_TOP, rgb.width, band_top - GAP))
    assert margin.getcolors() == [(margin.width * margin.height, rgb.getpixel((5, 5)))]  # the background only
    title = rgb.crop((MARGIN, TITLE_TOP, rgb.width - MARGIN, band_top - GAP)).convert("L")
    assert title.getextrema()[1] > 200  # the title is drawn


def pdf_words(path: Path) -> list[dict]:
    """Every word of the PDF with its page and box (pdftotext -bbox)."""
    read = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True)
    assert read.stderr == ""  # e.g. no "Illegal entry in bfchar block in ToUnicode CMap"
    out = read.stdout
    words = []
    for number, page in enumerate(re.findall(r"<page (.*?)</page>", out, re.S), start=1):
        width, height = (float(value) for value in re.search(r'width="([\d.]+)" height="([\d.]+)"', page).groups())
        for box, text in re.findall(r"<word (.*?)>(.*?)</word>", page):
            values = dict(re.findall(r'(\w+)="([\d.]+)"', box))
            words.append({"page": number, "text": html.unescape(text), "width": width, "height": height,
                          **{key: float(value) for key, value in values.items()}})
    return words


@pytest.mark.parametrize("name", ["minifesto.pdf", "minifesto-large-print.pdf"])
def test_the_pdfs_print_every_letter_in_the_partys_fonts_only(welsh_site, settings, name):
    """Only the party's fonts are embedded (before, ŵ and Ł came from the
    machine's DejaVu), and the text reads back as written."""
    path = welsh_site.output / name
    families = {font["name"].split("+")[-1].split("-")[0] for font in pdffonts(path)}
    assert families <= {"Atkinson", "Inter"}, families
    text = re.sub(r"\s+", " ", pdftotext(path))
    assert "Łukasz Wójcik" in text and "Tŷ Hywel" in text
    assert "Tai i bawb: ŵ ŷ, Łódź, Škoda, İstanbul ağı, Dvořák" in text
    assert OTHER_SCRIPTS_TITLE in text


@pytest.mark.parametrize("name, top_margin_mm", [("minifesto.pdf", 22), ("minifesto-large-print.pdf", 20)])
def test_long_words_stay_on_the_pdf_page_and_the_running_head_on_one_line(welsh_site, name, top_margin_mm):
    words = pdf_words(welsh_site.output / name)
    off_page = [word["text"] for word in words if word["xMax"] > word["width"] - 20 or word["xMin"] < 20]
    assert off_page == []
    top = top_margin_mm * 72 / 25.4
    heads = {}
    for word in words:
        if word["yMax"] <= top:
            heads.setdefault(word["page"], set()).add(round(word["yMin"]))
    long_heads = [page for page in heads if any(word["page"] == page and word["yMax"] <= top
                                                 and "Rheolau" in word["text"] for word in words)]
    assert long_heads, "the long policy heads a page"
    assert {page: lines for page, lines in heads.items() if len(lines) > 1} == {}
    assert all(word["yMin"] >= 0 for word in words if word["page"] in long_heads)


def test_a_character_the_card_fonts_lack_is_refused_at_its_line(make_site):
    build = make_site({"posts/hello.md": MINIMAL_SITE["posts/hello.md"].replace(
        "title: Hello from the party", "title: Hello from the party 😀")},
        settings={"IMPRINT": repr({**WELSH_IMPRINT, "promoter": "Zhang 中"})})
    assert build.returncode == 1
    assert "Traceback" not in build.stderr
    lines = [line for line in build.stderr.splitlines() if "cannot be drawn" in line]
    assert lines == [
        'content/posts/hello.md:2: title: "😀" (U+1F600) cannot be drawn on the share cards in the party\'s fonts '
        "(Atkinson Hyperlegible, Inter) — write it another way (in Latin letters, or in words), or leave it out: "
        "the share card would show an empty box",
        'settings_for_this_build.py:3: IMPRINT: "中" (U+4E2D) cannot be drawn on the share cards in the party\'s fonts '
        "(Inter, Atkinson Hyperlegible) — write it another way (in Latin letters, or in words), or leave it out: "
        "the share card would show an empty box",
    ]
    assert not build.output.exists()


def test_a_card_font_that_cannot_be_loaded_is_named_instead_of_crashing(make_site, tmp_path):
    """A font file `./setup` did not finish downloading, say: the build
    names it and stops, instead of crashing while it draws the cards."""
    broken = tmp_path / "fonts" / "broken.woff"
    broken.parent.mkdir()
    broken.write_bytes(b"not a font")
    bold = f"{{**MINIFESTO_FONT_FILES, (700, 'normal'): {str(broken)!r}}}"
    build = make_site(settings={"MINIFESTO_FONT_FILES": bold})
    assert build.returncode == 1
    assert "Traceback" not in build.stderr
    assert ("fonts/broken.woff:1: (font): the share cards' font cannot be loaded: unknown file format — run ./setup "
            "to install the fonts, or fix MINIFESTO_FONT_FILES or MINIFESTO_TEXT_FONT_FILES in pelicanconf.py"
            ) in build.stderr.splitlines()
    assert not build.output.exists()


def test_a_character_the_pdf_fonts_lack_is_refused_at_its_line_before_rendering(make_site):
    text = policy("Homes for everyone", 1, summary="Homes for all, 中.").replace(
        "Text.\n", "Text.\n\nMore text 🏠 here.\n")
    build = make_site({"policies/01-housing.md": text})
    assert build.returncode == 1
    assert "Traceback" not in build.stderr
    lines = [line for line in build.stderr.splitlines() if "cannot be printed" in line]
    fix = ("write it another way (in Latin letters, or in words), or leave it out: the PDFs embed only the "
           "fonts in MINIFESTO_FONT_FILES and MINIFESTO_TEXT_FONT_FILES, which lack it")
    assert lines == [
        f'content/policies/01-housing.md:4: summary: "中" (U+4E2D) cannot be printed in the minifesto\'s fonts '
        f"(Atkinson Hyperlegible and Inter) — {fix}",
        f'content/policies/01-housing.md:9: body: "🏠" (U+1F3E0) cannot be printed in the minifesto\'s fonts '
        f"(Atkinson Hyperlegible and Inter) — {fix}",
    ]
    assert "WeasyPrint" not in build.stderr  # refused before rendering
    assert not build.output.exists()


def test_a_font_file_change_changes_the_cache_keys(settings, tmp_path):
    """A face's Latin Extended file is part of the PDF's and the cards' cache keys."""
    from plugins.minifesto.pdf import cache_key

    changed_font = tmp_path / "latin-ext.woff"
    ext = settings["MINIFESTO_TEXT_FONT_FILES"][(400, "normal")][1]
    changed_font.write_bytes(Path(ext).read_bytes() + b"\0")
    faces = {**settings["MINIFESTO_TEXT_FONT_FILES"],
             (400, "normal"): (settings["MINIFESTO_TEXT_FONT_FILES"][(400, "normal")][0], str(changed_font))}
    changed = {**settings, "MINIFESTO_TEXT_FONT_FILES": faces}
    assert cache_key("<p>x</p>", settings, "standard") != cache_key("<p>x</p>", changed, "standard")
    assert brand_style(settings).fingerprint() != brand_style(changed).fingerprint()


def test_a_long_kind_is_made_smaller_or_cut_to_fit_its_line(settings):
    from plugins.sharecards.layout import fitted_kicker

    style = brand_style(settings)
    face, text = fitted_kicker("Councillor for Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch", style, 696)
    assert face.length(text) <= 696 and face.size < 34
    face, text = fitted_kicker("Councillor for " + "Llanfairpwllgwyngyll " * 4, style, 696)
    assert face.length(text) <= 696 and text.endswith("…")


def test_spaces_hyphens_and_subscripts_the_fonts_lack_are_drawn_as_their_plain_equivalents(make_site, settings):
    """A time copied on a Mac has a narrow no-break space before "AM"
    (U+202F), and a climate party writes "CO₂": neither is in the fonts,
    and neither may stop the build. They are drawn as a no-break space and
    "CO2" on the card and in the PDF; the page keeps them as written."""
    from sitecore.print_fonts import missing_characters, print_coverage

    title = "Cut CO\u2082 now: march at 11:00\u202fAM, non\u2011stop\u2009today"
    assert missing_characters(title, print_coverage(settings)) == []
    post = MINIMAL_SITE["posts/hello.md"].replace("title: Hello from the party", f'title: "{title}"')
    summary = "Cut CO\u2082 now, march at 11.00\u202fAM."
    build = make_site({"posts/hello.md": post,
                       "policies/01-housing.md": policy("Homes for everyone", 1, summary)})
    assert build.returncode == 0, build.stderr
    assert build.html("news/hello/").select_one("main h1").get_text(strip=True) == title
    with Image.open(build.output / "share/news/hello.png") as card:
        assert card.text["Title"] == title
    assert "Cut CO2 now, march at 11.00" in pdftotext(build.output / "minifesto.pdf")
