"""Production settings: only what differs from a local build."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

# Absolute URLs everywhere: feeds, share links and the sitemap need them.
SITEURL = SITE_CANONICAL_URL  # noqa: F405
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
