"""Files plugins write into the site (sitecore/output.py) land inside it."""

from __future__ import annotations

import pytest

from sitecore.output import write_output


@pytest.mark.parametrize("save_as", ["../escaped.txt", "a/../../escaped.txt", "/etc/escaped.txt", "a/b/../../.."])
def test_a_path_that_leaves_the_site_is_refused(tmp_path, save_as):
    site = tmp_path / "site"
    site.mkdir()
    with pytest.raises(ValueError, match="would be written outside the site"):
        write_output(site, save_as, "x")
    assert [path.name for path in tmp_path.rglob("*")] == ["site"]


def test_a_path_inside_the_site_is_written_there(tmp_path):
    site = tmp_path / "site"
    written = write_output(site, "a/../b/c.txt", "words")
    assert written == (site / "b/c.txt").resolve()
    assert written.read_text() == "words"
