"""What the minifesto PDF may load: the build's own files and nothing else.

WeasyPrint's default fetcher reads any file: URL and any web address, so a
policy could embed a file of the build machine in the PDF, or make the PDF
depend on a web server. The fetcher here serves only

- content images: /images/… of this site (a path, or under
  SITE_CANONICAL_URL or SITEURL), read from <PATH>/images/, image types only,
  each as the site publishes it (without its camera data);
- the theme's static files: /<THEME_STATIC_DIR>/… of this site, or a file:
  URL inside <THEME>/static/ (what the stylesheets' own url()s become);
- exactly the font files MINIFESTO_FONT_FILES names;
- data: URLs.

Below the content and theme folders no part of a path may be a symlink, `.`
or `..`, and only regular files are read. Anything else is refused: the
fetcher raises (WeasyPrint leaves the resource out) and records the refusal,
which weasyprint_render.py reports as a problem, so a refusal always fails the build.
"""

from __future__ import annotations

import errno
import hashlib
import html as html_entities
import mimetypes
import os
import stat
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from sitecore.image_metadata import UnpublishableImage, published_image
from sitecore.images import IMAGE_MEDIA_TYPES, extension_of, is_image
from sitecore.print_fonts import print_font_faces
from sitecore.print_images import for_print


class FetchRefused(ValueError):
    """The PDF asked for something outside the build's own files."""

    def __init__(self, url: str, reason: str):
        super().__init__(f"refused {url}: {reason}")
        self.url = url
        self.reason = reason


def pdf_base_url(settings) -> str:
    """Site links in the PDF resolve against the public site: /policies/nhs/
    becomes https://…/policies/nhs/, never a file: URL of the build machine."""
    return settings["SITE_CANONICAL_URL"].rstrip("/") + "/"


class SiteFiles:
    """Maps a URL to one of the build's own files, or refuses it."""

    def __init__(self, settings):
        self.content = Path(settings["PATH"]).absolute()
        self.theme = Path(settings["THEME"]).absolute()
        self.theme_static_url = f"/{settings.get('THEME_STATIC_DIR', 'theme').strip('/')}/"
        self.base_url = pdf_base_url(settings)
        # The site's own origins (+ path): the canonical URL, and SITEURL when
        # it is absolute (publishconf.py sets it to the canonical URL).
        roots = [self.base_url, settings.get("SITEURL") or ""]
        self.site_roots = [urlsplit(root.rstrip("/") + "/") for root in roots if urlsplit(root).netloc]
        self.fonts = {str(Path(path)) for _, _, _, path in print_font_faces(settings)}

    def read(self, url: str) -> tuple[bytes, str]:
        """(bytes, content type) of the file `url` names; FetchRefused if
        it is not one of the build's own files."""
        absolute = urljoin(self.base_url, url) if url.startswith("/") and not url.startswith("//") else url
        parts = urlsplit(absolute)
        scheme = parts.scheme.lower()
        if scheme == "file":
            return self.read_file_url(url, parts)
        if scheme in ("http", "https"):
            site_path = self.site_path(parts)
            if site_path is None:
                raise FetchRefused(url, "a web address: the PDF loads nothing from the network")
            return self.read_site_path(url, site_path)
        raise FetchRefused(url, f"the {scheme}: scheme is not allowed" if scheme else "not an absolute URL")

    def site_path(self, parts) -> str | None:
        """'/images/x.jpg' for a URL of this site, None for any other."""
        for root in self.site_roots:
            if (parts.scheme.lower(), parts.netloc.lower()) == (root.scheme.lower(), root.netloc.lower()) \
                    and parts.path.startswith(root.path):
                return parts.path[len(root.path) - 1:]
        return None

    def read_site_path(self, url: str, path: str) -> tuple[bytes, str]:
        if path.startswith("/images/"):
            names = path_parts(url, path[len("/images/"):])
            content_type = IMAGE_MEDIA_TYPES.get(extension_of(names[-1]))
            if content_type is None:
                raise FetchRefused(url, f"not an image ({', '.join(IMAGE_MEDIA_TYPES)})")
            # Scaled to what a page can print (the PDF cache is keyed by the
            # published copy and by sitecore/print_images.py's code).
            return for_print(self.read_content_image(url, names)), content_type
        if path.startswith(self.theme_static_url):
            return self.read_theme_file(url, path_parts(url, path[len(self.theme_static_url):]))
        raise FetchRefused(url, "not a content image (/images/…) or a theme file "
                                f"({self.theme_static_url}…)")

    def read_content_image(self, url: str, names: list[str]) -> bytes:
        """The picture as the site publishes it: WeasyPrint embeds a JPEG as
        it is (and keeps its comment when it re-codes one), so a photo's
        location and camera data would reach the PDF. One whose published
        copy cannot be made is refused: the content checks refuse every
        published one before a PDF is made, so only an image no public item
        uses (a draft's) can get here, and none may break the build."""
        try:
            return published_image(read_beneath(url, self.content, ["images", *names]))
        except UnpublishableImage as error:
            raise FetchRefused(url, f"an image that cannot be published: {error}") from None

    def read_file_url(self, url: str, parts) -> tuple[bytes, str]:
        if parts.netloc not in ("", "localhost"):
            raise FetchRefused(url, f"a file on another machine ({parts.netloc})")
        path = unquote(parts.path)
        if path in self.fonts:  # exactly as the setting names it (fonts_css writes these URLs)
            return read_regular_file(url, path), mimetypes.guess_type(path)[0] or "application/octet-stream"
        static = f"{self.theme / 'static'}/"
        if path.startswith(static):
            return self.read_theme_file(url, path_parts(url, path[len(static):], quoted=False))
        raise FetchRefused(url, "a file outside the build's folders")

    def read_theme_file(self, url: str, names: list[str]) -> tuple[bytes, str]:
        content_type = mimetypes.guess_type(names[-1])[0] or "application/octet-stream"
        return read_beneath(url, self.theme, ["static", *names]), content_type

    def cache_inputs(self, html: str) -> list[tuple[str, bytes]]:
        """(name, bytes) of every file this fetcher could serve to `html`
        and the theme: all the theme's static files, and each content image
        whose file name the HTML or a theme file mentions, however the URL is
        written (relative, with dot segments, percent- or entity-encoded). A
        superset of what a render reads, so it can key the PDF cache."""
        theme = served_files(lambda name: read_beneath("", self.theme, ["static", *name.split("/")]),
                             file_names_under(self.theme / "static"))
        text = html_entities.unescape("\n".join([html, *(data.decode("utf-8", "replace") for _, data in theme)]))
        texts = (text, unquote(text))
        mentioned = [name for name in file_names_under(self.content / "images")
                     if is_image(name) and any(Path(name).name in t for t in texts)]
        return [*((f"theme/static/{name}", data) for name, data in theme),
                *((f"images/{name}", data)  # what a render reads (read_site_path)
                  for name, data in served_files(lambda name: self.read_content_image("", name.split("/")),
                                                 mentioned))]


def file_names_under(folder: Path) -> list[str]:
    """Relative names of the files below `folder`, sorted; os.walk does not
    descend into symlinked folders."""
    return sorted(str(Path(directory, name).relative_to(folder))
                  for directory, _, files in os.walk(folder) for name in files)


def served_files(read, names: list[str]) -> list[tuple[str, bytes]]:
    """(name, read(name)) of those of `names` the fetcher serves."""
    found = []
    for name in names:
        try:
            found.append((name, read(name)))
        except FetchRefused:
            continue  # a symlink, not a regular file, an image that cannot be published: never part of a render
    return found


def path_parts(url: str, path: str, quoted: bool = True) -> list[str]:
    """The names in a relative path; refuses empty, `.` and `..` parts."""
    names = [unquote(name) if quoted else name for name in path.split("/")]
    if any(name in ("", ".", "..") or "/" in name or "\0" in name for name in names):
        raise FetchRefused(url, "a path with '..', '.', '//' or an encoded '/' in it")
    return names


NO_FOLLOW = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


def read_beneath(url: str, folder: Path, names: list[str]) -> bytes:
    """Read folder/names[0]/…/names[-1], one part at a time with O_NOFOLLOW:
    a symlink anywhere below `folder` is refused even if it is swapped in
    while we read (no check-then-open race), and only a regular file is read
    (O_NONBLOCK: opening a FIFO must not hang the build)."""
    try:
        directory = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as error:
        raise FetchRefused(url, f"{folder} cannot be read ({error.strerror})") from None
    try:
        for name in names[:-1]:
            inner = os.open(name, NO_FOLLOW | os.O_DIRECTORY, dir_fd=directory)
            os.close(directory)
            directory = inner
        descriptor = os.open(names[-1], NO_FOLLOW, dir_fd=directory)
    except OSError as error:
        raise FetchRefused(url, open_failure(error)) from None
    finally:
        os.close(directory)
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise FetchRefused(url, "not a regular file")
        return file.read()


def read_regular_file(url: str, path: str) -> bytes:
    try:
        with open(path, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise FetchRefused(url, "not a regular file")
            return file.read()
    except OSError as error:
        raise FetchRefused(url, open_failure(error)) from None


def open_failure(error: OSError) -> str:
    if error.errno in (errno.ELOOP, errno.EMLINK):  # what O_NOFOLLOW gives for a symlink
        return "a symlink: the PDF reads only real files inside the build's folders"
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return "no such file"
    return f"cannot be read ({error.strerror})"


def minifesto_fetcher(settings):
    """A WeasyPrint URL fetcher serving only SiteFiles; `.refusals` maps
    each refused URL to why, `.served` each file served to its SHA-256
    digest (print_styles.py keeps stylesheets only while their fonts stay
    the same). Imported late: WeasyPrint takes half a second to import,
    which a build that reuses its PDFs need not pay."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    files = SiteFiles(settings)

    class MinifestoFetcher(URLFetcher):
        def __init__(self):
            # data: is the only scheme left to urllib; every other URL is ours.
            super().__init__(allowed_protocols={"data"})
            self.refusals: dict[str, str] = {}
            self.served: dict[str, bytes] = {}

        def fetch(self, url, headers=None):
            try:
                if url[:5].lower() == "data:":
                    return super().fetch(url, headers)
                data, content_type = files.read(url)
            except FetchRefused as refusal:
                self.refusals.setdefault(url, refusal.reason)
                raise
            self.served[url] = hashlib.sha256(data).digest()
            return URLFetcherResponse(url, data, {"Content-Type": content_type}, 200)

        def read(self, url) -> bytes:
            """The bytes `url` names now, as fetch would serve them (FetchRefused if not)."""
            return files.read(url)[0]

    return MinifestoFetcher()
