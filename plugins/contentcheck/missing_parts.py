"""What a volunteer is told of a link to a part its page does not have: the parts it probably meant.

The same id in other capitals, the series of numbered ids it belongs to
("/policies/housing/ has commitments 1–5 (#commitment-1 to #commitment-5):
check the number") or ids close to it (sitecore.page_anchors.nearest_parts),
so the message says what to write.
"""

from __future__ import annotations

from sitecore.page_anchors import nearest_parts
from sitecore.problems import problem_log

from .links_to_parts import LinkToPart


def report_missing_part(link: LinkToPart, ids: set[str]) -> None:
    address = link.target.partition("#")[0]
    page = "this page" if not address else address
    problem_log.add(link.source_path, link.line, link.field,
                    f"the link {link.target} goes to #{link.part}, which {page} does not have",
                    nearest_parts(link.part, ids, page))
