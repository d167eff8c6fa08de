"""The tel: address of a phone number as people write it (fields.phone)."""

from __future__ import annotations

import re

# "+44 (0)20 7946 0456": the bracketed 0 is the trunk prefix, dialled only
# from inside the country; after a country code it must go, or the phone
# dials +44 0 20…, a number that does not exist.
TRUNK_PREFIX = re.compile(r"\(\s*0\s*\)")


def tel_uri(number: str) -> str:
    """'tel:' and the number's + and digits, nothing else (RFC 3966 allows
    "-", ".", "(" and ")" as separators, but a bracketed trunk 0 would then
    be dialled). A number written with its country code becomes a global
    number (+442079460456). One written without ("020 7946 0456") stays the
    national digits a phone in its country dials as they are: which
    country it belongs to is not written down, so it is not guessed."""
    text = number.strip()
    if text.startswith("+"):
        text = TRUNK_PREFIX.sub("", text)
    digits = re.sub(r"\D", "", text)
    return f"tel:+{digits}" if text.startswith("+") else f"tel:{digits}"
