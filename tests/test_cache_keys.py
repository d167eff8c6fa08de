"""A cached result is keyed on the source of every module of ours that
decides it: a change to any of them makes it again, rather than serving
what older code made (a warm build must write what a cold one writes).

The share cards and the minifesto's PDFs are kept across builds under keys
that list modules by hand (CARD_DRAWING_CODE, RENDERING_CODE). These tests
follow the imports of the code that draws a card and renders a PDF (as the
cheaper kept results' keys do by themselves: sitecore/text_memo.py), and
hold each module it reaches to one of two lists: in the key, or named here
with the reason its code cannot change the result. A module added to that
code later must be put in one or the other.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO

from sitecore.text_memo import our_modules_used_by


def named(files) -> set[str]:
    return {".".join(Path(path).relative_to(REPO).with_suffix("").parts) for path in files}


# What each module left out of a key does instead of deciding the bytes.
CARD_CODE_OUT_OF_THE_KEY = {
    "sitecore.output": "writes the card into the cache",
}
PDF_CODE_OUT_OF_THE_KEY = {
    "plugins.minifesto.pdf": "in the key as the key's own module",
    "sitecore.output": "writes files",
    "sitecore.problems": "records problems; a PDF with one is not kept",
    "sitecore.settings_check": "checks settings' kinds; the settings' values are in the key",
    "sitecore.settings_file": "names the settings file in messages",
    "sitecore.language_tags": "reached through settings_check, for the language tags of a setting",
    "sitecore.text_memo": "reached through language_tags, which keeps the registry's answers",
    "sitecore.sealed": "reached through text_memo: reads and writes kept files",
}


@pytest.mark.parametrize("renderer, key_modules, out_of_the_key", [
    ("plugins.sharecards.card_file", "plugins.sharecards.cache_key:CARD_DRAWING_CODE", CARD_CODE_OUT_OF_THE_KEY),
    ("plugins.minifesto.weasyprint_render", "plugins.minifesto.pdf:RENDERING_CODE", PDF_CODE_OUT_OF_THE_KEY),
])
def test_every_module_that_decides_a_kept_result_is_in_its_key(renderer, key_modules, out_of_the_key):
    module_name, attribute = key_modules.split(":")
    in_the_key = named(getattr(__import__(module_name, fromlist=[attribute]), attribute))
    reached = named(our_modules_used_by((renderer,)))
    assert sorted(reached - in_the_key - set(out_of_the_key)) == []
    assert sorted(set(out_of_the_key) & in_the_key - {"plugins.minifesto.pdf"}) == []  # each in one list only


def test_a_kept_texts_key_follows_the_imports_of_its_code():
    """The safe HTML's key holds sitecore/regions.py, which it reaches only
    through sitecore/heading_ids.py; a kept search index's key holds the
    code that sorts its filters (it held a version number bumped by hand)."""
    assert "sitecore.regions" in named(our_modules_used_by(("plugins.frontmatter.safe_html",)))
    assert "plugins.search.stable_index" in named(our_modules_used_by(("plugins.search.plugin",)))
    # A name imported from a module, another library and a package are no modules of ours.
    assert our_modules_used_by(("sitecore.regions.nothing", "yaml", "plugins.search")) == ()
