"""Drafts and embargoed posts appear in no output at all, until they should;
the drafts preview shows them, labelled, and is kept out of search engines."""

from __future__ import annotations

import gzip
import subprocess
import zipfile

import pytest
from conftest import build_in, policy_markdown

UNPUBLISHED = {
    "posts/zebra-draft-post.md": """\
        ---
        title: Zebra draft post
        date: 2021-11-25
        category: news
        summary: Not ready yet.
        status: draft
        ---
        Quagga text.
        """,
    "posts/walrus-embargoed-release.md": """\
        ---
        title: Walrus embargoed release
        date: 2099-03-01 09:00
        embargo: 2099-03-01 09:00
        category: press-releases
        summary: Out on the day.
        tags: [walrus-tag]
        ---
        Narwhal text.
        """,
    "posts/marmot-embargoed-release.md": """\
        ---
        title: Marmot embargoed release
        date: 2099-04-01
        embargo: 2099-04-01
        category: press-releases
        summary: Out at midnight.
        ---
        Pika text.
        """,
    "policies/02-yak-draft-policy.md": policy_markdown("Yak draft policy", 2, "status: draft\n"),
    "councillors/okapi-draft-councillor.md": """\
        ---
        title: Okapi Draft Councillor
        role: Town councillor
        joined: 2021-08-18
        summary: Not announced yet.
        status: draft
        ---
        Biography.
        """,
    "pages/ibex-draft-page.md": """\
        ---
        title: Ibex draft page
        summary: Not ready.
        status: draft
        ---
        Text.
        """,
}
SECRETS = ["Zebra draft post", "zebra-draft-post", "Quagga", "Walrus embargoed release", "walrus-embargoed-release",
           "walrus-tag", "Narwhal", "Yak draft policy", "yak-draft-policy", "Okapi Draft Councillor",
           "okapi-draft-councillor", "Ibex draft page", "ibex-draft-page", "Marmot embargoed release",
           "marmot-embargoed-release", "Pika"]


def readable_text(path) -> bytes:
    """A file's bytes, and what its compression hides from them: a PDF's
    extracted text, the files inside the EPUB book, and the search index's
    files (Pagefind gzips each)."""
    data = path.read_bytes()
    if path.suffix == ".pdf":
        data += subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout
    elif path.suffix == ".epub":
        with zipfile.ZipFile(path) as book:
            data += b"".join(book.read(name) for name in book.namelist())
    elif data.startswith(GZIP_MAGIC):
        data += gzip.decompress(data)
    return data


GZIP_MAGIC = b"\x1f\x8b"


def leaks(output) -> list[tuple[str, str]]:
    found = []
    for path in output.rglob("*"):
        if path.is_file():
            name = str(path.relative_to(output))
            data = readable_text(path) + name.encode()  # file names too (share cards)
            found += [(name, s) for s in SECRETS if s.encode() in data]
    return found


def test_nothing_unpublished_appears_in_any_output_file(make_site):
    build = make_site(UNPUBLISHED)
    assert build.returncode == 0, build.stderr
    files = [p for p in build.output.rglob("*") if p.is_file()]
    assert any(p.suffix == ".pdf" for p in files) and any(p.suffix == ".xml" for p in files)
    # The book and the search index are read inside: the published items are found there.
    assert b"Homes for everyone" in readable_text(build.output / "minifesto.epub")
    assert any(b"Hello from the party" in readable_text(p) for p in (build.output / "pagefind").rglob("*.pf_fragment"))
    assert leaks(build.output) == []


def published_only_from(make_site, tmp_path, files, page: str, just_before: str, moment: str):
    """Build at `just_before` and at `moment`: the page must appear only in the second."""
    before = make_site(files, output=tmp_path / "before", options=("--now", just_before))
    assert before.returncode == 0, before.stderr
    assert not (before.output / page).exists()
    after = make_site(files, output=tmp_path / "after", options=("--now", moment))
    assert after.returncode == 0, after.stderr
    assert (after.output / page / "index.html").exists()
    return after


def test_an_embargo_lifts_at_its_moment(make_site, tmp_path):
    after = published_only_from(make_site, tmp_path, UNPUBLISHED, "news/walrus-embargoed-release",
                                "2099-03-01 08:59", "2099-03-01 09:00")
    assert b"Walrus embargoed release" in (after.output / "feeds/all.atom.xml").read_bytes()
    assert b"news/walrus-embargoed-release/" in (after.output / "sitemap.xml").read_bytes()


@pytest.fixture(scope="module")
def drafts_preview(tmp_path_factory, factory_cache):
    """UNPUBLISHED built as a drafts preview (--drafts), once: the tests below only read it."""
    return build_in(tmp_path_factory.mktemp("drafts-preview"), UNPUBLISHED, cache=factory_cache,
                    options=("--drafts",))


def test_the_drafts_preview_shows_them_labelled_and_noindex(drafts_preview):
    build = drafts_preview
    assert build.returncode == 0, build.stderr
    post = build.html("news/zebra-draft-post/")
    assert post.select_one(".preview-label").get_text(" ", strip=True).startswith("Draft")
    release = build.html("news/walrus-embargoed-release/")
    assert "Embargoed until 1 March 2099, 09:00" in release.select_one(".preview-label").get_text()
    # An embargo written as a date alone lifts at midnight, said as the day alone.
    midnight = build.html("news/marmot-embargoed-release/").select_one(".preview-label").get_text(" ", strip=True)
    assert midnight.startswith("Embargoed until 1 April 2099") and "00:00" not in midnight, midnight
    for path in ("", "policies/yak-draft-policy/", "councillors/okapi-draft-councillor/", "ibex-draft-page/"):
        soup = build.html(path)
        assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow", path
        assert soup.select_one(".preview-banner"), path
    assert "Disallow: /" in (build.output / "robots.txt").read_text()


def test_the_drafts_preview_labels_drafts_in_the_policy_and_councillor_listings(drafts_preview):
    build = drafts_preview
    assert build.returncode == 0, build.stderr
    policy = next(s for s in build.html("policies/").select("section.policy") if "Yak" in s.get_text())
    assert "Draft" in policy.select_one(".preview-label").get_text()
    directory = build.html("councillors/")
    card = next(c for c in directory.select(".card") if "Okapi" in c.get_text())
    assert "Draft" in card.select_one(".meta strong").get_text()
    glance = next(li for li in build.html("").select(".policy-glance li") if "Yak" in li.get_text())
    assert "Draft" in glance.find("strong").get_text()


def test_an_embargo_in_utc_lifts_at_its_moment_when_the_clocks_go_back(make_site, tmp_path):
    # 01:30 UTC on 30 October 2022 is the second 01:30 in London (GMT); a
    # review saw it published at 00:45 UTC (01:45 BST), an hour early.
    release = ("---\ntitle: Autumn release\ndate: 2022-10-30T01:30:00+00:00\ncategory: press-releases\n"
               "summary: Embargoed.\nembargo: 2022-10-30T01:30:00+00:00\n---\nText.\n")
    published_only_from(make_site, tmp_path, {"posts/autumn-release.md": release}, "news/autumn-release",
                        "2022-10-30T00:45:00+00:00", "2022-10-30T01:30:00+00:00")
