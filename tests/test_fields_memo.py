"""Front matter fields kept between builds (sitecore/schema/fields_memo.py)
give the same Document as parsing the block again, and only what parsing
would give."""

from __future__ import annotations

import pytest

from sitecore.schema.document import parse_document
from sitecore.schema.fields_memo import FieldsMemo
from sitecore.schema.front_matter_errors import FrontMatterError
from sitecore.sealed import read_sealed, write_sealed

POST = """---
title: A post
date: 2022-03-01
tags: [launch, policy]
contacts:
  - name: Sam
    email: sam@example.org
  - name: Jo
title: Given twice
---
The text.
"""


def kept_files(cache) -> list:
    return [path for path in (cache / "front-matter").rglob("*") if path.is_file()]


def test_a_kept_block_gives_the_document_parsing_gives(tmp_path):
    memo = FieldsMemo(tmp_path)
    parsed = parse_document(POST)
    assert parse_document(POST, memo) == parsed  # parsed, then kept
    assert len(kept_files(tmp_path)) == 1
    remembered = parse_document(POST, FieldsMemo(tmp_path))  # a later build's memo
    assert remembered == parsed
    assert remembered.value_lines[("contacts", 1, "name")] == 8
    assert remembered.duplicate_keys == [("title", 9)]
    # The same block with another body: the fields come from the memo, the body does not.
    other = parse_document(POST.replace("The text.", "Other text."), FieldsMemo(tmp_path))
    assert other.body == "Other text.\n" and other.values == parsed.values


def test_what_the_memo_holds_is_used(tmp_path):
    """The memo answers (so a build reads it rather than parse): a kept
    entry, changed behind its back, is what comes back."""
    memo = FieldsMemo(tmp_path)
    parse_document(POST, memo)
    [kept] = kept_files(tmp_path)

    def change_kept(old: str, new: str) -> None:
        """Change the entry and seal it again, as a build that wrote it would."""
        write_sealed(kept, read_sealed(kept).replace(old.encode(), new.encode()))

    change_kept('"A post"', '"From the memo"')
    assert parse_document(POST, memo).values["title"] == "Given twice"  # the second title wins, as PyYAML's
    change_kept('"Given twice"', '"From the memo"')
    assert parse_document(POST, memo).values["title"] == "From the memo"
    # Changed without its seal (damaged), it is not used: the block is read again.
    kept.write_bytes(kept.read_bytes().replace(b'"From the memo"', b'"Damaged here"'))
    assert parse_document(POST, memo).values["title"] == "Given twice"


@pytest.mark.parametrize("block", ["numbers:\n  1: one\n", "nothing:\n  ~: none\n"])
def test_values_json_cannot_give_back_are_never_kept(tmp_path, block):
    memo = FieldsMemo(tmp_path)
    text = f"---\ntitle: T\n{block}---\nBody\n"
    parse_document(text, memo)
    assert not (tmp_path / "front-matter").exists()
    # No NaN comes out of front matter any more: `.nan` is the text written
    # (sitecore/schema/front_matter_loader.py), which JSON gives back.
    assert parse_document("---\nratio: .nan\n---\nBody\n", memo).values == {"ratio": ".nan"}


def test_a_block_that_cannot_be_read_is_never_kept(tmp_path):
    memo = FieldsMemo(tmp_path)
    broken = "---\ntitle: [unclosed\n---\nBody\n"
    for _ in range(2):  # the problem is reported every time
        with pytest.raises(FrontMatterError):
            parse_document(broken, memo)
    assert not (tmp_path / "front-matter").exists()
