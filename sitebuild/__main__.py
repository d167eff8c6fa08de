"""`python -m sitebuild`: build the site, or explain plainly why not."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from pelican.log import init as init_pelican_logging

from .build import BuildFailed, build_site


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="sitebuild", description="Build the site safely.")
    parser.add_argument("--settings", default="pelicanconf.py", help="settings file (default: pelicanconf.py)")
    parser.add_argument("--output", default="output", help="where the finished site goes (default: output)")
    parser.add_argument("--content", help="content folder (default: PATH in the settings file)")
    parser.add_argument("--cache", help="cache folder (default: CACHE_PATH in the settings file)")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks for unexpected errors")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    # One plain line per message, never wrapped: volunteers read these, and
    # scripts (bench/) parse them.
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    init_pelican_logging(level=logging.DEBUG if args.debug else logging.WARNING, handler=handler)
    # Our plugins report progress a volunteer may want to see (e.g. "PDF
    # unchanged, not re-rendered") under the "site" logger.
    logging.getLogger("site").setLevel(logging.INFO)
    started = time.perf_counter()
    try:
        overrides = {}
        if args.content:
            overrides["PATH"] = str(Path(args.content).resolve())
        if args.cache:
            overrides["CACHE_PATH"] = str(Path(args.cache).resolve())
        result = build_site(args.settings, args.output, overrides)
    except BuildFailed as failure:
        print("\n".join(failure.lines), file=sys.stderr)
        print(f"\nBuild failed: nothing was changed in {args.output}/.", file=sys.stderr)
        return 1
    except Exception as error:  # a bug or a broken template, not a content mistake
        if args.debug:
            raise
        print(f"Build failed: {type(error).__name__}: {error}", file=sys.stderr)
        print(f"Nothing was changed in {args.output}/. Run with --debug for details.", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    print(f"Built {result.pages} pages into {args.output}/ in {elapsed:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
