"""The minifesto across builds: reproducible, cached, re-rendered on change,
and failing clearly on bad input without touching output/."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from compare_builds import files_of
from conftest import MINIMAL_SITE, REPO, build_in, check_content, policy_markdown
from pdf_tools import pdftotext


def test_two_builds_of_the_same_input_are_byte_identical(make_site, tmp_path):
    first = make_site(output=tmp_path / "one", cache=tmp_path / "cache-one")
    second = make_site(output=tmp_path / "two", cache=tmp_path / "cache-two")
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    for name in ("minifesto.pdf", "minifesto-large-print.pdf", "minifesto.txt", "policies.json"):
        assert (first.output / name).read_bytes() == (second.output / name).read_bytes(), name


def test_an_unchanged_build_reuses_the_pdf_and_a_change_re_renders_it(make_site, tmp_path):
    cache = tmp_path / "cache"
    first = make_site(cache=cache)
    assert "Minifesto standard PDF: rendered" in first.stderr + first.stdout
    # Into another folder: a build into the same one would keep the site
    # as it is (sitebuild/unchanged.py) and not look at the PDF at all.
    again = make_site(cache=cache, output=tmp_path / "again")
    log = again.stderr + again.stdout
    assert "Minifesto standard PDF: inputs unchanged, reusing" in log
    assert "rendered (" not in log
    assert (again.output / "minifesto.pdf").read_bytes() == (first.output / "minifesto.pdf").read_bytes()

    changed = make_site({"policies/01-housing.md": MINIMAL_SITE["policies/01-housing.md"].replace(
        "Homes for everyone", "A home for every family")}, cache=cache)
    assert "Minifesto standard PDF: rendered" in changed.stderr + changed.stdout
    assert "A home for every family" in pdftotext(changed.output / "minifesto.pdf")


def test_the_cache_keeps_the_newest_renders_and_those_used_lately(tmp_path):
    """Of an edition's renders of one kind the cache keeps the three newest
    and any used in the last ten minutes (a volunteer trying wordings, or
    builds taking turns): older ones go when a new render is kept. Reusing
    a render counts as using it."""
    import os
    import time

    from plugins.minifesto.pdf import KEPT_WHILE_USED_SECONDS, keep_in_cache, reuse_from_cache
    from sitecore.sealed import sealed

    now = time.time()
    ages = {"old-1": 3600, "old-2": 3000, "used-lately": KEPT_WHILE_USED_SECONDS - 60,
            "new-1": 30, "new-2": 20, "new-3": 10, "reused": 7200}
    for name, age in ages.items():
        path = tmp_path / f"2022-03-standard-{name}.pdf"
        path.write_bytes(sealed(name.encode()))  # as keep_in_cache writes them
        os.utime(path, (now - age, now - age))
    assert reuse_from_cache(tmp_path / "2022-03-standard-reused.pdf") == b"reused"
    (tmp_path / "2022-03-large-print-other.pdf").write_bytes(b"another kind")
    os.utime(tmp_path / "2022-03-large-print-other.pdf", (now - 9999, now - 9999))
    keep_in_cache(tmp_path / "2022-03-standard-fresh.pdf", b"fresh")
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "2022-03-large-print-other.pdf", *(f"2022-03-standard-{name}.pdf" for name in
                                           sorted(["fresh", "new-1", "new-2", "new-3", "reused", "used-lately"]))]
    assert reuse_from_cache(tmp_path / "2022-03-standard-old-1.pdf") is None


def test_pdfs_rendered_by_the_worker_process_are_the_pdfs_rendered_here(make_site, tmp_path, monkeypatch):
    """On a site with many pages a worker process renders the PDFs while
    the pages are written (plugins/minifesto/pdf_worker.py): every file of
    the build is byte for byte what rendering them in the build's own
    process gives. (The threshold only decides when; tried here on the
    minimal site.)"""
    from plugins.minifesto import edition

    here = make_site(output=tmp_path / "here", cache=tmp_path / "cache-here")
    assert "waited" not in here.stderr + here.stdout  # rendered at once, in the build's process
    monkeypatch.setattr(edition, "BACKGROUND_FROM", 0)
    worker = make_site(output=tmp_path / "worker", cache=tmp_path / "cache-worker")
    assert worker.returncode == here.returncode == 0, worker.stderr + here.stderr
    assert "Minifesto standard PDF: rendered" in worker.stderr + worker.stdout
    assert "waited" in worker.stderr + worker.stdout
    assert files_of(worker.output) == files_of(here.output)


def ours(kept: dict, folder: Path) -> list:
    """The stylesheets print_styles.py keeps that load fonts from `folder`."""
    return [styles for (_, _, fonts_rules, _), styles in kept.items() if str(folder) in fonts_rules]


def test_stylesheets_kept_for_the_next_render_make_the_pdfs_a_new_process_makes(make_site, tmp_path, settings):
    """The print stylesheets and their fonts are loaded once per process
    and serve the next render while every file they were made from stays
    the same (plugins/minifesto/print_styles.py). A build rendering with
    them writes every file the build that loaded them wrote, byte for byte;
    a font replaced under its own name is loaded again, into the PDFs a new
    process makes of it."""
    from plugins.minifesto import print_styles

    fonts = tmp_path / "fonts"
    fonts.mkdir()
    copies = {}
    for face, paths in settings["MINIFESTO_FONT_FILES"].items():
        copies[face] = tuple(str(fonts / Path(path).name) for path in paths)
        for path in paths:
            shutil.copyfile(path, fonts / Path(path).name)
    changes = {"MINIFESTO_FONT_FILES": repr(copies)}

    def build(name: str, new_process: bool = False):
        built = make_site(settings=changes, output=tmp_path / name, cache=tmp_path / f"cache-{name}",
                          new_process=new_process)
        assert built.returncode == 0, built.stderr
        # A process that kept stylesheets lets go of them quietly as it ends.
        assert "Exception ignored" not in built.stderr and "Traceback" not in built.stderr, built.stderr
        return built

    first = build("first")
    loaded = ours(print_styles._kept, fonts)
    assert len(loaded) == 2  # the standard edition's and the large print's
    kept = build("kept")
    assert [id(styles) for styles in ours(print_styles._kept, fonts)] == [id(styles) for styles in loaded]
    assert files_of(kept.output) == files_of(first.output)

    regular = Path(copies[(400, "normal")][0])
    regular.write_bytes(Path(copies[(700, "normal")][0]).read_bytes())  # bold in the regular's place
    replaced = build("font-replaced")
    assert not {id(styles) for styles in ours(print_styles._kept, fonts)} & {id(styles) for styles in loaded}
    assert files_of(replaced.output) == files_of(build("font-replaced-new-process", new_process=True).output)
    assert (replaced.output / "minifesto.pdf").read_bytes() != (kept.output / "minifesto.pdf").read_bytes()


def test_a_file_refused_while_the_stylesheets_load_is_said_at_every_build(tmp_path):
    """Stylesheets whose loading met a refusal are never kept: the next
    build meets it, and says it, again."""
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "theme", theme)
    stylesheet = theme / "static/css/print.css"
    stylesheet.write_text('@font-face { font-family: "Elsewhere"; src: url("https://example.org/elsewhere.woff"); }\n'
                          + stylesheet.read_text(encoding="utf-8"), encoding="utf-8")
    for attempt in ("first", "again"):
        build = build_in(tmp_path, settings={"THEME": repr(str(theme))}, output=tmp_path / attempt,
                         cache=tmp_path / f"cache-{attempt}")
        assert build.returncode == 1, attempt
        assert ("the standard minifesto tried to load https://example.org/elsewhere.woff, which is refused "
                "(a web address: the PDF loads nothing from the network)") in build.stderr, (attempt, build.stderr)


def test_a_font_a_picture_brings_is_fetched_at_every_render(tmp_path, settings):
    """An SVG picture's own @font-face adds its font to the configuration
    it is drawn with: stylesheets a render added a font to are not kept, so
    the next render fetches that font again, and says when it has gone."""
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "theme", theme)
    (theme / "static/fonts").mkdir()
    shutil.copyfile(settings["MINIFESTO_FONT_FILES"][(700, "normal")][0], theme / "static/fonts/logo.woff")
    logo = theme / "static/img/logo.svg"
    logo.write_text(logo.read_text(encoding="utf-8").replace(
        ">", '><style>@font-face { font-family: "Logo face"; src: url("../fonts/logo.woff"); } '
             'text { font-family: "Logo face"; }</style><text x="0" y="10">Breakthrough</text>', 1), encoding="utf-8")
    for attempt in ("first", "font-gone"):
        build = build_in(tmp_path, settings={"THEME": repr(str(theme))}, output=tmp_path / attempt,
                         cache=tmp_path / f"cache-{attempt}")
        if attempt == "first":
            assert build.returncode == 0, build.stderr
            (theme / "static/fonts/logo.woff").unlink()
    assert build.returncode == 1
    assert "logo.woff, which is refused (no such file)" in build.stderr, build.stderr


def test_drafts_appear_in_no_edition(make_site):
    draft = policy_markdown("Secret draft policy", 2, "status: draft\n")
    build = make_site({"policies/02-secret.md": draft})
    assert build.returncode == 0, build.stderr
    for name in ("minifesto.pdf", "minifesto-large-print.pdf"):
        assert "Secret draft policy" not in pdftotext(build.output / name)
    for name in ("minifesto.txt", "policies.json", "minifesto/index.html", "policies/index.html"):
        data = (build.output / name).read_text(encoding="utf-8")
        assert "Secret draft policy" not in data and "secret" not in data, name


def test_a_gap_in_the_numbering_fails(make_site):
    build = make_site({"policies/03-nhs.md": policy_markdown("Save our NHS", 3)})
    assert build.returncode == 1
    assert ("content/policies/03-nhs.md:3: number: the policies jump from 1 to 3: number 2 is missing — "
            "number the published policies 1, 2, 3 … without gaps") in build.problem_lines


def test_a_policy_with_a_mistake_is_the_only_file_reported(make_site):
    """Policy 2's summary is refused, so policy 2 is missing from the site:
    its own line says why, and policy 3 is not told of a gap."""
    wrong = policy_markdown("Homes for everyone", 2).replace("summary: A one-sentence summary.",
                                                             "summary: Homes <b>for all</b>.")
    build = make_site({"policies/02-housing.md": wrong, "policies/03-nhs.md": policy_markdown("Save our NHS", 3)})
    assert build.returncode == 1
    assert [line.split(":", 1)[0] for line in build.problem_lines] == ["content/policies/02-housing.md"], \
        build.problem_lines


def test_a_missing_minifesto_field_fails(make_site):
    text = MINIMAL_SITE["minifesto.md"].replace("        edition: March 2022\n", "")
    build = make_site({"minifesto.md": text})
    assert build.returncode == 1
    assert ("content/minifesto.md:9: edition: is missing (every minifesto needs it) — add a line "
            "'edition: …' before the closing '---' e.g. edition: March 2022") in build.problem_lines


def test_a_missing_minifesto_file_fails(make_site):
    build = make_site({"minifesto.md": None})
    assert build.returncode == 1
    assert build.problem_lines == [
        "content/minifesto.md:1: (file): is missing — create it: the minifesto's title, edition, date, "
        "foreword and closing call (see the README's example)"
    ]


@pytest.mark.parametrize("in_worker", [False, True], ids=["here", "in-worker"])
def test_a_weasyprint_failure_fails_the_build_and_leaves_output_alone(make_site, tmp_path, monkeypatch, in_worker):
    from plugins.minifesto import edition

    if in_worker:
        monkeypatch.setattr(edition, "BACKGROUND_FROM", 0)
    good = run_build_with(make_site)
    assert good.returncode == 0, good.stderr
    before = {p: p.read_bytes() for p in good.output.rglob("*") if p.is_file()}
    not_a_font = tmp_path / "not-a-font.woff"
    not_a_font.write_bytes(b"this is not a font")
    broken = run_build_with(make_site, font=not_a_font)
    assert broken.returncode == 1
    [line] = [l for l in broken.stderr.splitlines() if "(PDF)" in l and "standard" in l]
    assert line.startswith("theme/templates/print/minifesto.html:1: (PDF): WeasyPrint could not render "
                           "the standard minifesto: Font-face 'Atkinson Hyperlegible' cannot be loaded")
    assert line.endswith("— fix the print template, the print stylesheets or MINIFESTO_FONT_FILES")
    after = {p: p.read_bytes() for p in good.output.rglob("*") if p.is_file()}
    assert after == before


def test_a_link_to_a_part_the_minifesto_does_not_have_is_refused_at_its_line(make_site):
    """WeasyPrint stops at a link to a #part the printed edition has no id
    for, and the build blamed the print template (a fuzzing audit): the
    link is found in the minifesto's file and told at its line, before any
    render, and the site is left as it was."""
    minifesto = MINIMAL_SITE["minifesto.md"].replace("closing_call: Become a member today.",
                                                     "closing_call: Become a [member](#joim) today.")
    minifesto = minifesto.replace("The foreword.", "The foreword, with [our plans](#nope).")
    build = make_site({"minifesto.md": minifesto})
    assert build.returncode == 1
    assert build.problem_lines == [
        "content/minifesto.md:9: closing_call: the link #joim goes to #joim, which the printed minifesto (its PDFs) "
        "does not have — did you mean #join?",
        "content/minifesto.md:11: body: the link #nope goes to #nope, which the printed minifesto (its PDFs) does not "
        "have — link to a policy's part by its page (/policies/housing/#commitment-3), or leave the #part out"]
    assert "WeasyPrint" not in build.stderr and "Traceback" not in build.stderr
    assert not build.output.exists()
    # The check, which makes no PDF, finds them too (and the review annotates them).
    checked = check_content(build.content)
    assert checked.returncode == 1 and all(line in checked.stderr for line in build.problem_lines)


def test_a_link_to_the_top_in_the_minifesto_or_a_policy_lands_in_the_pdf(make_site):
    """A browser takes #top to a page's top with no such id; WeasyPrint only
    to an element that has it, and stopped the render blaming the print
    template (a review). The print HTML gives <body> the id."""
    from pypdf import PdfReader

    minifesto = MINIMAL_SITE["minifesto.md"].replace("The foreword.", "The foreword. [Back to the top](#top)")
    policy = policy_markdown("Homes for everyone", 1).replace("Text.\n", "Text. [Back to the top](#TOP)\n")
    build = make_site({"minifesto.md": minifesto, "policies/01-housing.md": policy})
    assert build.returncode == 0, build.stderr
    reader = PdfReader(build.output / "minifesto.pdf")
    links = [annotation.get_object() for page in reader.pages for annotation in page.get("/Annots") or []]
    internal = [link for link in links if link.get("/Subtype") == "/Link" and "/URI" not in link.get("/A", {})]
    assert len(internal) >= 2, links


def test_a_missing_print_stylesheet_is_named(make_site):
    build = run_build_with(make_site, stylesheet="css/no-such-file.css")
    assert build.returncode == 1
    missing = REPO / "theme/static/css/no-such-file.css"
    assert (f"theme/templates/print/minifesto.html:1: (PDF): WeasyPrint could not render the standard "
            f"minifesto: a file it needs is missing: {missing} — check MINIFESTO_STYLESHEETS and "
            "MINIFESTO_FONT_FILES in pelicanconf.py, and run ./setup to install the fonts") in build.stderr
    assert not build.output.exists()


def run_build_with(make_site, stylesheet: str = "css/print.css", font=None):
    """Build MINIMAL_SITE with the print stylesheet or the bold italic font
    replaced (only the PDF uses it: the share cards check the upright fonts
    they draw with before any PDF is rendered, and would report those first)."""
    changes = {"MINIFESTO_STYLESHEETS": f"{{'standard': [{stylesheet!r}], 'large-print': [{stylesheet!r}]}}"}
    if font:
        changes["MINIFESTO_FONT_FILES"] = f"{{**MINIFESTO_FONT_FILES, (700, 'italic'): {str(font)!r}}}"
    return make_site(settings=changes)


def test_an_image_in_a_policy_goes_into_the_pdf(make_site):
    from conftest import sample_jpeg

    policy = policy_markdown("Homes for everyone", 1).replace("Text.", "![A new council estate]({static}/images/estate.jpg)")
    build = make_site({"policies/01-housing.md": policy, "images/estate.jpg": sample_jpeg(600, 400)})
    assert build.returncode == 0, build.stderr
    listing = subprocess.run(["pdfimages", "-list", str(build.output / "minifesto.pdf")],
                             capture_output=True, text=True, check=True).stdout
    assert any(line.split()[3:5] == ["600", "400"] for line in listing.splitlines()[2:]), listing
