"""The minifesto's own words (content/minifesto.md) and the generator that
compiles and writes every edition: web page, PDFs, plain text, policies.json.

Compiling happens once all content is read, linked and checked (when Pelican
asks for its writer: every check runs before, at all_generators_finalized,
whatever the order of PLUGINS), before anything is written; on a big site
the PDFs render in a worker process while the posts are written, and the
pages that show their sizes wait for them (pdf_worker.py). So every page
can show the downloads with their real sizes, a PDF is never rendered for a
build that will stop, and a failed PDF stops the build before output/ is
touched.
"""

from __future__ import annotations

import os
from dataclasses import replace

from pelican import signals
from pelican.contents import Content

from plugins.typedcontent import SingleFileGenerator
from sitecore.output import write_output
from sitecore.problems import problem_log
from sitecore.site_files import SiteFile, content_page

from .formats import EditionFile, build_edition_files, edition_paths
from .pdf_worker import BACKGROUND_FROM, PdfRenderer


class Minifesto(Content):
    mandatory_properties = ("title", "edition", "date")
    default_template = "minifesto"
    collection = "minifesto"

    @property
    def card_kicker(self) -> str:
        return f"Our minifesto, {self.edition} edition"

    @property
    def closing_call_content(self) -> str:
        """The closing call's HTML with {filename} links made into addresses,
        as Pelican does for a body (the links are checked by contentcheck)."""
        return self._update_content(self.closing_call_html, self.get_siteurl())


def items_to_write(context: dict) -> int:
    """The items whose pages the build writes (each also appears in listings)."""
    return sum(len(context.get(name) or ()) for name in ("articles", "pages", "policies", "councillors"))


class MinifestoGenerator(SingleFileGenerator):
    content_class = Minifesto
    paths_setting = "MINIFESTO_PATHS"
    context_name = "minifesto"
    describes = "the minifesto's title, edition, date, foreword and closing call"

    def __init__(self, *args, **kwargs):
        self.files: list[EditionFile] = []
        super().__init__(*args, **kwargs)
        # A bound method: blinker holds it weakly, so it goes with this build.
        signals.get_writer.connect(self.compile_before_writing)

    @property
    def minifesto(self) -> Minifesto | None:
        return self.item

    def generate_context(self) -> None:
        super().generate_context()
        if self.minifesto is not None:
            self.check_no_archived_copy_is_overwritten()

    def declare_files(self, generators) -> list[SiteFile]:
        if self.minifesto is None:
            return []
        paths = [path for format_paths in edition_paths(self.minifesto, self.settings).values()
                 for path in format_paths]
        page = replace(content_page(self.minifesto), made_by="the site's own minifesto page")
        return [page, *(SiteFile(path, "the minifesto's downloads") for path in paths)]

    def compile_before_writing(self, pelican) -> None:
        """Render every edition into memory and publish their downloads, once
        the build is known to be clean; a failed render stops it."""
        if pelican.settings is not self.settings:
            return  # an earlier build's generator, not yet collected (the live preview)
        signals.get_writer.disconnect(self.compile_before_writing)
        if self.minifesto is None or problem_log or self.settings.get("CONTENT_CHECK_ONLY"):
            return  # the build stops before writing: nothing to render
        renderer = PdfRenderer(in_background=items_to_write(self.context) >= BACKGROUND_FROM)
        try:
            self.files = build_edition_files(self, self.minifesto, self.context.get("policies", []), renderer)
        finally:
            renderer.close()
        self.context["minifesto_downloads"] = self.files
        if renderer.pool is None:
            # Rendered here, at once: a failed render stops the build now.
            for edition_file in self.files:
                edition_file.data
        problem_log.raise_if_any()

    def check_no_archived_copy_is_overwritten(self) -> None:
        """An archived edition in content/minifesto/ with the name this
        edition is about to be written to would silently replace it."""
        for paths in edition_paths(self.minifesto, self.settings).values():
            archived = os.path.join(self.path, paths[-1])
            if len(paths) > 1 and os.path.exists(archived):
                problem_log.add(archived, 1, "(file name)",
                                "an archived edition has the name of the edition being built",
                                "change the date in content/minifesto.md for a new edition, "
                                "or delete this copy if it is the current edition")

    def generate_output(self, writer) -> None:
        if self.minifesto is None:
            return
        writer.write_file(
            self.settings["MINIFESTO_SAVE_AS"], self.get_template(self.minifesto.template), self.context,
            page_kind="minifesto", relative_urls=self.settings["RELATIVE_URLS"],
            url=self.settings["MINIFESTO_URL"],
        )
        for edition_file in self.files:
            for path in edition_file.paths:
                write_output(self.output_path, path, edition_file.data)
