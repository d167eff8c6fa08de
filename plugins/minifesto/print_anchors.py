"""A link in the minifesto's words to a part the printed edition does not have, refused at its line.

WeasyPrint stops a render at a link to a #part its document has no id for
("No anchor #nope for internal URI reference"), and the build then blamed
the print template, which a volunteer cannot mend. The links to parts of
other pages are the content checks' (plugins/contentcheck); a link to a part
of the minifesto's own page is checked against its written page only, after
the PDFs. So before rendering, every #part the print HTML links to must be
one of its ids: one that is not is found in the minifesto's file or a
policy's, and told at its line, with the ids nearest to it; `--check`,
which makes no PDF, renders the print HTML to check them too
(pdf.py: check_print_links). A link to #top, which every page has in a
browser, is given its id in the print HTML (`top_anchored`).
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from sitecore.page_anchors import ids_in, lands, nearest_parts
from sitecore.problems import problem_log

# A link to the top of the page, in any capitals (as a browser matches it).
TO_THE_TOP = re.compile(r'href="#top"', re.IGNORECASE)


def top_anchored(html: str) -> str:
    """The print HTML with its links to #top landing: a browser takes #top
    to a page's top with no such id, WeasyPrint only to an element that has
    it, and stopped the render at the text's "back to the top" links. The
    id goes on <body> here, not in the template: a template's id="top"
    would make #top a part of the web pages' layout, which the content
    checks refuse to link to."""
    if not TO_THE_TOP.search(html) or re.search(r'\bid="top"', html):
        return html
    return re.sub(r"<body\b", '<body id="top"', TO_THE_TOP.sub('href="#top"', html), count=1)


def missing_anchors(html: str) -> tuple[list[str], set[str]]:
    """The #parts the HTML links to that it has no id (or <a name>) for, in
    order; and its ids. One parse of the whole edition, made at every build."""
    tree = LexborHTMLParser(html)
    ids = ids_in(tree)
    linked = [(node.attributes.get("href") or "")[1:] for node in tree.css('a[href^="#"]')]
    return list(dict.fromkeys(part for part in linked if not lands(part, ids))), ids


def report_links_to_missing_parts(texts: list, html: str) -> bool:
    """Each missing #part a file of `texts` (the minifesto, its policies)
    links to, a problem at its line (its body's, or its field's);
    whether there was one. A missing part no line of them names is the
    template's, left to WeasyPrint."""
    missing, ids = missing_anchors(html)
    if not missing:
        return False
    ids -= {""}
    found = False
    for part in missing:
        written = re.compile(rf"[(:\"'=\s]#{re.escape(part)}(?=[)\"'\s>]|$)")
        for item in texts:
            place = line_naming(item, written)
            if place is None:
                continue
            problem_log.add(item.source_path, *place,
                            f"the link #{part} goes to #{part}, which the printed minifesto (its PDFs) does not have",
                            nearest_parts(part, ids, "the printed minifesto",
                                          "link to a policy's part by its page (/policies/housing/#commitment-3), "
                                          "or leave the #part out"))
            found = True
    return found


def line_naming(item, written: re.Pattern) -> tuple[int, str] | None:
    """(line, field) of the first line of the item's file that `written`
    finds: the body's, or the front matter field's it is in."""
    try:
        with open(item.source_path, encoding="utf-8") as file:
            lines = file.read().splitlines()
    except OSError:
        return None
    number = next((number for number, line in enumerate(lines, start=1) if written.search(line)), None)
    if number is None:
        return None
    if number >= getattr(item, "body_first_line", len(lines) + 1):
        return number, "body"
    fields = [(line, name) for name, line in (getattr(item, "frontmatter_lines", None) or {}).items() if line <= number]
    return number, max(fields)[1] if fields else "(front matter)"
