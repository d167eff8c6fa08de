"""`items_renewed`: the live preview's quick step has read some items again.

Pelican sends `all_generators_finalized` once every file of a build is read.
The live preview's quick step (sitebuild/quick_page.py) re-reads a saved
file into the generators of its last build, when only the item's words
(title, summary, body) changed: its address, date, links to other items and
every other field are as before. It then sends this signal instead, so that
each plugin redoes only what depends on those items' words:

    items_renewed.send(generators, items=[...])

A plugin whose `all_generators_finalized` step sets something on the items
(a link, a plan, a check of the item's own text) connects to this too; one
that only depends on addresses, dates or the set of items has nothing to redo.
"""

from blinker import signal

items_renewed = signal("breakthrough-items-renewed")
