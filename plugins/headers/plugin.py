"""Write _headers, the nginx snippet and /.well-known/security.txt."""

from __future__ import annotations

import os

from frontmatter.publication import build_time
from pelican import signals
from pelican.generators import Generator

from .policy import netlify_headers, nginx_snippet, security_txt


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


def register() -> None:
    signals.get_generators.connect(add_generator)
