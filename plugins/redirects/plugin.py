"""Write a page at each old address of a renamed item, and the hosts' rules.

Every host the site supports (GitHub Pages, Netlify, Cloudflare Pages, our
own nginx) serves a file, so each old address gets a small page of the site
(theme/templates/moved.html): it sends the browser on at once
(`<meta http-equiv="refresh">`, which search engines read as a permanent
move), names the new address as its canonical one, and shows the link with
the item's title, under the same header and imprint as every page, for a
reader whose browser does not follow it.

Where the host can answer with a real "301 Moved Permanently" it does:
`_redirects` (Cloudflare Pages applies it before its files; Netlify serves
the page instead, as it does for every rule a file stands in for) and an
nginx snippet (`_server/nginx-redirects.conf`) to `include` beside the
headers one. Neither needs a server reload to be right: until nginx reloads,
the page answers.
"""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator

from sitecore.output import write_output
from sitecore.site_files import SiteFile

from .moves import Move, check_old_addresses, files_for_the_host, moves

NOT_EDITED = "# Made by the build from the old_addresses of content files: do not edit."


class MovedPagesGenerator(Generator):
    """The pages at old addresses, and the hosts' redirect rules."""

    def generate_context(self) -> None:
        self.moves: list[Move] = []

    def declare_files(self, generators) -> list[SiteFile]:
        # Made from the item's file: a clash is reported there (moves.py), not
        # on the page whose address an old one wrongly names.
        pages = [SiteFile(move.save_as, f"the moved-page notice of {move.item.relative_source_path}",
                          source=move.item.relative_source_path)
                 for move in moves(generators, MovedPagesGenerator)]
        return [*pages, *files_for_the_host(self.settings)]

    def generate_output(self, writer) -> None:
        template = self.get_template("moved")
        for move in self.moves:
            writer.write_file(move.save_as, template, self.context, moved_to=move.item, moved_part=move.part,
                              share_item=move.item, canonical_path=move.target,
                              relative_urls=self.settings["RELATIVE_URLS"])
        write_output(self.output_path, "_redirects", netlify_redirects(self.moves))
        write_output(self.output_path, self.settings["NGINX_REDIRECTS_SAVE_AS"], nginx_redirects(self.moves))


def netlify_redirects(found: list[Move]) -> str:
    """_redirects, as Netlify and Cloudflare Pages read it."""
    return "\n".join([NOT_EDITED, *(f"/{move.address} /{move.target} 301" for move in found)]) + "\n"


def nginx_redirects(found: list[Move]) -> str:
    """For `include` inside the site's server { } block. Addresses hold only
    letters, digits, "_", "-", "." and "/" (fields.site_address): nothing
    nginx would read as syntax."""
    return "\n".join([NOT_EDITED, *(f"location = /{move.address} {{ return 301 /{move.target}; }}"
                                    for move in found)]) + "\n"


def add_generator(pelican):
    return MovedPagesGenerator


def find_moves(generators) -> None:
    """Once everything is read: the moves this build writes, and the old
    addresses it refuses."""
    for generator in generators:
        if isinstance(generator, MovedPagesGenerator):
            generator.moves = moves(generators, MovedPagesGenerator)
    check_old_addresses(generators, MovedPagesGenerator)


def register() -> None:
    signals.get_generators.connect(add_generator)
    signals.all_generators_finalized.connect(find_moves)
