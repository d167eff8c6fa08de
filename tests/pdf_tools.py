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
