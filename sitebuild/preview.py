"""`invoke livereload`: a live preview for volunteers.

Serves the site on 127.0.0.1 (preview_server.py), rebuilds whenever a file
in content/ or theme/ changes (preview_watcher.py, preview_builds.py), and
reloads every open page (a server-sent event, sent after each build). The
preview shows drafts and embargoed posts, labelled, and is built into
preview/, never into output/. When a change breaks the build, the problems
are printed in the terminal and shown on every page, over the last good
build (preview_page.py). Builds run on the main thread, so Ctrl+C during a
rebuild still removes that build's staging folder.

    python -m sitebuild.preview [--port 8000] [--content DIR] [--output DIR] [--cache DIR] [--now WHEN]
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

from . import __main__ as cli
from .build import BuildFailed, settings_as_loaded
from .preview_builds import Preview
from .preview_server import PreviewHandler
from .preview_watcher import ContentWatcher

ROOT = Path(__file__).resolve().parents[1]


# Set by Ctrl+C or SIGTERM. Under load a Ctrl+C during a rebuild was seen to
# be lost inside the build (the build finished, the preview went on): the
# flag makes sure the preview stops once that build is done.
stop_requested = threading.Event()


def watch_and_rebuild(preview: Preview, watcher: ContentWatcher) -> None:
    """Build after each save, and when an embargo lifts or the day changes
    with no save (a build with no files saved is a full one)."""
    while True:
        saved = watcher.wait_for_a_save(until=preview.rebuild_due)
        preview.rebuild(saved, saved_again=watcher.saved.is_set)
        if stop_requested.is_set():
            raise KeyboardInterrupt


def paths_to_watch(settings_file: str, overrides: dict) -> list[Path] | str:
    """The content folder, the theme and the settings file; or what stops
    the preview from starting, in a line (as a build says it, not a
    traceback: a settings file that does not load, a folder that is not there)."""
    content = overrides.get("PATH")
    if content and not Path(content).is_dir():
        return f"the content folder {content} does not exist (--content)"
    try:
        settings = settings_as_loaded(settings_file, overrides)
    except BuildFailed as failure:  # a settings file that does not run, a content folder not there
        return " ".join(failure.lines)
    watched = [Path(settings["PATH"]), Path(settings["THEME"]), Path(settings_file).resolve()]
    missing = [str(path) for path in watched if not path.exists()]
    if missing:
        return (f"{' and '.join(missing)} {'does' if len(missing) == 1 else 'do'} not exist "
                "(--content, --settings, or PATH or THEME in the settings file)")
    return watched


def stop_on_signal(signum, frame) -> None:
    stop_requested.set()
    raise KeyboardInterrupt  # so a terminated preview tidies up as after Ctrl+C


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="sitebuild.preview", description="Live preview with drafts.")
    parser.add_argument("--settings", default=str(ROOT / "pelicanconf.py"))
    parser.add_argument("--content", help="content folder (default: PATH in the settings file)")
    parser.add_argument("--output", default=str(ROOT / "preview"), help="where the preview is built")
    parser.add_argument("--cache", help="cache folder (default: CACHE_PATH in the settings file)")
    parser.add_argument("--now", type=cli.moment, help="treat this moment as now for embargoes, in every build "
                                                       "(YYYY-MM-DD HH:MM, UK time)")
    parser.add_argument("--port", type=cli.port, default=8000)
    return parser.parse_args(argv)


def main(argv=None) -> int:
    """Builds run on the main thread, where Ctrl+C lands: an interrupted build
    then removes its staging folder (build_site) before the preview exits."""
    args = parse_args(argv)
    cli.init_logging(debug=False)
    signal.signal(signal.SIGTERM, stop_on_signal)
    signal.signal(signal.SIGINT, stop_on_signal)
    overrides = cli.overrides_from(argparse.Namespace(content=args.content, cache=args.cache, drafts=True,
                                                      now=args.now))
    preview = Preview(Path(args.settings), Path(args.output).resolve(), overrides)
    # Content, theme and settings are read afresh by every build; plugin code
    # is not reloaded, so changing it needs a restart.
    watched = paths_to_watch(args.settings, overrides)
    if isinstance(watched, str):
        print(f"The preview could not start: {watched}", file=sys.stderr, flush=True)
        return 2
    handler = type("Handler", (PreviewHandler,), {"preview": preview})
    # Bound before the first build, so a port in use is said at once; it
    # listens after it, so a page asked for is there (and a tool waiting for
    # the port waits for the first build).
    server = ThreadingHTTPServer(("127.0.0.1", args.port), partial(handler, directory=str(preview.output)),
                                 bind_and_activate=False)
    try:
        server.server_bind()
    except OSError as error:
        server.server_close()
        print(f"The preview could not start: {cli.port_in_use(args.port, error)}", file=sys.stderr, flush=True)
        return 2
    watcher = ContentWatcher(watched)
    serving = False
    try:
        watcher.start()
        preview.rebuild()
        server.server_activate()
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        serving = True
        print(f"Preview at http://127.0.0.1:{args.port}/ : save a file and the page reloads. Ctrl+C stops.",
              flush=True)
        watch_and_rebuild(preview, watcher)
    except KeyboardInterrupt:
        print("Preview stopped.", flush=True)
    finally:
        watcher.stop.set()
        if serving:  # shutdown() waits for serve_forever, which a stop during the first build never started
            server.shutdown()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
