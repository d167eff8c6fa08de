"""The ids a link's #part can land on, and whether it lands, as a browser finds it.

A written page's ids are read from its HTML (sitecore.page_anchors); an item's own page,
before it is written, has its text's and its data's (`ids_of_own_page`).
"""

from __future__ import annotations

from sitecore.page_anchors import ids_in


def ids_of_own_page(item) -> set[str]:
    """The ids of the item's page a link may go to, before it is written:
    its text's, its data's (a policy's #policy-2 and #commitment-3) and
    #main (a link to any other part of the layout is refused: LayoutParts)."""
    data = {*getattr(item, "anchors_where_every_policy_is", {}), *filter(None, [getattr(item, "anchor", None)])}
    return ids_in(item.content or "") | data | {"main"}
