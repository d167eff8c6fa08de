from pelican import signals

from .text import imprint_text


def add_imprint_to_templates(generator) -> None:
    generator.env.globals["IMPRINT_TEXT"] = imprint_text(generator.settings)


def register() -> None:
    signals.generator_init.connect(add_imprint_to_templates)
