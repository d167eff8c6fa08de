"""Rendering the minifesto's PDFs in a worker process while the pages are written.

WeasyPrint takes about 2 s a PDF, and an edited policy or foreword means
rendering both editions again: with a thousand posts, 4 s of the build in
which nothing else happened. On a site with many pages to write, a worker
process renders them instead (from the moment the build is known to be
clean) while this process writes the posts; the pages that show the PDFs'
sizes (the policy index, the minifesto, the press office) and the PDFs
themselves wait for it. On a small site the worker would start up for
longer than the writing takes, so the PDFs are rendered here at once.

A render is the same function with the same arguments wherever it runs:
WeasyPrint's input is the print HTML rendered here, and the settings it
reads are passed on by name (PDF_SETTINGS). So who renders a PDF changes
nothing in it; tests/test_minifesto_builds.py compares the bytes.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from sitecore.cores import usable_cores

from .weasyprint_render import Rendered, render_pdf

# From this many content items (posts, pages, policies, councillors), the
# PDFs are rendered by a worker: a worker takes about 1.5 s to start and
# import WeasyPrint, about the time writing a few hundred pages takes.
BACKGROUND_FROM = 300
# What render_pdf reads of the settings (the fetcher, the fonts, the stylesheets).
PDF_SETTINGS = ("PATH", "THEME", "THEME_STATIC_DIR", "SITEURL", "SITE_CANONICAL_URL", "MINIFESTO_FONT_FAMILY",
                "MINIFESTO_FONT_FILES", "MINIFESTO_TEXT_FONT_FAMILY", "MINIFESTO_TEXT_FONT_FILES",
                "MINIFESTO_STYLESHEETS", "MINIFESTO_PDF_ATTACHMENTS")


def pdf_settings(settings: dict) -> dict:
    return {name: settings[name] for name in PDF_SETTINGS if name in settings}


class PdfRenderer:
    """Renders PDFs with render_pdf: in a worker process if `in_background`
    (and there are two cores), else here, at once."""

    def __init__(self, in_background: bool):
        self.pool: ProcessPoolExecutor | None = None
        if in_background and usable_cores() >= 2:
            try:
                # spawn, not fork: the live preview's threads must not be copied mid-step.
                self.pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            except OSError:  # e.g. no shared memory for the pool's locks: render here
                self.pool = None

    def render(self, html: str, settings: dict, kind: str, identifier: bytes, moment) -> PdfJob:
        arguments = (html, pdf_settings(settings), kind, identifier, moment)
        if self.pool is not None:
            try:
                return PdfJob(arguments, self.pool.submit(render_pdf, *arguments), elsewhere=True)
            except (BrokenProcessPool, RuntimeError):
                self.pool = None
        done: Future = Future()
        done.set_result(render_pdf(*arguments))
        return PdfJob(arguments, done, elsewhere=False)

    def close(self) -> None:
        """No more PDFs: the worker stops once it has rendered those it has."""
        if self.pool is not None:
            self.pool.shutdown(wait=False)


class PdfJob:
    """One PDF, rendered or being rendered by the worker."""

    def __init__(self, arguments: tuple, task: Future, elsewhere: bool):
        self.arguments, self.task, self.elsewhere = arguments, task, elsewhere

    def result(self) -> Rendered:
        try:
            return self.task.result()
        except Exception:  # the worker was lost (killed, out of memory, …): render here
            return render_pdf(*self.arguments)
