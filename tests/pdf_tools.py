"""Read PDFs the way a person's tools do: poppler's command-line tools, and
pypdf / pikepdf for structure (outline, metadata, tags, font sizes)."""

from __future__ import annotations

import statistics
import subprocess
from pathlib import Path

from pypdf import PdfReader


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", "-isodates", str(path)], capture_output=True, text=True, check=True).stdout
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in out.splitlines())}


def pdffonts(path: Path) -> list[dict[str, str]]:
    """One dict per font: name, emb (yes/no), sub, uni."""
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    fonts = []
    for line in lines[2:]:
        columns = line.split()
        # name type… encoding emb sub uni object ID: the last five are fixed.
        fonts.append({"name": columns[0], "emb": columns[-5], "sub": columns[-4], "uni": columns[-3]})
    return fonts


def outline_titles(path: Path) -> list[str]:
    reader = PdfReader(path)
    return [item.title for item in reader.outline if not isinstance(item, list)]


def median_font_size(path: Path, pages: range) -> float:
    """Median rendered size (pt) of the text on `pages`, weighted by characters."""
    reader = PdfReader(path)
    sizes: list[float] = []

    def visit(text, cm, tm, font_dict, font_size):
        scale = abs(tm[3] * cm[3]) or 1
        if text.strip():
            sizes.extend([font_size * scale] * len(text.strip()))

    for number in pages:
        reader.pages[number].extract_text(visitor_text=visit)
    return statistics.median(sizes)


def render_page_png(path: Path, page: int, target_stem: Path) -> Path:
    """Render one page to PNG with pdftoppm (for a person to look at)."""
    target_stem.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile",
                    str(path), str(target_stem)], check=True)
    return target_stem.with_suffix(".png")


def text_lines(path: Path) -> list[list[dict]]:
    """Per page, each line of text as poppler finds it (pdftotext -bbox-layout):
    {"text", "x_min", "y_min", "x_max", "y_max"} in points, and the page's
    size as page[0]["page_width"]/["page_height"] on every line."""
    import xml.etree.ElementTree as ElementTree

    out = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    namespace = {"x": "http://www.w3.org/1999/xhtml"}
    pages = []
    for page in ElementTree.fromstring(out).iter(f"{{{namespace['x']}}}page"):
        size = {"page_width": float(page.get("width")), "page_height": float(page.get("height"))}
        lines = []
        for line in page.iter(f"{{{namespace['x']}}}line"):
            words = [word.text or "" for word in line.iter(f"{{{namespace['x']}}}word")]
            box = {key: float(line.get(attribute)) for key, attribute in
                   (("x_min", "xMin"), ("y_min", "yMin"), ("x_max", "xMax"), ("y_max", "yMax"))}
            lines.append({"text": " ".join(words), **box, **size})
        pages.append(lines)
    return pages


def body_lines(page: list[dict], margin: float = 50.0) -> list[dict]:
    """The page's lines without its running head and page number (the lines
    within `margin` points of the top or bottom edge)."""
    return [line for line in page if margin < line["y_min"] and line["y_max"] < line["page_height"] - margin]


def text_fill(page: list[dict]) -> float:
    """How far the page's body text reaches: from the top of its first line
    to the foot of its last, over the page's height (0 for a page without
    body text; a full A4 page of text between 22 and 24 mm margins is 0.8)."""
    lines = body_lines(page)
    if not lines:
        return 0.0
    return (max(line["y_max"] for line in lines) - min(line["y_min"] for line in lines)) / page[0]["page_height"]


def figures(path: Path) -> list[tuple[str, int]]:
    """(alternative text, page number from 1) of every Figure in the PDF's
    structure tree: what a screen reader announces for an image."""
    return [(alt, page) for alt, page, _ in figure_boxes(path)]


def figure_boxes(path: Path) -> list[tuple[str, int, tuple[float, ...] | None]]:
    """(alternative text, page number from 1, its layout attribute's /BBox
    or None) of every Figure in the PDF's structure tree."""
    import pikepdf

    found = []
    with pikepdf.open(path) as document:
        pages = {page.objgen: number for number, page in enumerate(document.pages, start=1)}

        def walk(node) -> None:
            if isinstance(node, pikepdf.Array):
                for kid in node:
                    walk(kid)
            elif isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == "/Figure":
                    page = node.get("/Pg")
                    box = node.get("/A", {}).get("/BBox")
                    found.append((str(node.get("/Alt", "")), pages.get(page.objgen) if page is not None else 0,
                                  tuple(float(value) for value in box) if box is not None else None))
                if "/K" in node:
                    walk(node.K)

        walk(document.Root.StructTreeRoot)
    return found


def text_runs(path: Path, pages: range) -> list[tuple[str, str]]:
    """(text, font name without its subset prefix) of each run of text that
    pypdf reads on `pages` (numbered from 0)."""
    reader = PdfReader(path)
    runs: list[tuple[str, str]] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip() and font_dict is not None:
            runs.append((text, str(font_dict.get("/BaseFont", "")).lstrip("/").split("+")[-1]))

    for number in pages:
        reader.pages[number].extract_text(visitor_text=visit)
    return runs


def tag_tree_against_pages(path: Path) -> tuple[int, int]:
    """Check that the tag tree and the pages' marked content agree both
    ways: every mark drawn on a page (BDC with an MCID) is owned by one
    element of the tree, every element's marks are drawn, each element's
    parent is the one holding it, and the parent tree (a reader's way from
    a page to the tree) names the same owner. Returns (pages, pagination
    artifacts drawn)."""
    import pikepdf

    with pikepdf.open(path) as document:
        pages = {page.objgen: number for number, page in enumerate(document.pages)}
        marks, pagination = set(), 0
        for number, page in enumerate(document.pages):
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "BDC":
                    tag, properties = operands
                    if "/MCID" in properties:
                        marks.add((number, int(properties.MCID)))
                    elif tag == "/Artifact" and properties.get("/Type") == "/Pagination":
                        pagination += 1
        owned: dict = {}

        def visit(element) -> None:
            kids = element.get("/K")
            for kid in list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]:
                if isinstance(kid, int):
                    owned[(pages[element.Pg.objgen], kid)] = element
                elif kid.get("/Type") == "/MCR":
                    owned[(pages[kid.Pg.objgen], int(kid.MCID))] = element
                elif "/S" in kid:
                    assert kid.P.objgen == element.objgen, "an element's parent is not the one holding it"
                    visit(kid)

        visit(document.Root.StructTreeRoot.K[0])
        assert set(owned) == marks, (sorted(set(owned) - marks)[:5], sorted(marks - set(owned))[:5])
        numbers = document.Root.StructTreeRoot.ParentTree.Nums
        parent_tree = {int(numbers[index]): numbers[index + 1] for index in range(0, len(numbers), 2)}
        for (page, mcid), element in owned.items():
            assert parent_tree[page][mcid].objgen == element.objgen
        return len(document.pages), pagination


def marked_text(path: Path) -> str:
    """The PDF's text as its marked content holds it, in the order it is
    drawn, with no space or line break but those the content has: what a
    reader that reads a tagged PDF by its tags (JAWS) has of its words.
    (pypdf starts each line it reads with a line break: taken out.)"""
    import re

    texts: list[str] = []

    def keep(text, cm, tm, font_dict, font_size):
        texts.append(text)

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=keep)
    return re.sub(" +", " ", "".join(texts).replace("\n", ""))
