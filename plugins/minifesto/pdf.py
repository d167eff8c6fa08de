"""An edition's minifesto PDFs: made from the print template, and never
rendered twice.

The print template is rendered with Jinja first (cheap); the hash of that
HTML, the stylesheets, the font files, every file the fetcher could serve,
our rendering code and WeasyPrint's version is the cache key. If a PDF for
that key is kept (sealed against damage: sitecore/sealed.py) it is reused,
and the log says so; otherwise weasyprint_render.py renders it, here or in
a worker process (pdf_worker.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import logging
import os
import re
import time
from pathlib import Path

from sitecore import html_allowlist, image_metadata, images, print_fonts, print_images
from sitecore.output import newest_first
from sitecore.print_fonts import print_font_faces
from sitecore.problems import problem_log
from sitecore.sealed import FORMAT, read_sealed, write_sealed
from sitecore.text_memo import code_fingerprint

from . import attachments, fetcher, pdf_links, pdf_metadata, pdf_tag_tree, print_styles, weasyprint_render
from .fetcher import SiteFiles, pdf_base_url
from .glyphs import coverage_cache, unprintable_problems
from .print_anchors import report_links_to_missing_parts, top_anchored
from .print_spaces import spaces_kept_at_line_ends
from .print_styles import NO_SYSTEM_FONTS, stylesheet_paths
from .weasyprint_render import (
    PRINT_TEMPLATE,
    WRITE_OPTIONS,
    attachments_allowed,
    report_pdf_problem,
    report_render_problems,
    template_path,
)

logger = logging.getLogger("site.minifesto")

# Our code that decides the PDF besides its HTML: what WeasyPrint is given
# (the fonts' stand-ins for characters they lack, applied after the key is
# made; the files the fetcher serves, images without their metadata and
# with their media types) and what is changed after it has laid the PDF out
# (its links, its attachments): part of the cache key, so an edit to it
# re-renders (tests/test_cache_keys.py follows the imports).
RENDERING_CODE = (__file__, weasyprint_render.__file__, attachments.__file__, pdf_links.__file__, pdf_tag_tree.__file__,
                  pdf_metadata.__file__, print_styles.__file__,
                  print_images.__file__, print_fonts.__file__, fetcher.__file__, image_metadata.__file__,
                  images.__file__,
                  # Not imported here: it imports WeasyPrint, which only a render needs.
                  str(Path(__file__).with_name("hanging_spaces.py")))


# A numbered list that goes on from an earlier one, as the allowlist lets
# it through (sitecore/html_allowlist.py: <ol> may carry only `start`, so
# nh3 writes the tag exactly so). Elsewhere these words are text or an
# attribute's value, where the sanitiser writes "<" and '"' as entities.
LIST_WITH_START = re.compile(f'<ol start="({html_allowlist.LIST_START_VALUE.pattern})">')


def lists_numbered_for_print(html: str) -> str:
    """Each <ol start="N"> counting from N in the PDF. WeasyPrint ignores the
    start attribute (a list went on "1.", "2.") and takes no attr() in
    counter-reset, so the list is given the counter itself; each item adds
    one to it before it is drawn. Only in the HTML WeasyPrint is given: the
    web pages' Content Security Policy refuses style attributes, and a
    browser numbers by `start` anyway."""
    return LIST_WITH_START.sub(lambda ol: f'<ol start="{ol[1]}" style="counter-reset: list-item {int(ol[1]) - 1}">',
                               html)


class MissingPrintFile(Exception):
    """A font or stylesheet the render needs cannot be read."""

    def __init__(self, path: str | Path, error: OSError):
        what = "missing" if isinstance(error, FileNotFoundError) else f"unreadable ({error.strerror})"
        super().__init__(f"a file it needs is {what}: {path}")


def print_file(path: str | Path) -> bytes:
    """The bytes of a font or stylesheet the settings name; MissingPrintFile
    if it cannot be read (the settings or ./setup are to blame, never content)."""
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise MissingPrintFile(path, error) from None


def cache_key(html: str, settings, kind: str) -> str:
    """Everything that can change the PDF's bytes: the HTML, the options,
    the base URL links resolve against, and every file the render may read
    (stylesheets, fonts, and what the fetcher could serve: see fetcher.py)."""
    # The version from the package metadata: importing WeasyPrint itself
    # takes half a second, which a build that reuses its PDFs need not pay.
    digest = hashlib.sha256()
    digest.update(f"{kind}\0weasyprint {importlib.metadata.version('weasyprint')}\0{WRITE_OPTIONS}\0"
                  f"base {pdf_base_url(settings)}\0attachments {attachments_allowed(settings)}\0"
                  f"fonts {NO_SYSTEM_FONTS.read_text()}\0".encode())
    digest.update(code_fingerprint(RENDERING_CODE, ()) + FORMAT)  # FORMAT: how the render is kept
    digest.update(html.encode("utf-8"))
    # The fonts by their faces and contents, not by their paths: a checkout
    # in another folder reuses its PDFs.
    for family, weight, style, path in print_font_faces(settings):
        digest.update(f"\0{family}\0{weight}\0{style}\0".encode())
        digest.update(print_file(path))
    for path in stylesheet_paths(settings, kind):
        digest.update(print_file(path))
    for name, data in SiteFiles(settings).cache_inputs(html):
        digest.update(f"\0{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


class EditionPdfs:
    """An edition's PDFs: each taken from the cache, or rendered by a
    PdfRenderer (pdf_worker.py: maybe in a worker process, still running).
    `data(kind)` waits for them all; renders that failed leave every
    problem in the problem log and stop the build there."""

    def __init__(self, settings, edition_key: str) -> None:
        self.settings = settings
        self.edition_key = edition_key
        self.kept: dict[str, bytes] = {}
        self.jobs: dict[str, tuple] = {}  # kind -> (job, cache file)
        self.reported: set[tuple] = set()  # characters the fonts lack, reported (unprintable_problems)

    def data(self, kind: str) -> bytes:
        self.finish()
        return self.kept.get(kind, b"")

    def finish(self) -> None:
        jobs, self.jobs = self.jobs, {}
        for kind, (job, cached) in jobs.items():
            started = time.perf_counter()
            rendered = job.result()
            if not rendered.ok:
                report_render_problems(self.settings, kind, rendered)
                continue
            keep_in_cache(cached, rendered.data)
            self.kept[kind] = rendered.data
            waited = time.perf_counter() - started
            logger.info("Minifesto %s PDF: rendered (%d KB in %.2f s%s)", kind, len(rendered.data) // 1024,
                        rendered.seconds,
                        f" by a worker process; waited {waited:.2f} s for it" if job.elsewhere else "")
        problem_log.raise_if_any()

    def add(self, generator, edition, kind: str, renderer) -> None:
        """The edition's PDF of `kind`: from the cache if its inputs are
        unchanged, else handed to `renderer`."""
        settings = self.settings
        minifesto = edition.minifesto
        html = print_html(generator, edition, kind)
        if not self.printable(html, generator, edition) or report_links_to_missing_parts(
                [minifesto, *edition.policies], html):
            return
        try:
            key = cache_key(html, settings, kind)
        except MissingPrintFile as missing:
            report_pdf_problem(settings, kind, str(missing),
                               "check MINIFESTO_STYLESHEETS and MINIFESTO_FONT_FILES in pelicanconf.py, "
                               "and run ./setup to install the fonts")
            return
        # Named by edition and kind: a few renders of each are kept (keep_in_cache).
        cached = Path(settings["CACHE_PATH"], "minifesto", f"{self.edition_key}-{kind}-{key[:16]}.pdf")
        kept = reuse_from_cache(cached)
        if kept is not None:
            logger.info("Minifesto %s PDF: inputs unchanged, reusing %s (not re-rendered)", kind, cached)
            self.kept[kind] = kept
            return
        job = renderer.render(html, settings, kind, identifier=key[:32].encode(), moment=minifesto.date)
        self.jobs[kind] = (job, cached)


    def printable(self, html: str, generator, edition) -> bool:
        """Every character of the PDF's text is in its fonts; if not, each
        is reported at the file and line it comes from (each once for all
        the edition's PDFs), and nothing is rendered."""
        try:
            problems = unprintable_problems(html, self.settings, [edition.minifesto, *edition.policies,
                                                                  generator.context.get("press_office")],
                                            template_path(self.settings), coverage_cache(self.settings))
        except (OSError, ValueError):
            return True  # a font file is missing (cache_key names it) or broken (the render says so)
        for problem in problems:
            if problem not in self.reported:
                self.reported.add(problem)
                problem_log.add(*problem)
        return not problems


def print_html(generator, edition, kind: str) -> str:
    """The HTML WeasyPrint renders into the edition's PDF of `kind`."""
    template = generator.env.get_template(PRINT_TEMPLATE)
    with print_images.printing():
        rendered = template.render(generator.context, minifesto=edition.minifesto, policies=edition.policies,
                                   edition=edition, edition_kind=kind)
    return top_anchored(spaces_kept_at_line_ends(lists_numbered_for_print(rendered)))


def check_print_links(generator, edition) -> None:
    """`--check` makes no PDF: the links to parts of the current edition's
    print HTML are checked all the same (print_anchors.py), so the check and
    the review's annotations find them too."""
    report_links_to_missing_parts([edition.minifesto, *edition.policies], print_html(generator, edition, "standard"))


class EditionPdf:
    """One of EditionPdfs, as an edition file's contents."""

    def __init__(self, pdfs: EditionPdfs, kind: str) -> None:
        self.pdfs, self.kind = pdfs, kind

    @property
    def data(self) -> bytes:
        return self.pdfs.data(self.kind)


# Renders of an edition's PDF of one kind that are kept: the newest few,
# and any used in the last minutes (a volunteer trying wordings in the live
# preview, the public build and a drafts preview taking turns), not every
# one ever made.
KEPT_NEWEST = 3
KEPT_WHILE_USED_SECONDS = 600


def keep_in_cache(cached: Path, data: bytes) -> None:
    """Keep a render (never a half-written PDF, sealed against damage
    after: sitecore/sealed.py) and drop the stale ones."""
    write_sealed(cached, data)
    kind = cached.name.rsplit("-", 1)[0]
    recently = time.time() - KEPT_WHILE_USED_SECONDS
    for used, stale in newest_first(cached.parent.glob(f"{kind}-*.pdf"))[KEPT_NEWEST:]:
        if used < recently and stale != cached:
            stale.unlink(missing_ok=True)


def reuse_from_cache(cached: Path) -> bytes | None:
    """A kept render's bytes, marked as just used (see keep_in_cache); None
    if there is none (or another build sharing the cache removed it), or it
    is damaged: then it is rendered again."""
    data = read_sealed(cached)
    if data is None:
        return None
    with contextlib.suppress(OSError):  # a cache this build may read but not change: kept as it is
        os.utime(cached)
    return data


