"""The cms plugin's settings and their defaults, in one place."""

from __future__ import annotations

import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NODE_MODULES = os.path.join(ROOT, "node_modules")

DEFAULTS = {
    "CMS_SAVE_AS": "admin/",
    # Saves open a pull request instead of committing to the branch.
    "CMS_PUBLISH_MODE": "editorial_workflow",
    "CMS_SVELTIA_PACKAGE": os.path.join(NODE_MODULES, "@sveltia/cms"),
    "CMS_YAML_BROWSER_DIST": os.path.join(NODE_MODULES, "yaml/browser/dist"),
}
PUBLISH_MODES = ("simple", "editorial_workflow")


def cms_settings(settings: dict) -> dict:
    """The settings with the plugin's defaults filled in, checked."""
    merged = {**DEFAULTS, **settings}
    backend = merged.get("CMS_BACKEND")
    if not isinstance(backend, dict) or not backend.get("repo"):
        raise ValueError('CMS_BACKEND must be a dict with the repository, e.g. '
                         '{"name": "github", "repo": "owner/name", "branch": "main", "auth_methods": ["token"]}')
    if merged["CMS_PUBLISH_MODE"] not in PUBLISH_MODES:
        raise ValueError(f"CMS_PUBLISH_MODE must be one of {', '.join(PUBLISH_MODES)}, "
                         f"not {merged['CMS_PUBLISH_MODE']!r}")
    return merged
