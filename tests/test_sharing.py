"""Share cards, Open Graph / Twitter tags and JSON-LD, read from the output."""

from __future__ import annotations

import io
import json
import textwrap

from conftest import MINIMAL_SITE, production_settings, run_build, with_real_numbers, write_content
from content_source import CONTENT, front_matter, published
from PIL import Image

from sitecore.imprint import imprint_text

ITEM_PAGES = {"posts": "news/{}/", "policies": "policies/{}/", "councillors": "councillors/{}/", "pages": "{}/"}


def item_pages():
    for folder, pattern in ITEM_PAGES.items():
        for slug, meta in published(folder):
            yield pattern.format(slug), meta


def meta_content(soup, key: str) -> str:
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    assert tag is not None, key
    return tag["content"]


def json_ld(soup) -> list[dict]:
    return [json.loads(tag.string) for tag in soup.find_all("script", type="application/ld+json")]


def test_every_item_has_open_graph_and_twitter_tags(site, settings):
    base = settings["SITE_CANONICAL_URL"]
    for path, meta in item_pages():
        soup = site.html(path)
        assert meta_content(soup, "og:title") == meta["title"] == meta_content(soup, "twitter:title")
        assert meta_content(soup, "og:description") == meta["summary"]
        assert meta_content(soup, "og:url") == f"{base}/{path}"
        assert meta_content(soup, "twitter:card") == "summary_large_image"
        image = meta_content(soup, "og:image")
        assert image.startswith(base + "/") and image == meta_content(soup, "twitter:image")
        # The card's words: its kicker ("Policy 3"), its title, its photo's description and the imprint.
        photo = meta.get("image_alt") or meta.get("photo_alt")
        shown = f", beside a photo: {photo.rstrip('.')}" if photo else ""
        assert meta_content(soup, "og:image:alt").endswith(f": {meta['title']}{shown}. {imprint_text(settings)}")
        assert meta_content(soup, "og:locale") == "en_GB"  # Open Graph's form of DEFAULT_LANG, en-GB


def test_the_sites_own_card_is_described_by_its_words(site, settings):
    """Every page without an item of its own shares the site's card, "Join
    us" above the tagline: its description said only the party's name (a
    review)."""
    for page in ("", "news/", "search/", "404.html"):
        assert meta_content(site.html(page), "og:image:alt") == (
            f"Join us: {settings['SITE_TAGLINE']}. {imprint_text(settings)}")


def test_a_page_with_no_item_of_its_own_shares_its_own_title_and_description(site, settings):
    """From an audit of years of news: every listing (a year's press
    releases, a tag, page 7 of the news) was shared as "Breakthrough Party"
    and the tagline; a preview says what the page is, as its <title> does."""
    suffix = f" | {settings['SITENAME']}"
    for page in ("news/", "press/releases/", "press/releases/2021/", "news/2021/", "news/tag/by-election/",
                 "policies/", "search/"):
        soup = site.html(page)
        title = soup.title.get_text()
        assert title.endswith(suffix), title
        for key in ("og:title", "twitter:title"):
            assert meta_content(soup, key) == title.removesuffix(suffix), (page, key)
        description = soup.find("meta", attrs={"name": "description"})["content"]
        assert meta_content(soup, "og:description") == description != settings["SITE_TAGLINE"], page


def test_share_images_are_1200_by_630_with_the_imprint(site, settings):
    base = settings["SITE_CANONICAL_URL"]
    for path, meta in item_pages():
        image_url = meta_content(site.html(path), "og:image")
        image_file = site.output / image_url.removeprefix(base + "/")
        with Image.open(image_file) as card:
            assert card.size == (1200, 630)
            assert card.text["Imprint"] == imprint_text(settings)
            assert card.text["Title"] == meta["title"]
            # An item marked as sample content says so on its card, which
            # travels without the page's banner and note.
            kicker = card.text["Kicker"]
            assert kicker.startswith("Sample · ") == bool(meta.get("sample")), (path, kicker)
            if meta.get("category") == "press-releases":  # one release is a "Press release"
                assert kicker.removeprefix("Sample · ") == "Press release"


def test_the_minifesto_has_a_card_of_its_own(site, settings):
    minifesto = front_matter(CONTENT / "minifesto.md")
    image_url = meta_content(site.html("minifesto/"), "og:image")
    assert image_url != meta_content(site.html(""), "og:image")
    with Image.open(site.output / image_url.removeprefix(settings["SITE_CANONICAL_URL"] + "/")) as card:
        sample = "Sample · " if minifesto.get("sample") else ""
        assert (card.text["Kicker"], card.text["Title"]) == (
            f"{sample}Our minifesto, {minifesto['edition']} edition", minifesto["title"])
        assert card.text["Imprint"] == imprint_text(settings)


def test_the_imprint_on_a_card_is_legible_when_shown_400_px_wide(settings):
    """Feeds on phones show a card about 400 px wide: a third of its size.
    The imprint, drawn for the real settings, is at least 9 px there."""
    from plugins.sharecards.layout import layout_imprint
    from sitecore.brand import brand_style

    style = brand_style(settings)
    layout = layout_imprint(imprint_text(settings), style)
    assert layout.size * 400 / style.size[0] >= 9


def test_production_builds_use_absolute_urls(make_site, tmp_path):
    build = make_site({"press-office.md": with_real_numbers(MINIMAL_SITE["press-office.md"])},
                      options=("--settings", str(production_settings(tmp_path))))
    assert build.returncode == 0, build.stderr
    soup = build.html("news/hello/")
    assert meta_content(soup, "og:image").startswith("https://")
    assert all(a["href"].startswith(("https://", "mailto:", "#")) for a in soup.select("header a, footer a"))


def test_share_cards_are_drawn_only_when_their_inputs_change(tmp_path, cold_cache):
    content, cache = tmp_path / "content", cold_cache(tmp_path / "cache")
    write_content(content, MINIMAL_SITE)
    first = run_build(content, tmp_path / "one", cache=cache)
    assert "Share cards: 6 drawn, 0 unchanged" in first.stderr
    second = run_build(content, tmp_path / "two", cache=cache)
    assert "Share cards: 0 drawn, 6 unchanged" in second.stderr
    write_content(content, {"pages/about.md": MINIMAL_SITE["pages/about.md"].replace("About us", "About the party")})
    third = run_build(content, tmp_path / "three", cache=cache)
    assert "Share cards: 1 drawn, 5 unchanged" in third.stderr


def test_posts_carry_news_article_data(site, settings):
    for slug, meta in published("posts"):
        [data] = json_ld(site.html(f"news/{slug}/"))
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == meta["title"]
        assert data["datePublished"].startswith(str(meta["date"])[:10])
        assert data["publisher"]["name"] == settings["SITENAME"]
        assert data["mainEntityOfPage"] == f"{settings['SITE_CANONICAL_URL']}/news/{slug}/"
        assert data["image"][0].endswith(f"/share/news/{slug}.png")
        author = meta.get("author")
        assert data["author"]["name"] == (author.split(",")[0] if author else settings["SITENAME"])


def test_councillors_carry_person_data(site, settings):
    for slug, meta in published("councillors"):
        [data] = json_ld(site.html(f"councillors/{slug}/"))
        assert data["@type"] == "Person" and data["name"] == meta["title"]
        assert data["jobTitle"] == meta["role"]
        # The party as every page describes it, its logo included.
        [home] = json_ld(site.html(""))
        assert data["memberOf"][0] == {key: home[key] for key in ("@type", "name", "url", "logo")}
        if meta.get("council"):
            assert data["memberOf"][1]["roleName"] == meta["role"]
            assert data["memberOf"][1]["memberOf"]["name"] == meta["council"]


def test_home_page_describes_the_party(site, settings):
    [data] = json_ld(site.html(""))
    assert data["@context"] == "https://schema.org" and data["@type"] == "PoliticalParty"
    assert data["name"] == settings["SITENAME"] and data["url"] == settings["SITE_CANONICAL_URL"] + "/"
    logo = site.output / data["logo"]["url"].removeprefix(settings["SITE_CANONICAL_URL"] + "/")
    with Image.open(logo) as image:
        assert image.size == (512, 512)
    # The party's profiles elsewhere only when it lists some: an empty list says nothing.
    assert ("sameAs" in data) == bool(settings["PARTY_PROFILES"])


def test_the_party_names_its_profiles_elsewhere_when_it_has_some(settings):
    from plugins.structureddata.jsonld import party

    profiles = ["https://x.example/breakthrough"]
    assert party({**settings, "PARTY_PROFILES": profiles}, full=True)["sameAs"] == profiles
    assert "sameAs" not in party({**settings, "PARTY_PROFILES": []}, full=True)


def noisy_photo(width: int, height: int) -> bytes:
    """A photo as a phone takes one: detail everywhere, which a PNG keeps
    at full cost (a card of it was 400 KB)."""
    photo = Image.merge("RGB", [Image.effect_noise((width, height), 40) for _ in range(3)])
    buffer = io.BytesIO()
    photo.save(buffer, format="JPEG", quality=92)
    return buffer.getvalue()


def test_a_card_shows_the_items_own_photo_as_a_jpeg_a_phone_can_share(make_site, settings):
    """A councillor's photo (or a post's image) fills the right of its card,
    in its own colours, so cards differ in a feed. Such a card is a JPEG of
    at most 200 KB (as a full-colour PNG it was about 400 KB, which a phone
    fetches to share the link, and WhatsApp shows no picture for): its
    address, its Open Graph type and its JSON-LD say so, and it carries the
    imprint, drawn and as its comment. A card without a photo keeps the
    party's palette, as a PNG."""
    from conftest import sample_jpeg

    from sitecore.share_cards import stored_imprint

    profile = textwrap.dedent(MINIMAL_SITE["councillors/jo-bloggs.md"]).replace(
        "region: London\n", "region: London\nphoto: images/jo.jpg\nphoto_alt: Jo Bloggs smiling\n")
    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]).replace(
        "tags: [launch]\n", "tags: [launch]\nimage: images/rally.jpg\nimage_alt: A crowd at the rally\n")
    build = make_site({"councillors/jo-bloggs.md": profile, "images/jo.jpg": sample_jpeg(600, 600),
                       "posts/hello.md": post, "images/rally.jpg": noisy_photo(1600, 1200)})
    assert build.returncode == 0, build.stderr
    assert not [*(build.output / "share").rglob("hello.png"), *(build.output / "share").rglob("jo-bloggs.png")]
    with Image.open(build.output / "share/councillors/jo-bloggs.jpg") as card:
        assert card.format == "JPEG" and card.size == (1200, 630)
        assert stored_imprint(card) == imprint_text(settings)
        photo_colour = card.getpixel((card.width - 180, 150))
    assert all(abs(a - b) <= 8 for a, b in zip(photo_colour, (0x8e, 0x7c, 0xa3), strict=True)), photo_colour
    card = build.output / "share/news/hello.jpg"
    assert card.stat().st_size <= 200 * 1024, card.stat().st_size
    page = build.html("news/hello/")
    assert meta_content(page, "og:image").endswith("/share/news/hello.jpg")
    assert meta_content(page, "og:image:type") == "image/jpeg"
    assert json_ld(page)[0]["image"][0].endswith("/share/news/hello.jpg")
    with Image.open(build.output / "share/policies/housing.png") as card:
        assert card.mode == "P" and stored_imprint(card) == imprint_text(settings)
    assert meta_content(build.html("policies/housing/"), "og:image:type") == "image/png"


def test_a_large_photo_is_decoded_small_and_looks_the_same(settings, tmp_path):
    """A phone's photo is decoded at a fraction of its size (JPEG's own
    scaling, plugins/sharecards/card.py: photo_draft_size), which made a
    12-megapixel photo's card five times quicker to draw: what the card
    shows differs from fitting the fully decoded photo by a level or two."""
    from PIL import ImageDraw, ImageOps

    from plugins.sharecards.card import CardText, draw_card, drawn_band, photo_draft_size
    from plugins.sharecards.layout import PHOTO_WIDTH
    from sitecore.brand import brand_style

    photo = Image.linear_gradient("L").resize((3000, 4000)).convert("RGB")
    ImageDraw.Draw(photo).ellipse((800, 900, 2200, 2600), fill="#8e7ca3")
    photo.save(tmp_path / "photo.jpg", quality=92)
    style, imprint = brand_style(settings), imprint_text(settings)
    card = draw_card(CardText("News", "A title", imprint, "Party", str(tmp_path / "photo.jpg")), style)
    space = (PHOTO_WIDTH, card.height - drawn_band("Party", imprint, style).height)
    shown = card.crop((card.width - PHOTO_WIDTH, 0, card.width, space[1]))
    with Image.open(tmp_path / "photo.jpg") as full:
        reference = ImageOps.fit(full.convert("RGB"), space)
    differences = [abs(a - b) for a, b in zip(shown.tobytes(), reference.tobytes())]
    assert sum(differences) / len(differences) <= 2, sum(differences) / len(differences)
    # Asked for at least the space's longer side on both sides, turned either way.
    assert min(photo_draft_size((3000, 4000), (360, 480))) >= 480
    assert min(photo_draft_size((4000, 3000), (360, 480))) >= 480


def test_a_damaged_photo_is_refused_at_its_path_before_its_card_is_drawn(make_site):
    """A PNG whose compressed pixels are damaged (its chunks' checksums
    made to match) passes Pillow's verify(); decoding the copy the site would
    publish fails while the files are checked, so the build names the file
    before any card is drawn (the card's own decoding check stays behind it)."""
    import io
    import struct
    import zlib

    picture = Image.new("RGB", (300, 200), "#6a1b9a")
    for x in range(300):
        picture.putpixel((x, x % 200), (x % 255, 10, 10))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    chunk = data.index(b"IDAT")
    length = struct.unpack(">I", data[chunk - 4:chunk])[0]
    end = chunk + 4 + length
    for place in range(chunk + 24, end - 4):
        data[place] = (data[place] * 7 + 13) % 256
    data[end:end + 4] = struct.pack(">I", zlib.crc32(bytes(data[chunk:end])))
    profile = textwrap.dedent(MINIMAL_SITE["councillors/jo-bloggs.md"]).replace(
        "region: London\n", "region: London\nphoto: images/jo.png\nphoto_alt: Jo Bloggs smiling\n")
    build = make_site({"councillors/jo-bloggs.md": profile, "images/jo.png": bytes(data)})
    assert build.returncode == 1
    assert build.problem_lines == [
        "content/images/jo.png:1: (file): cannot be published: its picture cannot be decoded "
        "(OSError: broken data stream when reading image file) — save it again from the original and upload that copy"]
    assert "Traceback" not in build.stderr


LONG_TITLE = ("Pensioners, students, nurses and tenants campaigned together for better buses, fair rents, warm homes "
              "and free school meals in every ward of every town in the county this week, despite the rain and "
              "the council")  # 209 characters: four lines of the smallest type on a card without a photo
LONGER_TITLE = LONG_TITLE + " and the cold wind that blew across the town hall square all through the long afternoon"


def test_a_title_too_long_for_its_card_is_refused_at_its_line(make_site):
    """The card cut such a title off with "…", so a shared link showed the
    headline unfinished. It is refused instead, with a length to aim for; a
    photo beside the title leaves less room."""
    from conftest import sample_jpeg

    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]).replace("Hello from the party", LONGER_TITLE)
    build = make_site({"posts/hello.md": post})
    assert build.returncode == 1
    assert build.problem_lines == [
        "content/posts/hello.md:2: title: is too long for the share card: even in its smallest type it takes 6 "
        "lines, and the card has room for 4 — shorten it to about 195 characters: the detail can go in the summary"]
    assert make_site({"posts/hello.md": post.replace(LONGER_TITLE, LONG_TITLE)}).returncode == 0
    with_photo = post.replace(LONGER_TITLE, LONG_TITLE).replace(
        "tags: [launch]", "tags: [launch]\nimage: images/rally.jpg\nimage_alt: Members marching")
    build = make_site({"posts/hello.md": with_photo, "images/rally.jpg": sample_jpeg(600, 400)})
    assert build.returncode == 1
    assert build.problem_lines == [
        "content/posts/hello.md:2: title: is too long for the share card: even in its smallest type it takes 7 "
        "lines, and the card (beside its photo) has room for 4 — shorten it to about 115 characters: the detail "
        "can go in the summary"]


def test_a_cut_kicker_ends_at_a_whole_word(settings):
    """Where a line must be cut ("…"), it ends after a whole word, not in the middle of one."""
    from plugins.sharecards.typesetting import Face, cut_to_fit
    from sitecore.brand import brand_style

    face = Face(brand_style(settings).bold_fonts, 40)
    width = int(face.length("PENSIONERS AND STUDEN…"))
    assert cut_to_fit("PENSIONERS AND STUDENTS", face, width) == "PENSIONERS AND…"
    assert cut_to_fit("PENSIONERSANDSTUDENTS", face, width) == "PENSIONERSANDSTUDEN…"  # one word: cut inside it


def test_the_quick_title_check_never_passes_a_title_the_card_would_cut(settings):
    """fits_in_lines settles most titles without the card's full wrap; it
    may only say "fits" where the wrap agrees. Titles of 1 to 60 words, and
    some with a word too wide for a line, beside a photo and without."""
    import random

    from plugins.sharecards.layout import TITLE_SIZES, title_room
    from plugins.sharecards.typesetting import Face, fits_in_lines, wrap
    from sitecore.brand import brand_style

    style = brand_style(settings)
    face = Face(style.bold_fonts, min(TITLE_SIZES))
    words = (LONGER_TITLE + " Tŷ Hywel Łukasz NHS £5m COP26 well-insulated 10,000").split()
    chance = random.Random(7)
    settled = 0
    for _ in range(400):
        title = " ".join(chance.choice(words) for _ in range(chance.randint(1, 60)))
        if chance.random() < 0.1:
            title += " " + "Llanfairpwllgwyngyll" * chance.randint(2, 4)
        for with_photo in (False, True):
            width, _ = title_room(style, imprint_text(settings), with_photo)
            for room in (1, 2, 4):
                if fits_in_lines(title, face, width, room):
                    settled += 1
                    assert len(wrap(title, face, width, True)) <= room, (title, with_photo, room)
    assert settled > 500  # it does settle most short titles


def broken_word_as_it_was(word, face, width):
    """broken_word before it measured only the start of the rest of a word:
    the same pieces, found by measuring the whole rest each time."""
    from plugins.sharecards.typesetting import BREAK_AFTER, with_hyphen

    pieces, rest = [], word
    while len(rest) > 1 and face.length(rest) > width:
        low, high = 1, len(rest) - 1
        while low < high:
            middle = (low + high + 1) // 2
            low, high = (middle, high) if face.length(with_hyphen(rest[:middle])) <= width else (low, middle - 1)
        natural = max((at + 1 for at in range(low // 2, low) if rest[at] in BREAK_AFTER), default=None)
        pieces.append(with_hyphen(rest[:natural or low]))
        rest = rest[natural or low:]
    return [*pieces, rest]


def test_a_word_too_long_for_a_line_breaks_as_before_at_a_cost_that_grows_with_its_length(settings):
    """A stranger's title of 50,000 letters held the share card's check up
    for a minute (150,000 for six): each piece measured the whole rest of
    the word. Now each piece costs about what it holds, and the pieces are
    the same as before."""
    from plugins.sharecards.layout import TITLE_SIZES
    from plugins.sharecards.typesetting import Face, broken_word
    from sitecore.brand import brand_style

    fonts = brand_style(settings).bold_fonts
    for word in ("Llanfairpwllgwyngyll" * 3, "well-insulated-homes-for-everyone", "COP26/2022", "Tŷ" * 40, "W" * 200):
        for size in (min(TITLE_SIZES), max(TITLE_SIZES)):
            face = Face(fonts, size)
            for width in (80, 300, 1000):
                assert broken_word(word, face, width) == broken_word_as_it_was(word, face, width), (word, width)

    class CountingFace(Face):
        measured = [0]

        def length(self, text: str) -> float:
            self.measured[0] += len(text)
            return super().length(text)

    word = "A" * 20000
    face = CountingFace(fonts, min(TITLE_SIZES))
    pieces = broken_word(word, face, 1000)
    assert "".join(piece.removesuffix("-") for piece in pieces) == word
    assert face.measured[0] < 20 * len(word)  # about 11 times; it was about 600, and grew with the length
