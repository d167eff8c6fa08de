"""`python -m sitebuild.public_copy --settings publishconf.py OUTPUT INTO`:
the built site as the web serves it, in a folder of its own.

The build writes the web server's own configuration beside the site
(`_server/nginx-security-headers.conf`, `_server/nginx-redirects.conf`:
sitecore/site_files.py's SERVER_ONLY_SETTINGS), for the server's config to include. They are not
for the web: a host that publishes the folder whole (GitHub Pages, Netlify,
Cloudflare Pages) would serve them to anyone. So what is published is this
copy, every other file hard-linked (no second copy of the PDFs on disk);
`invoke publish` leaves the same files out of its rsync (`server_only`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from sitecore.site_files import server_only


class CopyRefused(Exception):
    """INTO is not a folder this may replace; the message says why."""


def check_target(output: Path, into: Path) -> None:
    """Refuse an INTO that would take the built site, or anything else, with
    it: the site's own folder, one inside it or around it, a file, or a
    folder of something other than a site."""
    built, target = output.resolve(), into.resolve()
    if target == built or target.is_relative_to(built) or built.is_relative_to(target):
        raise CopyRefused(f"{into} is {output}/ itself, inside it or around it: give a folder of its own, "
                          "such as _site")
    if into.is_symlink() or (into.exists() and not into.is_dir()):
        raise CopyRefused(f"{into} is not a folder: give a folder of its own, such as _site")
    if into.is_dir() and any(into.iterdir()) and not (into / "index.html").is_file():
        raise CopyRefused(f"{into}/ holds files and no site (no index.html): give an empty folder or a "
                          "folder this command made")


def copy_public_files(output: Path, into: Path, settings: dict) -> int:
    """Make `into` hold every file of `output` but the server's own; the
    number of files. A site `into` held before is replaced (check_target
    refuses anything else)."""
    check_target(output, into)
    left_out = set(server_only(settings))
    if into.exists():
        shutil.rmtree(into)
    copied = 0
    for folder, folders, names in os.walk(output):
        folders.sort()
        relative = Path(folder).relative_to(output)
        for name in sorted(names):
            if (relative / name).as_posix() in left_out:
                continue
            (into / relative).mkdir(parents=True, exist_ok=True)
            try:
                os.link(Path(folder) / name, into / relative / name)
            except OSError:  # another file system, or one without hard links
                shutil.copy2(Path(folder) / name, into / relative / name)
            copied += 1
    return copied


def main(argv=None) -> int:
    from .build import load_settings

    parser = argparse.ArgumentParser(prog="sitebuild.public_copy", description=__doc__.split("\n\n")[0])
    parser.add_argument("--settings", default="publishconf.py")
    parser.add_argument("output", type=Path, help="the built site (output)")
    parser.add_argument("into", type=Path, help="the folder to publish (made or replaced)")
    args = parser.parse_args(argv)
    if not (args.output / "index.html").is_file():
        print(f"{args.output}/ holds no built site (no index.html): build it first.", file=sys.stderr)
        return 1
    try:
        copied = copy_public_files(args.output, args.into, load_settings(Path(args.settings)))
    except CopyRefused as refused:
        print(f"Not copied: {refused}.", file=sys.stderr)
        return 1
    print(f"Copied the site's {copied} public files into {args.into}/.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
