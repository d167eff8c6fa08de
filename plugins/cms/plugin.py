"""Write /admin/: Sveltia CMS from npm (never a CDN), its page, its config and
our file format, all served from this site."""

from __future__ import annotations

import os
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from sitecore.content_security import csp_text
from sitecore.output import write_output
from sitecore.site_files import SiteFile

from .config import cms_config, render_config
from .formats import render_formats
from .vendor import copy_sveltia, copy_yaml, vendored_names

STATIC = os.path.join(os.path.dirname(__file__), "static")


def admin_policy(settings: dict) -> str:
    """The editor's Content-Security-Policy, from SECURITY_HEADERS_OVERRIDES,
    for the page's <meta> tag (GitHub Pages sends no headers)."""
    prefix = "/" + settings["CMS_SAVE_AS"]
    try:
        directives = settings["SECURITY_HEADERS_OVERRIDES"][prefix]["Content-Security-Policy"]
    except KeyError:
        raise ValueError(f'SECURITY_HEADERS_OVERRIDES needs a "Content-Security-Policy" for "{prefix}" '
                         "(the browser editor's policy)") from None
    return csp_text(directives, settings, for_meta=True)


def preview_style(settings: dict) -> str:
    """The site's stylesheet (the one the theme inlines into every page), by
    its address on this site, for the editor's preview pane."""
    name = settings.get("INLINE_CSS")
    if not name or not os.path.isfile(os.path.join(settings["THEME"], "static", name)):
        raise ValueError(f"INLINE_CSS ({name!r}) must name the theme's screen stylesheet under "
                         "theme/static/: the browser editor's preview uses it")
    return "/" + "/".join(part.strip("/") for part in (settings["THEME_STATIC_DIR"], name))


class CmsGenerator(Generator):
    def declare_files(self, generators) -> list[SiteFile]:
        """Every file generate_output writes: the editor's page, config and
        format, our scripts, and the third-party files vendored from
        node_modules (its bundle, chunk, fonts and the yaml package). None
        is for search engines; declared, no content file can take one's
        address, and a link to one is a link to the site."""
        settings = self.settings
        names = ["index.html", "config.yml", "formats.json", *sorted(os.listdir(STATIC)),
                 *vendored_names(settings["CMS_SVELTIA_PACKAGE"], settings["CMS_YAML_BROWSER_DIST"])]
        return [SiteFile(settings["CMS_SAVE_AS"] + name, "the browser editor") for name in names]

    def generate_output(self, writer) -> None:
        settings = self.settings
        folder = os.path.join(self.output_path, settings["CMS_SAVE_AS"])
        os.makedirs(folder, exist_ok=True)
        writer.write_file(os.path.join(settings["CMS_SAVE_AS"], "index.html"),
                          self.get_template("admin"), self.context, relative_urls=False,
                          cms_content_security_policy=admin_policy(settings),
                          cms_preview_style=preview_style(settings))
        for name, text in (("config.yml", render_config(settings)), ("formats.json", render_formats())):
            write_output(self.output_path, settings["CMS_SAVE_AS"] + name, text)
        for name in sorted(os.listdir(STATIC)):
            write_output(folder, name, Path(STATIC, name).read_bytes())
        copy_sveltia(settings["CMS_SVELTIA_PACKAGE"], folder)
        copy_yaml(settings["CMS_YAML_BROWSER_DIST"], os.path.join(folder, "yaml"))


def add_cms_generator(pelican):
    return CmsGenerator


def check_the_editors_form(pelican) -> None:
    """The editor's form is made from the schema, with a rule for each kind
    of field (form_patterns): a kind it has no rule for stops `invoke check`
    as it stops the build, not only the build that writes /admin/."""
    cms_config(pelican.settings)


def register() -> None:
    signals.initialized.connect(check_the_editors_form)
    signals.get_generators.connect(add_cms_generator)
