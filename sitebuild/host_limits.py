"""A warning while there is time: the published site nears a host's limit.

Years of news make a big site: each post adds about 61 KB and 3.5 files
(measured at 3000 posts: 195 MB in 10,915 files, share cards a third of the
bytes, against under 9 MB in about 330 files for the launch site).
GitHub Pages publishes a site of at most 1 GB, and Cloudflare Pages' free
plan at most 20,000 files: past either, publishing fails, on the day of a
press release. So every build says so once the published files (not
`_server/`, which only a server of our own reads) pass NEAR_LIMIT of
PUBLISHED_MB_LIMIT or PUBLISHED_FILES_LIMIT, a build that keeps the site as
it was too (the hourly builds): months ahead at three posts a week.
"""

from __future__ import annotations

from sitecore.settings_check import our_setting
from sitecore.site_files import server_only

NEAR_LIMIT = 0.8  # the share of a limit that starts the warning
MB = 1024 * 1024


def host_limit_warnings(settings: dict, output: dict[str, list[int]]) -> list[str]:
    """What to tell about the published files of `output` (path: [size, time],
    as the build record holds them), the limits in the settings."""
    private = set(server_only(settings))
    sizes = [size for path, (size, _) in output.items() if path not in private]
    warnings = []
    megabytes, limit = sum(sizes) / MB, our_setting(settings, "PUBLISHED_MB_LIMIT")
    if megabytes >= NEAR_LIMIT * limit:
        warnings.append(f"The site is {megabytes:,.0f} MB, {megabytes / limit:.0%} of the {limit:,} MB a host takes "
                        "(PUBLISHED_MB_LIMIT: GitHub Pages publishes at most 1 GB)")
    files, limit = len(sizes), our_setting(settings, "PUBLISHED_FILES_LIMIT")
    if files >= NEAR_LIMIT * limit:
        warnings.append(f"The site is {files:,} files, {files / limit:.0%} of the {limit:,} files a host takes "
                        "(PUBLISHED_FILES_LIMIT: Cloudflare Pages' free plan publishes at most 20,000)")
    return [f"Warning: {warning}. Past it, publishing fails: plan the move to a larger plan or another host "
            "now (README, \"Publishing\")." for warning in warnings]
