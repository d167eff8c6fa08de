"""Cache entries that know when they are damaged.

A build trusts what it kept from the last one: a post's safe HTML, its
front matter's fields, a rendered PDF, a search index. An entry whose bytes
are no longer those written (cut short by a crash or a full disk, emptied,
overwritten by hand, or restored from a damaged CI cache) was published as
it was: a page body ending mid-word, the minifesto's closing call missing
from its PDF, with the build passing; or it failed every build, blaming a
content file that was fine.

So each entry carries the SHA-256 of its bytes, and one whose bytes do not
match it is a miss: the work is done again and the entry written anew.
(`write_atomically` renames a finished file into place but does not wait
for the disk, fsync, for each of the thousands of small entries a build
writes; a power cut can leave an entry empty, and this finds it.)
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .output import write_atomically

DIGEST_SIZE = hashlib.sha256().digest_size
# Part of every sealed entry's key (TextMemo, the PDF cache key), so that
# code from before the seals, or of another format, sharing a cache (a
# branch checked out from before) never finds an entry it cannot read.
FORMAT = b"sealed-sha256-1\0"


def sealed(data: bytes) -> bytes:
    """`data` after the digest of its bytes."""
    return hashlib.sha256(data).digest() + data


def unsealed(kept: bytes) -> bytes | None:
    """The data of a sealed entry; None if it is not what was sealed."""
    digest, data = kept[:DIGEST_SIZE], kept[DIGEST_SIZE:]
    return data if len(digest) == DIGEST_SIZE and hashlib.sha256(data).digest() == digest else None


def write_sealed(path: Path, data: bytes) -> None:
    write_atomically(path, sealed(data))


def read_sealed(path: Path) -> bytes | None:
    """The entry's data; None if there is none or it is damaged (even a
    folder where the file should be)."""
    try:
        return unsealed(path.read_bytes())
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None
