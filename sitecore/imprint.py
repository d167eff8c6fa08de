"""The imprint's wording, made in one place for pages, the PDF and images."""

from __future__ import annotations

from sitecore.visible_text import visible_text

REQUIRED_PARTS = ("promoter", "party", "address")


def imprint_text(settings: dict) -> str:
    """'Promoted by <promoter> on behalf of <party>, <address>.'"""
    imprint = settings.get("IMPRINT") or {}
    missing = [part for part in REQUIRED_PARTS if not str(imprint.get(part, "")).strip()]
    if missing:
        raise ValueError(
            "IMPRINT in pelicanconf.py is missing " + ", ".join(missing)
            + ": the law requires the promoter's name, the party and a postal address"
        )
    return f"Promoted by {imprint['promoter']} on behalf of {imprint['party']}, {imprint['address']}."


def shows_imprint(html: str, expected: str) -> bool:
    """Does the page show the imprint in its visible text? (The build's
    check and the live preview's quick step ask this one question.)"""
    return expected in visible_text(html)
