"""Browser editing with Decap CMS: /admin/ and its config, made from our schemas."""

from .plugin import register

__all__ = ["register"]
