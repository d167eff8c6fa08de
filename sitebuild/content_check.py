"""Checking the content without writing a site: `python -m sitebuild --check`,
now and at the moments ahead when the build will decide differently.

Each check is a run of Pelican (sitebuild/build.py: `run_pelican`) into a
throwaway folder with CONTENT_CHECK_ONLY set, so every content file is read
and checked and no page is written. The review's comparisons with the base
branch (sitebuild/kept_addresses.py, sitebuild/production_check.py) read the
content once, now, the same way (`check_once`).
"""

from __future__ import annotations

import tempfile
from typing import NamedTuple

from pelican import signals

from sitecore.clock import as_written, build_time, instant, moments_compared
from sitecore.content_items import content_items
from sitecore.problems import problem_log
from sitecore.publication_order import goes_public_by_itself

from .build import BuildFailed, run_pelican, settings_for_a_command

# How many of the nearest moments ahead a check looks at, besides the last
# (each look is a full check: about 2 s at 1000 posts).
NEAREST_MOMENTS_CHECKED = 5


def check_content(settings_file, overrides: dict | None = None) -> Checked:
    """Read and check every content file, write nothing; return how many
    files were read, and the warnings found now. Raises BuildFailed listing
    every problem.

    Then check it again at moments ahead at which the build decides
    something differently (an embargo lifts, an event ends, polls close:
    moments_to_check): content that is fine now can fail then (a release
    whose file breaks a rule only public items are held to), and the hourly
    build would stop publishing, the release included, with no one there to
    see why."""
    overrides = overrides or {}
    now = check_once(settings_file, overrides)
    for moment in moments_to_check(now.moments_ahead):
        try:
            check_once(settings_file, {**overrides, "BUILD_TIME": moment.isoformat()})
        except BuildFailed as failure:
            raise BuildFailed([f"No problem now, but by {as_written(moment)} (when an embargo lifts, an event "
                               "ends or polls close) the site will not build, and nothing will be published:",
                               *failure.lines]) from failure
    return now


def moments_to_check(ahead: list) -> list:
    """The nearest moments ahead (embargoes first), and the last of all: a
    rule an item is held to once public holds from its embargo on, so at
    the last moment every embargoed item is checked as public."""
    latest = max(ahead, default=None)
    nearest = ahead[:NEAREST_MOMENTS_CHECKED]
    return [*nearest, *([latest] if latest is not None and latest not in nearest else [])]


class Checked(NamedTuple):
    moments_ahead: list  # the embargoes first, then the others, each the nearest first
    items: int           # how many content files were read, each an item
    warnings: list       # Problems to look at, which do not stop the build (problem_log.warn)


def check_once(settings_file, overrides: dict) -> Checked:
    """Check the content at the build's moment; the moments ahead of it the
    build compared with now: the embargoes first (an item going public is
    what brings rules it was not held to), then the others (an event
    ending, polls closing), each the nearest first."""
    embargoes: set = set()
    items: list = []

    def note_embargoes(generators) -> None:
        items[:] = content_items(generators)
        embargoes.update(instant(item.embargo) for item in items if goes_public_by_itself(item))

    signals.all_generators_finalized.connect(note_embargoes)
    try:
        with tempfile.TemporaryDirectory(prefix="content-check-") as nowhere:
            settings = settings_for_a_command(settings_file, {**overrides, "OUTPUT_PATH": nowhere,
                                                              "CONTENT_CHECK_ONLY": True})
            with moments_compared() as moments:
                run_pelican(settings)
    finally:
        signals.all_generators_finalized.disconnect(note_embargoes)
    now = build_time(settings)
    ahead = {instant(moment) for moment in moments if instant(moment) > instant(now)}
    return Checked([moment.astimezone(now.tzinfo)  # as the site's clock shows it, for the message
                    for moment in [*sorted(ahead & embargoes), *sorted(ahead - embargoes)]], len(items),
                   problem_log.warnings())
