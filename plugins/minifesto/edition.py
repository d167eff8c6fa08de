"""The minifesto's own words (content/minifesto.md) and the generator that
compiles and writes every edition: web page, PDFs, plain text, policies.json.

Compiling happens once all content is read and linked (compile_editions is
called from the all_generators_finalized signal), before anything is
written, so every page can show the downloads with their real sizes, and a
failed PDF stops the build before output/ is touched.
"""

from __future__ import annotations

import os

from frontmatter.problems import problem_log
from pelican.contents import Content
from pelican.generators import Generator
from pelican.readers import SkipStub

from .formats import EditionFile, build_edition_files



class Minifesto(Content):
    mandatory_properties = ("title", "edition", "date")
    default_template = "minifesto"

    @property
    def closing_call_content(self) -> str:
        """The closing call's HTML with {filename} links made into addresses,
        as Pelican does for a body (the links are checked by contentcheck)."""
        return self._update_content(self.closing_call_html, self.get_siteurl())


class MinifestoGenerator(Generator):
    def __init__(self, *args, **kwargs):
        self.minifesto: Minifesto | None = None
        self.files: list[EditionFile] = []
        super().__init__(*args, **kwargs)

    def generate_context(self) -> None:
        relative = self.settings["MINIFESTO_PATHS"][0]
        if not os.path.exists(os.path.join(self.path, relative)):
            problem_log.add(os.path.join(self.path, relative), 1, "(file)", "is missing",
                            "create it: the minifesto's title, edition, date, foreword and closing call "
                            "(see the README's example)")
            return
        item = self.readers.read_file(base_path=self.path, path=relative, content_class=Minifesto,
                                      context=self.context)
        if isinstance(item, SkipStub):
            return  # its problems are in the problem log
        self.minifesto = item
        self.add_source_path(item)
        self.context["minifesto"] = item

    def compile_editions(self, policies) -> None:
        """Render every edition into memory and publish their downloads."""
        if self.minifesto is None or problem_log or self.settings.get("CONTENT_CHECK_ONLY"):
            return  # the build will stop before writing: nothing to render
        self.files = build_edition_files(self, self.minifesto, policies)
        self.context["minifesto_downloads"] = [f for f in self.files if f.listed]
        self.check_no_archived_copy_is_overwritten()

    def check_no_archived_copy_is_overwritten(self) -> None:
        """An archived edition in content/minifesto/ with the name this
        edition is about to be written to would silently replace it."""
        for edition_file in self.files:
            archived = os.path.join(self.path, edition_file.paths[-1])
            if len(edition_file.paths) > 1 and os.path.exists(archived):
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
                target = os.path.join(self.output_path, path)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "wb") as handle:
                    handle.write(edition_file.data)
