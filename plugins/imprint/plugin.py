from pelican import signals

from sitecore.imprint import imprint_text

from .check import check_imprint


def add_imprint_to_templates(generator) -> None:
    generator.env.globals["IMPRINT_TEXT"] = imprint_text(generator.settings)


def register() -> None:
    signals.generator_init.connect(add_imprint_to_templates)
    # After writing (finalized), before sitebuild swaps the site into place.
    signals.finalized.connect(check_imprint)
