"""Write _headers, the nginx snippet and /.well-known/security.txt."""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator

from sitecore.clock import build_time
from sitecore.content_security import csp_text
from sitecore.output import write_output
from sitecore.site_files import SiteFile

from .header_rules import netlify_headers, nginx_snippet, security_txt

SECURITY_TXT = ".well-known/security.txt"


class HeadersGenerator(Generator):
    def declare_files(self, generators) -> list[SiteFile]:
        return [SiteFile("_headers", "the headers file for the host"),
                SiteFile(self.settings["NGINX_HEADERS_SAVE_AS"], "the nginx headers snippet"),
                SiteFile(SECURITY_TXT, "the security contact file")]

    def generate_output(self, writer) -> None:
        settings = self.settings
        write_output(self.output_path, "_headers", netlify_headers(settings))
        write_output(self.output_path, settings["NGINX_HEADERS_SAVE_AS"], nginx_snippet(settings))
        write_output(self.output_path, SECURITY_TXT, security_txt(settings, build_time(settings)))


def add_generator(pelican):
    return HeadersGenerator


def add_csp_meta(generator) -> None:
    """The same policy as a <meta> in every page, for hosts that cannot send
    headers (GitHub Pages). frame-ancestors only works as a header."""
    directives = generator.settings["SECURITY_HEADERS"]["Content-Security-Policy"]
    generator.env.globals["CSP_META"] = csp_text(directives, generator.settings, for_meta=True)


def register() -> None:
    signals.get_generators.connect(add_generator)
    signals.generator_init.connect(add_csp_meta)
