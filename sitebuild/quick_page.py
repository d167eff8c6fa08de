"""The live preview's quick step: a saved item of any kind (a post, page,
policy, councillor, event, branch or candidate) shown in its own page in a
fraction of a second, before the full build that follows it.

A full build reads every file and writes every page: about 13 s at 1000 posts.
When a volunteer changes only the words of one item (its title, summary or
body), only that item's page changes at once; listings, feeds, the search
index and the minifesto follow with the full build. So the preview keeps
the generators of its last good build (`WarmSite`) and, for such a save:

1. reads the saved file again through the same reader (every check it makes);
2. makes the item in the kept build the new one, in place, so that every
   list and page of the kept build that holds it now holds the new one;
3. sends `items_renewed` (sitecore/renewed.py), so that the plugins link,
   check and plan those items exactly as a full build does;
4. writes only that item's page (and, for a post, the pages of the policies,
   councillors and events it names, which list it, and the page of each full list
   of their news that shows it: a generator's `pages_showing`), with the
   templates and context of the kept build, and checks that each shows the
   imprint.

The page is the one the full build writes (tests/test_quick_page.py checks
it byte for byte). Anything else — a new or removed file, a date, tag,
policy or other field changed, a problem found, a template or setting
edited — is left to the full build, and the kept build is dropped until the
next good one: a kept build that missed a change could show a stale page.
"""

from __future__ import annotations

import os
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path

from pelican import signals
from pelican.contents import Article, Page
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.readers import SkipStub
from pelican.writers import Writer

from plugins.typedcontent.generator import TypedContentGenerator
from sitecore.content_items import content_items
from sitecore.imprint import imprint_text, shows_imprint
from sitecore.names import MARKDOWN_SUFFIXES
from sitecore.output import write_atomically
from sitecore.problems import problem_log
from sitecore.renewed import items_renewed

from .build import forget_pelican_memos

# The fields a quick step may see changed: the words of the item. Anything
# else can move the item in listings, link it to other items or change its
# address, which only a full build gets right.
WORDS = frozenset({"title", "summary", "description", "body_markdown",
                   "source_digest"})  # the file's text, which changes with its words


class WarmSite:
    """The generators of the preview's last good build, kept in memory."""

    def __init__(self, generators: list):
        self.generators = generators
        self.settings = generators[0].settings

    def owner_of(self, path: Path):
        """(generator, item) read from `path`, or (None, None)."""
        wanted = os.path.abspath(path)
        for generator in self.generators:
            if isinstance(generator, (ArticlesGenerator, PagesGenerator, TypedContentGenerator)):
                for item in content_items([generator]):
                    if os.path.abspath(item.source_path) == wanted:
                        return generator, item
        return None, None

    def show(self, paths: set[Path], output: Path) -> dict[str, bytes | None] | None:
        """Write the pages of the saved files into `output` (the preview's
        folder) and return what each replaced (name -> the page's bytes
        before, None if it had none), or None if a full build must decide;
        after None this WarmSite must not be used again."""
        paths = {path for path in paths if not editors_scratch_file(path)}
        if not paths or not all(ordinary_content_file(path, self.settings["PATH"]) for path in paths):
            return None
        problem_log.clear()  # what a build stopped part-way (by this save) had found
        owners = [self.owner_of(path) for path in paths]
        if any(generator is None for generator, _ in owners):
            return None  # a new file, or one that is not a page of its own
        renewed = [(generator, item, read_again(generator, item)) for generator, item in owners]
        if problem_log or any(new is None or not same_but_words(item, new) for _, item, new in renewed):
            return None
        for _, item, new in renewed:
            become(item, new)
        items_renewed.send(self.generators, items=[item for _, item, _ in renewed])
        if problem_log:
            return None
        pages: dict = {}  # generator -> the pages it writes again
        for generator, item, _ in renewed:
            if hasattr(item, "refresh_metadata_intersite_links"):
                item.refresh_metadata_intersite_links()
            pages.setdefault(generator, set()).add(item.save_as)
            for linked in linked_items(item):
                owner, _ = self.owner_of(Path(linked.source_path))
                pages.setdefault(owner, set()).add(linked.save_as)
            for generator in self.generators:
                # Listings that show the item as those pages do (plugins/listings:
                # a policy's full list of news), each page by its own name.
                showing = getattr(generator, "pages_showing", None)
                if showing is not None and (names := showing(item)):
                    pages.setdefault(generator, set()).update(names)
        return self.write_pages(set(pages), set().union(*pages.values()), output)

    def write_pages(self, generators, names: set[str], output: Path) -> dict[str, bytes | None] | None:
        """Render `names` with their generators into a folder beside `output`,
        check each shows the imprint, then move them, and every file their
        render wrote besides them, into place one by one (a rename: the
        preview's server never reads half a page). Returns each file moved
        as it was before (None: it was not there), to be put back if the
        full build then fails."""
        with tempfile.TemporaryDirectory(prefix=f".{output.name}.quick-", dir=output.parent) as folder:
            writer = OnlyThese(Writer(folder, settings=self.settings), names)
            with files_placed_in(self.settings, generators, Path(folder)):
                for generator in generators:
                    generator.generate_output(writer)
            written = sorted(writer.written)
            imprint = imprint_text(self.settings)
            if not written or any(not shows_imprint(Path(folder, name).read_text(encoding="utf-8"), imprint)
                                  for name in written):
                return None
            replaced = {}
            for path in sorted(Path(folder).rglob("*")):
                if path.is_dir():
                    continue
                name = path.relative_to(folder).as_posix()
                target = output / name
                before = target.read_bytes() if target.is_file() else None
                if name not in writer.written and before == path.read_bytes():
                    continue  # written again as it was (every event's calendar file, for one event's page)
                replaced[name] = before
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)
        return replaced


@contextmanager
def files_placed_in(settings: dict, generators, output: Path):
    """While the kept build renders pages again, the files it writes besides
    the pages go into `output` with them (the quick step's folder): the
    WebP copies of a newly shown image (the images plugin, from OUTPUT_PATH)
    and a generator's own files (an event's calendar file, from its
    output_path). Written straight into the preview, they stayed there when
    the full build then failed, under a promise of the last good build. The
    kept build's own output folder was its staging folder, since renamed to
    the preview's, and would be made again beside it."""
    kept = settings["OUTPUT_PATH"], [(generator, generator.output_path) for generator in generators]
    settings["OUTPUT_PATH"] = str(output)
    for generator in generators:
        generator.output_path = str(output)
    try:
        yield
    finally:
        settings["OUTPUT_PATH"] = kept[0]
        for generator, path in kept[1]:
            generator.output_path = path


def put_back(output: Path, replaced: dict[str, bytes | None]) -> None:
    """Undo quick steps (what `WarmSite.show` returned): the files as they were."""
    for name, data in replaced.items():
        if data is None:
            (output / name).unlink(missing_ok=True)
        else:
            write_atomically(output / name, data)


class OnlyThese:
    """A Pelican writer that writes only the pages named, and no feeds: a
    generator's whole output step then renders just those pages."""

    def __init__(self, writer: Writer, names: set[str]):
        self.writer, self.names = writer, names
        self.written: set[str] = set()

    def write_file(self, name, *arguments, **options):
        if name in self.names:
            self.writer.write_file(name, *arguments, **options)
            self.written.add(name)

    def write_feed(self, *arguments, **options):
        pass


def linked_items(item) -> list:
    """The policies, councillors and events a post names: their pages list
    the post (its title and summary), so they show a save of its words too."""
    return [*getattr(item, "related_policies", []), *getattr(item, "related_councillors", []),
            *getattr(item, "related_events", [])]


def editors_scratch_file(path: Path) -> bool:
    """A file saved and gone again that the site would never read: the
    temporary file an editor writes and renames over the file it saves
    (`.hello.md.swp`, `hello.md~`, `hello.md.tmp1234`), which came with
    the save. It does not stop the quick step from showing the saved file;
    the full build that follows sees the folder as it is."""
    return path.suffix not in MARKDOWN_SUFFIXES and not os.path.lexists(path)


def ordinary_content_file(path: Path, content: str) -> bool:
    """A Markdown file that is an ordinary file inside the content folder,
    with no symbolic link on the way: the full build refuses anything else
    (a link could show a file from outside the repository), so the quick
    step never reads it."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:  # removed as we looked: the full build decides
        return False
    real, named = os.path.realpath(path), os.path.abspath(path)
    inside = os.path.relpath(real, os.path.realpath(content))
    return (path.suffix in MARKDOWN_SUFFIXES and stat.S_ISREG(mode) and not inside.startswith(os.pardir)
            and inside == os.path.relpath(named, os.path.abspath(content)))


def read_again(generator, item):
    """The item read afresh from its file by the generator's own reader, as
    the full build reads it, or None if it no longer makes an item."""
    if isinstance(generator, ArticlesGenerator):
        kind = {"content_class": Article, "preread_signal": signals.article_generator_preread,
                "preread_sender": generator, "context_signal": signals.article_generator_context,
                "context_sender": generator}
    elif isinstance(generator, PagesGenerator):
        kind = {"content_class": Page, "preread_signal": signals.page_generator_preread,
                "preread_sender": generator, "context_signal": signals.page_generator_context,
                "context_sender": generator}
    else:
        kind = {"content_class": generator.content_class}
    try:
        new = generator.readers.read_file(base_path=generator.path, path=item.relative_source_path,
                                          context=generator.context, **kind)
    except Exception:  # the full build reports it, with its path and line
        return None
    if isinstance(new, SkipStub) or not new.is_valid():
        return None
    return new


def same_but_words(old, new) -> bool:
    """Whether `new` differs from `old` only in its words (WORDS)."""
    def rest(item):
        return {name: value for name, value in item.metadata.items() if name not in WORDS}

    return (type(old) is type(new) and rest(old) == rest(new) and old.status == new.status
            and old.save_as == new.save_as and old.template == new.template)


def become(old, new) -> None:
    """Make `old` the item `new` is, keeping its identity: every list,
    listing and cross-reference of the kept build that holds it now holds
    the new words. Pelican's memo of each item's content goes too."""
    old.__dict__.clear()
    old.__dict__.update(new.__dict__)
    forget_pelican_memos()


@contextmanager
def keeping_generators():
    """While a build runs inside this block, keep its generators: yields a
    list that holds them once every file is read."""
    kept: list = []

    def keep(generators) -> None:
        kept[:] = [generators]

    signals.all_generators_finalized.connect(keep, weak=False)
    try:
        yield kept
    finally:
        signals.all_generators_finalized.disconnect(keep)
