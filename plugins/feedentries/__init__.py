"""Which posts each Atom feed holds: those changed most recently."""

from .plugin import register

__all__ = ["register"]
