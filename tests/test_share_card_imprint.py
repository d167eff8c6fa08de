"""Every share card prints the whole imprint (Elections Act 2022): the band
grows and the type shrinks, at most to 27 px (9 px on a card shown 400 px wide); an imprint that still
does not fit stops the build with one line that says what to shorten."""

from __future__ import annotations

import io
from concurrent.futures import wait

import pytest
from conftest import REPO
from PIL import Image, ImageChops, ImageFont

from plugins.sharecards.card import CardText, draw_card
from plugins.sharecards.card_file import render_card
from plugins.sharecards.layout import (
    BAND_TOP_PADDING,
    IMPRINT_SIZES,
    MARGIN,
    PARTY_LINE,
    ImprintTooLong,
    layout_imprint,
    max_band_height,
)
from sitecore.brand import brand_style as card_style
from sitecore.imprint import imprint_text

REAL = "Promoted by Jo Bloggs on behalf of Breakthrough Party, both at PO Box 0000, London, EC1A 1AA."
# No hyphens: the PDF's imprint check reads a line broken after a hyphen as
# "on-the- Wold" and fails the build (a fault of that check, reported).
LONG_ADDRESS = ("Flat 12, The Old Cooperative Buildings, 147 Long Causeway Road, Little Snoring Industrial Estate, "
                "Upper Middleton on the Wold, North Yorkshire, YO62 4XX, England")
LONG_IMPRINT = {"promoter": "Alexandra Montgomery Fotheringham Smythe", "party": "Breakthrough Party",
                "address": LONG_ADDRESS}
# The same imprint with the address repeated until the whole is 2,000 characters.
TOO_LONG_IMPRINT = {**LONG_IMPRINT, "address": ((LONG_ADDRESS + ", ") * 20)[:2000 - 256 + len(LONG_ADDRESS)]}


def imprint_of(parts: dict) -> str:
    return imprint_text({"IMPRINT": parts})


def test_the_long_imprints_are_the_lengths_the_review_named():
    assert len(imprint_of(LONG_IMPRINT)) == 256  # 248 before "both at " said whose the address is
    assert len(imprint_of(TOO_LONG_IMPRINT)) == 2000


@pytest.fixture(scope="module")
def style(settings):
    return card_style(settings)


@pytest.mark.parametrize("imprint", [
    "Promoted by A on behalf of B, C.",
    REAL,
    imprint_of(LONG_IMPRINT),
], ids=["short", "real", "256 characters"])
def test_the_whole_imprint_is_laid_out_legibly(style, imprint):
    layout = layout_imprint(imprint, style)
    assert " ".join(layout.lines) == imprint
    assert layout.size >= min(IMPRINT_SIZES) == 27
    font = ImageFont.truetype(style.regular_font, layout.size)
    assert all(font.getlength(line) <= style.size[0] - 2 * MARGIN for line in layout.lines)
    assert layout.band_height <= max_band_height(style)


def test_a_short_imprint_keeps_the_usual_band(style):
    assert layout_imprint(REAL, style).band_height == 188


def test_every_laid_out_line_is_drawn_in_the_band(style):
    """Each imprint line leaves white text in its own strip of the card."""
    imprint = imprint_of(LONG_IMPRINT)
    layout = layout_imprint(imprint, style)
    assert len(layout.lines) >= 3
    png = render_card(CardText("News", "A title", imprint, "Breakthrough Party"), style)
    with Image.open(io.BytesIO(png)) as card:
        assert card.text["Imprint"] == imprint
        first_line_top = card.height - layout.band_height + BAND_TOP_PADDING + PARTY_LINE
        for number in range(len(layout.lines)):
            top = first_line_top + number * layout.line_height
            strip = card.convert("L").crop((MARGIN, top, card.width - MARGIN, top + layout.line_height))
            assert strip.getextrema()[1] > 200, f"imprint line {number + 1} is not drawn"


def test_the_stored_card_looks_the_same_as_the_card_drawn_in_full_colour(style):
    """Cards are stored with a palette of the card's own colours (encoded
    much faster, less than half the bytes): no pixel may move visibly from
    the full-colour drawing, text edges included."""
    text = CardText("Policy 10", "Fund the NHS properly, and staff it: 2030 targets", imprint_of(LONG_IMPRINT), "Party")
    drawn = draw_card(text, style)
    with Image.open(io.BytesIO(render_card(text, style))) as stored:
        assert stored.mode == "P"
        difference = ImageChops.difference(drawn, stored.convert("RGB"))
    # Pillow looks colours up in a palette at 6 bits a channel, so an edge
    # pixel may move by a few levels of 255: 8 (3%) is well below what an eye
    # can tell apart on the edge of a letter.
    assert max(high for _, high in difference.getextrema()) <= 8, "a pixel differs by more than 8 levels of 255"
    assert len(drawn.getcolors(1 << 20)) > 256  # the drawing had anti-aliased edges to keep


def test_an_imprint_that_cannot_fit_is_refused(style):
    with pytest.raises(ImprintTooLong) as refused:
        layout_imprint(imprint_of(TOO_LONG_IMPRINT), style)
    assert "even at 27 px" in refused.value.message
    assert refused.value.fix.startswith("shorten the address or the promoter's name in IMPRINT in pelicanconf.py")


def test_a_word_wider_than_the_card_is_refused(style):
    with pytest.raises(ImprintTooLong, match="is wider than the card"):
        layout_imprint("Promoted by " + "x" * 200 + ".", style)


def build_with_imprint(make_site, parts: dict):
    return make_site(settings={"IMPRINT": repr(parts)})


def test_a_256_character_imprint_builds_and_is_on_every_card(make_site, settings):
    build = build_with_imprint(make_site, LONG_IMPRINT)
    assert build.returncode == 0, build.stderr
    imprint = imprint_of(LONG_IMPRINT)
    site_card = CardText("Join us", settings["SITE_TAGLINE"], imprint, settings["SITENAME"])
    assert (build.output / "share/site.png").read_bytes() == render_card(site_card, card_style(settings))
    for card in (build.output / "share").rglob("*.png"):
        with Image.open(card) as image:
            assert image.text["Imprint"] == imprint


def test_a_too_long_imprint_fails_the_build_with_one_clear_line(make_site):
    build = build_with_imprint(make_site, TOO_LONG_IMPRINT)
    assert build.returncode == 1
    assert "Traceback" not in build.stderr
    [line] = [line for line in build.stderr.splitlines() if "IMPRINT" in line]
    assert line.startswith("settings_for_this_build.py:3: IMPRINT: the imprint (2,000 characters) "
                           "is too long to print in full on the share cards, even at 27 px: it needs ")
    assert line.endswith("— shorten the address or the promoter's name in IMPRINT in pelicanconf.py "
                         "(the law wants the whole imprint on every image)")
    assert not build.output.exists()


def test_a_too_long_imprint_is_told_at_the_line_of_pelicanconf_that_sets_it(settings):
    """As a volunteer's build says it (the tests' own settings files set
    everything on their first line, so the build above says line 1)."""
    from plugins.sharecards.card_checks import CardChecks
    from sitecore.problems import ContentProblems, problem_log

    problem_log.clear()
    try:
        assert not CardChecks(settings).imprint_fits(imprint_of(TOO_LONG_IMPRINT))
        with pytest.raises(ContentProblems) as told:
            problem_log.raise_if_any()
    finally:
        problem_log.clear()
    [problem] = told.value.problems
    lines = (REPO / "pelicanconf.py").read_text(encoding="utf-8").splitlines()
    assert (problem.path, problem.field) == ("pelicanconf.py", "IMPRINT")
    assert lines[problem.line - 1].startswith("IMPRINT = "), problem


def test_cards_drawn_by_the_worker_process_are_the_cards_drawn_here(style, tmp_path, monkeypatch):
    """From BACKGROUND_FROM missing cards up, a worker process draws them
    while the pages are written (plugins/sharecards/drawing.py): each file is
    byte for byte the card drawn in this process. Fewer are drawn here. (The
    threshold only decides when: the worker is tried with eight cards, not
    a build's worth, which took 3 CPU-seconds to draw twice.)"""
    from plugins.sharecards import drawing

    texts = [CardText("News", f"Card number {number} of a big archive", REAL, "Breakthrough Party")
             for number in range(8)]
    missing = {tmp_path / f"{number}.png": text for number, text in enumerate(texts)}
    few = drawing.CardDrawing(missing, style)
    few.start()
    assert few.tasks == [], "fewer cards than BACKGROUND_FROM went to a worker"
    monkeypatch.setattr(drawing, "BACKGROUND_FROM", len(texts))
    worker = drawing.CardDrawing(missing, style)
    worker.start()
    assert worker.tasks, "the cards were not handed to a worker"
    wait(worker.tasks)  # all drawn there (finish() would draw what it had not started)
    assert all(task.exception() is None for task in worker.tasks)
    worker.finish()
    for number, text in enumerate(texts):
        assert (tmp_path / f"{number}.png").read_bytes() == render_card(text, style), f"card {number}"
