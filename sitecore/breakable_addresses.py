"""A Markdown extension: an email link whose text is its address, as in
[press@example.org](mailto:press@example.org), may wrap only after "@" or
before a dot on a narrow screen (sitecore.urls.address_parts), never in the
middle of a word. The templates do the same for the addresses they show
(the breakable_address filter); MARKDOWN in pelicanconf.py names this module.
"""

from __future__ import annotations

from xml.etree import ElementTree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

from sitecore.urls import address_parts


class BreakableEmailLinks(Treeprocessor):
    def run(self, root: ElementTree.Element) -> None:
        for link in root.iter("a"):
            address = link.get("href", "").removeprefix("mailto:")
            if link.get("href", "").startswith("mailto:") and len(link) == 0 and (link.text or "").strip() == address:
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
