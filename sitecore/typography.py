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

# A quote opens at the start, after a space, an opening bracket or dash, or
# straight after an opening quote of the other kind. Double quotes are made
# first, so a single quote can then tell an opening “ from a closing ”; a
# straight ' before a double quote is an opening one if it is itself where a
# quote opens ("'Hello'" is “‘Hello’”, '"Hi"' is ‘“Hi”’).
_OPEN_PLACE = r"\s(\[{\-–—"
_RULES = (
    (re.compile(rf"(?:^|(?<=[{_OPEN_PLACE}‘])|(?<=^')|(?<=[{_OPEN_PLACE}]'))\""), "“"),
    (re.compile('"'), "”"),
    (re.compile(r"(?<=\w)'(?=\w)"), "’"),              # it's, Labour's
    (re.compile(r"'(?=\d\ds?\b)"), "’"),                # '90s
    (re.compile(rf"(?:^|(?<=[{_OPEN_PLACE}“]))'"), "‘"),
    (re.compile("'"), "’"),                             # workers', a closing quote
)


def typographic(text: str) -> str:
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text
