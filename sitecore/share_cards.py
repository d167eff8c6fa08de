"""Where each page's share card is: plugins/sharecards draws it there, the
page's Open Graph tags and its JSON-LD point at it."""

from __future__ import annotations

from .content_items import collection_of


def site_card_url(settings: dict) -> str:
    """The card of pages that have none of their own (home, listings)."""
    return f"{settings['SHARE_CARD_PATH']}/site.png"


def share_card_url(settings: dict, item) -> str:
    """share/news/<slug>.png, share/policies/<slug>.png …"""
    return f"{settings['SHARE_CARD_PATH']}/{collection_of(item)}/{item.slug}.png"
