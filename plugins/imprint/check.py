"""Refuse to publish anything without the imprint (Elections Act 2022).

After the site is written, before it replaces output/: every public page
must show the imprint in its visible text, the minifesto PDFs must carry it
in their text and their metadata, so must the feeds' entries, the calendars'
events, the e-books and the plain texts (other_files.py), and every share
image must have been made with it. Anything missing is logged as an ERROR,
which fails the build.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from pathlib import Path

from PIL import Image

from sitecore import imprint as imprint_module
from sitecore import visible_text as visible_text_module
from sitecore.imprint import imprint_text, shows_imprint
from sitecore.output import write_atomically
from sitecore.passed_before import PassedBefore
from sitecore.share_cards import CARD_ENDINGS, stored_imprint
from sitecore.text_memo import fingerprint

from .other_files import calendar_events_without, ebook_without, feed_entries_without, plain_text_without

logger = logging.getLogger("site.imprint")
FIX = "the imprint is IMPRINT in pelicanconf.py"


def pages_without_imprint(site: Path, expected: str, private: set[str], cache: Path | None = None) -> list[str]:
    """The public pages whose visible text lacks the imprint. With a `cache`,
    a page byte for byte like one that showed it in the last build is not
    parsed again (PagesThatPassed)."""
    passed = PagesThatPassed(cache, expected) if cache is not None else None
    missing = []
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site)
        if relative.parts[0] in private:
            continue
        html = page.read_bytes()
        if passed is not None and passed.seen(html):
            continue
        if shows_imprint(html.decode("utf-8"), expected):
            if passed is not None:
                passed.add(html)
        else:
            missing.append(str(relative))
    if passed is not None:
        passed.keep()
    return missing


class PagesThatPassed:
    """The pages of the last build that showed the imprint, by the SHA-256
    of their bytes (sitecore/passed_before.py): parsing every page was 4.7 s
    of a build at 5000 posts, and an edit changes a handful of pages. The
    file is named by a fingerprint of the imprint, the check's code
    (`shows_imprint` and what it reads with) and selectolax's version, so the answer is the one the parse would give."""

    def __init__(self, cache: Path, expected: str) -> None:
        made_by = fingerprint((sys.modules[__name__], imprint_module, visible_text_module), ("selectolax",), expected)
        self.digests = PassedBefore(cache / "imprint-checked" / f"pages-{made_by.hex()[:24]}")

    def seen(self, html: bytes) -> bool:
        return self.digests.seen(hashlib.sha256(html).digest())

    def add(self, html: bytes) -> None:
        self.digests.add(hashlib.sha256(html).digest())

    def keep(self) -> None:
        self.digests.keep()


def pdf_problems(pdf: Path, expected: str) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    problems = []
    # Anywhere in the text; searched from the back page, where it normally
    # is, so a good PDF costs one page's text extraction, not all of them.
    # Compared without white space: the PDF may break a line anywhere,
    # including after a hyphen in the address ("Middleton-on-the-" / "Wold").
    wanted = "".join(expected.split())
    if not any(wanted in "".join((page.extract_text() or "").split()) for page in reversed(reader.pages)):
        problems.append("its text")
    # WeasyPrint writes custom <meta> names in lower case.
    if (reader.metadata or {}).get("/imprint") != expected:
        problems.append("its metadata (Imprint)")
    return problems


def checked_pdf_problems(pdf: Path, expected: str, cache: Path) -> list[str]:
    """pdf_problems, remembered for a PDF that passed: reading a PDF's text
    was the slowest step of a small build, and most builds reuse their PDFs
    from the cache. Keyed by the PDF's bytes, the imprint, this check's
    code and pypdf's version, so the answer is the one a fresh check would
    give (a check that asks more of a PDF asks it of every PDF again)."""
    made_by = fingerprint((sys.modules[__name__],), ("pypdf",), expected)
    key = hashlib.sha256(made_by + pdf.read_bytes()).hexdigest()
    passed = cache / "imprint-checked" / key
    if passed.exists():
        return []
    problems = pdf_problems(pdf, expected)
    if not problems:
        write_atomically(passed, b"")
    return problems


def images_without_imprint(folder: Path, expected: str) -> list[str]:
    missing = []
    cards = [path for ending in CARD_ENDINGS for path in folder.rglob(f"*.{ending}")]
    for image_path in sorted(cards):
        with Image.open(image_path) as image:
            # What opening reads before the image data (a PNG's text chunks,
            # a JPEG's comment), without decoding a pixel (a PNG's `text`
            # would decode the whole image to look for more after it); the
            # build writes the imprint there.
            if stored_imprint(image) != expected:
                missing.append(str(image_path.relative_to(folder.parent)))
    return missing


# The settings naming where the feeds and the calendars are written: their
# folders are all the check reads (not the whole site: 0.1 s a build at a
# thousand posts, most of it pictures and the search index).
FEED_AND_CALENDAR_SETTINGS = ("FEED_ALL_ATOM", "CATEGORY_FEED_ATOM", "EVENTS_CALENDAR_SAVE_AS",
                              "EVENT_CALENDAR_SAVE_AS")


def feed_and_calendar_folders(settings: dict) -> list[str]:
    return sorted({str(settings[name]).split("/")[0] for name in FEED_AND_CALENDAR_SETTINGS if settings.get(name)})


def other_files_without_imprint(site: Path, expected: str, folders: list[str],
                                pdfs: list[str]) -> list[tuple[str, str]]:
    """(file, where it lacks the imprint) for the feeds and calendars under
    `folders`, and the e-book and plain text beside each minifesto PDF (its
    edition's)."""
    checks = [(path, check) for folder in folders
              for pattern, check in (("*.atom.xml", feed_entries_without), ("*.ics", calendar_events_without))
              for path in (site / folder).rglob(pattern)]
    editions = {pdf.removesuffix("-large-print.pdf").removesuffix(".pdf") for pdf in pdfs}
    checks += [(site / f"{edition}{ending}", check) for edition in editions
               for ending, check in ((".epub", ebook_without), (".txt", plain_text_without))]
    return [(path.relative_to(site).as_posix(), where) for path, check in sorted(checks)
            if path.is_file() for where in check(path, expected)]


def check_imprint(pelican) -> None:
    settings = pelican.settings
    site, expected = Path(settings["OUTPUT_PATH"]), imprint_text(settings)
    private = {settings["CMS_SAVE_AS"].strip("/")} if settings.get("CMS_SAVE_AS") else set()
    for page in pages_without_imprint(site, expected, private, Path(settings["CACHE_PATH"])):
        logger.error("Imprint missing: %s does not show it in its visible text — every page's footer must "
                     "(theme/templates/partials/imprint.html); %s", page, FIX)
    # The current edition's PDFs, and every edition's (minifesto/*.pdf).
    pdfs = [name for name in settings.get("MINIFESTO_CURRENT_FILES", {}).values() if name.endswith(".pdf")]
    edition_folder = os.path.dirname(settings.get("MINIFESTO_EDITION_NAME", ""))
    if edition_folder:
        pdfs += sorted(path.relative_to(site).as_posix() for path in (site / edition_folder).glob("*.pdf"))
    for name in pdfs:
        if (site / name).exists():
            for where in checked_pdf_problems(site / name, expected, Path(settings["CACHE_PATH"])):
                logger.error("Imprint missing: %s lacks it in %s — see theme/templates/print/minifesto.html; %s",
                             name, where, FIX)
    for name, where in other_files_without_imprint(site, expected, feed_and_calendar_folders(settings), pdfs):
        logger.error("Imprint missing: %s lacks it in %s; %s", name, where, FIX)
    cards = site / settings["SHARE_CARD_PATH"]
    if cards.is_dir():
        for image in images_without_imprint(cards, expected):
            logger.error("Imprint missing: share image %s was made without it — plugins/sharecards draws it; %s",
                         image, FIX)
