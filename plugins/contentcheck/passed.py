"""Items that passed the content checks in the last build are not checked again.

After a one-post edit at a thousand posts, checking every item's links,
images and published HTML again was about a tenth of the build, for the
same answers. What an item's checks read:

- its own file (front matter, body, the lines they are on, its path);
- the site's other items by their front matter and names (the addresses
  and files its links may reach, what is unpublished), the site's images
  and other files, the settings, the templates, the code and the libraries:
  all of it is in the digest sitebuild computes of everything the build
  reads but posts' bodies (sitebuild/unchanged.py: InputDigests.layout),
  which it passes on as the setting INPUTS_BUT_POST_BODIES. No check of an
  item reads another post's body;
- the clock, through the embargoes that have ended: the site's addresses
  and unpublished files are added to the key, and the checks of the item's
  own dates that read the clock (its `date`, its `modified`) run at every
  build.

So an item whose key passed in the last build with the same digest passes
again (the passes are kept in one file per digest, sitecore/passed_before.py).
Only passes are kept: an item with a problem is checked, and reported, at
every build. A build without the digest (`invoke check`, a build started
another way) checks everything. tests/test_checked_items.py changes what
an unchanged item's checks read, in turn, against a build with an empty cache.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sitecore.output import newest_first
from sitecore.passed_before import INPUTS_BUT_POST_BODIES, PassedBefore

# Files of passes kept: a public build, a drafts preview and a live preview
# sharing a cache each find theirs.
KEPT_FILES = 4


class ItemsThatPassed:
    """The last build's passes, and this build's, keyed as described above."""

    def __init__(self, settings: dict, site_urls: set[str], unpublished_paths: set[str]) -> None:
        site = hashlib.sha256(settings[INPUTS_BUT_POST_BODIES].encode())
        for values in (site_urls, unpublished_paths):
            site.update(hashlib.sha256("\0".join(sorted(values)).encode()).digest())
        self.site = site.digest()
        self.content = settings["PATH"]
        # One file for each digest (which names the output folder too): a
        # preview and a public build sharing the cache keep theirs apart.
        folder = Path(settings["CACHE_PATH"], "content-checked")
        self.digests = PassedBefore(folder / f"items-{settings[INPUTS_BUT_POST_BODIES][:24]}")
        self.folder = folder

    @classmethod
    def of_build(cls, settings: dict, site_urls: set[str], unpublished_paths: set[str]) -> ItemsThatPassed | None:
        if not settings.get(INPUTS_BUT_POST_BODIES):
            return None
        return cls(settings, site_urls, unpublished_paths)

    def key(self, item) -> bytes | None:
        """The item's key, from the text the reader read (not the file as it
        is now: it may have been saved again since); None for an item the
        reader did not digest, which is then checked."""
        text = getattr(item, "source_digest", None)
        if text is None:
            return None
        name = os.path.relpath(os.path.abspath(item.source_path), self.content)
        return hashlib.sha256(self.site + f"\0{name}\0{text}".encode("utf-8", "surrogateescape")).digest()

    def seen(self, key: bytes | None) -> bool:
        return key is not None and self.digests.seen(key)

    def add(self, key: bytes | None) -> None:
        if key is not None:
            self.digests.add(key)

    def keep(self, how_many: int = KEPT_FILES) -> None:
        """Keep this build's passes, and the newest few other files."""
        self.digests.keep()
        for _, stale in newest_first(self.folder.glob("items-*"))[how_many:]:
            if stale != self.digests.path:
                stale.unlink(missing_ok=True)
