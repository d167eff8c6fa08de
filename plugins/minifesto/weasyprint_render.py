"""Render one minifesto PDF with WeasyPrint, and say what went wrong.

Tagged (PDF/UA-1, its tag tree mended: pdf_tag_tree.py), fonts embedded
and none of the computer's own, every file loaded through the build's
fetcher (fetcher.py), links within the PDF described, the imprint in the
XMP metadata too (pdf_metadata.py), and file attachments
taken out unless MINIFESTO_PDF_ATTACHMENTS allows them (attachments.py),
timestamps from the edition's date: identical input gives identical
bytes. pdf.py decides whether to render at all (its cache) and
pdf_worker.py where (a worker process on a large site).
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field

from sitecore.print_fonts import with_stand_ins
from sitecore.problems import problem_log
from sitecore.settings_check import our_setting

from .attachments import stamp_attachments, take_out_attachments
from .fetcher import minifesto_fetcher, pdf_base_url
from .pdf_links import describe_links, keep_one_annotation_per_link
from .pdf_metadata import imprint_and_language_in_xmp
from .pdf_tag_tree import mend_tag_tree, remembering_elements
from .print_styles import environment_variable, print_styles

PRINT_TEMPLATE = "print/minifesto.html"
# WeasyPrint's options; part of the cache key, so changing one re-renders.
WRITE_OPTIONS = {
    "pdf_variant": "pdf/ua-1",  # tagged, for screen readers
    "custom_metadata": True,  # custom <meta> (the imprint) goes into the PDF's metadata
    "uncompressed_pdf": False,
}


def attachments_allowed(settings) -> bool:
    return our_setting(settings, "MINIFESTO_PDF_ATTACHMENTS")


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


def reproducible_timestamps(moment):
    """fontTools stamps each font subset with the time it was made; with
    SOURCE_DATE_EPOCH set (the reproducible-builds convention) it uses the
    edition date instead, so identical input gives byte-identical PDFs."""
    return environment_variable("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))


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
    from weasyprint import HTML

    from .hanging_spaces import let_line_end_spaces_hang

    let_line_end_spaces_hang()
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
            styles = print_styles(settings, kind, moment, fetcher,
                                  lambda: len(fetcher.refusals) + len(warnings.messages))
            options = {"stylesheets": styles.stylesheets, "pdf_identifier": identifier, **WRITE_OPTIONS}
            # The characters the fonts lack but have a plain equivalent for
            # (a narrow no-break space, "CO₂"): as on the share cards.
            source = HTML(string=with_stand_ins(html), base_url=pdf_base_url(settings), url_fetcher=fetcher)
            document = source.render(font_config=styles.fonts, **options)
            keep_one_annotation_per_link(document)
            if not attachments_allowed(settings):
                rendered.attachments = take_out_attachments(document, source)
            with remembering_elements() as made_for:
                rendered.data = document.write_pdf(finisher=finishers(stamp_attachments(moment),
                                                                      describe_links,
                                                                      imprint_and_language_in_xmp,
                                                                      mend_tag_tree(made_for)), **options)
    except Exception as error:  # WeasyPrint raises many kinds; all mean "no PDF"
        rendered.failure = f"{type(error).__name__}: {error}"
    finally:
        weasyprint_logger.removeHandler(warnings)
    rendered.warnings = list(dict.fromkeys(warnings.messages))
    rendered.seconds = time.perf_counter() - started
    return rendered


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
