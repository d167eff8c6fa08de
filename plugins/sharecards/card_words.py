"""The words a share card shows above its title (its kicker), and the words
the page's Open Graph tags give for it: a card travels without its page,
so what it shares says what the page says first (cancelled, sample)."""

from __future__ import annotations

from markupsafe import Markup
from pelican.contents import Article

from sitecore.share_cards import JPEG

# Before the kind of an item marked as sample content: the card travels
# without the page's banner and note, so it says so itself.
SAMPLE_KICKER = "Sample"
# The site's own card (every page without an item of its own): this above
# the site's tagline.
SITE_KICKER = "Join us"


def kicker_for(item, settings) -> str:
    """The line above the title: "Policy 3", a councillor's role, a post's
    category (our own content types say theirs, `card_kicker`); "Sample ·
    Policy 3" for an item marked `sample:`."""
    kind = kind_of(item, settings)
    return f"{SAMPLE_KICKER} · {kind}" if getattr(item, "sample", None) else kind


def kind_of(item, settings) -> str:
    if hasattr(item, "card_kicker"):
        return item.card_kicker
    if isinstance(item, Article):
        # One press release is a "Press release", not the category's plural.
        return (settings.get("POST_CATEGORY_ONE_ITEM") or {}).get(item.category.slug, str(item.category))
    return settings["SITENAME"]


def shared_title(item, settings, page_title: str = "") -> str:
    """The title a link preview shows: "Cancelled: Summer rally" for an
    event that does not go ahead, as the page's own title says it; for a
    page with no item of its own (`item` None), its <title> without the
    site's name after it ("Press releases from 2024": every listing said
    the site's name, an audit), or the site's name."""
    if item is None:
        written = page_title.unescape() if isinstance(page_title, Markup) else page_title  # a block's HTML
        return written.strip().removesuffix(f" | {settings['SITENAME']}") or settings["SITENAME"]
    status = getattr(item, "status_label", "")
    return f"{status}: {item.title}" if status else item.title


def card_alt(item, settings, imprint: str) -> str:
    """The card's words, for whoever cannot see the picture: its kicker (a
    cancelled event's, a sample's), its title, its photo's description if it
    shows one, and the imprint (the site's card: "Join us", the tagline).
    The kicker's dots are read as commas."""
    if item is None:
        return f"{SITE_KICKER}: {settings['SITE_TAGLINE']}. {imprint}"
    photo = getattr(item, "image_alt", None) or getattr(item, "photo_alt", None)
    # A card showing a photo is a JPEG (sitecore/share_cards.py): its address says so, with no look at the disk.
    shows_photo = str(getattr(item, "share_image", "")).endswith(f".{JPEG}")
    shown = f", beside a photo: {photo.rstrip('.')}" if photo and shows_photo else ""
    return f"{kicker_for(item, settings).replace(' · ', ', ')}: {item.title}{shown}. {imprint}"
