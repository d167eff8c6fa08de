"""The minifesto in every format, read back with real PDF tools."""

from __future__ import annotations

import copy
import json
import re

import pikepdf
import pytest
from conftest import REPO
from content_source import CONTENT, front_matter, published
from pdf_tools import (
    body_lines,
    figures,
    marked_text,
    median_font_size,
    outline_titles,
    pdffonts,
    pdfinfo,
    pdftotext,
    render_page_png,
    text_fill,
    text_lines,
    text_runs,
)

from sitecore.imprint import imprint_text

ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(scope="module")
def minifesto():
    return front_matter(CONTENT / "minifesto.md")


@pytest.fixture(scope="module")
def policies():
    return sorted((meta for _, meta in published("policies")), key=lambda meta: meta["number"])


@pytest.fixture(scope="module")
def pdf(site):
    return site.output / "minifesto.pdf"


@pytest.fixture(scope="module")
def large_pdf(site):
    return site.output / "minifesto-large-print.pdf"


def test_pdf_page_count_is_plausible(pdf, policies):
    pages = int(pdfinfo(pdf)["Pages"])
    # cover, contents, foreword, the policies flowing on (about a page
    # each, never more than two), the back cover
    assert len(policies) // 2 + 4 <= pages <= 2 * len(policies) + 4


def test_outline_is_foreword_policies_in_order_then_the_closing_call(pdf, large_pdf, minifesto, policies):
    """The bookmarks read as the contents do: with the policies' numbers;
    and first the press office's contacts, which a journalist looks for."""
    expected = [minifesto["foreword_title"], *(f"{p['number']}. {p['title']}" for p in policies),
                minifesto["closing_title"]]
    for path in (pdf, large_pdf):
        assert outline_titles(path) == ["Press office", *expected]
    contents = " ".join(pdftotext(pdf).split("\f")[1].split())
    assert all(title in contents for title in expected)


def test_no_two_words_run_together_where_a_line_breaks(site, pdf, large_pdf, minifesto, settings):
    """WeasyPrint drew each line without the space it broke at, so the text a
    tag-reading screen reader has ran the last word of a line into the next
    line's first: 41 of the 48 commitments read "…richest andeveryone…",
    and the imprint "…PO Box0000…". Each line now keeps its space
    (print_spaces.py), the cover's, the colophon's and the back cover's too
    (hanging_spaces.py: there pre-wrap had broken a line early)."""
    commitments = [commitment["text"] for policy in json.loads((site.output / "policies.json").read_text())["policies"]
                   for commitment in policy["commitments"]]
    about_the_edition = f"{minifesto['title']}: the {settings['SITENAME']} minifesto, {minifesto['edition']} edition"
    for path in (pdf, large_pdf):
        text = marked_text(path)
        assert [commitment for commitment in commitments if commitment not in text] == [], path.name
        assert text.count(imprint_text(settings)) == 2, path.name  # the colophon's and the back cover's
        assert text.startswith(f"{settings['SITENAME'].upper()}{minifesto['title']}Our minifesto"), path.name
        assert about_the_edition in text, path.name


def test_pdf_text_has_every_policy_and_the_imprint(pdf, policies, settings):
    text = " ".join(pdftotext(pdf).split())
    for policy in policies:
        assert policy["title"] in text
    assert imprint_text(settings) in text
    assert re.search(r"Page 2 of \d+", text)


def test_each_page_of_policies_is_headed_by_a_policy_on_it(pdf, policies):
    """The running head names the first policy that starts on the page, or
    the one carried over from the page before."""
    pages = [" ".join(page.split()) for page in pdftotext(pdf).split("\f")]
    headings = [f"{policy['number']}. {policy['title']}" for policy in policies]
    headed = [page for page in pages if any(page.startswith(heading) for heading in headings)]
    assert len(headed) >= len(policies) // 2
    for page in headed:
        heading = next(heading for heading in headings if page.startswith(heading))
        number = heading.split(".")[0]
        body = page[len(heading):]
        assert heading in body or re.search(rf"\b{number}\.\d ", body), page[:200]


def test_contents_page_numbers_are_real(pdf, policies):
    pages = pdftotext(pdf).split("\f")
    contents = " ".join(pages[1].split())
    for policy in policies:
        match = re.search(rf"{policy['number']}\. {re.escape(policy['title'])}[ .]*?(\d+)", contents)
        assert match, policy["title"]
        page = pages[int(match.group(1)) - 1]
        assert policy["title"] in " ".join(page.split())


def test_pdf_metadata(pdf, minifesto, settings):
    info = pdfinfo(pdf)
    # The edition in the title: two editions' files are told apart in a list.
    assert info["Title"] == f"{minifesto['title']}: the {settings['SITENAME']} minifesto, {minifesto['edition']} edition"
    assert info["Author"] == settings["SITENAME"]
    assert info["Subject"] == minifesto["summary"]
    assert info["Keywords"] == ", ".join(minifesto["keywords"])
    assert info["CreationDate"].startswith(str(minifesto["date"]))
    assert info["Page size"].endswith("(A4)")
    with pikepdf.open(pdf) as document:
        assert str(document.Root.Lang) == settings["DEFAULT_LANG"]


def test_the_imprint_is_in_both_kinds_of_pdf_metadata(pdf, large_pdf, minifesto, settings):
    """In the Info dictionary and in the XMP metadata (which PDF 2.0 keeps
    and catalogues read), as the document's rights statement, beside its
    language; the XMP's other fields are still WeasyPrint's."""
    for path in (pdf, large_pdf):
        with pikepdf.open(path) as document:
            xmp = document.open_metadata()
            assert str(document.docinfo["/imprint"]) == imprint_text(settings)
            assert xmp["dc:rights"] == imprint_text(settings), path.name
            assert xmp["dc:title"] == str(document.docinfo["/Title"])
            assert xmp["dc:language"] == {settings["DEFAULT_LANG"]} == {str(document.Root.Lang)}, path.name
            assert xmp["pdfuaid:part"] == "1"


def test_pdf_is_tagged_with_every_font_embedded(pdf, large_pdf):
    for path in (pdf, large_pdf):
        assert pdfinfo(path)["Tagged"] == "yes"
        with pikepdf.open(path) as document:
            assert "/StructTreeRoot" in document.Root
            assert bool(document.Root.MarkInfo.Marked)
        fonts = pdffonts(path)
        assert fonts and all(font["emb"] == "yes" for font in fonts), fonts


def test_only_the_font_files_the_text_needs_are_embedded(pdf, large_pdf, settings):
    """The text face lists files for Greek, Cyrillic and Vietnamese after its
    Latin ones (pelicanconf.py, INTER_SUBSETS), which the PDFs name "Inter
    Part C" onwards: WeasyPrint embeds a file only for letters it draws, so
    the minifesto, written in Latin letters, carries none of them."""
    assert settings["INTER_SUBSETS"][:2] == ("latin", "latin-ext")
    other_scripts = {f"Part-{letter}" for letter in "CDEFGHIJ"}
    for path in (pdf, large_pdf):
        names = [font["name"] for font in pdffonts(path)]
        assert names and [name for name in names if any(part in name for part in other_scripts)] == [], names


def test_large_print_has_at_least_16pt_body_text(pdf, large_pdf):
    # Pages 4–6 hold policies: body text dominates them.
    assert median_font_size(large_pdf, range(3, 6)) >= 16
    assert median_font_size(pdf, range(3, 6)) < 16


def test_stable_url_serves_the_edition_named_file(site, minifesto):
    month = str(minifesto["date"])[:7]
    edition = site.output / f"minifesto/breakthrough-minifesto-{month}"
    assert (site.output / "minifesto.pdf").read_bytes() == edition.with_suffix(".pdf").read_bytes()
    assert (site.output / "minifesto-large-print.pdf").read_bytes() == (
        edition.parent / f"{edition.name}-large-print.pdf").read_bytes()
    assert (site.output / "minifesto.txt").read_bytes() == edition.with_suffix(".txt").read_bytes()


def test_plain_text_edition(site, policies, settings, minifesto):
    text = (site.output / "minifesto.txt").read_text(encoding="utf-8")
    positions = [text.index(f"POLICY {p['number']}: {p['title'].upper()}") for p in policies]
    assert positions == sorted(positions)
    for policy in policies:
        for commitment in policy["commitments"]:
            assert " ".join(commitment.split()) in " ".join(text.replace("\n  ", " ").split())
    assert minifesto["edition"] in text
    assert imprint_text(settings) in " ".join(text.split())


def test_the_plain_text_edition_says_how_to_cite_it_and_whom_to_call(site, minifesto, settings):
    """As the PDF's page after its contents does: a journalist quoting from
    the text file had no address to cite and no number to call."""
    text = " ".join((site.output / "minifesto.txt").read_text(encoding="utf-8").split())
    base, month = settings["SITE_CANONICAL_URL"], str(minifesto["date"])[:7]
    about = text[text.index("ABOUT THIS EDITION"):text.index(minifesto["foreword_title"].upper())]
    assert f"Read it online, in other formats and in its latest edition: {base}/minifesto/" in about
    assert f"How to cite: {settings['SITENAME']}, {minifesto['title']}, {minifesto['edition']} edition" in about
    assert f"{base}/minifesto/{month}/#policy-1-1." in about
    office = front_matter(CONTENT / "press-office.md")
    for contact in office["contacts"]:
        assert f"- {contact['name']}, {contact['role']}: {contact['phone']}, {contact['email']}" in about
    assert f"- Out of hours: {office['out_of_hours']}" in about


def test_policies_json_agrees_with_the_policies(site, policies, minifesto, settings):
    data = json.loads((site.output / "policies.json").read_text(encoding="utf-8"))
    assert data["edition"] == minifesto["edition"]
    assert data["edition_date"] == str(minifesto["date"])
    base = settings["SITE_CANONICAL_URL"]
    assert [p["number"] for p in data["policies"]] == [p["number"] for p in policies]
    for entry, policy in zip(data["policies"], policies):
        assert entry["title"] == policy["title"]
        assert entry["summary"] == policy["summary"]
        assert [commitment["text"] for commitment in entry["commitments"]] == policy["commitments"]
        assert entry["anchor"] == f"policy-{policy['number']}"
        assert entry["url"] == f"{base}/policies/{entry['slug']}/"
        assert entry["edition_url"] == f"{base}/minifesto/{str(minifesto['date'])[:7]}/#policy-{policy['number']}"


def test_index_and_web_edition_agree_with_the_policies(site, policies, minifesto):
    for path in ("policies/", "minifesto/"):
        soup = site.html(path)
        sections = soup.select("main section.policy")
        assert [s["id"] for s in sections] == [f"policy-{p['number']}" for p in policies], path
        assert [s.select_one(".policy-name").get_text(strip=True) for s in sections] == [p["title"] for p in policies]
        assert [s.select_one(".policy-summary").get_text(strip=True) for s in sections] == [p["summary"] for p in policies]
    edition = site.html("minifesto/")
    contents = [a["href"] for a in edition.select("main nav.contents a")]
    assert contents == ["#foreword", *(f"#policy-{p['number']}" for p in policies), "#join"]
    assert minifesto["foreword_title"] in edition.select_one("#foreword h2").get_text()


def test_download_box_gives_every_format_with_type_and_size(site):
    for path in ("policies/", "minifesto/"):
        links = site.html(path).select("main .downloads li")
        assert len(links) == 5, path
        for item in links:
            href = item.a["href"].lstrip("/")
            size = (site.output / href).stat().st_size
            label = item.select_one(".meta").get_text()
            file_type, shown = re.fullmatch(r"\((.+), (\d+) KB\)", label).groups()
            assert file_type in {"PDF", "EPUB", "Plain text", "JSON"}
            assert int(shown) == max(1, round(size / 1024)), (href, label)


def test_cover_rendered_for_a_person_to_look_at(pdf):
    png = render_page_png(pdf, 1, ARTIFACTS / "minifesto-cover")
    assert png.exists() and png.stat().st_size > 1000


def page_text(path, number: int) -> str:
    return " ".join(pdftotext(path).split("\f")[number - 1].split())


def test_no_page_is_left_mostly_empty(pdf, large_pdf):
    """Policies flow on from page to page: between the covers, every page's
    text reaches at least a quarter of the way down it (a page per policy
    left half of each blank, and pages holding a few run-over lines)."""
    for path in (pdf, large_pdf):
        pages = text_lines(path)
        fills = [round(text_fill(page), 2) for page in pages[1:-1]]
        assert min(fills) >= 0.25, (path.name, fills)


def test_running_text_has_a_readable_measure(pdf, large_pdf):
    """60–75 characters a line: none longer, and the longer lines of the
    policies' pages (after the contents and colophon) close to it."""
    for path in (pdf, large_pdf):
        lengths = sorted(len(line["text"]) for page in text_lines(path)[2:-1] for line in body_lines(page))
        assert lengths[-1] <= 75, (path.name, lengths[-5:])
        assert lengths[int(len(lengths) * 0.9)] >= 55, (path.name, lengths[int(len(lengths) * 0.9)])


def test_the_covers_say_what_the_copy_is(pdf, large_pdf, minifesto, settings):
    address = settings["SITE_CANONICAL_URL"].removeprefix("https://")
    for path, large in ((pdf, False), (large_pdf, True)):
        cover = page_text(path, 1)
        assert cover.count(minifesto["edition"]) == 1 and str(minifesto["date"])[:4] + " edition" in cover
        assert address in cover
        assert ("Large print" in cover) is large
        last = int(pdfinfo(path)["Pages"])
        logo = f"{settings['SITENAME']} logo"
        assert (logo, 1) in figures(path) and (logo, last) in figures(path), "the covers show the logo"
        back = page_text(path, last)
        assert "Join us" in back and imprint_text(settings) in back
        assert "Printed by" not in back  # no printer is named in pelicanconf.py


def test_the_colophon_gives_edition_address_contacts_and_imprint(pdf, minifesto, settings):
    colophon = page_text(pdf, 2)
    office = front_matter(CONTENT / "press-office.md")
    for part in (f"{minifesto['edition']} edition", "1 March 2022", f"{settings['SITE_CANONICAL_URL']}/minifesto/",
                 *(contact["email"] for contact in office["contacts"]), *(c["phone"] for c in office["contacts"]),
                 imprint_text(settings)):
        assert part in colophon, part


def test_a_cited_address_is_followed_by_its_full_stop(pdf, large_pdf):
    """In "How to cite", the stop after each address follows its last
    letter, as written: in large print, the example address is longer than
    a line, and its stop sat alone at the far right of the line below."""
    for path in (pdf, large_pdf):
        text = pdftotext(path)
        cite = text[text.index("How to cite"):text.index("Press office")]
        assert re.search(r"/minifesto/2022-03/\. Every", cite) and re.search(r"#policy-1-1\.$", cite, re.M), \
            (path.name, cite)
        assert not re.search(r"\S {2,}\.$", cite, re.M), (path.name, cite)


def test_a_printed_edition_names_its_printer_on_the_back_cover(make_site):
    built = make_site(settings={"MINIFESTO_PRINTED_BY": repr("Example Print Ltd, 1 High Street, Anytown AB1 2CD")})
    assert built.returncode == 0, built.stderr
    for name in ("minifesto.pdf", "minifesto-large-print.pdf"):
        path = built.output / name
        back = page_text(path, int(pdfinfo(path)["Pages"]))
        assert "Printed by Example Print Ltd, 1 High Street, Anytown AB1 2CD." in back, back


def test_the_web_edition_numbers_its_contents_once_and_names_its_edition_once(site, minifesto, policies):
    """No list numbers of its own beside the policies' numbers ("2. 1. Tackle
    inequality"), and the edition said once above the contents (the "How to
    cite" line repeats it, as a citation must)."""
    from test_site import text_of

    main = copy.copy(site.html("minifesto/").main)  # changed below: the parsed page is shared
    contents = main.select_one("nav.contents")
    assert contents.find("ol") is None
    assert [text_of(li) for li in contents.select("li")] == [
        minifesto["foreword_title"], *(f"{p['number']}. {p['title']}" for p in policies), minifesto["closing_title"]]
    for cite in main.select(".how-to-cite"):
        cite.decompose()
    assert text_of(main).count(f"{minifesto['edition']} edition") == 1


def test_every_zero_is_drawn_without_a_slash(pdf, large_pdf, settings):
    """The party's face (Atkinson Hyperlegible) has only a slashed zero
    ("2Ø22"): every run of text holding a zero, page numbers and commitment
    numbers included, is set in the text face, embedded."""
    text_face = settings["MINIFESTO_TEXT_FONT_FAMILY"]
    for path in (pdf, large_pdf):
        runs = text_runs(path, range(int(pdfinfo(path)["Pages"])))
        with_zero = [(text, font) for text, font in runs if "0" in text]
        assert len(with_zero) >= 10, path.name
        assert [(text, font) for text, font in with_zero if not font.startswith(text_face)] == [], path.name
        assert any(font["name"].split("+")[-1].startswith(text_face) and font["emb"] == "yes"
                   for font in pdffonts(path))
