"""A build warns, with months to spare, when the published site nears a
host's limit (sitebuild/host_limits.py): GitHub Pages publishes at most
1 GB, Cloudflare Pages' free plan at most 20,000 files."""

from __future__ import annotations

import pytest

from sitebuild.host_limits import host_limit_warnings
from sitecore.settings_check import OUR_SETTINGS

MB = 1024 * 1024
SETTINGS = {"PUBLISHED_MB_LIMIT": 10, "PUBLISHED_FILES_LIMIT": 100, "NGINX_HEADERS_SAVE_AS": "_server/headers.conf",
            "NGINX_REDIRECTS_SAVE_AS": "_server/redirects.conf"}
FIX = " Past it, publishing fails: plan the move to a larger plan or another host now (README, \"Publishing\")."


def site_of(files: int, megabytes: float, server_files: int = 0) -> dict[str, list[int]]:
    """A build record's output state: `files` public files of `megabytes` in all."""
    state = {f"news/post-{n}/index.html": [int(megabytes * MB / files), 0] for n in range(files)}
    state.update({name: [50 * MB, 0] for name in ("_server/headers.conf", "_server/redirects.conf")[:server_files]})
    return state


@pytest.mark.parametrize("files, megabytes, server_files, expected", [
    (79, 7.9, 0, []),
    # The server's own files are never published: they count for nothing.
    (79, 7.9, 2, []),
    (80, 1, 0, ["Warning: The site is 80 files, 80% of the 100 files a host takes (PUBLISHED_FILES_LIMIT: "
                "Cloudflare Pages' free plan publishes at most 20,000)." + FIX]),
    (50, 9.6, 0, ["Warning: The site is 10 MB, 96% of the 10 MB a host takes (PUBLISHED_MB_LIMIT: GitHub Pages "
                  "publishes at most 1 GB)." + FIX]),
    (120, 12, 0, ["Warning: The site is 12 MB, 120% of the 10 MB a host takes (PUBLISHED_MB_LIMIT: GitHub Pages "
                  "publishes at most 1 GB)." + FIX,
                  "Warning: The site is 120 files, 120% of the 100 files a host takes (PUBLISHED_FILES_LIMIT: "
                  "Cloudflare Pages' free plan publishes at most 20,000)." + FIX]),
])
def test_a_site_near_a_hosts_limit_is_warned_of(files, megabytes, server_files, expected):
    assert host_limit_warnings(SETTINGS, site_of(files, megabytes, server_files)) == expected


def test_the_limits_are_github_pages_and_cloudflare_pages_free_plans():
    assert OUR_SETTINGS["PUBLISHED_MB_LIMIT"].default == 1024
    assert OUR_SETTINGS["PUBLISHED_FILES_LIMIT"].default == 20_000


def test_a_build_near_the_limit_says_so_and_still_builds(make_site):
    """The warning is for the person building: the site is built and put in
    place as ever (exit 0), and a site far from the limits is not warned of."""
    built = make_site()
    assert built.returncode == 0 and "Warning:" not in built.stderr
    files = sum(1 for path in built.output.rglob("*") if path.is_file() and "_server" not in path.parts)
    near = make_site(settings={"PUBLISHED_FILES_LIMIT": str(files)}, output=built.output.parent / "near")
    assert near.returncode == 0, near.stderr
    assert f"Warning: The site is {files:,} files, 100% of the {files:,} files a host takes" in near.stderr
    assert (near.output / "index.html").is_file()
    # The hourly builds mostly keep the site as it was: they say it too.
    kept = make_site(settings={"PUBLISHED_FILES_LIMIT": str(files)}, output=near.output)
    assert "Nothing changed since the last build" in kept.stdout and "Warning: The site is" in kept.stderr
