"""What passed a check in the last build, as SHA-256 digests in one cache file.

A check whose answer depends only on what a digest covers need not run
again for a digest that passed before (the imprint check's pages, the
content checks' items). The file holds the digests that passed in the
latest build only, so it stays the size of the site: something missing from
it is checked again, which only costs time.
"""

from __future__ import annotations

from pathlib import Path

from sitecore.output import write_atomically

DIGEST_SIZE = 32  # bytes of a SHA-256 digest
# The setting in which sitebuild gives the plugins the digest of everything
# the build reads but posts' bodies (sitebuild/unchanged.py: InputDigests);
# absent from builds started some other way.
INPUTS_BUT_POST_BODIES = "INPUTS_BUT_POST_BODIES"


class PassedBefore:
    """The digests kept at `path`, and those that pass in this build."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            kept = path.read_bytes()
        except FileNotFoundError:
            kept = b""
        self.before = {kept[start:start + DIGEST_SIZE] for start in range(0, len(kept), DIGEST_SIZE)}
        self.now: set[bytes] = set()

    def seen(self, digest: bytes) -> bool:
        """Whether `digest` passed in the last build (it then passes in this one)."""
        if digest in self.before:
            self.now.add(digest)
            return True
        return False

    def add(self, digest: bytes) -> None:
        self.now.add(digest)

    def keep(self) -> None:
        try:
            write_atomically(self.path, b"".join(sorted(self.now)))
        except OSError:  # a full disk: the next build checks everything, as it would anyway
            pass
