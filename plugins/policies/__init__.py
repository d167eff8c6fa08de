"""Policies: the Policy content type, policy pages, the index, numbering checks."""

from .plugin import register

__all__ = ["register"]
