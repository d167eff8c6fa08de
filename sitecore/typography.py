"""Typographic quotes for the text of front matter fields.

Bodies get curly quotes and apostrophes from Markdown's smarty extension;
titles, summaries and commitments are plain text, which Markdown never sees.
Without this the same page (and the PDF) mixed "straight" and “curly”
quotes. The rules are SmartyPants' for plain text: an apostrophe inside or
at the end of a word, or before a decade ('90s), is ’; a quote after a
space or an opening bracket (or at the start) opens, any other closes.
"""

from __future__ import annotations

import re

_OPENS_AFTER = r"(?:^|(?<=[\s(\[{\-–—]))"
_RULES = (
    (re.compile(r"(?<=\w)'(?=\w)"), "’"),              # it's, Labour's
    (re.compile(r"'(?=\d\ds?\b)"), "’"),                # '90s
    (re.compile(_OPENS_AFTER + "'"), "‘"),
    (re.compile("'"), "’"),                             # workers', a closing quote
    (re.compile(_OPENS_AFTER + '"'), "“"),
    (re.compile('"'), "”"),
)


def typographic(text: str) -> str:
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text
