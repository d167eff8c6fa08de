"""The cms plugin's check of CMS_BACKEND. Its other settings are checked,
and given their defaults, with the rest of ours (sitecore/settings_check.py):
CMS_BACKEND has no default, as it names the party's repository."""

from __future__ import annotations


def cms_settings(settings: dict) -> dict:
    """The settings, with CMS_BACKEND checked."""
    backend = settings.get("CMS_BACKEND")
    if not isinstance(backend, dict) or not backend.get("repo"):
        raise ValueError('CMS_BACKEND must be a dict with the repository, e.g. '
                         '{"name": "github", "repo": "owner/name", "branch": "main", "auth_methods": ["token"]}')
    return settings
