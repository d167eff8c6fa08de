"""The imprint's wording, made in one place for pages, the PDF and images."""

from __future__ import annotations

from sitecore.visible_text import visible_text

REQUIRED_PARTS = ("promoter", "party", "address")


def imprint_text(settings: dict) -> str:
    """The imprint: the promoter's name and address, and the name and address
    of the party it is promoted for (Elections Act 2022, s. 43; the
    Electoral Commission's statutory guidance on digital imprints). One
    address after the party's name left the promoter's unsaid: "both at" says
    it is theirs too, unless IMPRINT gives the promoter's own:
    'Promoted by <promoter> on behalf of <party>, both at <address>.', or
    'Promoted by <promoter>, <promoter_address>, on behalf of <party>, <address>.'"""
    imprint = settings.get("IMPRINT") or {}
    missing = [part for part in REQUIRED_PARTS if not str(imprint.get(part, "")).strip()]
    if missing:
        raise ValueError(
            "IMPRINT in pelicanconf.py is missing " + ", ".join(missing)
            + ": the law requires the promoter's name, the party and a postal address"
        )
    own = str(imprint.get("promoter_address") or "").strip()
    if own and own != imprint["address"].strip():
        return f"Promoted by {imprint['promoter']}, {own}, on behalf of {imprint['party']}, {imprint['address']}."
    return f"Promoted by {imprint['promoter']} on behalf of {imprint['party']}, both at {imprint['address']}."


def shows_imprint(html: str, expected: str) -> bool:
    """Does the page show the imprint in its visible text? (The build's
    check and the live preview's quick step ask this one question.)"""
    return expected in visible_text(html)
