"""Shared machinery for our own content types (policies, councillors).

Not a plugin on its own (nothing to register): the policies and councillors
plugins each define a Content subclass (with its `collection`, e.g.
"policies") and a TypedContentGenerator for it. Other plugins may import
this package, as they import sitecore.
"""

from .generator import TypedContentGenerator

__all__ = ["TypedContentGenerator"]
