"""Every page of the site comes from exactly one file.

Two files that would be written to the same place (two posts with the same
file name in different folders, a page called "search" that would replace
the search page) are reported, instead of one silently overwriting the other.
"""

from __future__ import annotations

from contentcheck.site_urls import generated_pages
from frontmatter.problems import problem_log


def check_unique_output_paths(items, settings) -> None:
    owners = dict(generated_pages(settings))
    for item in sorted(items, key=lambda i: i.source_path):
        if not item.save_as:
            continue
        owner = owners.setdefault(item.save_as, problem_log.display_path(item.source_path))
        if owner != problem_log.display_path(item.source_path):
            problem_log.add(item.source_path, 1, "(file name)",
                            f'its address /{item.url} is already used by {owner}',
                            "rename this file so its slug (the file name) is unique")
