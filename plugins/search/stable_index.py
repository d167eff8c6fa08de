"""Put Pagefind's filter index in a fixed order, so that two builds of the
same site write the same search files.

Pagefind 1.5 collects filters in a Rust HashMap whose seed is random in every
run (upstream TODO "Change filter indexes to BTree to give them a stable
hash"; Pagefind issue #638). So the order of the values inside each
`filter/*.pf_filter` file, and with it that file's hashed name, the
`pagefind.*.pf_meta` file that names it and the hash in
`pagefind-entry.json`, change from build to build with the same pages.
Search ignores that order, so we sort the values and the filters by name and
give the rewritten files content-hashed names again.

Each file is gzip("pagefind_dcd" + CBOR). The CBOR is only arrays, text and
integers; we read it, and refuse (with an error the build reports) any file
we would not write back byte for byte, e.g. after a Pagefind upgrade.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path

from sitecore.output import write_atomically

SIGNATURE = b"pagefind_dcd"
UINT, NEGINT, TEXT, ARRAY = 0, 1, 3, 4
FILTERS_IN_META = 3  # MetaIndex: version, pages, index chunks, filters, sorts, …


def decode_cbor(data: bytes, pos: int = 0):
    """(value, next position) for the CBOR subset Pagefind writes here."""
    major, info = data[pos] >> 5, data[pos] & 0x1F
    pos += 1
    if info < 24:
        argument = info
    elif info <= 27:
        size = 1 << (info - 24)
        argument = int.from_bytes(data[pos:pos + size], "big")
        pos += size
    else:
        raise ValueError(f"unexpected CBOR head {data[pos - 1]:#x}")
    if major == UINT:
        return argument, pos
    if major == NEGINT:
        return -1 - argument, pos
    if major == TEXT:
        return data[pos:pos + argument].decode("utf-8"), pos + argument
    if major == ARRAY:
        items = []
        for _ in range(argument):
            item, pos = decode_cbor(data, pos)
            items.append(item)
        return items, pos
    raise ValueError(f"unexpected CBOR major type {major}")


def encode_cbor(value) -> bytes:
    """Shortest heads, as Pagefind's encoder (minicbor) writes them."""
    if isinstance(value, int):
        major, argument, body = (UINT, value, b"") if value >= 0 else (NEGINT, -1 - value, b"")
    elif isinstance(value, str):
        body = value.encode("utf-8")
        major, argument = TEXT, len(body)
    else:
        body = b"".join(encode_cbor(item) for item in value)
        major, argument = ARRAY, len(value)
    if argument < 24:
        return bytes([major << 5 | argument]) + body
    for extra, size in enumerate("BHIQ"):  # 1, 2, 4 or 8 bytes
        if argument < 1 << (8 << extra):
            return bytes([major << 5 | 24 + extra]) + struct.pack(">" + size, argument) + body
    raise ValueError(f"{argument} is too large for CBOR")


def read_index_file(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path.name}: not a Pagefind index file")
    value, end = decode_cbor(raw, len(SIGNATURE))
    if end != len(raw) or encode_cbor(value) != raw[len(SIGNATURE):]:
        raise ValueError(f"{path.name}: unexpected Pagefind file format")
    return value


def write_index_file(folder: Path, stem: str, language: str, digits: int, suffix: str, value) -> str:
    """Write under a name that hashes the content, as Pagefind names its files;
    return the hash part of the name."""
    raw = SIGNATURE + encode_cbor(value)
    name = f"{language}_{hashlib.sha1(raw).hexdigest()[:digits]}"
    # mtime=0: a gzip header otherwise carries the time of writing.
    write_atomically(folder / f"{stem}{name}{suffix}", gzip.compress(raw, mtime=0))
    return name


def sort_filter_index(bundle: str | Path) -> None:
    """Rewrite the filter files, the meta file and the entry in sorted order."""
    bundle = Path(bundle)
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, details in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{details['hash']}.pf_meta"
        meta = read_index_file(meta_path)
        filters = []
        for filter_name, old_hash in meta[FILTERS_IN_META]:
            filter_path = bundle / "filter" / f"{old_hash}.pf_filter"
            name, values = read_index_file(filter_path)
            filter_path.unlink()
            new_hash = write_index_file(bundle / "filter", "", language, 7, ".pf_filter",
                                        [name, sorted(values, key=lambda value: value[0])])
            filters.append([filter_name, new_hash])
        meta[FILTERS_IN_META] = sorted(filters)
        meta_path.unlink()
        details["hash"] = write_index_file(bundle, "pagefind.", language, 10, ".pf_meta", meta)
    entry["languages"] = dict(sorted(entry["languages"].items()))
    write_atomically(entry_path, json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
