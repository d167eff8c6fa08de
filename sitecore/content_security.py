"""Content-Security-Policy text, for headers and for <meta> tags.

SECURITY_HEADERS holds each policy as {directive: [sources]}; the host's
headers (plugins/headers), every page's <meta> and the browser editor's page
(plugins/cms) all write it with these functions.
"""

from __future__ import annotations

from .stylesheet import csp_hash, read_stylesheet

# A source that stands for the hash of the stylesheet inlined in every page.
INLINE_CSS_SOURCE = "{inline-css}"
# Directives a browser ignores (with a console warning) in a <meta> policy.
HEADER_ONLY_DIRECTIVES = {"frame-ancestors", "report-uri", "report-to", "sandbox"}


def csp_text(directives: dict[str, list[str]], settings: dict, for_meta: bool = False) -> str:
    """"default-src 'self'; …" with {inline-css} replaced by the hash of the
    stylesheet; for a <meta> tag, without the directives only a header can carry."""
    parts = []
    for name, sources in directives.items():
        if for_meta and name in HEADER_ONLY_DIRECTIVES:
            continue
        values = [csp_hash(read_stylesheet(settings)) if s == INLINE_CSS_SOURCE else s for s in sources]
        parts.append(" ".join([name, *values]))
    return "; ".join(parts)
