"""Each item's address worked out once while the pages are written."""

from .plugin import register

__all__ = ["register"]
