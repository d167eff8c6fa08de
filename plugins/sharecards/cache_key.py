"""The cache key of a share card: a hash of everything that changes its pixels or bytes.

The code that draws and encodes a card is in the key by its source
(CARD_DRAWING_CODE), so any change to it redraws the cards, with no version
to bump by hand (a forgotten bump served stale cards); Pillow by its
version; the fonts by their contents (CardStyle.fingerprint); a photo by its
bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from sitecore import brand, print_fonts
from sitecore.text_memo import code_fingerprint

from . import card, card_file, layout, typesetting
from .card import CardText

# Every module whose code decides a card's pixels or bytes: the drawing,
# the layout, the typesetting (with print_fonts' stand-ins for characters
# the fonts lack), the party's mark (brand) and the encoding (card_file).
CARD_DRAWING_CODE = tuple(module.__file__ for module in (card, layout, typesetting, card_file, brand, print_fonts))


def card_key(text: CardText, style_fingerprint: str) -> str:
    """The cache key of a card: everything that changes its pixels or bytes."""
    # The photo by its bytes (photo_digest), not its path: a checkout in
    # another folder reuses its cards.
    code = code_fingerprint(CARD_DRAWING_CODE, ("pillow",)).hex()
    drawn_from = (code, replace(text, photo=None), style_fingerprint)
    return hashlib.sha256(repr(drawn_from).encode()).hexdigest()[:24]
