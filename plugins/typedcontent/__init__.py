"""Shared machinery for our own content types (policies, councillors).

Not a plugin on its own (nothing to register): the minifesto and councillors
plugins each define a Content subclass and a TypedContentGenerator for it.
"""

from .generator import TypedContentGenerator

__all__ = ["TypedContentGenerator"]
