"""The UK digital imprint (Elections Act 2022), from the one IMPRINT setting."""

from .plugin import register

__all__ = ["register"]
