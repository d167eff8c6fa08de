"""Give templates the site's addresses as filters, so no template assembles one."""

from .plugin import register

__all__ = ["register"]
