"""The press office: releases, archive, media contacts, press kit."""

from .plugin import register

__all__ = ["register"]
