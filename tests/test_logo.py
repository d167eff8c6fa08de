"""The SVG logo (press kit, PDF covers, the pages' icon) is the party's mark
as the build draws it, its "B" an outline: as text, a journalist's design
tool or a browser showing it as an image drew it in whatever bold font it
had."""

from __future__ import annotations

import base64
import io
import xml.etree.ElementTree as ElementTree

import pytest
from conftest import REPO

from sitecore.brand import LOGO_SVG, logo_png, logo_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_the_svg_logo_is_the_one_the_settings_draw(settings):
    assert LOGO_SVG.read_text(encoding="utf-8") == logo_svg(settings), (
        "theme/static/img/logo.svg is not the logo PARTY_COLOURS, SITENAME and the bold font draw: "
        "run .venv/bin/python -m sitebuild.logo")
    root = ElementTree.fromstring(LOGO_SVG.read_text(encoding="utf-8"))
    assert root.find(f".//{SVG}text") is None and root.find(f".//{SVG}path") is not None
    assert root.find(f"{SVG}title").text == settings["SITENAME"]


@pytest.mark.browser
def test_the_svg_logo_looks_like_the_png_logo(browser, settings):
    """Chromium's drawing of the SVG and Pillow's PNG differ only along
    the edges, where each smooths its own way."""
    from PIL import Image, ImageChops

    page = browser.new_page(viewport={"width": 512, "height": 512})
    try:
        encoded = base64.b64encode(LOGO_SVG.read_bytes()).decode()
        page.set_content(f'<body style="margin:0"><img src="data:image/svg+xml;base64,{encoded}" width="512" '
                         'height="512" alt=""></body>')
        shown = Image.open(io.BytesIO(page.screenshot(omit_background=True))).convert("RGBA")
    finally:
        page.close()
    drawn = Image.open(io.BytesIO(logo_png(settings))).convert("RGBA")
    differing = ImageChops.difference(shown, drawn).convert("L").point(lambda value: 255 if value > 64 else 0)
    assert differing.histogram()[255] < 0.01 * 512 * 512  # edges only: about 900 pixels


def test_every_page_names_the_logo_as_its_icon(site, settings):
    for page in ("", "news/", "policies/housing/"):
        icon = site.html(page).find("link", rel="icon")
        assert icon["href"] == f"/{settings['PARTY_LOGO_SVG']}" and (site.output / settings["PARTY_LOGO_SVG"]).is_file()
    assert (REPO / "theme/static" / settings["PARTY_LOGO_SVG"].removeprefix("theme/")).is_file()
