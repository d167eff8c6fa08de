"""Expose the theme's screen stylesheet to templates as SCREEN_CSS.

The stylesheet is small, so inlining it costs less than the extra request a
<link> would make a phone on a slow connection wait for before painting.
"""

from __future__ import annotations

from pelican import signals

from sitecore.stylesheet import read_stylesheet


def add_stylesheet_to_templates(generator) -> None:
    generator.env.globals["SCREEN_CSS"] = read_stylesheet(generator.settings)


def register() -> None:
    signals.generator_init.connect(add_stylesheet_to_templates)
