"""The minifesto: web edition, PDF, large-print PDF, plain text, policies.json."""

from .plugin import register

__all__ = ["register"]
