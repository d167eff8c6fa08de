"""The order of PLUGINS changes nothing a reader or a search engine sees:
a site built with the plugins in reverse is the same, file for file and
byte for byte, but for its search index (Pagefind numbers the pages in the
order they are written, which follows the generators', which follows
PLUGINS; the index's files are named by what they hold). And every file a
build writes is one its generators declared before writing
(sitecore/site_files.py), but for that index, which no generator writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_in
from pelican import signals

from sitecore.site_files import declared_files

NOW = ("--now", "2024-05-01 12:00")


def written_files(output: Path) -> set[str]:
    return {path.relative_to(output).as_posix() for path in output.rglob("*") if path.is_file()}


def outside(folder: str, names: set[str]) -> set[str]:
    return {name for name in names if not name.startswith(f"{folder}/")}


@pytest.fixture(scope="module")
def builds(tmp_path_factory, factory_cache):
    """(the site with PLUGINS as pelicanconf.py has them, the same site with
    PLUGINS reversed, the addresses the first build declared). Both from the
    same content folder: the editor's config names its path."""
    root = tmp_path_factory.mktemp("plugin-order")
    declared: list[set[str]] = []

    def record(generators) -> None:
        declared.append({file.save_as for file in declared_files(generators)})

    signals.all_generators_finalized.connect(record)
    try:
        in_order = build_in(root, output=root / "in-order", cache=factory_cache, options=NOW)
    finally:
        signals.all_generators_finalized.disconnect(record)
    assert in_order.returncode == 0, in_order.stderr
    reversed_order = build_in(root, settings={"PLUGINS": "PLUGINS[::-1]"}, output=root / "reversed",
                              cache=factory_cache, options=NOW)
    assert reversed_order.returncode == 0, reversed_order.stderr
    return in_order, reversed_order, declared[-1]  # the last: the build's own, after its checks


def test_the_sitemap_is_the_same_whatever_the_order_of_plugins(builds):
    in_order, reversed_order, _ = builds
    sitemap = (in_order.output / "sitemap.xml").read_bytes()
    assert sitemap == (reversed_order.output / "sitemap.xml").read_bytes()
    assert b"/policies/housing/</loc>" in sitemap and b"/admin/" not in sitemap


def test_only_the_search_index_follows_the_order_of_plugins(builds, settings):
    in_order, reversed_order, _ = builds
    index = settings["SEARCH_INDEX_PATH"]
    files = outside(index, written_files(in_order.output))
    assert files == outside(index, written_files(reversed_order.output))
    changed = [name for name in sorted(files)
               if (in_order.output / name).read_bytes() != (reversed_order.output / name).read_bytes()]
    assert changed == []


def test_every_file_a_build_writes_was_declared_but_the_search_index(builds, settings):
    """The editor's vendored files included (/admin/fonts/, /admin/yaml/ …):
    no content file may take their addresses, and the sitemap lists none."""
    in_order, _, declared = builds
    written = outside(settings["SEARCH_INDEX_PATH"], written_files(in_order.output))
    assert {"admin/fonts", "admin/yaml", "admin/chunks"} <= {name.rsplit("/", 1)[0] for name in written}
    assert sorted(written - declared) == []
    assert sorted(declared - written) == []
