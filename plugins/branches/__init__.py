"""Branches: the Branch content type, branch pages, and the listing by region."""

from .plugin import register

__all__ = ["register"]
