"""Production settings: only what differs from a local build."""

import os
import sys

# Found next to this file, wherever the build is run from.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F403

# Absolute URLs everywhere: feeds, share links and the sitemap need them.
SITEURL = SITE_CANONICAL_URL  # noqa: F405

# `invoke publish` copies output/ here with rsync over SSH (user@host:/path/).
# The PUBLISH_SSH_TARGET environment variable overrides it (CI, tests).
PUBLISH_SSH_TARGET = os.environ.get("PUBLISH_SSH_TARGET", "deploy@breakthroughparty.org.uk:/var/www/breakthrough/")
# `invoke gh-pages` pushes output/ to this branch (GitHub Pages serves it).
GITHUB_PAGES_BRANCH = "gh-pages"
