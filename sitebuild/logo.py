"""`python -m sitebuild.logo`: write the SVG logo again from the settings.

The SVG logo (theme/static/img/logo.svg: the press kit's, the PDF covers'
and the pages' icon) is a theme file drawn from PARTY_COLOURS, SITENAME and
the bold font (sitecore/brand.py). After a change to any of them, run this;
tests/test_logo.py fails until it is. A command of the runner, not of the
core: the core reads settings it is given and never loads a settings file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sitecore.brand import LOGO_SVG, logo_svg
from sitecore.output import write_atomically

from .build import BuildFailed, load_settings

ROOT = Path(__file__).resolve().parents[1]


def write_logo(settings_file: Path, target: Path = LOGO_SVG) -> None:
    write_atomically(target, logo_svg(load_settings(settings_file)).encode("utf-8"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="sitebuild.logo", description=__doc__.split("\n\n")[0])
    parser.add_argument("--settings", default=str(ROOT / "pelicanconf.py"), help="settings file (default: pelicanconf.py)")
    parser.add_argument("--output", default=str(LOGO_SVG), help=f"where to write it (default: {LOGO_SVG.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    try:
        write_logo(Path(args.settings), Path(args.output))
    except OSError as error:  # a settings file that is not there, a folder that cannot be written to
        print(f"The logo was not written: {error.filename or args.settings}: {error.strerror or error}",
              file=sys.stderr)
        return 1
    except BuildFailed as failure:
        print("\n".join(["The logo was not written:", *failure.lines]), file=sys.stderr)
        return 1
    print(f"Wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
