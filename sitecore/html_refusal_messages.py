"""What a volunteer is told of each refusal of the allowlist, and how to fix it.

The refusals are found by sitecore/html_refusals.py; the reader reports
each at its line with the message and the fix written here. The wording
changes no HTML: what passes and what is published are decided by
sitecore/html_allowlist.py, html_refusals.py and html_sanitiser.py, which
are part of the keys of the HTML the reader and the content checks keep
between builds. (Only HTML with no refusal is kept, so no message is.)
"""

from __future__ import annotations

import posixpath
import re

from sitecore.html_allowlist import (
    INTERNAL_LINK,
    LINK_MARKER,
    MARKER_LINK,
    OTHER_WEBSITE_WITHOUT_SCHEME,
    goes_up_a_folder,
)
from sitecore.html_refusals import Refusal
from sitecore.language_tags import registered_form


def up_a_folder_fix(link: str, folder: str) -> str:
    """A link may not go up a folder (files are read only from inside
    content/): the same link written from content/, which Pelican reads the
    same, if it is a plain path there. `folder`: the linking file's,
    content/-relative (by default a content type's folder)."""
    found = MARKER_LINK.fullmatch(link)
    path = found["path"]
    start = "" if path.startswith("/") else folder
    in_content = posixpath.normpath(posixpath.join(start, path.lstrip("/")))
    rewritten = f"{found['marker']}/{in_content}{found['part'] or ''}"
    if not in_content.startswith("..") and INTERNAL_LINK.fullmatch(rewritten):
        return f"a link may not use .. (going up a folder): write the path from content/ instead: {rewritten}"
    return ("a link may not use .. (going up a folder): write the file's path from content/ after the marker, "
            "as {filename}/policies/02-housing.md; only files inside content/ can be linked")


def language_tag_refused(tag: str, written: str) -> tuple[str, str]:
    """A lang attribute whose value is not a language tag: "Welsh", "CY",
    "en_GB", "wl". When the registry knows what was meant ("wel", "en-UK",
    or a wrong case or "_"), the fix gives the tag."""
    meant = written.strip().replace("_", "-")
    meant = "-".join([meant.split("-")[0].lower(), *meant.split("-")[1:]])
    registered = registered_form(meant)
    if registered is not None:
        return (f'lang="{written}" on <{tag}> is not written as a language tag',
                f'write lang="{registered}"')
    return (f'lang="{written}" on <{tag}> is not a language tag: no language has it',
            'write the language\'s tag of two or three lower-case letters: lang="cy" for Welsh, lang="fr" for '
            'French, lang="pl" for Polish (a region may follow a hyphen: lang="en-GB")')


def explain(refusal: Refusal, folder: str) -> tuple[str, str]:
    """(message, fix) for a volunteer; `folder`: the content/-relative
    folder of the file the refusal is in, for the fixes written from it."""
    kind, tag, detail = refusal.kind, refusal.tag, refusal.detail
    if kind == "comment":
        return ("an HTML comment (<!-- … -->)",
                "remove it: comments are published in the page's source and the minifesto's text; "
                "keep notes for each other outside the file")
    if kind == "handler":
        return f"raw HTML with an event handler ({detail}=…)", "remove it: content cannot run scripts"
    if kind == "scheme" and goes_up_a_folder(detail):
        return (f"the link {detail} goes up a folder with ..", up_a_folder_fix(detail, folder))
    if kind == "scheme" and LINK_MARKER.search(detail):
        return (f"the link {detail} is not a plain path to a file",
                "write {filename}/folder/file.md or {static}/images/file.jpg: the path from content/, "
                "with only letters, digits, - _ . / (no ..) and an optional #part")
    if kind == "scheme" and tag == "img":
        return (f"the image {detail} is on another website",
                "put the image in content/images/ and link it as {static}/images/…: "
                "the site loads nothing from other websites")
    if kind == "scheme" and OTHER_WEBSITE_WITHOUT_SCHEME.match(detail):
        address = re.fullmatch(r"//[^/\\]+(?:/.*)?", detail)
        return (f"the link {detail} starts with {OTHER_WEBSITE_WITHOUT_SCHEME.match(detail).group()} and no https:, "
                "so a browser takes it for another website's address",
                f"write the whole address, https:{detail}, or /… alone for a page of this site" if address else
                "write /… alone for a page of this site, or another website's whole address, starting https://")
    if kind == "scheme":
        return (f"the link {detail} is not a web address",
                "links must start with https://, / (this site), mailto: or tel:")
    if kind == "embed":
        return (f"raw <{tag}> in content: it would load another website's page or player, which can track readers, "
                "and the site loads nothing from other websites",
                "link to it instead, e.g. [Watch the speech on YouTube](https://www.youtube.com/watch?v=…), "
                "or put a picture from it in content/images/ with a link under it")
    if kind == "tag" and tag == "script":
        return "raw <script> in content", "remove it: content cannot run scripts"
    if kind == "tag" and tag == "h1":
        return ("a top-level heading (# or <h1>) in the text",
                "use ## for headings: the title is the page's only top-level heading "
                "(a line of === under a line of text makes one too)")
    if kind == "theme-id":
        return (f'the id "{detail}" is one the site\'s pages use (a page showing this text could have it twice, '
                "and its links, the skip link's too, land on the wrong one)",
                f'remove {{#{detail}}} (or id="{detail}") and let the heading\'s words make its id, or choose another')
    if kind == "tag":
        return (f"raw <{tag}> in content is not allowed",
                "remove it, or write what Markdown has for it (*emphasis*, **bold**, a list, a table); the README "
                "lists the few HTML tags content may use")
    if kind == "attribute" and detail == "style" and tag in ("th", "td"):
        return (f"the style attribute on <{tag}> is not allowed",
                "align a table's columns with Markdown's colons instead: |:---| left, |---:| right, |:---:| centred")
    if kind == "attribute":
        return (f"the {detail} attribute on <{tag}> is not allowed",
                "remove it: the theme decides how content looks and behaves")
    if kind == "value" and tag == "ol" and detail.startswith("start="):
        number = detail.removeprefix("start=")
        return (f'a numbered list starting at {number}: a line starting with a number and a full stop starts a '
                "numbered list, and a list may start at a number of up to nine digits",
                f"put a backslash before the full stop ({number}\\. …) to keep the number as words, "
                "or write it another way")
    if kind == "value" and detail.startswith("lang="):
        return language_tag_refused(tag, detail.removeprefix("lang="))
    if kind == "value" and detail.startswith("dir="):
        return (f"{detail} on <{tag}> is not a direction of writing",
                'write dir="rtl" for a passage written right to left (Urdu, Arabic), or leave dir out')
    if LINK_MARKER.search(detail):
        return (f"<{tag} {detail}…> holds a {{…}} link marker outside a link",
                "write {filename} and {static} only at the start of a link's address")
    return f"<{tag} {detail}…> is not allowed", "remove the attribute, or give it a plain value"
