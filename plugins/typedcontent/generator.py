"""A generator for one content type kept in its own folder with its own URLs.

It reads like Pelican's PagesGenerator, but for any Content subclass: the
subclass's name picks its settings (Policy -> POLICY_PATHS, POLICY_URL,
POLICY_SAVE_AS), its `default_template` picks its template, and a listing
page (POLICY_INDEX_SAVE_AS) is written from the template named `index_template`.
"""

from __future__ import annotations

import logging
from itertools import chain

from pelican.contents import Content
from pelican.generators import CachingGenerator
from pelican.readers import SkipStub

from sitecore.site_files import SiteFile, content_page, listing_page

logger = logging.getLogger(__name__)


class TypedContentGenerator(CachingGenerator):
    # A Content subclass with a `collection` ("policies"): the context name
    # its items are published under, and their share cards' folder.
    content_class: type[Content]
    index_template: str

    @property
    def context_name(self) -> str:
        return self.content_class.collection

    @property
    def setting_prefix(self) -> str:
        return self.content_class.__name__.upper()

    def __init__(self, *args, **kwargs):
        self.items: list[Content] = []
        self.drafts: list[Content] = []
        super().__init__(*args, **kwargs)

    def generate_context(self) -> None:
        for path in self.get_files(self.settings[f"{self.setting_prefix}_PATHS"]):
            item = self._read(path)
            if item is None:
                continue
            if item.status == "draft":
                self.drafts.append(item)
            else:
                self.items.append(item)
            self.add_source_path(item)
            self.add_static_links(item)
        self.items = self.order(self.items)
        self.drafts = self.order(self.drafts)
        self.context[self.context_name] = self.items
        self.context[f"draft_{self.context_name}"] = self.drafts
        self.save_cache()
        self.readers.save_cache()

    def _read(self, path: str) -> Content | None:
        try:
            item = self.readers.read_file(
                base_path=self.path, path=path, content_class=self.content_class, context=self.context
            )
        except Exception:
            logger.exception("Could not process %s", path, exc_info=self.settings.get("DEBUG", False))
            self._add_failed_source_path(path)
            return None
        if isinstance(item, SkipStub):
            return None
        if not item.is_valid():
            self._add_failed_source_path(path)
            return None
        return item

    def order(self, items: list[Content]) -> list[Content]:
        """Listing order; subclasses sort by number, name …"""
        return items

    def all_items(self):
        return chain(self.items, self.drafts)

    def published_items(self):
        return iter(self.items)

    def declare_files(self, generators) -> list[SiteFile]:
        """Each item's page and the listing (sitecore.site_files)."""
        index = self.settings[f"{self.setting_prefix}_INDEX_SAVE_AS"]
        listing = self.content_class.__name__.lower()
        return [*map(content_page, self.items), listing_page(index, f"{listing} index")]

    def generate_output(self, writer) -> None:
        # Drafts are read (so their mistakes are reported) but never written.
        for item in self.items:
            writer.write_file(
                item.save_as,
                self.get_template(item.template),
                self.context,
                **{self.content_class.__name__.lower(): item},
                page_kind=self.content_class.__name__.lower(),
                relative_urls=self.settings["RELATIVE_URLS"],
                url=item.url,
            )
        writer.write_file(
            self.settings[f"{self.setting_prefix}_INDEX_SAVE_AS"],
            self.get_template(self.index_template),
            self.context,
            page_kind=f"{self.context_name}-index",
            relative_urls=self.settings["RELATIVE_URLS"],
            url=self.settings[f"{self.setting_prefix}_INDEX_URL"],
        )
