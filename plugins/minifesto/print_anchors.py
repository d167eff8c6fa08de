"""A link in the minifesto's words to a part the printed edition does not have, refused at its line.

WeasyPrint stops a render at a link to a #part its document has no id for
("No anchor #nope for internal URI reference"), and the build then blamed
the print template, which a volunteer cannot mend. The links to parts of
other pages are the content checks' (plugins/contentcheck); a link to a part
of the minifesto's own page is checked against its written page only, after
the PDFs. So before rendering, every #part the print HTML links to must be
one of its ids: one that is not is found in the minifesto's file, and told
at its line, with the ids nearest to it.
"""

from __future__ import annotations

import difflib
import re

from selectolax.lexbor import LexborHTMLParser

from sitecore.page_anchors import ids_in, lands
from sitecore.problems import problem_log


def missing_anchors(html: str) -> list[str]:
    """The #parts the HTML links to that it has no id (or <a name>) for, in order."""
    ids = ids_in(html)
    linked = [(node.attributes.get("href") or "")[1:] for node in LexborHTMLParser(html).css('a[href^="#"]')]
    return list(dict.fromkeys(part for part in linked if not lands(part, ids)))


def report_links_to_missing_parts(minifesto, html: str) -> bool:
    """Each missing #part the minifesto's file links to, a problem at its
    line (the body's or closing_call's); whether there was one. A missing
    part no line of the file names is the template's, left to WeasyPrint."""
    missing = missing_anchors(html)
    if not missing:
        return False
    try:
        with open(minifesto.source_path, encoding="utf-8") as file:
            lines = file.read().splitlines()
    except OSError:
        return False
    ids = sorted(ids_in(html) - {""})
    body_starts = getattr(minifesto, "body_first_line", len(lines) + 1)
    found = False
    for part in missing:
        written = re.compile(rf"[(:\"'=\s]#{re.escape(part)}(?=[)\"'\s>]|$)")
        number = next((number for number, line in enumerate(lines, start=1) if written.search(line)), None)
        if number is None:
            continue
        close = difflib.get_close_matches(part, ids, n=3, cutoff=0.6)
        problem_log.add(minifesto.source_path, number, "body" if number >= body_starts else "closing_call",
                        f"the link #{part} goes to #{part}, which the minifesto does not have",
                        f"did you mean {' or '.join(f'#{known}' for known in close)}?" if close else
                        "link to a policy's part by its page (/policies/housing/#commitment-3), or leave the "
                        "#part out")
        found = True
    return found
