"""Shared machinery for our own content types (policies, councillors,
events, branches, candidates).

Not a plugin on its own (nothing to register). Each type is a subclass of
sitecore.content_items.TypedContent naming its `collection` (e.g.
"events"), read and written by a TypedContentGenerator subclass its plugin
defines. The councillors, events, branches and candidates plugins define
their types themselves; Policy is in the core (sitecore/policy_content.py),
because the minifesto reads past editions' policies with it too, and the
policies plugin gives it its generator. The minifesto and press plugins read
their one file each with a SingleFileGenerator. Other plugins may import
this package, as they import sitecore (listings finds every typed
generator by this class).
"""

from .generator import TypedContentGenerator
from .single_file import SingleFileGenerator

__all__ = ["SingleFileGenerator", "TypedContentGenerator"]
