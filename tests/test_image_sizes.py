"""A picture shown smaller than the text column is fetched at the size it
is shown: an Easy Read picture is 20vw wide (4rem to 7.5rem) and a portrait
at most 20rem, but both told the browser they filled the column, so a phone
downloaded about four times the pixels it showed."""

from __future__ import annotations

import textwrap

import pytest
from browser import serve_folder
from conftest import MINIMAL_SITE, sample_jpeg, sample_png

pytestmark = pytest.mark.browser

EASY_READ = """\
easy_read:
  - text: We want everyone to have a safe home.
    picture: images/easy-read/home.png
    picture_alt: A house with a red door
"""


@pytest.fixture(scope="module")
def pictured(tmp_path_factory, factory_cache):
    from conftest import build_in

    policy = textwrap.dedent(MINIMAL_SITE["policies/01-housing.md"]).replace("---\nWhy", EASY_READ + "---\nWhy")
    councillor = textwrap.dedent(MINIMAL_SITE["councillors/jo-bloggs.md"]).replace(
        "region: London\n", "region: London\nphoto: images/councillors/jo.jpg\nphoto_alt: Jo Bloggs smiling\n")
    built = build_in(tmp_path_factory.mktemp("pictured"), {
        "policies/01-housing.md": policy, "councillors/jo-bloggs.md": councillor,
        "images/easy-read/home.png": sample_png(1600, 1600), "images/councillors/jo.jpg": sample_jpeg(1600, 2000)},
        cache=factory_cache)
    assert built.returncode == 0, built.stderr
    return built


def shown_copy(browser, base: str, path: str, selector: str, width: int, scale: int) -> str:
    """The file the browser chose for the picture at `selector`, at a
    window `width` CSS pixels wide with `scale` device pixels to one."""
    context = browser.new_context(viewport={"width": width, "height": 800}, device_scale_factor=scale)
    try:
        page = context.new_page()
        page.goto(f"{base}/{path}")
        image = page.locator(selector)
        image.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.currentSrc", arg=image.element_handle())
        return image.evaluate("img => img.currentSrc").rsplit("/", 1)[1]
    finally:
        context.close()


def test_a_phone_fetches_the_easy_read_picture_and_a_portrait_at_the_size_shown(pictured, browser):
    with serve_folder(pictured.output) as base:
        # 72 CSS px at twice the pixels: the smallest copy, 480 px, not 960.
        assert shown_copy(browser, base, "minifesto/2022-03/easy-read/", ".easy-read-picture img", 360, 2) == \
            "home-480.webp"
        # 20rem (320 px) on a desktop screen: 480 px, not the column's 720.
        assert shown_copy(browser, base, "councillors/jo-bloggs/", ".councillor-photo img", 1280, 1) == \
            "jo-480.webp"
        # The portrait on a phone at twice the pixels (about 650 px): the 720
        # copy, not the 960 one it took before (a quarter more bytes).
        assert shown_copy(browser, base, "councillors/jo-bloggs/", ".councillor-photo img", 360, 2) == \
            "jo-720.webp"
