"""The generator that compiles and writes every edition of the minifesto:
for each, its web page, PDFs, EPUB, plain text and policies as JSON; the
editions page; and what changed from each edition to the next.

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

import logging
from dataclasses import replace

from pelican import signals

from plugins.typedcontent import SingleFileGenerator
from sitecore.clock import build_time, has_passed
from sitecore.frozen_editions import PAST_EDITIONS_UNREAD, PAST_MINIFESTO_EDITIONS, edition_folders, edition_key
from sitecore.output import write_output
from sitecore.print_fonts import font_setting_problems
from sitecore.problems import problem_log
from sitecore.settings_file import setting_place
from sitecore.site_files import CitedWork, SiteFile, content_page, listing_page

from .changes import edition_changes
from .content import Minifesto
from .editions import Edition, FrozenEdition, all_editions, check_current_matches_its_record, read_frozen_editions
from .formats import EASY_READ_LABEL, build_edition_files, edition_paths
from .pdf import check_print_links
from .pdf_worker import BACKGROUND_FROM, PdfRenderer
from .removed_policies import addresses_in_use, removed_policies

logger = logging.getLogger("site.minifesto")


def items_to_write(context: dict) -> int:
    """The items whose pages the build writes (each also appears in listings)."""
    return sum(len(context.get(name) or ()) for name in ("articles", "pages", "policies", "councillors"))


class MinifestoGenerator(SingleFileGenerator):
    content_class = Minifesto
    paths_setting = "MINIFESTO_PATHS"
    context_name = "minifesto"
    describes = "the minifesto's title, edition, date, foreword and closing call"

    def __init__(self, *args, **kwargs):
        self.frozen: list[FrozenEdition] = []
        self.editions: list[Edition] = []
        self.addresses_in_use: set[str] = set()  # every item's (declare_files), for removed_policies
        super().__init__(*args, **kwargs)
        # A bound method: blinker holds it weakly, so it goes with this build.
        signals.get_writer.connect(self.compile_before_writing)

    @property
    def minifesto(self) -> Minifesto | None:
        return self.item

    def generate_context(self) -> None:
        super().generate_context()
        self.frozen = read_frozen_editions(self)
        past = self.context[PAST_MINIFESTO_EDITIONS] = self.past()
        self.context[PAST_EDITIONS_UNREAD] = (len(self.frozen) < len(edition_folders(self.settings))
                                              or any(kind == "minifesto" for kind, _ in problem_log.unreadable))
        # Each edition's web page has a share card (plugins/sharecards).
        current = [self.minifesto] if self.minifesto is not None else []
        self.context["shared_minifestos"] = [*(edition.minifesto for edition in past), *current]

    def past(self) -> list[FrozenEdition]:
        """The frozen editions older than the current one (check_editions
        reports a newer one)."""
        if self.minifesto is None:
            return []
        return [edition for edition in self.frozen if edition.key < edition_key(self.minifesto.date)]

    def all_items(self):
        """Every item read, the past editions' copies too: each is checked."""
        frozen = [item for edition in self.frozen for item in (edition.minifesto, *edition.policies)]
        return [*super().all_items(), *frozen]

    def check_editions(self) -> None:
        if self.minifesto is None:
            return
        if not has_passed(self.minifesto.date, build_time(self.settings)) and not self.settings.get("PREVIEW_DRAFTS"):
            # It has no embargo: it is published as soon as it builds, dated
            # ahead ("March 2027" at once, its PDFs and press copies too).
            # The drafts preview shows it, for the volunteers preparing it.
            problem_log.add(self.minifesto.source_path, self.minifesto.frontmatter_lines.get("date", 1), "date",
                            f"{self.minifesto.date.strftime('%-d %B %Y')} is in the future, but the minifesto is "
                            "published as soon as the site builds",
                            "give the day it is published (today's at the latest), and merge it on that day")
        current_key = edition_key(self.minifesto.date)
        for edition in self.frozen:
            if edition.key > current_key:
                problem_log.add(edition.minifesto.source_path, edition.minifesto.frontmatter_lines.get("date", 1),
                                "date", f"this frozen edition is newer than the current one ({self.minifesto.edition}, "
                                        f"in {problem_log.display_path(self.minifesto.source_path)})",
                                "give content/minifesto.md the newest edition's name and date")
        check_current_matches_its_record(self.frozen, self.minifesto, self.context.get("policies", []))
        if self.settings.get("CONTENT_CHECK_ONLY") and not problem_log:
            check_print_links(self, self.planned_editions()[0])

    def planned_editions(self) -> list[Edition]:
        if self.minifesto is None:
            return []
        return all_editions(self.minifesto, self.context.get("policies", []), self.past(), self.settings)

    def declare_files(self, generators) -> list[SiteFile]:
        if self.minifesto is None:
            return []
        settings = self.settings
        files = [replace(content_page(self.minifesto), made_by="the site's own minifesto page"),
                 listing_page(settings["MINIFESTO_EDITIONS_SAVE_AS"], "minifesto editions")]
        # Once a build: every item's address, read over all the content (the
        # site's files are declared to each check that asks, five a build).
        self.addresses_in_use = self.addresses_in_use or addresses_in_use(generators)
        planned = self.planned_editions()
        files += [SiteFile(removed.save_as, f"the notice at the address of {removed.policy.title}, a policy no "
                                            "longer in the minifesto")
                  for removed in removed_policies(planned, settings, self.addresses_in_use)]
        for edition in planned:
            # The current edition's page is /minifesto/'s twin: search engines list that one.
            own = [listing_page(edition.save_as, f"{edition.name} minifesto edition", in_sitemap=not edition.current),
                   *(SiteFile(path, "the minifesto's downloads")
                     for paths in edition_paths(edition, settings).values() for path in paths)]
            if edition.easy_read:
                own.append(listing_page(edition.easy_read_save_as, f"{edition.name} minifesto in Easy Read"))
            if edition.previous is not None:
                own += [listing_page(edition.changes_save_as, f"what changed in the {edition.name} minifesto"),
                        SiteFile(edition.changes_json, "what changed, as data")]
            # The press and researchers cite an edition by these addresses.
            files += [replace(file, cited=cited_work(edition)) for file in own]
        return files

    def compile_before_writing(self, pelican) -> None:
        """Render every edition into memory and publish their downloads, once
        the build is known to be clean; a failed render stops it."""
        if pelican.settings is not self.settings:
            return  # an earlier build's generator, not yet collected (the live preview)
        signals.get_writer.disconnect(self.compile_before_writing)
        if self.minifesto is None or problem_log or self.settings.get("CONTENT_CHECK_ONLY"):
            return  # the build stops before writing: nothing to render
        self.editions = self.planned_editions()
        report_easy_read_progress(self.editions[0])
        renderer = PdfRenderer(in_background=items_to_write(self.context) >= BACKGROUND_FROM)
        try:
            for edition in self.editions:
                edition.files = build_edition_files(self, edition, renderer)
                if edition.previous is not None:
                    edition.changes = edition_changes(edition, edition.previous)
        finally:
            renderer.close()
        current = self.editions[0]
        self.context["minifesto_downloads"] = current.files
        self.context["minifesto_edition"] = current
        self.context["minifesto_editions"] = self.editions
        if renderer.pool is None:
            # Rendered here, at once: a failed render stops the build now.
            for edition in self.editions:
                for edition_file in edition.files:
                    edition_file.data
        problem_log.raise_if_any()

    def generate_output(self, writer) -> None:
        if self.minifesto is None:
            return
        settings = self.settings
        current = self.editions[0]

        def write(save_as: str, template: str, url: str, kind: str, **values) -> None:
            writer.write_file(save_as, self.get_template(template), self.context, page_kind=kind,
                              relative_urls=settings["RELATIVE_URLS"], url=url, **values)

        write(settings["MINIFESTO_SAVE_AS"], self.minifesto.template, settings["MINIFESTO_URL"], "minifesto",
              edition=current)
        write(settings["MINIFESTO_EDITIONS_SAVE_AS"], "minifesto_editions", settings["MINIFESTO_EDITIONS_URL"],
              "minifesto-editions")
        for edition in self.editions:
            # While current, the edition's page shows what /minifesto/ shows:
            # it names that as its canonical address, so search engines list
            # one page, not two alike (once past, it is its own).
            twin = {"canonical_path": settings["MINIFESTO_URL"]} if edition.current else {}
            write(edition.save_as, "minifesto", edition.url, "minifesto", edition=edition,
                  minifesto=edition.minifesto, policies=edition.policies, minifesto_downloads=edition.files, **twin)
            if edition.easy_read:
                write(edition.easy_read_save_as, "minifesto_easy_read", edition.easy_read_url, "minifesto-easy-read",
                      edition=edition, minifesto=edition.minifesto, policies=edition.policies,
                      easy_read_file=next(f for f in edition.files if f.label == EASY_READ_LABEL))
            if edition.changes is not None:
                write(edition.changes_save_as, "minifesto_changes", edition.changes_url, "minifesto-changes",
                      edition=edition, changes=edition.changes)
                write_output(self.output_path, edition.changes_json, edition.changes.as_json(settings))
            for edition_file in edition.files:
                for path in edition_file.paths:
                    write_output(self.output_path, path, edition_file.data)
        # The compiled editions (their changes pages), and the addresses the
        # declared files were made with (declare_files runs before writing).
        for removed in removed_policies(self.editions, settings, self.addresses_in_use):
            write(removed.save_as, "removed_policy", removed.url, "removed-policy", removed=removed)


def cited_work(edition: Edition) -> CitedWork:
    minifesto = edition.minifesto
    return CitedWork(f"the {edition.name} minifesto edition", edition.key,
                     minifesto.relative_source_path.replace("\\", "/"), minifesto.frontmatter_lines.get("date", 1),
                     "date")


def report_easy_read_progress(edition: Edition) -> None:
    """An Easy Read edition is made only when every policy has its lines:
    say how far there is to go, so a missing one is not a mystery."""
    having = sum(1 for policy in edition.policies if getattr(policy, "easy_read", None))
    if 0 < having < len(edition.policies):
        logger.info("Easy Read: %d of %d policies have their easy_read lines; the Easy Read edition is made "
                    "when all of them have", having, len(edition.policies))


def check_editions(generators) -> None:
    for generator in generators:
        if isinstance(generator, MinifestoGenerator):
            generator.check_editions()
            report_font_setting_problems(generator.settings)


def report_font_setting_problems(settings) -> None:
    for setting, message, fix in font_setting_problems(settings):
        problem_log.add(*setting_place(settings, setting), setting, message, fix)
