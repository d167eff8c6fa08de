"""Write _headers, the nginx snippet and /.well-known/security.txt."""

from __future__ import annotations

import os

from frontmatter.publication import build_time
from pelican import signals
from pelican.generators import Generator

from .policy import csp_text, netlify_headers, nginx_snippet, security_txt

# Directives a browser ignores (with a console warning) in a <meta> policy.
META_IGNORED = {"frame-ancestors", "report-uri", "report-to", "sandbox"}


class HeadersGenerator(Generator):
    def generate_output(self, writer) -> None:
        settings = self.settings
        files = {
            "_headers": netlify_headers(settings),
            settings["NGINX_HEADERS_SAVE_AS"]: nginx_snippet(settings),
            ".well-known/security.txt": security_txt(settings, build_time(settings)),
        }
        for name, text in files.items():
            path = os.path.join(self.output_path, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)


def add_generator(pelican):
    return HeadersGenerator


def add_csp_meta(generator) -> None:
    """The same policy as a <meta> in every page, for hosts that cannot send
    headers (GitHub Pages). frame-ancestors only works as a header."""
    directives = generator.settings["SECURITY_HEADERS"]["Content-Security-Policy"]
    meta = {name: sources for name, sources in directives.items() if name not in META_IGNORED}
    generator.env.globals["CSP_META"] = csp_text(meta, generator.settings)


def register() -> None:
    signals.get_generators.connect(add_generator)
    signals.generator_init.connect(add_csp_meta)
