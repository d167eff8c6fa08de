"""Render the minifesto PDF with WeasyPrint: tagged (PDF/UA-1), fonts
embedded, byte-identical for identical input, and never rendered twice.

The print template is rendered with Jinja first (cheap); the hash of that
HTML, the stylesheets, the font files, every file the fetcher could serve
and WeasyPrint's version is the cache key. If a PDF for that key exists it
is reused, and the log says so.

WeasyPrint loads only the build's own files (fetcher.py), site links
resolve against SITE_CANONICAL_URL, and file attachments are taken out
unless MINIFESTO_PDF_ATTACHMENTS allows them (attachments.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import logging
import os
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sitecore import html_allowlist, print_images
from sitecore.output import newest_first
from sitecore.print_fonts import print_font_faces, print_font_stacks, with_stand_ins
from sitecore.problems import problem_log
from sitecore.sealed import read_sealed, write_sealed
from sitecore.text_memo import code_fingerprint

from . import attachments, pdf_links
from .attachments import stamp_attachments, take_out_attachments
from .fetcher import SiteFiles, minifesto_fetcher, pdf_base_url
from .glyphs import coverage_cache, unprintable_problems
from .pdf_links import describe_links_within_the_pdf, keep_one_annotation_per_link

logger = logging.getLogger("site.minifesto")

PRINT_TEMPLATE = "print/minifesto.html"
# WeasyPrint's options; part of the cache key, so changing one re-renders.
WRITE_OPTIONS = {
    "pdf_variant": "pdf/ua-1",  # tagged, for screen readers
    "custom_metadata": True,  # custom <meta> (the imprint) goes into the PDF's metadata
    "uncompressed_pdf": False,
}
# Our code that changes the PDF after WeasyPrint has laid it out (its links,
# its attachments): part of the cache key, so an edit to it re-renders.
RENDERING_CODE = (__file__, attachments.__file__, pdf_links.__file__, print_images.__file__)


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


def attachments_allowed(settings) -> bool:
    return bool(settings.get("MINIFESTO_PDF_ATTACHMENTS", False))


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
    digest.update(code_fingerprint(RENDERING_CODE, ()))
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
                        rendered.seconds, f" by a worker process; waited {waited:.2f} s for it" if job.elsewhere else "")
        problem_log.raise_if_any()

    def add(self, generator, edition, kind: str, renderer) -> None:
        """The edition's PDF of `kind`: from the cache if its inputs are
        unchanged, else handed to `renderer`."""
        settings = self.settings
        template = generator.env.get_template(PRINT_TEMPLATE)
        minifesto = edition.minifesto
        with print_images.printing():
            html = lists_numbered_for_print(template.render(generator.context, minifesto=minifesto,
                                                            policies=edition.policies, edition=edition, edition_kind=kind))
        if not self.printable(html, generator, edition):
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


def report_pdf_problem(settings, kind: str, what: str, fix: str) -> None:
    add_pdf_problem(settings, f"WeasyPrint could not render the {kind} minifesto: {what}", fix)


def template_path(settings) -> str:
    return os.path.join(settings["THEME"], "templates", PRINT_TEMPLATE)


def add_pdf_problem(settings, message: str, fix: str) -> None:
    problem_log.add(template_path(settings), 1, "(PDF)", message, fix)


def report_refusals(settings, kind: str, refusals: dict[str, str], attachments: list[str]) -> None:
    """One line per URL the fetcher refused and per file attachment taken out."""
    for url, reason in refusals.items():
        add_pdf_problem(settings, f"the {kind} minifesto tried to load {url}, which is refused ({reason})",
                        "show only images from content/images/ (as /images/…), files from theme/static/ "
                        "and the fonts in MINIFESTO_FONT_FILES; the PDF loads nothing else")
    for href in attachments:
        add_pdf_problem(settings, f'the {kind} minifesto asks to attach {href} to the PDF (rel="attachment"), '
                                  "but file attachments are off",
                        'remove rel="attachment" from that link, or set MINIFESTO_PDF_ATTACHMENTS = True in '
                        "pelicanconf.py to attach files from the build's own folders")


class WeasyPrintWarnings(logging.Handler):
    """WeasyPrint warns and carries on when a font fails to load or a rule is
    ignored; the PDF would then silently differ from machine to machine. We
    treat its warnings as failures."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def reproducible_timestamps(moment):
    """fontTools stamps each font subset with the time it was made; with
    SOURCE_DATE_EPOCH set (the reproducible-builds convention) it uses the
    edition date instead, so identical input gives byte-identical PDFs."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


NO_SYSTEM_FONTS = Path(__file__).with_name("no-system-fonts.conf")


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

    previous = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(NO_SYSTEM_FONTS)
    try:
        return FontConfiguration()
    finally:
        if previous is None:
            del os.environ["FONTCONFIG_FILE"]
        else:
            os.environ["FONTCONFIG_FILE"] = previous


@dataclass
class Rendered:
    """One WeasyPrint run: the PDF, and everything that went wrong."""

    data: bytes = b""
    refusals: dict[str, str] = field(default_factory=dict)  # URL -> why the fetcher refused it
    attachments: list[str] = field(default_factory=list)  # hrefs taken out (attachments off)
    failure: str | None = None  # the exception WeasyPrint raised
    warnings: list[str] = field(default_factory=list)  # what WeasyPrint logged
    seconds: float = 0.0  # how long the render took

    @property
    def ok(self) -> bool:
        return not (self.refusals or self.attachments or self.failure or self.warnings)


def finishers(*steps):
    """One WeasyPrint finisher (it takes one) that runs each of `steps`."""

    def finish(document, pdf) -> None:
        for step in steps:
            step(document, pdf)

    return finish


def render_pdf(html: str, settings, kind: str, identifier: bytes, moment) -> Rendered:
    from weasyprint import CSS, HTML

    warnings = WeasyPrintWarnings()
    weasyprint_logger = logging.getLogger("weasyprint")
    # Pelican's logger class drops a warning it has already shown once per
    # process; the live preview renders many times, so see every warning.
    if hasattr(weasyprint_logger, "disable_filter"):
        weasyprint_logger.disable_filter()
    weasyprint_logger.addHandler(warnings)
    fetcher = minifesto_fetcher(settings)  # everything WeasyPrint loads goes through it
    rendered = Rendered(refusals=fetcher.refusals)
    started = time.perf_counter()
    try:
        # Fonts are converted from WOFF when the stylesheets load: stamp from here.
        with reproducible_timestamps(moment):
            fonts = only_our_fonts()
            stylesheets = [CSS(string=fonts_css(settings), font_config=fonts, url_fetcher=fetcher)] + [
                CSS(filename=str(path), font_config=fonts, url_fetcher=fetcher)
                for path in stylesheet_paths(settings, kind)
            ]
            options = {"stylesheets": stylesheets, "pdf_identifier": identifier, **WRITE_OPTIONS}
            # The characters the fonts lack but have a plain equivalent for
            # (a narrow no-break space, "CO₂"): as on the share cards.
            source = HTML(string=with_stand_ins(html), base_url=pdf_base_url(settings), url_fetcher=fetcher)
            document = source.render(font_config=fonts, **options)
            keep_one_annotation_per_link(document)
            if not attachments_allowed(settings):
                rendered.attachments = take_out_attachments(document, source)
            rendered.data = document.write_pdf(finisher=finishers(stamp_attachments(moment),
                                                                  describe_links_within_the_pdf), **options)
    except Exception as error:  # WeasyPrint raises many kinds; all mean "no PDF"
        rendered.failure = f"{type(error).__name__}: {error}"
    finally:
        weasyprint_logger.removeHandler(warnings)
    rendered.warnings = list(dict.fromkeys(warnings.messages))
    rendered.seconds = time.perf_counter() - started
    return rendered


def write_pdf(html: str, settings, kind: str, identifier: bytes, moment) -> bytes:
    """The PDF, or b"" with every reason in the problem log."""
    rendered = render_pdf(html, settings, kind, identifier, moment)
    if rendered.ok:
        return rendered.data
    report_render_problems(settings, kind, rendered)
    return b""


def report_render_problems(settings, kind: str, rendered: Rendered) -> None:
    report_refusals(settings, kind, rendered.refusals, rendered.attachments)
    # A refused URL also makes WeasyPrint warn ("Failed to load image at …")
    # or raise; its own line says it better, so those are left out.
    refused = rendered.refusals
    if rendered.failure and not any(url in rendered.failure for url in refused):
        report_pdf_problem(settings, kind, rendered.failure,
                           "check the print template and theme/static/css/print*.css (sitebuild --debug shows more)")
    messages = [message for message in rendered.warnings if not any(url in message for url in refused)]
    if messages:
        report_pdf_problem(settings, kind, "; ".join(messages),
                           "fix the print template, the print stylesheets or MINIFESTO_FONT_FILES")
