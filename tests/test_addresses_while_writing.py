"""plugins/urlmemo keeps each item's address while the pages are written:
a build without it writes the same files, byte for byte."""

from __future__ import annotations

from compare_builds import explain, files_of
from conftest import MINIMAL_SITE, build_in

NOW = ("--now", "2022-06-01 12:00")
# A draft beside the published items: another status, another address pattern.
FILES = {"posts/a-draft.md": MINIMAL_SITE["posts/hello.md"].replace(
    "title: Hello from the party", "title: A draft\n        status: draft")}


def test_remembering_addresses_while_writing_changes_no_byte(tmp_path, factory_cache):
    # With --drafts, so the draft is written too (under its draft address).
    options = (*NOW, "--drafts")
    remembered = build_in(tmp_path, FILES, cache=factory_cache, output=tmp_path / "remembered", options=options)
    asked = build_in(tmp_path, FILES, settings={"PLUGINS": "[p for p in PLUGINS if p != 'plugins.urlmemo']"},
                     cache=factory_cache, output=tmp_path / "asked", options=options)
    assert remembered.returncode == asked.returncode == 0, remembered.stderr + asked.stderr
    first, second = files_of(remembered.output), files_of(asked.output)
    assert "news/a-draft/index.html" in first
    assert first == second, explain(first, second)
