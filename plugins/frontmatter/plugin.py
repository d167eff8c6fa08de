"""Wire the front matter reader and the problem report into Pelican."""

from pelican import signals

from .problems import ContentChecked, problem_log
from .reader import FrontMatterReader


def start_build(pelican) -> None:
    problem_log.start_build(pelican.settings["PATH"])


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


def register() -> None:
    signals.initialized.connect(start_build)
    signals.readers_init.connect(use_front_matter_reader)
    signals.get_writer.connect(stop_before_writing)
