"""`python -m sitebuild.live_until --settings publishconf.py --output output`:
until when the site last built into OUTPUT stays byte for byte as it is.

The build keeps a record of the stretch of time its decisions about time
hold for (sitebuild/unchanged.py): up to the next embargo to lift, event to
end or midnight. The workflow's hourly run reads it from here after each
deploy: a later hourly run of the same commit, before that moment, would
build and deploy the same bytes, so it stops before building
(.github/workflows/site.yml). Prints the moment (ISO 8601, UTC); with no
record (no successful build there yet), says so and exits 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import load_settings
from .unchanged import read_record


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="sitebuild.live_until", description=__doc__.split("\n\n")[0])
    parser.add_argument("--settings", default="publishconf.py")
    parser.add_argument("--output", default="output")
    args = parser.parse_args(argv)
    record = read_record(load_settings(Path(args.settings)), Path(args.output).resolve())
    if record is None:
        print(f"No build of {args.output}/ is recorded: build it first.", file=sys.stderr)
        return 1
    print(record.valid_until)
    return 0


if __name__ == "__main__":
    sys.exit(main())
