"""Old addresses of renamed items: each keeps working, pointing to the new one."""

from .plugin import register

__all__ = ["register"]
