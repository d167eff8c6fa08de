"""Production settings: only what differs from a local build."""

import os
import runpy

# pelicanconf.py next to this file (not whichever one is importable): a copy
# of the repository builds with its own settings.
_local = runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "pelicanconf.py"))
globals().update({name: value for name, value in _local.items() if name.isupper()})

# Absolute URLs everywhere: feeds, share links and the sitemap need them.
SITEURL = _local["SITE_CANONICAL_URL"]

# `invoke publish` copies output/ here with rsync over SSH (user@host:/path/).
# The PUBLISH_SSH_TARGET environment variable overrides it (CI, tests).
PUBLISH_SSH_TARGET = os.environ.get("PUBLISH_SSH_TARGET", "deploy@breakthroughparty.org.uk:/var/www/breakthrough/")
# `invoke gh-pages` pushes output/ to this branch (GitHub Pages serves it).
GITHUB_PAGES_BRANCH = "gh-pages"
# Both publish only this, as reviewed: the checkout must be it, fetched
# first, with nothing changed (sitebuild/publish_source.py).
PUBLISH_FROM = "origin/main"

# The public site carries the real imprint and press contacts: a placeholder
# (PLACEHOLDER_PATTERNS) stops the build (plugins/samplecontent).
REFUSE_PLACEHOLDERS = True
