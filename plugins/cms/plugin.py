"""Write /admin/: Decap CMS from npm (never a CDN), its page and config."""

from __future__ import annotations

import os
import shutil

from pelican import signals
from pelican.generators import Generator

from .config import render_config


class CmsGenerator(Generator):
    def generate_output(self, writer) -> None:
        folder = os.path.join(self.output_path, self.settings["CMS_SAVE_AS"])
        os.makedirs(folder, exist_ok=True)
        writer.write_file(os.path.join(self.settings["CMS_SAVE_AS"], "index.html"),
                          self.get_template("admin"), self.context, relative_urls=False)
        with open(os.path.join(folder, "config.yml"), "w", encoding="utf-8") as handle:
            handle.write(render_config(self.settings))
        copy_decap(self.settings["CMS_DECAP_DIST"], folder)


def copy_decap(dist: str, folder: str) -> None:
    """decap-cms.js and the chunks it loads on demand (not the source maps)."""
    if not os.path.isfile(os.path.join(dist, "decap-cms.js")):
        raise FileNotFoundError(f"Decap CMS is not installed in {dist}: run ./setup")
    for name in os.listdir(dist):
        if name.endswith("decap-cms.js"):
            shutil.copyfile(os.path.join(dist, name), os.path.join(folder, name))


def add_cms_generator(pelican):
    return CmsGenerator


def register() -> None:
    signals.get_generators.connect(add_cms_generator)
