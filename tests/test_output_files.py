"""Files plugins write into the site (sitecore/output.py) land inside it,
and every file and folder of a built site is public (0644, 0755), so a web
server can read the copy rsync makes (`invoke publish` keeps modes)."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

import pytest

from sitecore.output import copy_from_cache, with_public_modes, write_atomically, write_output


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


def test_a_cached_file_goes_into_the_site_as_a_link_that_keeps_its_bytes(tmp_path):
    """A share card or WebP copy from the cache is linked, not copied; when
    the cache entry is replaced later, the site keeps the bytes it had."""
    cached = tmp_path / "cache/card.png"
    write_atomically(cached, b"first")
    placed = copy_from_cache(tmp_path / "site", "share/card.png", cached)
    assert placed.read_bytes() == b"first" and os.path.samefile(placed, cached)
    write_atomically(cached, b"second")
    assert placed.read_bytes() == b"first"
    assert [path.name for path in placed.parent.iterdir()] == ["card.png"]  # no temporary left


def test_a_cached_file_on_another_file_system_is_copied(tmp_path):
    """Hard links cannot cross file systems: the file is copied instead."""
    # /dev/shm is a RAM file system here, /tmp is on the disk: one of them is
    # not where this test's folder is (./run-tests puts it in /dev/shm).
    elsewhere = next((folder for folder in (Path("/dev/shm"), Path("/tmp"))
                      if folder.is_dir() and os.stat(folder).st_dev != os.stat(tmp_path).st_dev), None)
    if elsewhere is None:
        pytest.skip("needs a second file system (/dev/shm or /tmp) apart from the test's folder")
    with tempfile.TemporaryDirectory(dir=elsewhere) as folder:
        cached = Path(folder) / "card.png"
        write_atomically(cached, b"bytes")
        placed = copy_from_cache(tmp_path / "site", "card.png", cached)
        assert placed.read_bytes() == b"bytes" and not os.path.samefile(placed, cached)


def test_a_cached_file_replaces_the_one_already_in_the_site(tmp_path):
    cached = tmp_path / "cache/card.png"
    write_atomically(cached, b"new")
    write_output(tmp_path / "site", "card.png", b"old")
    placed = copy_from_cache(tmp_path / "site", "card.png", cached)
    assert placed.read_bytes() == b"new" and os.path.samefile(placed, cached)
    assert sorted(path.name for path in placed.parent.iterdir()) == ["card.png"]


def test_linking_the_same_cached_file_twice_leaves_nothing_else(tmp_path):
    cached = tmp_path / "cache/card.png"
    write_atomically(cached, b"bytes")
    copy_from_cache(tmp_path / "site", "card.png", cached)
    placed = copy_from_cache(tmp_path / "site", "card.png", cached)
    assert placed.read_bytes() == b"bytes"
    assert sorted(path.name for path in placed.parent.iterdir()) == ["card.png"]


def test_a_card_edited_in_place_in_the_site_is_drawn_again_not_served_from_the_cache(make_site, tmp_path,
                                                                                       cold_cache):
    """The site's card is the cache's file (a hard link): a tool that edits
    it in place edits the cache too. The next build sees it and draws the
    card again, as a cold build would."""
    cache = cold_cache(tmp_path / "own-cache")
    first = make_site(cache=cache)
    assert first.returncode == 0, first.stderr
    card = first.output / "share/news/hello.png"
    good = card.read_bytes()
    with open(card, "r+b") as handle:  # in place: the same file as the cache's
        handle.seek(100)
        handle.write(b"\0" * 50)
    [cached] = [path for path in (cache / "sharecards").iterdir() if os.path.samefile(path, card)]
    again = make_site(cache=cache)
    assert again.returncode == 0, again.stderr
    assert (again.output / "share/news/hello.png").read_bytes() == good
    assert cached.read_bytes() == good
    assert "Share cards: 1 drawn" in again.stderr


def modes_not_public(site: Path) -> list[str]:
    """Files that are not 0644 and folders (`site` too) that are not 0755."""
    return sorted(f"{path.relative_to(site)}: {oct(stat.S_IMODE(path.lstat().st_mode))}"
                  for path in [site, *site.rglob("*")]
                  if not path.is_symlink()
                  and stat.S_IMODE(path.lstat().st_mode) != (0o755 if path.is_dir() else 0o644))


@contextlib.contextmanager
def umask(mask: int):
    previous = os.umask(mask)
    try:
        yield
    finally:
        os.umask(previous)


def test_a_file_written_atomically_is_public(tmp_path):
    """Not mkstemp's private 0600, which rsync would carry to the web host."""
    write_atomically(tmp_path / "site/minifesto.pdf", b"%PDF")
    assert stat.S_IMODE((tmp_path / "site/minifesto.pdf").stat().st_mode) == 0o644


def test_private_files_and_folders_are_made_public_and_links_are_left_alone(tmp_path):
    site = tmp_path / "site"
    (site / "share").mkdir(parents=True)
    (site / "share/card.png").write_bytes(b"png")
    (site / "share/card.png").chmod(0o600)
    (site / "share").chmod(0o700)
    site.chmod(0o750)
    outside = tmp_path / "outside.txt"
    outside.write_text("not the site's")
    outside.chmod(0o600)
    (site / "link").symlink_to(outside)
    with_public_modes(site)
    assert modes_not_public(site) == []
    assert stat.S_IMODE(outside.stat().st_mode) == 0o600


def test_every_file_and_folder_of_the_site_is_public(site):
    """PDFs, share cards, the search index, robots.txt … as readable as the pages."""
    assert modes_not_public(site.output) == []


def test_a_hardened_umask_and_an_older_cache_of_private_files_still_give_a_public_site(make_site, tmp_path,
                                                                                       cold_cache):
    """A build run with umask 077 (Pelican's pages would be 0600), with a
    cache filled before files were made public (its files 0600, linked into
    the site), still gives a site the web server can read."""
    cache = cold_cache(tmp_path / "own-cache")
    first = make_site(cache=cache)
    assert first.returncode == 0, first.stderr
    for path in cache.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)
    with umask(0o077):
        again = make_site(cache=cache, output=tmp_path / "second-output")
    assert again.returncode == 0, again.stderr
    assert "Share cards: 0 drawn" in again.stderr  # the cache's own (private) cards were used
    assert modes_not_public(again.output) == []


def test_a_cache_file_of_another_user_is_copied_into_the_site_as_a_public_file(tmp_path, monkeypatch):
    """Linked from a cache another user filled, the site's card cannot be
    chmodded (its owner alone may): the site gets a public copy of its own.
    Tests run as root, whom the kernel never refuses, so the refusal is the
    kernel's answer to that user, played here."""
    cached, card = tmp_path / "cache/card.png", tmp_path / "site/share/card.png"
    cached.parent.mkdir()
    cached.write_bytes(b"png")
    cached.chmod(0o600)
    card.parent.mkdir(parents=True)
    os.link(cached, card)
    for folder in (card.parent.parent, card.parent):
        folder.chmod(0o755)  # only the card is not public

    def refuse(path, mode, *arguments, **options):
        raise PermissionError(1, "Operation not permitted", str(path))

    with monkeypatch.context() as patched:
        patched.setattr(os, "chmod", refuse)
        with_public_modes(tmp_path / "site")
    assert card.read_bytes() == b"png" and not os.path.samefile(card, cached)
    assert stat.S_IMODE(card.stat().st_mode) == 0o644 and stat.S_IMODE(cached.stat().st_mode) == 0o600
