"""Where a shown email or web address may wrap on a narrow screen: after
"@" or "/", or before a dot, never in the middle of a word.

`address_parts` cuts an address there; the pages join the parts with <wbr>,
which copying the address leaves out. The templates use it through the
breakable_address filter (plugins/urlfilters); the Markdown extension here
does the same for an email link whose text is its address, as in
[press@example.org](mailto:press@example.org). MARKDOWN in pelicanconf.py
names this module, so the safe-HTML memo's key holds its source.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

# After "@", after a "/" (not between the two of "//"), and before a dot.
ADDRESS_BREAKS = re.compile(r"(?<=@)|(?<=/)(?!/)|(?=\.)")


def address_parts(address: str) -> list[str]:
    """The address cut where it may wrap (ADDRESS_BREAKS)."""
    return [part for part in ADDRESS_BREAKS.split(address) if part]


class BreakableEmailLinks(Treeprocessor):
    def run(self, root: ElementTree.Element) -> None:
        for link in root.iter("a"):
            address = link.get("href", "").removeprefix("mailto:")
            if link.get("href", "").startswith("mailto:") and address and len(link) == 0 \
                    and (link.text or "").strip() == address:
                first, *rest = address_parts(address)
                link.text = first
                for part in rest:
                    ElementTree.SubElement(link, "wbr").tail = part


class BreakableAddressesExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        # After the inline patterns (priority 20) have made the links.
        md.treeprocessors.register(BreakableEmailLinks(md), "breakable_addresses", 5)


def makeExtension(**options) -> BreakableAddressesExtension:  # noqa: N802 (Python-Markdown's name)
    return BreakableAddressesExtension(**options)
