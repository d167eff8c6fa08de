"""Render the minifesto PDF with WeasyPrint: tagged (PDF/UA-1), fonts
embedded, byte-identical for identical input, and never rendered twice.

The print template is rendered with Jinja first (cheap); the hash of that
HTML, the stylesheets, the font files and WeasyPrint's version is the cache
key. If a PDF for that key exists it is reused, and the log says so.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
import re
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote

from frontmatter.problems import problem_log
from images.variants import write_atomically

logger = logging.getLogger("site.minifesto")

PRINT_TEMPLATE = "print/minifesto.html"
# WeasyPrint's options; part of the cache key, so changing one re-renders.
WRITE_OPTIONS = {
    "pdf_variant": "pdf/ua-1",  # tagged, for screen readers
    "custom_metadata": True,  # custom <meta> (the imprint) goes into the PDF's metadata
    "uncompressed_pdf": False,
}


def fonts_css(settings) -> str:
    """@font-face rules for the embedded font, from MINIFESTO_FONT_FILES."""
    family = settings["MINIFESTO_FONT_FAMILY"]
    rules = [
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: {style}; '
        f'src: url("{Path(path).as_uri()}"); }}'
        for (weight, style), path in sorted(settings["MINIFESTO_FONT_FILES"].items())
    ]
    return "\n".join(rules) + f'\n:root {{ --print-font: "{family}"; }}\n'


def stylesheet_paths(settings, kind: str) -> list[Path]:
    return [Path(settings["THEME"], "static", name) for name in settings["MINIFESTO_STYLESHEETS"][kind]]


SITE_IMAGE = re.compile(r'src="(?:[a-z]+://[^/"]*)?/(images/[^"]+)"')


def site_image_files(html: str, settings) -> list[Path]:
    """The content images a rendered minifesto shows (they go into the PDF)."""
    images = Path(settings["PATH"], "images").resolve()
    files = []
    for path in sorted(set(SITE_IMAGE.findall(html))):
        candidate = Path(settings["PATH"], unquote(path)).resolve()
        if images in candidate.parents and candidate.is_file():
            files.append(candidate)
    return files


def image_fetcher(settings):
    """WeasyPrint reads this site's images from content/images/ and fetches
    nothing from the network: the PDF never depends on a web server."""
    import mimetypes

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    images = Path(settings["PATH"], "images").resolve()

    class SiteImages(URLFetcher):
        def fetch(self, url, headers=None):
            match = SITE_IMAGE.match(f'src="{url}"')
            if match:
                candidate = Path(settings["PATH"], unquote(match.group(1))).resolve()
                if images in candidate.parents and candidate.is_file():
                    content_type = mimetypes.guess_type(candidate.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(candidate.as_uri(), candidate.read_bytes(),
                                              {"Content-Type": content_type}, 200)
            return super().fetch(url, headers)

    return SiteImages(allowed_protocols={"file", "data"})


def cache_key(html: str, settings, kind: str) -> str:
    # The version from the package metadata: importing WeasyPrint itself
    # takes half a second, which a build that reuses its PDFs need not pay.
    digest = hashlib.sha256()
    digest.update(f"{kind}\0weasyprint {importlib.metadata.version('weasyprint')}\0{WRITE_OPTIONS}\0".encode())
    digest.update(html.encode("utf-8"))
    digest.update(fonts_css(settings).encode())
    inputs = [*stylesheet_paths(settings, kind), *map(Path, sorted(settings["MINIFESTO_FONT_FILES"].values())),
              *site_image_files(html, settings)]
    for path in inputs:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def render_edition_pdf(generator, minifesto, policies, kind: str) -> bytes:
    settings = generator.settings
    template = generator.env.get_template(PRINT_TEMPLATE)
    html = template.render(generator.context, minifesto=minifesto, policies=policies, edition_kind=kind)
    try:
        key = cache_key(html, settings, kind)
    except OSError as error:
        report_pdf_problem(settings, kind, f"a file it needs is missing: {error.filename}",
                           "check MINIFESTO_STYLESHEETS and MINIFESTO_FONT_FILES in pelicanconf.py, "
                           "and run ./setup to install the fonts")
        return b""
    cache_dir = Path(settings["CACHE_PATH"], "minifesto")
    cached = cache_dir / f"{kind}-{key[:16]}.pdf"
    if cached.exists():
        logger.info("Minifesto %s PDF: inputs unchanged, reusing %s (not re-rendered)", kind, cached)
        return cached.read_bytes()
    started = time.perf_counter()
    data = write_pdf(html, settings, kind, identifier=key[:32].encode(), moment=minifesto.date)
    seconds = time.perf_counter() - started
    if not data:
        return data  # the failure is in the problem log; cache nothing
    cache_dir.mkdir(parents=True, exist_ok=True)
    # Keep a few recent renders (the public build and a drafts preview may
    # alternate), not every one ever made.
    for stale in sorted(cache_dir.glob(f"{kind}-*.pdf"), key=lambda p: p.stat().st_mtime)[:-3]:
        stale.unlink(missing_ok=True)  # another build may have removed it
    write_atomically(cached, data)  # never a half-written PDF in the cache
    logger.info("Minifesto %s PDF: rendered (%d KB in %.2f s)", kind, len(data) // 1024, seconds)
    return data


def report_pdf_problem(settings, kind: str, what: str, fix: str) -> None:
    template_path = os.path.join(settings["THEME"], "templates", PRINT_TEMPLATE)
    problem_log.add(template_path, 1, "(PDF)", f"WeasyPrint could not render the {kind} minifesto: {what}", fix)


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


def write_pdf(html: str, settings, kind: str, identifier: bytes, moment) -> bytes:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    warnings = WeasyPrintWarnings()
    weasyprint_logger = logging.getLogger("weasyprint")
    # Pelican's logger class drops a warning it has already shown once per
    # process; the live preview renders many times, so see every warning.
    if hasattr(weasyprint_logger, "disable_filter"):
        weasyprint_logger.disable_filter()
    weasyprint_logger.addHandler(warnings)
    try:
        # Fonts are converted from WOFF when the stylesheets load: stamp from here.
        with reproducible_timestamps(moment):
            fonts = FontConfiguration()
            stylesheets = [CSS(string=fonts_css(settings), font_config=fonts)] + [
                CSS(filename=str(path), font_config=fonts) for path in stylesheet_paths(settings, kind)
            ]
            document = HTML(string=html, base_url=str(Path(settings["THEME"], "static")),
                            url_fetcher=image_fetcher(settings))
            data = document.write_pdf(
                stylesheets=stylesheets, font_config=fonts, pdf_identifier=identifier, **WRITE_OPTIONS
            )
    except Exception as error:  # WeasyPrint raises many kinds; all mean "no PDF"
        report_pdf_problem(settings, kind, f"{type(error).__name__}: {error}",
                           "check the print template and theme/static/css/print*.css (sitebuild --debug shows more)")
        return b""
    finally:
        weasyprint_logger.removeHandler(warnings)
    if warnings.messages:
        report_pdf_problem(settings, kind, "; ".join(dict.fromkeys(warnings.messages)),
                           "fix the print template, the print stylesheets or MINIFESTO_FONT_FILES")
        return b""
    return data
