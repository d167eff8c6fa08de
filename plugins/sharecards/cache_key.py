"""The cache key of a share card: a hash of everything that changes its pixels or bytes.

The code that draws a card is in the key only by CARD_DESIGN_VERSION, so
a change to what it draws must bump it; the fonts are in it by their
contents (CardStyle.fingerprint), a photo by its bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

import PIL

from .card import CardText

# Bump when card.py, layout.py, typesetting.py or card_png.py draw or encode
# a card differently, so cached cards are redrawn.
CARD_DESIGN_VERSION = "9"


def card_key(text: CardText, style_fingerprint: str) -> str:
    """The cache key of a card: everything that changes its pixels or bytes."""
    # The photo by its bytes (photo_digest), not its path: a checkout in
    # another folder reuses its cards.
    drawn_from = (CARD_DESIGN_VERSION, PIL.__version__, replace(text, photo=None), style_fingerprint)
    return hashlib.sha256(repr(drawn_from).encode()).hexdigest()[:24]
