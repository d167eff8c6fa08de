"""Policies and the minifesto: the Policy content type, its pages, the policy index."""

from .plugin import register

__all__ = ["register"]
