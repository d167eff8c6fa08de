"""The tel: address of a phone number as people write it (fields.phone)."""

from __future__ import annotations

import re

# "+44 (0)20 7946 0456": the bracketed 0 is the trunk prefix, dialled only
# from inside the country; after a country code it must go, or the phone
# dials +44 0 20…, a number that does not exist.
TRUNK_PREFIX = re.compile(r"\(\s*0\s*\)")


def tel_uri(number: str, country_code: str | None = None) -> str:
    """'tel:' and the number's + and digits, nothing else (RFC 3966 allows
    "-", ".", "(" and ")" as separators, but a bracketed trunk 0 would then
    be dialled). A link should be a global number, which a phone in any
    country dials: a journalist abroad tapped "020 7946 0456" and got a
    number of their own country. A number written with its country code
    ("+44 (0)20 7946 0456") is one already; one written as its country
    dials it is made one with `country_code` (PHONE_COUNTRY_CODE, "44", of
    a country whose numbers drop their first 0 after the code, as the
    UK's do): its trunk 0 becomes +44 ("020 7946 0456" is +442079460456),
    and the 00 that dials abroad becomes + ("0033 1 23 45 67 89", "0044
    (0)20 …" without its bracketed 0). Without a country code, such a
    number is left as written: whose it is is not guessed."""
    text = number.strip()
    if text.startswith("+"):
        return "tel:+" + re.sub(r"\D", "", TRUNK_PREFIX.sub("", text))
    digits = re.sub(r"\D", "", text)
    if country_code and digits.startswith("00"):
        return "tel:+" + re.sub(r"\D", "", TRUNK_PREFIX.sub("", text))[2:]
    if country_code and digits.startswith("0"):
        return f"tel:+{country_code}{digits[1:]}"
    return f"tel:{digits}"
