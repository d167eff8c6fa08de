"""Where each page's share card is, and what kind of file: plugins/sharecards
draws it there, the page's Open Graph tags and its JSON-LD point at it.

A card is a PNG in the card's own colours (20–30 KB, its letters exact),
unless it shows the item's own photo: then a JPEG. As a full-colour PNG a
photo's card was about 400 KB, fetched by the phone of whoever shares the
link (WhatsApp shows no picture for an image much over 300 KB); as a JPEG it
is about 100 KB, and the photo looks better than in 256 colours.
"""

from __future__ import annotations

import os

from .content_items import collection_of
from .names import inside

PNG, JPEG = "png", "jpg"  # a card's file ending, as its address and cached copy have it
CARD_ENDINGS = (PNG, JPEG)
# The PNG text chunk holding the imprint, as plugins/sharecards/card_file.py
# writes it (a JPEG card holds it as its comment).
IMPRINT_PNG_CHUNK = "Imprint"


def site_card_url(settings: dict) -> str:
    """The card of pages that have none of their own (home, listings)."""
    return f"{settings['SHARE_CARD_PATH']}/site.{PNG}"


def share_card_url(settings: dict, item) -> str:
    """share/news/<slug>.png, share/policies/<slug>.png …; .jpg for a card
    that shows the item's own photo."""
    ending = JPEG if card_photo_path(item, settings) else PNG
    return f"{settings['SHARE_CARD_PATH']}/{collection_of(item)}/{item.slug}.{ending}"


def card_photo_path(item, settings: dict) -> str | None:
    """The file of the item's own picture, if it has one: a post's `image`,
    a councillor's `photo` (content/images/…, checked by the content checks:
    an image Pillow opens, no link)."""
    relative = getattr(item, "image", None) or getattr(item, "photo", None)
    path = os.path.join(settings["PATH"], relative) if relative else None
    if path is None or not inside(path, settings["PATH"]) or not os.path.isfile(path):
        return None  # none, or a symbolic link (refused at its path, never read)
    return path


def stored_imprint(card) -> str | None:
    """The imprint a card's file carries (an open Pillow image: a PNG's
    text chunk or a JPEG's comment, both read before any pixel)."""
    if card.format == "JPEG":
        comment = card.info.get("comment")
        return comment.decode("utf-8", "replace") if comment else None
    return card.info.get(IMPRINT_PNG_CHUNK)
