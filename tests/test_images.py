"""Images on the site are responsive: WebP copies with srcset, width and
height set, lazy below the fold, a plain copy (JPEG or PNG, at most
IMAGE_FALLBACK_WIDTH wide) as the fallback and in feeds."""

from __future__ import annotations

import io
import textwrap

import pytest
from bs4 import BeautifulSoup
from conftest import MINIMAL_SITE
from PIL import Image, ImageCms


def image_file(width: int, height: int, kind: str) -> bytes:
    """A plain purple image of that size, as a file of `kind` (JPEG, GIF, WEBP)."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#6a1b9a").save(buffer, kind)
    return buffer.getvalue()


def jpeg(width: int, height: int) -> bytes:
    return image_file(width, height, "JPEG")


def test_a_cameras_jpeg_holding_a_preview_gets_its_copies(make_site):
    """Some cameras write a JPEG with a second, smaller picture (a preview:
    Pillow opens it as MPO, of two frames). It does not move: it gets its
    copies like any photo, not sent whole as if it moved."""
    photo, preview = Image.new("RGB", (2400, 1600), "#6a1b9a"), Image.new("RGB", (160, 120), "#6a1b9a")
    buffer = io.BytesIO()
    photo.save(buffer, "MPO", save_all=True, append_images=[preview])
    assert Image.open(io.BytesIO(buffer.getvalue())).n_frames == 2
    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]) + "\n![Members marching]({static}/images/camera.jpg)\n"
    build = make_site({"posts/hello.md": post, "images/camera.jpg": buffer.getvalue()})
    assert build.returncode == 0, build.stderr
    picture = build.html("news/hello/").select_one("main picture")
    assert picture.source["srcset"].startswith("/images/camera-480.webp 480w")
    assert picture.img["src"] == "/images/camera-960.jpg"


def test_content_images_become_responsive_pictures(make_site):
    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]) + "\n![Members marching in Truro]({static}/images/rally.jpg)\n"
    build = make_site({"posts/hello.md": post, "images/rally.jpg": jpeg(2000, 1000)})
    assert build.returncode == 0, build.stderr
    picture = build.html("news/hello/").select_one("main picture")
    source, img = picture.source, picture.img
    assert source["type"] == "image/webp"
    assert source["srcset"] == ("/images/rally-480.webp 480w, /images/rally-720.webp 720w, "
                                "/images/rally-960.webp 960w, /images/rally-1440.webp 1440w")
    assert source["sizes"]
    # The <img> (a browser without WebP) is the plain copy: a JPEG, not the 2000-pixel original.
    assert (img["src"], img["alt"], img["width"], img["height"]) == ("/images/rally-960.jpg", "Members marching in Truro", "2000", "1000")
    assert img["loading"] == "lazy"
    for width in (480, 720, 960, 1440):
        with Image.open(build.output / f"images/rally-{width}.webp") as variant:
            assert variant.format == "WEBP" and variant.size == (width, width // 2)
    with Image.open(build.output / "images/rally-960.jpg") as plain:
        assert plain.format == "JPEG" and plain.size == (960, 480)
    assert (build.output / "images/rally.jpg").exists()
    assert not (build.output / "images/rally.webp").exists()  # wider than every copy: the largest is enough


def test_a_councillor_photo_is_responsive_and_not_lazy(make_site):
    profile = textwrap.dedent(MINIMAL_SITE["councillors/jo-bloggs.md"]).replace(
        "region: London", "region: London\nphoto: images/jo.jpg\nphoto_alt: Jo Bloggs smiling")
    build = make_site({"councillors/jo-bloggs.md": profile, "images/jo.jpg": jpeg(600, 600)})
    assert build.returncode == 0, build.stderr
    img = build.html("councillors/jo-bloggs/").select_one("main picture img")
    assert img["alt"] == "Jo Bloggs smiling" and img["width"] == "600" and img["height"] == "600"
    assert "loading" not in img.attrs and img["fetchpriority"] == "high"
    # Narrower than the widest copy: its own width is offered too, as WebP.
    assert build.html("councillors/jo-bloggs/").select_one("main picture source")["srcset"] == (
        "/images/jo-480.webp 480w, /images/jo.webp 600w")
    with Image.open(build.output / "images/jo.webp") as own_width:
        assert own_width.format == "WEBP" and own_width.size == (600, 600)


def test_production_builds_write_variants_inside_the_site(make_site, tmp_path):
    from conftest import production_settings, with_real_numbers

    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]) + "\n![A & B marching](/images/rally.jpg)\n"
    build = make_site({"posts/hello.md": post, "images/rally.jpg": jpeg(1000, 500),
                       "press-office.md": with_real_numbers(MINIMAL_SITE["press-office.md"])},
                      options=("--settings", str(production_settings(tmp_path))))
    assert build.returncode == 0, build.stderr
    picture = build.html("news/hello/").select_one("main picture")
    assert picture.source["srcset"] == ("https://breakthroughparty.org.uk/images/rally-480.webp 480w, "
                                        "https://breakthroughparty.org.uk/images/rally-720.webp 720w, "
                                        "https://breakthroughparty.org.uk/images/rally-960.webp 960w, "
                                        "https://breakthroughparty.org.uk/images/rally.webp 1000w")
    assert picture.img["alt"] == "A & B marching"  # escaped once, read back as the text
    assert (build.output / "images/rally-480.webp").is_file()
    assert not any("https:" in str(p) for p in build.output.rglob("*"))


def gif(width: int, height: int) -> bytes:
    return image_file(width, height, "GIF")


@pytest.mark.parametrize("name, whole", [("rally.jpg", jpeg(600, 400)), ("rally.gif", gif(600, 400))])
def test_an_image_cut_short_is_refused_at_its_line(make_site, name, whole):
    """An upload broken off leaves a JPEG or GIF that Pillow's verify()
    passes and that would be published with its lower part grey."""
    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]) + f"\n![Members marching]({{static}}/images/{name})\n"
    line = post.splitlines().index(f"![Members marching]({{static}}/images/{name})") + 1
    build = make_site({"posts/hello.md": post, f"images/{name}": whole[:len(whole) * 2 // 3]})
    assert build.returncode == 1
    assert build.problem_lines == [f"content/posts/hello.md:{line}: body: {name} is cut short: the file ends before "
                                   "the image does — upload the picture again, or save it again from the original"]
    whole_build = make_site({"posts/hello.md": post, f"images/{name}": whole})
    assert whole_build.returncode == 0, whole_build.stderr


@pytest.mark.parametrize("name, data", [
    # A phone's "motion photo": the video follows the JPEG's end marker.
    ("rally.jpg", jpeg(600, 400) + b"ftypmp42" + bytes(range(256)) * 16),
    ("rally.gif", gif(600, 400) + b"\0\0"),  # padding after the GIF's trailer
])
def test_an_image_with_data_after_its_end_is_accepted(make_site, name, data):
    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]) + f"\n![Members marching]({{static}}/images/{name})\n"
    build = make_site({"posts/hello.md": post, f"images/{name}": data})
    assert build.returncode == 0, build.stderr


def webp(width: int, height: int) -> bytes:
    return image_file(width, height, "WEBP")


def moving(width: int, height: int, kind: str) -> bytes:
    """A picture of three frames (purple, yellow, white), as a file of `kind`."""
    frames = [Image.new("RGB", (width, height), colour) for colour in ("#6a1b9a", "#ffd54f", "#ffffff")]
    buffer = io.BytesIO()
    frames[0].save(buffer, kind, save_all=True, append_images=frames[1:], duration=200, loop=0)
    return buffer.getvalue()


@pytest.mark.parametrize("name", ["demo.gif", "demo.png", "demo.webp"])
def test_a_picture_that_moves_is_shown_moving(make_site, name):
    """Every copy of another width was its first frame, still, and a browser
    showed a WebP copy: a moving GIF or PNG is shown as uploaded, with no
    copies; a moving WebP is its own only WebP (its plain copy, for a browser
    or a feed reader without WebP, is its first frame, as the README says)."""
    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]) + f"\n![A banner waving]({{static}}/images/{name})\n"
    data = moving(1600, 800, name.rpartition(".")[2].upper())
    build = make_site({"posts/hello.md": post, f"images/{name}": data})
    assert build.returncode == 0, build.stderr
    picture = build.html("news/hello/").select_one("main picture")

    def frames(address: str) -> int:
        with Image.open(build.output / address.lstrip("/")) as shown:
            return getattr(shown, "n_frames", 1)

    if name.endswith(".webp"):
        assert picture.source["srcset"] == f"/images/{name} 1600w" and frames(f"/images/{name}") == 3
        # The plain copy, still, for a browser or a feed reader without WebP: as
        # any plain copy, at most IMAGE_FALLBACK_WIDTH wide (it was 1600).
        assert picture.img["src"] == "/images/demo-960.jpg" and frames(picture.img["src"]) == 1
    else:
        assert picture.source is None and picture.img["src"] == f"/images/{name}" and frames(f"/images/{name}") == 3
        assert list((build.output / "images").glob("demo*")) == [build.output / "images" / name]


def test_a_webp_narrower_than_the_copies_serves_as_its_own_widest(make_site):
    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]) + "\n![Members marching]({static}/images/rally.webp)\n"
    build = make_site({"posts/hello.md": post, "images/rally.webp": webp(700, 350)})
    assert build.returncode == 0, build.stderr
    assert build.html("news/hello/").select_one("main picture source")["srcset"] == (
        "/images/rally-480.webp 480w, /images/rally.webp 700w")
    assert (build.output / "images/rally.webp").read_bytes() == webp(700, 350)


@pytest.mark.browser
def test_a_wide_screen_shows_an_image_at_its_full_width_not_a_small_copy_stretched(make_site, browser):
    """A 700-pixel photo in a post, on a desktop screen (the column is 672
    pixels): the browser takes the WebP <source> (it never falls back to the
    <img>'s JPEG), so the source must offer all 700 pixels, not the
    480-pixel copy stretched."""
    from browser import goto_settled, serve_folder

    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]) + "\n![Members marching]({static}/images/rally.jpg)\n"
    build = make_site({"posts/hello.md": post, "images/rally.jpg": jpeg(700, 350)})
    assert build.returncode == 0, build.stderr
    page = browser.new_page(viewport={"width": 1280, "height": 800}, device_scale_factor=1)
    try:
        with serve_folder(build.output) as base:
            goto_settled(page, f"{base}/news/hello/")
            image = page.locator("main picture img")
            image.scroll_into_view_if_needed()
            page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
            shown = image.evaluate("img => ({src: img.currentSrc, drawn: img.width})")
    finally:
        page.close()
    assert shown["drawn"] > 480, shown  # drawn wider than the smallest copy …
    assert shown["src"].removeprefix(base) == "/images/rally.webp"  # … from all its pixels
    with Image.open(build.output / "images/rally.webp") as taken:
        assert taken.size == (700, 350)


def see_through_png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", (width, height), (106, 27, 154, 128)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("name, data, plain, plain_format, plain_size", [
    ("rally.jpg", jpeg(3000, 2000), "rally-960.jpg", "JPEG", (960, 640)),
    ("rally.jpg", jpeg(900, 600), "rally.jpg", "JPEG", (900, 600)),  # small enough: the original
    ("poster.png", see_through_png(2000, 1000), "poster-960.png", "PNG", (960, 480)),
    ("banner.webp", webp(1200, 600), "banner-960.jpg", "JPEG", (960, 480)),  # Outlook shows no WebP
    ("small.webp", webp(300, 200), "small.jpg", "JPEG", (300, 200)),
    ("moving.gif", gif(1200, 600), "moving.gif", "GIF", (1200, 600)),  # may move: as it is
])
def test_the_feed_and_the_fallback_show_a_plain_copy_no_wider_than_an_email(make_site, name, data, plain,
                                                                             plain_format, plain_size):
    """A feed-to-email service mails a post's pictures to every subscriber
    as the feed gives them: the phone's whole photo (megabytes), or a WebP,
    which Outlook cannot show. The feed and the page's <img> give the plain
    copy: a JPEG or PNG at most IMAGE_FALLBACK_WIDTH wide."""
    import feedparser

    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]) + f"\n![Members marching]({{static}}/images/{name})\n"
    build = make_site({"posts/hello.md": post, f"images/{name}": data})
    assert build.returncode == 0, build.stderr
    entry = feedparser.parse((build.output / "feeds/all.atom.xml").read_bytes()).entries[0]
    images = [img["src"] for img in BeautifulSoup(entry.content[0].value, "html.parser").select("img")]
    assert images == [f"https://breakthroughparty.org.uk/images/{plain}"]
    assert build.html("news/hello/").select_one("main picture img")["src"] == f"/images/{plain}"
    with Image.open(build.output / "images" / plain) as copy:
        assert (copy.format, copy.size) == (plain_format, plain_size)
        assert plain_format != "PNG" or copy.getpixel((0, 0))[3] == 128  # still see-through


def test_the_copies_keep_the_photos_colour_profile(make_site):
    """A phone's photo is often in a wider colour space than sRGB (Display
    P3): shown without its profile, every copy looked washed out beside the
    original."""
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 800), "#6a1b9a").save(buffer, "JPEG", icc_profile=profile)
    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]) + "\n![Members marching]({static}/images/rally.jpg)\n"
    build = make_site({"posts/hello.md": post, "images/rally.jpg": buffer.getvalue()})
    assert build.returncode == 0, build.stderr
    copies = ["rally-480.webp", "rally-960.webp", "rally-1440.webp", "rally-960.jpg"]
    for name in copies:
        with Image.open(build.output / "images" / name) as copy:
            assert copy.info.get("icc_profile") == profile, name


def test_a_file_named_as_an_images_plain_copy_is_refused(make_site):
    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]) + "\n![Members marching]({static}/images/rally.jpg)\n"
    build = make_site({"posts/hello.md": post, "images/rally.jpg": jpeg(2000, 1000),
                       "images/rally-960.jpg": jpeg(960, 480)})
    assert build.returncode == 1
    assert "content/images/rally-960.jpg:1: (file): would replace a JPEG copy of images/rally.jpg at " \
           "/images/rally-960.jpg" in [line.split(" — ")[0] for line in build.problem_lines]


def test_a_16_bit_grey_scan_keeps_its_greys_in_every_copy(make_site):
    """Pillow clipped a 16-bit grey PNG (a scanner's) to white when it made
    the copies: the feed's picture and the page's were blank."""
    scan = Image.new("I;16", (1200, 600), 30000)  # mid-grey: 30000 of 65535
    buffer = io.BytesIO()
    scan.save(buffer, "PNG")
    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]) + "\n![A scanned leaflet]({static}/images/scan.png)\n"
    build = make_site({"posts/hello.md": post, "images/scan.png": buffer.getvalue()})
    assert build.returncode == 0, build.stderr
    for name in ("scan-960.png", "scan-480.webp", "scan-960.webp", "scan.webp"):
        with Image.open(build.output / "images" / name) as copy:
            grey = copy.convert("L").getpixel((copy.width // 2, copy.height // 2))
        assert abs(grey - 30000 // 256) <= 2, (name, grey)


def test_a_large_sideways_phone_photo_gives_upright_copies_of_the_right_sizes(make_site):
    """A large JPEG is decoded at a half, a quarter or an eighth of its size,
    the least that covers the widest copy (plugins/images/variants.py): a
    48-megapixel photo took 735 MB to make copies of, 340 MB so. The copies
    keep the sizes, the page the photo's own size, and an upright picture:
    this one is stored 6000 × 4000 with a turn to apply (EXIF orientation
    6), its top half red once turned."""
    stored = Image.new("RGB", (6000, 4000), "#2e7d32")
    stored.paste("#c62828", (0, 0, 3000, 4000))  # the left half: the top, once turned a quarter right
    exif = Image.Exif()
    exif[0x0112] = 6
    buffer = io.BytesIO()
    stored.save(buffer, "JPEG", quality=90, exif=exif.tobytes())
    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]) + "\n![Members marching]({static}/images/rally.jpg)\n"
    build = make_site({"posts/hello.md": post, "images/rally.jpg": buffer.getvalue()})
    assert build.returncode == 0, build.stderr
    for name, size in (("rally-480.webp", (480, 720)), ("rally-720.webp", (720, 1080)), ("rally-960.webp", (960, 1440)),
                       ("rally-1440.webp", (1440, 2160)), ("rally-960.jpg", (960, 1440))):
        with Image.open(build.output / "images" / name) as copy:
            shown = copy.convert("RGB")
        assert shown.size == size, name
        top, bottom = shown.getpixel((size[0] // 2, size[1] // 10)), shown.getpixel((size[0] // 2, size[1] * 9 // 10))
        assert top[0] > 150 > top[1] and bottom[1] > 100 > bottom[0], (name, top, bottom)
    image = build.html("news/hello/").select_one(".prose img")
    assert (image["width"], image["height"]) == ("4000", "6000")


def test_with_no_plain_copy_wanted_the_original_is_the_fallback(make_site):
    """IMAGE_FALLBACK_WIDTH = None (the settings check allows it: no plain
    copy) ended the build in a TypeError; the original serves instead."""
    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]) + "\n![Members marching]({static}/images/rally.jpg)\n"
    build = make_site({"posts/hello.md": post, "images/rally.jpg": jpeg(1600, 800)},
                      settings={"IMAGE_FALLBACK_WIDTH": "None"})
    assert build.returncode == 0, build.stderr
    assert build.html("news/hello/").select_one("main picture img")["src"] == "/images/rally.jpg"
    assert not (build.output / "images/rally-960.jpg").exists()
