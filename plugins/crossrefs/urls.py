"""Every page of the site comes from exactly one file.

Two files that would be written to the same place (two posts with the same
file name in different folders, a page called "news" that would replace the
news listing) are reported, instead of one silently overwriting the other.
"""

from __future__ import annotations

from frontmatter.problems import problem_log


def reserved_paths(settings) -> dict[str, str]:
    """Output paths that the site's own listings use."""
    names = ("INDEX_SAVE_AS", "HOME_SAVE_AS", "POLICY_INDEX_SAVE_AS", "COUNCILLOR_INDEX_SAVE_AS",
             "CATEGORIES_SAVE_AS", "TAGS_SAVE_AS")
    return {settings[name]: f"the site's own {name.split('_SAVE_AS')[0].lower().replace('_', ' ')} page"
            for name in names if settings.get(name)}


def check_unique_output_paths(items, settings) -> None:
    owners = dict(reserved_paths(settings))
    for item in sorted(items, key=lambda i: i.source_path):
        if not item.save_as:
            continue
        owner = owners.setdefault(item.save_as, problem_log.display_path(item.source_path))
        if owner != problem_log.display_path(item.source_path):
            problem_log.add(item.source_path, 1, "(file name)",
                            f'its address /{item.url} is already used by {owner}',
                            "rename this file so its slug (the file name) is unique")
