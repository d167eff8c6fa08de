"""The press office's own data, kept by volunteers in content/press-office.md
(PRESS_OFFICE_PATHS): the media contacts, the out-of-hours number, the
people of the press kit and, as the file's text, the notes to editors.

It is read like every content file (plugins/frontmatter checks it against
sitecore's PRESS_OFFICE schema, so a mistake is a `path:line` problem), and
the press page's template gets it as `press_office`. It is an item of the
build like the others: the content checks look for its photos, and the photos
are published because it names them.
"""

from __future__ import annotations

from pelican.contents import Content

from plugins.typedcontent import SingleFileGenerator


class PressOffice(Content):
    mandatory_properties = ("contacts", "out_of_hours")
    # Not a page of its own (the press page shows it): no address, so the
    # address checks find nothing written for it.
    override_url = ""
    override_save_as = ""


class PressOfficeGenerator(SingleFileGenerator):
    content_class = PressOffice
    paths_setting = "PRESS_OFFICE_PATHS"
    context_name = "press_office"
    describes = "the media contacts, the out-of-hours number, the press kit's people and the notes to editors"
