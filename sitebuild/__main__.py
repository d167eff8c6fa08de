"""`python -m sitebuild`: build the site (or check it), or explain plainly why not."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import re
import sys
import time
from pathlib import Path

from pelican.log import init as init_pelican_logging

from sitecore.schema.fields import EARLIEST_YEAR, LATEST_YEAR

from . import annotations
from .build import BuildFailed, build_site
from .content_check import check_content
from .installed_packages import outdated_installs, outdated_message

PUBLIC_OUTPUT, PREVIEW_OUTPUT = "output", "preview"


def moment(text: str) -> str:
    """--now: refused with a usage line, not a traceback, when it is not a date and time."""
    try:
        parsed = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date and time: write YYYY-MM-DD HH:MM") from None
    try:
        year = parsed.astimezone(dt.timezone.utc).year
    except (OverflowError, ValueError):  # 0001-01-01 00:00 in UK time is before year 1 in UTC
        year = parsed.year
    # The years the front matter's dates may have: a build's headers date an
    # hour and a year ahead (plugins/headers), so 9999-12-31 ended in OverflowError.
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise argparse.ArgumentTypeError(f"{text!r} is not a moment a build can be run at: give a year from "
                                         f"{EARLIEST_YEAR} to {LATEST_YEAR}")
    return text.strip()


def port(text: str) -> int:
    """--port: a number a server can listen on, or a usage line saying so.
    Ports below 1024 are the system's: listening there needs administrator
    rights, and failed as "port 80 cannot be used (Permission denied: another
    preview …?)", which sent the volunteer looking for a preview."""
    if not re.fullmatch(r"[0-9]+", text.strip()) or not 1024 <= int(text) <= 65535:  # "²" is a digit to isdigit()
        raise argparse.ArgumentTypeError(f"{text!r} is not a port: give a number from 1024 to 65535, e.g. 8001")
    return int(text)


def port_in_use(port: int, error: OSError) -> str:
    """Why a server could not listen on `port`, and what to do: said by the
    live preview and by `invoke serve`."""
    return (f"port {port} cannot be used ({error.strerror}: another preview, or invoke serve?) — stop that, "
            "or choose another port, e.g. --port 8001")


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="sitebuild", description="Build the site safely.")
    parser.add_argument("--settings", default="pelicanconf.py", help="settings file (default: pelicanconf.py)")
    parser.add_argument("--output", help=f"where the finished site goes (default: {PUBLIC_OUTPUT}/, "
                                         f"or {PREVIEW_OUTPUT}/ with --drafts)")
    parser.add_argument("--content", help="content folder (default: PATH in the settings file)")
    parser.add_argument("--cache", help="cache folder (default: CACHE_PATH in the settings file)")
    parser.add_argument("--drafts", action="store_true",
                        help="a preview that shows drafts and embargoed posts, labelled and marked noindex")
    parser.add_argument("--now", type=moment, help="treat this moment as now for embargoes "
                                                   "(YYYY-MM-DD HH:MM, UK time, or with an offset: +00:00)")
    parser.add_argument("--check", action="store_true", help="check all content, write nothing")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks for unexpected errors")
    parser.add_argument("--annotations", choices=annotations.FORMATS,
                        help="also print each problem as a CI annotation on its file and line "
                             "(github: the ::error lines GitHub Actions shows on a pull request)")
    return parser.parse_args(argv)


def overrides_from(args) -> dict:
    overrides = {}
    if args.content:
        overrides["PATH"] = str(Path(args.content).resolve())
    if args.cache:
        overrides["CACHE_PATH"] = str(Path(args.cache).resolve())
    if args.drafts:
        overrides["PREVIEW_DRAFTS"] = True
    if args.now:
        overrides["BUILD_TIME"] = args.now
    return overrides


def init_logging(debug: bool) -> None:
    # One plain line per message, never wrapped: volunteers read these, and
    # scripts (bench/) parse them.
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    init_pelican_logging(level=logging.DEBUG if debug else logging.WARNING, handler=handler)
    # Our plugins report progress a volunteer may want to see (e.g. "PDF
    # unchanged, not re-rendered") under the "site" logger.
    logging.getLogger("site").setLevel(logging.INFO)


def print_annotations(kind: str | None, lines: list[str]) -> None:
    """CI annotations (kind "github", or None for none) go to stdout, where
    the runner reads workflow commands; the plain lines stay on stderr."""
    if kind:
        print("\n".join(lines), flush=True)


def main(argv=None) -> int:
    args = parse_args(argv)
    init_logging(args.debug)
    return run(args)


def run(args) -> int:
    """Build or check as `args` say, print the outcome, return the exit
    status. Logging is set up by the caller (main, or sitebuild.inprocess)."""
    output = args.output or (PREVIEW_OUTPUT if args.drafts else PUBLIC_OUTPUT)
    started = time.perf_counter()
    wrong_folder = wrong_settings_or_content(args)
    if wrong_folder:
        print(wrong_folder, file=sys.stderr)
        return 2
    if outdated := outdated_installs():
        unchanged = "" if args.check else f"\nNothing was changed in {output}/."
        print(f"{outdated_message(outdated)}{unchanged}", file=sys.stderr)
        return 1
    try:
        if args.check:
            checked = check_content(args.settings, overrides_from(args))
            print(f"Checked {checked.items} content files: no problems found"
                  f"{warnings_counted(checked.warnings)}.")
            annotations.print_problems([("warning", warning) for warning in checked.warnings], args.annotations)
            return 0
        result = build_site(args.settings, output, overrides_from(args))
    except BuildFailed as failure:
        print("\n".join(failure.lines), file=sys.stderr)
        if not args.check:
            print(f"\nBuild failed: nothing was changed in {output}/.", file=sys.stderr)
        print_annotations(args.annotations, annotations.failure_annotations(failure, failure.lines))
        return 1
    except KeyboardInterrupt:  # Ctrl+C: the volunteer knows why, so no traceback
        if args.debug:
            raise
        print(f"\nStopped: {output}/ holds the last complete site (a build swaps in only a finished one).",
              file=sys.stderr)
        return 130
    except Exception as error:  # a bug or a broken template, not a content mistake
        if args.debug:
            raise
        print(f"Build failed: {type(error).__name__}: {error}", file=sys.stderr)
        print(f"Nothing was changed in {output}/. Run with --debug for details.", file=sys.stderr)
        print_annotations(args.annotations, [annotations.workflow_command(
            "error", f"{type(error).__name__}: {error}", title="Build failed")])
        return 2
    elapsed = time.perf_counter() - started
    kind = "preview with drafts" if args.drafts else "site"
    if result.kept:
        print(f"Nothing changed since the last build: {output}/ kept as it was "
              f"({result.pages} pages, checked in {elapsed:.1f} s).")
    else:
        reused = (f" ({result.reused} of them as the last build wrote them: only posts' words changed)"
                  if result.reused else "")
        print(f"Built the {kind}: {result.pages} pages into {output}/ in {elapsed:.1f} s{reused}.")
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    if result.content_warnings:
        print(f"{warnings_counted(result.content_warnings).removeprefix(', ').capitalize()}:", file=sys.stderr)
    annotations.print_problems([("warning", warning) for warning in result.content_warnings], args.annotations)
    return 0


def wrong_settings_or_content(args) -> str | None:
    """A --settings that is no file or a --content that is no folder, said
    in a line: each ended in Python's or Pelican's words ("AttributeError:
    'NoneType' object has no attribute 'loader'", "see pelican --help")."""
    if not Path(args.settings).is_file():
        return (f"There is no settings file at {args.settings!r} (--settings): run this in the project's folder, "
                "or give the path of pelicanconf.py")
    if args.content is not None and not Path(args.content).is_dir():
        return f"The content folder {args.content!r} does not exist (--content): give the folder the posts are in"
    return None


def warnings_counted(warnings: list) -> str:
    """", 1 warning to look at", or "" for none: after a summary line."""
    count = len(warnings)
    return f", {count} warning{'s' if count != 1 else ''} to look at" if count else ""


if __name__ == "__main__":
    sys.exit(main())
