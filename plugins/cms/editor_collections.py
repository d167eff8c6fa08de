"""Which content the browser editor edits: each collection's schema, name, label and files."""

from __future__ import annotations

import re

from sitecore.schema.content_types import BRANCH, CANDIDATE, COUNCILLOR, EVENT, POLICY, POST, PRESS_OFFICE

# (schema, collection name, label, folder setting, file name template)
COLLECTIONS = (
    (POST, "posts", "News and press releases", "ARTICLE_PATHS", "{{slug}}"),
    # fields.number is edited as two digits ("03"), so files are 03-….md.
    (POLICY, "policies", "Policies", "POLICY_PATHS", "{{fields.number}}-{{slug}}"),
    (COUNCILLOR, "councillors", "Councillors", "COUNCILLOR_PATHS", "{{slug}}"),
    (EVENT, "events", "Events", "EVENT_PATHS", "{{slug}}"),
    (BRANCH, "branches", "Branches", "BRANCH_PATHS", "{{slug}}"),
    (CANDIDATE, "candidates", "Candidates", "CANDIDATE_PATHS", "{{slug}}"),
)
# Content that is one file, edited as one form (a Sveltia file collection):
# (schema, collection name, label, setting naming the file). Its uploads go
# into content/images/<collection name>/.
SINGLE_FILES = (
    (PRESS_OFFICE, "press", "Press office", "PRESS_OFFICE_PATHS"),
)
COLLECTION_BY_SETTING = {setting: name for _, name, _, setting, _ in COLLECTIONS}
FILE_NAME_FIELD = re.compile(r"\{\{fields\.(\w+)\}\}")
# Every file is read and written by our format (static/frontmatter-format.js),
# which keeps the file's own text and rewrites only changed lines. Sveltia
# accepts .md files only for formats whose names end in -frontmatter.
FORMAT_SUFFIX = "-frontmatter"
