"""The shared core of the site's build: what more than one plugin needs.

Not a Pelican plugin (it registers nothing). Plugins import Pelican, this
core and `plugins.typedcontent`, never each other, so each plugin can be read,
tested, switched off or replaced on its own. The core imports no plugin and
nothing from sitebuild, the runner (tests/test_layout.py).

Every module, one line each (tests/test_layout.py keeps this list whole):

Problems and settings
- problems: the problem log (`path:line: field: what — fix`)
- settings_file: where a problem with a setting is reported (pelicanconf.py, at its line)
- settings_check: our settings' defaults and types, checked in one place
- newcomers: which of two clashing files the volunteer just added (the one a message belongs on)

Time and what is public
- clock: the build's "now", the site's time zone and the months' names
- publication_order: whether an item may name another that is not public yet
- renamed_items: what to say of a name no published item has (not public yet, renamed, never there)

Content
- content_items: the content items of a build (published, drafts)
- policy_content: the Policy content type (policy pages, and the minifesto's past editions)
- frozen_editions: where past minifesto editions are kept, and the files they were frozen from
- policy_lines: a policy followed through the editions (renamed files), and the policies dropped since
- commitment_matching: which commitment of one edition of a policy is which of another's
- schema: the front matter schemas (the build, the editor and the docs read them)
- names: file and folder names (safe characters, numbered policy files)
- regions: the regions of REGIONS as they appear in addresses, anchors and sentences
- reading_order: names sorted as a reader looks them up (accents and capitals aside)

Text and HTML
- html_allowlist: the one HTML allowlist content may render to
- html_refusals: what in rendered HTML is outside the allowlist, found as a browser parses it
- html_sanitiser: the published HTML, with everything outside the allowlist removed (nh3)
- html_refusal_messages: what a volunteer is told of each refusal, and how to fix it
- headings_need_a_space: Markdown headings need "# " with a space, so a hashtag stays text
- heading_ids: headings' ids that never take one the theme's templates use
- page_anchors: the parts of a page a link's #part can land on (its ids), and whether it lands
- typography: curly quotes for front matter text (titles, summaries, commitments)
- word_diff: two versions of a text, word by word, in <del> and <ins>
- languages: the language an item's own words are in (its `language`, or the site's) and their `lang`
- language_tags: language tags against the IANA registry (langcodes), its answers kept in the build's cache
- visible_text: the text a reader can see on a page (where the imprint must be)
- imprint: the imprint's wording
- breakable_addresses: where a shown email or web address may wrap on a narrow screen
- phone_links: the tel: address of a phone number as people write it

Addresses and files
- urls: public addresses (canonical URLs, page URLs from save_as)
- site_files: every address the build writes, declared by its generators, and the server's own files
- share_cards: where each page's share card is and what kind of file (a PNG, or a JPEG showing a photo), and the imprint it carries
- output: writing files into the output folder (atomically, never outside it) and their public modes

Looks
- brand: the party's colours, fonts and drawn logo
- print_fonts: the fonts the PDFs embed and the share cards are drawn in, and what they can draw
- drawable_characters: what a text in those fonts may hold, as ranges, for the browser editor's form
- stylesheet: the inlined screen stylesheet and its CSP hash
- content_security: Content-Security-Policy text, for headers and for <meta> tags

Images
- images: image paths (what counts as an image, its WebP copies)
- image_metadata: images as the site publishes them, without camera, place or author data
- print_images: a picture at no more pixels than a printed page can show
- sizes: file sizes as people read them

Builds, caches and the live preview
- renewed: the signal the live preview's quick step sends for items read again
- page_effects: what rendering a page does besides its text (placing image copies)
- passed_before: the digests of what passed a check in the last build
- text_memo: results of pure text-to-text work kept between builds (safe HTML of a body)
- sealed: cache entries that know when they are damaged (a damaged one is a miss)
- cores: how many cores this process may use
"""
