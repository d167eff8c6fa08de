"""The digital imprint (Elections Act 2022) is enforced: a build that would
publish a page, the minifesto or a share image without it fails, names what
is missing, and leaves output/ alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO
from pdf_tools import pdftotext
from PIL import Image

from sitecore.imprint import imprint_text

IMPRINT = "Promoted by Jo Bloggs on behalf of Breakthrough Party, both at PO Box 0000, London, EC1A 1AA."


def build_with(make_site, changes: dict, templates: dict | None = None):
    """MINIMAL_SITE built with some settings changed and some templates replaced."""
    return make_site(settings=changes, templates=templates)


def errors(build) -> list[str]:
    return [line.strip() for line in build.stderr.splitlines() if line.strip().startswith("Imprint missing")]


def test_a_page_without_the_imprint_fails_the_build(make_site):
    build = build_with(make_site, {}, {"partials/imprint.html": "<p>Nothing to see.</p>"})
    assert build.returncode == 1
    assert "Imprint missing: index.html does not show it in its visible text" in build.stderr
    assert "Imprint missing: news/hello/index.html does not show it" in build.stderr
    assert not build.output.exists()


def test_a_hidden_imprint_does_not_count(make_site):
    hidden = '<p class="imprint" hidden>{{ IMPRINT_TEXT }}</p>'
    build = build_with(make_site, {}, {"partials/imprint.html": hidden})
    assert build.returncode == 1
    assert "Imprint missing: about/index.html does not show it in its visible text" in build.stderr


def test_pages_that_showed_the_imprint_are_known_by_their_bytes(make_site, tmp_path, cold_cache):
    """The check keeps the digests of the pages that passed
    (plugins/imprint/check.py: PagesThatPassed): a page with the same bytes
    is not parsed again, and any other page is, whatever the cache says of
    its name."""
    from plugins.imprint.check import PagesThatPassed, pages_without_imprint

    build = make_site(cache=cold_cache(tmp_path / "cache"))
    assert build.returncode == 0, build.stderr
    [kept] = (tmp_path / "cache/imprint-checked").glob("pages-*")
    pages = [page for page in build.output.rglob("*.html") if page.relative_to(build.output).parts[0] != "admin"]
    assert len(kept.read_bytes()) == 32 * len({page.read_bytes() for page in pages})
    # The same check again, from what was kept: the same answer.
    assert pages_without_imprint(build.output, IMPRINT, {"admin"}, tmp_path / "cache") == []
    # A page changed to hide the imprint has other bytes: it is parsed, and reported.
    about = build.output / "about/index.html"
    about.write_text(about.read_text().replace('class="imprint"', 'class="imprint" hidden'))
    assert pages_without_imprint(build.output, IMPRINT, {"admin"}, tmp_path / "cache") == ["about/index.html"]
    # What was kept is what decides for a known page (so it must only ever hold pages that passed).
    passed = PagesThatPassed(tmp_path / "cache", IMPRINT)
    passed.add(about.read_bytes())
    passed.keep()
    assert pages_without_imprint(build.output, IMPRINT, {"admin"}, tmp_path / "cache") == []
    assert pages_without_imprint(build.output, IMPRINT, {"admin"}) == ["about/index.html"]  # without the cache


def test_a_pdf_without_the_imprint_fails_the_build(make_site):
    template = (REPO / "theme/templates/print/minifesto.html").read_text()
    without = "\n".join(line for line in template.splitlines() if "IMPRINT_TEXT" not in line)
    build = build_with(make_site, {}, {"print/minifesto.html": without})
    assert build.returncode == 1
    assert errors(build)[:2] == [
        "Imprint missing: minifesto.pdf lacks it in its text — see theme/templates/print/minifesto.html; "
        "the imprint is IMPRINT in pelicanconf.py",
        "Imprint missing: minifesto.pdf lacks it in its metadata (Imprint) — see "
        "theme/templates/print/minifesto.html; the imprint is IMPRINT in pelicanconf.py",
    ]


def test_a_share_image_made_without_the_imprint_fails_the_build(make_site):
    build = build_with(make_site, {
        "PLUGIN_PATHS": f"[{str(REPO / 'tests/data/plugins')!r}]",
        "PLUGINS": "PLUGINS + ['unmarked_share_card']",
    })
    assert build.returncode == 1
    [error] = errors(build)
    assert error.startswith("Imprint missing: share image share/") and "was made without it" in error


def test_each_kind_of_share_card_file_is_checked_for_the_imprint_it_carries(tmp_path):
    """A card is a PNG (the imprint in a text chunk) or, showing a photo, a
    JPEG (the imprint as its comment): the check reads both kinds, each
    where it keeps the imprint."""
    from PIL.PngImagePlugin import PngInfo

    from plugins.imprint.check import images_without_imprint

    cards = tmp_path / "share"
    (cards / "news").mkdir(parents=True)
    image = Image.new("RGB", (12, 8), "purple")
    for name, imprint in (("with.png", IMPRINT), ("other.png", "Promoted by someone else."), ("none.png", None)):
        chunks = PngInfo()
        if imprint:
            chunks.add_text("Imprint", imprint)
        image.save(cards / "news" / name, pnginfo=chunks)
    for name, comment in (("with.jpg", IMPRINT), ("other.jpg", "Promoted by someone else."), ("none.jpg", None)):
        image.save(cards / "news" / name, **({"comment": comment.encode()} if comment else {}))
    assert images_without_imprint(cards, IMPRINT) == [f"share/news/{name}" for name in (
        "none.jpg", "none.png", "other.jpg", "other.png")]


def test_the_imprint_is_one_setting(make_site):
    new = {"promoter": "A. Agent", "party": "Breakthrough Party", "address": "1 New Street, Leeds, LS1 1AA"}
    build = build_with(make_site, {"IMPRINT": repr(new)})
    assert build.returncode == 0, build.stderr
    expected = "Promoted by A. Agent on behalf of Breakthrough Party, both at 1 New Street, Leeds, LS1 1AA."
    assert build.html("about/").select_one("footer [data-imprint]").get_text() == expected
    assert expected in " ".join(pdftotext(build.output / "minifesto.pdf").split())
    with Image.open(build.output / "share/site.png") as card:
        assert card.text["Imprint"] == expected
    assert IMPRINT not in (build.output / "index.html").read_text()


@pytest.mark.parametrize("parts, expected", [
    # One address: the law wants the promoter's and the party's, so it says whose.
    ({}, "Promoted by Jo Bloggs on behalf of Breakthrough Party, both at PO Box 0000, London, EC1A 1AA."),
    ({"promoter_address": "PO Box 0000, London, EC1A 1AA"},
     "Promoted by Jo Bloggs on behalf of Breakthrough Party, both at PO Box 0000, London, EC1A 1AA."),
    ({"promoter_address": "2 Agent Row, Leeds, LS2 2BB"},
     "Promoted by Jo Bloggs, 2 Agent Row, Leeds, LS2 2BB, on behalf of Breakthrough Party, "
     "PO Box 0000, London, EC1A 1AA."),
])
def test_the_imprint_gives_the_promoters_address_and_the_partys(parts, expected):
    base = {"promoter": "Jo Bloggs", "party": "Breakthrough Party", "address": "PO Box 0000, London, EC1A 1AA"}
    assert imprint_text({"IMPRINT": {**base, **parts}}) == expected


def imprint_contrast(pdf: Path, page: int, imprint: str, work: Path) -> float:
    """How far apart the darkest and lightest pixels are (0-255) in the box
    where poppler finds the imprint's words on `page`: 0 means nobody can read it."""
    import re
    import subprocess

    from PIL import Image

    resolution = 72  # one pixel per point, so the word boxes are pixel boxes
    layout = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                            capture_output=True, text=True, check=True).stdout
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                       layout)
    first = imprint.split()[:3]  # "Promoted by Jo"
    start = next(i for i in range(len(words)) if [w[4] for w in words[i:i + 3]] == first)
    boxes = [tuple(map(float, w[:4])) for w in words[start:start + len(imprint.split())]]
    stem = work / f"page-{page}"
    subprocess.run(["pdftoppm", "-png", "-r", str(resolution), "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(stem)], check=True)
    with Image.open(stem.with_suffix(".png")) as image:
        grey = image.convert("L")
        spread = []
        for x0, y0, x1, y1 in boxes:
            low, high = grey.crop((int(x0), int(y0), int(x1) + 1, int(y1) + 1)).getextrema()
            spread.append(high - low)
    return min(spread)


@pytest.mark.parametrize("name", ["minifesto.pdf", "minifesto-large-print.pdf"])
def test_the_pdf_back_page_shows_the_imprint_to_the_eye(site, settings, name, tmp_path):
    """Text a PDF reader extracts can still be invisible (white on white, or
    off the page): render the page and look at the imprint's words."""
    from pypdf import PdfReader

    pdf = site.output / name
    last = len(PdfReader(pdf).pages)
    assert imprint_contrast(pdf, last, imprint_text(settings), tmp_path) >= 128


CANVASS = ("---\ntitle: Canvass in Truro\nstart: 2022-05-07 10:00\nend: 2022-05-07 13:00\nsummary: Knocking on doors.\n"
           "category: campaign-day\nplace: Truro\n---\nCanvassing.\n")


def test_feeds_calendars_e_books_and_plain_text_are_checked_too(make_site, tmp_path, caplog, settings):
    """The README: the build refuses to publish anything without the
    imprint. The feeds' entries, the calendars' events, the e-books and the
    plain texts carried it, but nothing checked they went on doing so. Each
    is checked where a reader meets it: an entry's content, an event's
    description (unfolded, unescaped), an e-book's pages and its dc:rights,
    the whole text."""
    import logging
    import shutil
    import zipfile
    from types import SimpleNamespace

    from plugins.imprint.check import check_imprint, feed_and_calendar_folders, other_files_without_imprint

    build = make_site({"events/canvass.md": CANVASS}, options=("--now", "2022-05-01 12:00"))
    assert build.returncode == 0, build.stderr
    site = tmp_path / "site"
    shutil.copytree(build.output, site)
    pdfs = ["minifesto.pdf", "minifesto-large-print.pdf"]
    assert other_files_without_imprint(site, IMPRINT, feed_and_calendar_folders(settings), pdfs) == []
    # Take it out of one feed entry, one event in each calendar, the e-book and the text.
    feed = site / "feeds/all.atom.xml"
    entry = feed.read_text(encoding="utf-8")
    feed.write_text(entry.replace("&lt;p class=\"imprint\"&gt;Promoted by", "&lt;p class=\"imprint\"&gt;By", 1),
                    encoding="utf-8")
    for calendar in (site / "events/calendar.ics", site / "events/canvass/event.ics"):
        text = calendar.read_text(encoding="utf-8")
        assert "Promoted by" in text
        calendar.write_text(text.replace("Promoted by", "Written by"), encoding="utf-8")
    with zipfile.ZipFile(site / "minifesto.epub") as book:
        parts = {name: book.read(name) for name in book.namelist()}
    with zipfile.ZipFile(site / "minifesto.epub", "w") as book:
        for name, data in parts.items():
            book.writestr(name, data.replace(b"Promoted by", b"Written by"))
    text = site / "minifesto.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("Promoted by", "Written by"), encoding="utf-8")
    assert other_files_without_imprint(site, IMPRINT, feed_and_calendar_folders(settings), pdfs) == [
        ("events/calendar.ics", 'the event "Canvass in Truro"'),
        ("events/canvass/event.ics", 'the event "Canvass in Truro"'),
        ("feeds/all.atom.xml", 'the entry "Hello from the party"'),
        ("minifesto.epub", "its text"), ("minifesto.epub", "its metadata (dc:rights)"),
        ("minifesto.txt", "its text")]
    # And the build's check says so, as an error (which fails the build).
    # (Without its PDFs, checked elsewhere: the feeds' message is the point here.)
    checked = {**settings, "OUTPUT_PATH": str(site), "CACHE_PATH": str(tmp_path / "cache"),
               "MINIFESTO_CURRENT_FILES": {}, "MINIFESTO_EDITION_NAME": ""}
    with caplog.at_level(logging.ERROR, logger="site.imprint"):
        check_imprint(SimpleNamespace(settings=checked))
    assert ("Imprint missing: feeds/all.atom.xml lacks it in the entry \"Hello from the party\"; "
            "the imprint is IMPRINT in pelicanconf.py") in caplog.messages
