"""Markdown rendered to the HTML the site publishes, and the memo that keeps it between builds.

The HTML holds only what the allowlist allows; everything outside it is
handed back too, for the reader to report at its line. The memo's key
holds the source of this module, of the allowlist's modules and of the
project's own Markdown extensions: what the HTML is made with.
"""

from __future__ import annotations

import copy
import importlib
import re
import sys

from markdown import Markdown

from sitecore import html_allowlist, html_refusals, html_sanitiser, language_tags
from sitecore.heading_ids import theme_ids_of
from sitecore.html_refusals import refusals
from sitecore.html_sanitiser import clean
from sitecore.schema import values_not_as_written
from sitecore.schema.values_not_as_written import CONTROL_CHARACTER
from sitecore.text_memo import TextMemo, fingerprint


def markdown_to_html(text: str, settings: dict) -> str:
    """Render Markdown with the site's MARKDOWN settings (no 'meta' extension:
    front matter is YAML and already removed)."""
    global _last_markdown
    options = settings["MARKDOWN"]
    # One instance per build (loading the extensions is most of the cost of
    # converting a short file); holding `options` keeps its identity unique.
    if _last_markdown is None or _last_markdown[0] is not options:
        _last_markdown = (options, new_markdown(options))
    return links_back_told_apart(_last_markdown[1].reset().convert(text))


# A footnote cited more than once gets a link back to each citation, which
# Markdown writes one against the next: "Back to the textBack to the text",
# read as one run by a screen reader.
BACKLINK_RUN = re.compile(r'(?:<a class="footnote-backref"[^>]*>[^<]*</a>){2,}')
BACKLINK = re.compile(r'(<a class="footnote-backref"[^>]*>)([^<]*)(</a>)')


def links_back_told_apart(html: str) -> str:
    """Each link back after the first says which citation it returns to,
    "(2)", "(3)", with a space before it."""
    def apart(run: re.Match) -> str:
        links = BACKLINK.findall(run.group())
        return " ".join(f"{start}{text}{f' ({number})' if number > 1 else ''}{end}"
                        for number, (start, text, end) in enumerate(links, start=1))

    return BACKLINK_RUN.sub(apart, html)


def new_markdown(settings_options: dict) -> Markdown:
    return Markdown(**markdown_options(settings_options))


def markdown_options(settings_options: dict) -> dict:
    """What Python-Markdown is given: MARKDOWN with every configured extension
    listed and without 'meta'. The same however Pelican has changed MARKDOWN
    in place (its own reader adds its extensions to the list when it starts)."""
    options = copy.deepcopy(settings_options)
    configs = options.setdefault("extension_configs", {})
    extensions = [e for e in options.get("extensions", []) if e != "markdown.extensions.meta"]
    extensions += [e for e in configs if e not in extensions]
    options["extensions"] = extensions
    return options


_last_markdown: tuple[dict, Markdown] | None = None


def render_safe_html(markdown: str, settings: dict) -> tuple[str, list]:
    """Markdown to HTML, then the allowlist: the HTML holding only what the
    list allows, and everything outside it (each a problem for the reader)."""
    html = markdown_to_html(markdown, settings)
    # With an id written by hand ({#main}, id="main") that the theme's
    # templates use too: Markdown's own ids never are (sitecore/heading_ids.py).
    return clean(html), refusals(html, theme_ids_of(settings["MARKDOWN"]))


def worth_keeping(safe: str, refused: list) -> bool:
    """Whether rendered HTML may be kept in the memo: only what gave no
    problem, so a mistake is told at every build. Besides the allowlist's
    refusals, a control character the HTML parser made of a character
    reference (the reader tells it; a kept copy would skip the telling)."""
    return not refused and not CONTROL_CHARACTER.search(safe)


def project_extensions(markdown_settings: dict) -> list:
    """The Markdown extensions MARKDOWN names that are this project's own
    modules (sitecore.…): their code changes the HTML, so the memo's key
    holds their source, as it holds this module's."""
    return [importlib.import_module(name) for name in (markdown_settings.get("extension_configs") or {})
            if name.split(".")[0] in ("sitecore", "plugins")]


def safe_html_memo(settings: dict) -> TextMemo:
    """Safe HTML by the Markdown it came from (see sitecore/text_memo.py)."""
    # The reader is not in the key: it only asks the memo, and keeps in it
    # what render_safe_html made of a body with no refusal.
    # values_not_as_written: its CONTROL_CHARACTER decides what is kept (worth_keeping).
    made_by = fingerprint((sys.modules[__name__], html_allowlist, html_refusals, html_sanitiser, language_tags,
                           values_not_as_written, *project_extensions(settings["MARKDOWN"])),
                          ("markdown", "selectolax", "nh3", "langcodes", "unidecode"),
                          [markdown_options(settings["MARKDOWN"])])
    return TextMemo(settings["CACHE_PATH"], "safe-html", made_by)
