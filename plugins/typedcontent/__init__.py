"""Shared machinery for our own content types (policies, councillors).

Not a plugin on its own (nothing to register): the policies and councillors
plugins each define a Content subclass (with its `collection`, e.g.
"policies") and a TypedContentGenerator for it; the minifesto and press
plugins read their one file each with a SingleFileGenerator. Other plugins may import
this package, as they import sitecore.
"""

from .generator import TypedContentGenerator
from .single_file import SingleFileGenerator

__all__ = ["SingleFileGenerator", "TypedContentGenerator"]
