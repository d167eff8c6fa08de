"""Share cards: a 1200×630 PNG per item, with the digital imprint burned in."""

from .plugin import register

__all__ = ["register"]
