"""Wire the front matter reader and the problem report into Pelican."""

import logging

from pelican import signals

from sitecore.clock import build_time, pin_build_time
from sitecore.problems import ContentChecked, problem_log

from .prerender import prerender_bodies
from .reader import FrontMatterReader

logger = logging.getLogger("site.frontmatter")


def start_build(pelican) -> None:
    problem_log.start_build(pelican.settings)
    pin_build_time(pelican.settings)


def render_new_bodies_first(pelican) -> None:
    rendered = prerender_bodies(pelican)
    if rendered:
        logger.info("Rendered %d new Markdown bodies on every core before reading", rendered)


def use_front_matter_reader(readers) -> None:
    for extension in FrontMatterReader.file_extensions:
        readers.reader_classes[extension] = FrontMatterReader


def stop_before_writing(pelican):
    """Pelican asks for a writer after reading and linking all content, before
    writing anything: the last moment to stop a build with content problems
    (or, when only checking content, to stop a build without them)."""
    problem_log.raise_if_any()
    if pelican.settings.get("CONTENT_CHECK_ONLY"):
        raise ContentChecked()


def add_build_time_to_templates(generator) -> None:
    """BUILT_ON: the date (UK) of the moment this build treats as now. Only
    the date: a page that showed the time of day would differ at every
    build, and a build that changed nothing could not keep the site
    (sitebuild/unchanged.py)."""
    generator.env.globals["BUILT_ON"] = build_time(generator.settings).date()


def register() -> None:
    signals.generator_init.connect(add_build_time_to_templates)
    signals.initialized.connect(start_build)
    signals.initialized.connect(render_new_bodies_first)
    signals.readers_init.connect(use_front_matter_reader)
    signals.get_writer.connect(stop_before_writing)
