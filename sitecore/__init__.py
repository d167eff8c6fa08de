"""The shared core of the site's build: what more than one plugin needs.

Not a Pelican plugin (it registers nothing). Plugins import Pelican, this
core and `plugins.typedcontent`, never each other, so each plugin can be read,
tested, switched off or replaced on its own.

- problems: the problem log (`path:line: field: what — fix`)
- clock: the build's "now" and the site's time zone
- urls: public addresses (canonical URLs, page URLs from save_as)
- output: writing files into the output folder, atomically
- site_files: every address the build writes, declared by its generators
- content_items: the content items of a build (published, drafts)
- images: image paths (what counts as an image, its WebP copies)
- names: file and folder names (safe characters, numbered policy files)
- sizes: file sizes as people read them
- brand: the party's colours, fonts and drawn logo
- stylesheet: the inlined screen stylesheet and its CSP hash
- imprint: the imprint's wording
- visible_text: the text a reader can see on a page (where the imprint must be)
- html_allowlist: the one HTML allowlist content may render to
- schema: the front matter schemas (the build, the editor and the docs read them)
- renewed: the signal the live preview's quick step sends for items read again
- page_effects: what rendering a page does besides its text (placing image copies)
- passed_before: the digests of what passed a check in the last build
"""
