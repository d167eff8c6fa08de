"""Councillors: the Councillor content type, profiles and the directory by region."""

from .plugin import register

__all__ = ["register"]
