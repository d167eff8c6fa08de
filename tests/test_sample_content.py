"""Sample content looks like sample content (plugins/samplecontent): while
SAMPLE_CONTENT is on and anything is marked `sample:`, every page and the
minifesto's cover say so and each marked item's note comes first; with
SAMPLE_CONTENT off a marked item is refused at its line; and a production
build refuses the placeholder imprint and press numbers."""

from __future__ import annotations

import textwrap
import zipfile

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import MINIMAL_SITE, production_settings, with_real_numbers
from content_source import published
from pdf_tools import pdftotext
from test_site import PAGE_TYPES, text_of

SAMPLE_POST = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]).replace(
    "councillors: [jo-bloggs]\n", "councillors: [jo-bloggs]\nsample: a volunteer will confirm the quotes.\n")


@pytest.mark.parametrize("name,path", list(PAGE_TYPES.items()))
def test_every_page_says_the_site_holds_sample_content(site, name, path):
    """First in <main>: outside every landmark, the skip link and landmark
    navigation passed it by."""
    banner = site.html(path).select_one("main > .sample-banner")
    assert banner is not None and "Sample content" in text_of(banner), name
    assert site.html(path).main.find(True) is banner, name


EDITION_NOTE = "Sample content: this edition holds sample wording, marked where it appears."


def test_every_edition_of_the_minifesto_says_first_that_it_holds_sample_content(site):
    """On the PDFs' covers, at the head of the plain text, and before the
    foreword's words in the e-book (which had only the foreword's own note)."""
    for name in ("minifesto.pdf", "minifesto-large-print.pdf"):
        cover = " ".join(pdftotext(site.output / name).split("\f")[0].split())
        assert EDITION_NOTE in cover, name
    (text,) = site.output.glob("minifesto/*-[0-9][0-9][0-9][0-9]-[0-9][0-9].txt")
    head = " ".join(text.read_text(encoding="utf-8").split("=" * 72)[0].split())
    assert head.endswith(EDITION_NOTE), head
    (book,) = site.output.glob("minifesto/*-[0-9][0-9][0-9][0-9]-[0-9][0-9].epub")
    with zipfile.ZipFile(book) as epub:
        foreword = BeautifulSoup(epub.read("EPUB/foreword.xhtml"), "xml")
    notes = [text_of(note) for note in foreword.select(".sample-note")]
    assert notes[0] == EDITION_NOTE and len(notes) == 2, notes


def test_each_marked_item_shows_its_note_before_its_words(site):
    pages = {"posts": "news/{}/", "policies": "policies/{}/", "councillors": "councillors/{}/", "pages": "{}/"}
    marked = 0
    for folder, pattern in pages.items():
        for slug, meta in published(folder):
            if not meta.get("sample"):
                continue
            marked += 1
            main = site.html(pattern.format(slug)).main
            note = main.select_one(".sample-note")
            assert note is not None and meta["sample"] in text_of(note), slug
            # Before the summary, the commitments and the text: right under the title.
            assert note.find_previous(["h1"]) is not None
            for later in main.select(".lead, .policy-summary, .commitments, .prose"):
                assert note in later.find_all_previous(class_="sample-note"), (slug, later.get("class"))
    assert marked >= 10  # the ten sample policies at least


def test_each_marked_posts_feed_entry_starts_with_its_note(site):
    """A feed reader or an email carries no banner: a marked post's entry
    says first that it is sample content, as its page does; an unmarked
    post's entry has no note."""
    entries = {entry.link: entry for entry in feedparser.parse(site.output / "feeds/all.atom.xml").entries}
    marked = 0
    for slug, meta in published("posts"):
        entry = next(entry for link, entry in entries.items() if link.endswith(f"/news/{slug}/"))
        first = BeautifulSoup(entry.content[0].value, "html.parser").find(True)
        if meta.get("sample"):
            marked += 1
            assert "sample-note" in first.get("class", []) and meta["sample"] in text_of(first), slug
        else:
            assert "sample-note" not in (first.get("class") or []), slug
    assert marked >= 5 and marked < len(published("posts"))  # both kinds, on the real site


def test_a_policys_note_comes_before_its_commitments_in_the_pdf(site):
    text = " ".join(pdftotext(site.output / "minifesto.pdf").split())
    for _, policy in published("policies"):
        if policy.get("sample"):
            start = text.index(f"{policy['number']}. {policy['title']}", text.index("Foreword"))
            assert text.index(policy["sample"], start) < text.index(f"{policy['number']}.1 ", start)


def test_without_anything_marked_there_is_no_banner(make_site):
    build = make_site()
    assert build.returncode == 0, build.stderr
    assert build.html("").select_one(".sample-banner") is None


def test_with_sample_content_off_a_marked_item_is_refused_at_its_line(make_site):
    build = make_site({"posts/hello.md": SAMPLE_POST}, settings={"SAMPLE_CONTENT": "False"})
    assert build.returncode == 1
    line = SAMPLE_POST.splitlines().index("sample: a volunteer will confirm the quotes.") + 1
    assert build.problem_lines == [
        f"content/posts/hello.md:{line}: sample: marks this as sample content, and SAMPLE_CONTENT is off — "
        "replace the sample wording, then delete the sample: line "
        "(or set SAMPLE_CONTENT = True in pelicanconf.py while sample content remains)"]


def test_a_marked_draft_shows_no_banner_on_the_public_site(make_site):
    draft = SAMPLE_POST.replace("category: news\n", "category: news\nstatus: draft\n")
    build = make_site({"posts/hello.md": draft})
    assert build.returncode == 0, build.stderr
    assert build.html("").select_one(".sample-banner") is None


def test_a_production_build_refuses_the_placeholders_at_their_lines(make_site, tmp_path):
    from conftest import REPO

    build = make_site(options=("--settings", str(REPO / "publishconf.py")))
    assert build.returncode == 1
    assert not (build.output / "index.html").exists()
    press_office = textwrap.dedent(MINIMAL_SITE["press-office.md"]).splitlines()
    phone = next(n for n, line in enumerate(press_office, 1) if "020 7946 0123" in line)
    out_of_hours = next(n for n, line in enumerate(press_office, 1) if "07700 900123" in line)
    problems = build.problem_lines + [line for line in build.stderr.splitlines() if line.startswith("pelicanconf.py:")]
    assert f'content/press-office.md:{phone}: phone: "020 7946 0123" is a placeholder, not a real contact ' \
           "— write the press office's real details before publishing" in problems
    assert any(line.startswith(f"content/press-office.md:{out_of_hours}: out_of_hours: ") for line in problems)
    assert any(line.startswith("pelicanconf.py:") and '"Jo Bloggs" is a placeholder' in line for line in problems)
    assert any(line.startswith("pelicanconf.py:") and '"PO Box 0000" is a placeholder' in line for line in problems)
    # The README quotes the imprint's line as the build prints it, with the
    # line of pelicanconf.py that holds the placeholder.
    conf = (REPO / "pelicanconf.py").read_text(encoding="utf-8").splitlines()
    quoted = [line.strip().removesuffix("…") for line in (REPO / "README.md").read_text(encoding="utf-8").splitlines()
              if line.strip().startswith("pelicanconf.py:")]
    assert quoted
    for text in quoted:
        number, rest = text.removeprefix("pelicanconf.py:").split(":", 1)
        assert any(rest in line for line in problems), text
        assert rest.split('"')[1] in conf[int(number) - 1], f"{text}: pelicanconf.py's line is {conf[int(number) - 1]!r}"

    real = make_site({"press-office.md": with_real_numbers(MINIMAL_SITE["press-office.md"])},
                     options=("--settings", str(production_settings(tmp_path))))
    assert real.returncode == 0, real.stderr


@pytest.mark.parametrize("written", ["+44 20 7946 0321", "(020) 7946 0321", "+44 (0)7700 900321", "07700-900-321"])
def test_a_placeholder_number_is_refused_however_it_is_written_and_in_a_heading(make_site, tmp_path, written):
    """The press office's text is published, its Markdown headings too: a
    '#' line there is not a comment."""
    office = textwrap.dedent(with_real_numbers(MINIMAL_SITE["press-office.md"])).replace(
        "Notes to editors.", f"## Out of hours: {written}\n\nNotes to editors.")
    build = make_site({"press-office.md": office}, options=("--settings", str(production_settings(tmp_path))))
    assert build.returncode == 1
    line = office.splitlines().index(f"## Out of hours: {written}") + 1
    assert build.problem_lines == [f'content/press-office.md:{line}: (text): "{written}" is a placeholder, not a real '
                                   "contact — write the press office's real details before publishing"]
