"""Where the imprint must be in the files people read or repost that are not
pages: each entry of the feeds (a feed reader or a reposting service shows
an entry without the page's footer), each event of the calendars (a calendar
app shows the event's description alone), the minifesto's e-book and its
plain text. Each function returns what lacks it, by where to look.

The texts are compared without white space: the plain text wraps lines at
72 characters, and a calendar folds its lines at 75 octets.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from sitecore.visible_text import visible_text

ATOM = "{http://www.w3.org/2005/Atom}"
DUBLIN_CORE = "{http://purl.org/dc/elements/1.1/}"
# RFC 5545: a line continues on the next when that one starts with a space or tab.
FOLDED = re.compile(r"\r?\n[ \t]")
# RFC 5545's escapes in TEXT: \\, \;, \, and \n (or \N) for a line break.
ICS_ESCAPE = re.compile(r"\\([\\;,nN])")
# A content line: its name, its parameters (;LANGUAGE=cy) and its value.
PROPERTY = re.compile(r"(?P<name>[A-Za-z0-9-]+)(?:;[^:]*)?:(?P<value>.*)")


def carries(text: str, expected: str) -> bool:
    return "".join(expected.split()) in "".join(text.split())


def feed_entries_without(feed: Path, expected: str) -> list[str]:
    """The entries of an Atom feed whose content does not show the imprint,
    each named by its title."""
    missing = []
    for entry in ElementTree.parse(feed).getroot().iter(f"{ATOM}entry"):
        content = entry.find(f"{ATOM}content")
        html = content.text if content is not None and content.text else ""
        if not carries(visible_text(html), expected):
            missing.append(f'the entry "{entry.findtext(f"{ATOM}title", "")}"')
    return missing


def calendar_events_without(calendar: Path, expected: str) -> list[str]:
    """The events of an iCalendar file whose description lacks the imprint,
    each named by its summary."""
    text = FOLDED.sub("", calendar.read_text(encoding="utf-8"))
    missing = []
    for event in text.split("BEGIN:VEVENT")[1:]:
        values = {found["name"]: found["value"] for found in map(PROPERTY.match, event.splitlines()) if found}
        description = ICS_ESCAPE.sub(lambda escape: "\n" if escape[1] in "nN" else escape[1],
                                     values.get("DESCRIPTION", ""))
        if not carries(description, expected):
            missing.append(f'the event "{ICS_ESCAPE.sub(lambda escape: escape[1], values.get("SUMMARY", ""))}"')
    return missing


def ebook_without(ebook: Path, expected: str) -> list[str]:
    """Where an EPUB lacks the imprint: its text (any of its pages) and its
    metadata (dc:rights, as the PDF's)."""
    missing = []
    with zipfile.ZipFile(ebook) as book:
        names = book.namelist()
        pages = [name for name in names if name.endswith(".xhtml")]
        if not any(carries(visible_text(book.read(name).decode("utf-8")), expected) for name in reversed(pages)):
            missing.append("its text")
        packages = [name for name in names if name.endswith(".opf")]
        rights = [element.text or "" for name in packages
                  for element in ElementTree.fromstring(book.read(name)).iter(f"{DUBLIN_CORE}rights")]
        if expected not in rights:
            missing.append("its metadata (dc:rights)")
    return missing


def plain_text_without(text_file: Path, expected: str) -> list[str]:
    return [] if carries(text_file.read_text(encoding="utf-8"), expected) else ["its text"]
