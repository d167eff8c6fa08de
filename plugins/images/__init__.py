"""Responsive images: WebP variants, srcset, width and height, lazy loading."""

from .plugin import register

__all__ = ["register"]
