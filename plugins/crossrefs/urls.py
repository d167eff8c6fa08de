"""Every page of the site comes from exactly one file.

Two files that would be written to the same place (two posts with the same
file name in different folders, a page called "search" that would replace
the search page) are reported, instead of one silently overwriting the other.
A clash between two files is reported on the one the volunteer added (the one
git does not track yet): the published one keeps its name, so links to it
keep working.
"""

from __future__ import annotations

from sitecore.content_items import content_items, public_save_as, public_url
from sitecore.newcomers import files_to_report
from sitecore.problems import problem_log
from sitecore.publication_order import goes_public_by_itself
from sitecore.site_files import own_folders, site_made_files


def check_unique_output_paths(generators) -> None:
    generated = site_made_files(generators)
    items = content_items(generators)
    by_address: dict[str, dict] = {}
    for item in sorted(items, key=lambda i: i.source_path):
        # An embargoed post where it will be once published: a clash with
        # another page is reported now, not when its embargo lifts (when the
        # hourly build would fail and publish nothing). A draft waits.
        save_as = public_save_as(item) if goes_public_by_itself(item) else item.save_as
        if save_as:
            by_address.setdefault(save_as, {}).setdefault(item.source_path, item)
    folders = own_folders(generators[0].settings)
    for save_as, by_path in by_address.items():
        if save_as.split("/")[0].lower() in folders:
            for item in by_path.values():
                _report(item, f"its address /{public_url(item)} is where the site keeps files of its own (the "
                        "search index, the styles, the editor, the sitemap's parts, the feeds, the share cards), "
                        "which would take its place",
                        "rename this file so its slug (the file name) is another word")
        elif save_as in generated:
            for item in by_path.values():
                _report(item, f"its address /{public_url(item)} is already used by {generated[save_as]}",
                        "rename this file so its slug (the file name) is unique")
        elif len(by_path) > 1:
            _report_shared_address(by_path)


def _report_shared_address(by_path: dict) -> None:
    to_report, already_there = files_to_report(list(by_path))
    for path in to_report:
        item = by_path[path]
        if already_there:
            _report(item, f"its address /{public_url(item)} is already used by "
                    f"{problem_log.display_path(already_there[0])}",
                    "rename this file so its slug (the file name) is unique")
        else:
            others = ", ".join(problem_log.display_path(other) for other in to_report if other != path)
            _report(item, f"its address /{public_url(item)} is also used by {others}",
                    "rename the one you added so its slug (the file name) is unique "
                    "(a published file renamed keeps its links only with its old address in old_addresses)")


def _report(item, message: str, fix: str) -> None:
    problem_log.add(item.source_path, 1, "(file name)", message, fix)
