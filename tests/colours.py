"""Colours as the browser reports them, and their contrast as WCAG 2.2
measures it (for the keyboard, focus and print tests)."""

from __future__ import annotations

import re

AA_TEXT = 4.5  # WCAG 1.4.3: the least contrast of text against its background


def rgb(colour: str) -> tuple[int, int, int]:
    """'rgb(27, 27, 31)' or 'rgba(…)' -> (27, 27, 31)."""
    return tuple(int(float(part)) for part in re.findall(r"[\d.]+", colour)[:3])


def relative_luminance(colour: tuple[int, int, int]) -> float:
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = map(linear, colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(text: tuple[int, int, int], background: tuple[int, int, int]) -> float:
    lighter, darker = sorted((relative_luminance(text), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
