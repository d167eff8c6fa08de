"""A generator for content kept in one file of its own (the minifesto's
words, the press office's data), read and checked like every content file."""

from __future__ import annotations

import os

from pelican.contents import Content
from pelican.generators import Generator
from pelican.readers import SkipStub

from sitecore.problems import problem_log


class SingleFileGenerator(Generator):
    """Reads the file the setting `paths_setting` names (e.g. MINIFESTO_PATHS:
    ["minifesto.md"]) into `self.item`, published to the templates as
    `context_name`; a missing file is a content problem."""

    content_class: type[Content]
    paths_setting: str
    context_name: str
    # What the file holds, for the message when it is missing.
    describes: str

    def __init__(self, *args, **kwargs):
        self.item: Content | None = None
        super().__init__(*args, **kwargs)

    def generate_context(self) -> None:
        relative = self.settings[self.paths_setting][0]
        if not os.path.exists(os.path.join(self.path, relative)):
            problem_log.add(os.path.join(self.path, relative), 1, "(file)", "is missing",
                            f"create it: {self.describes} (see the README's example)")
            return
        item = self.readers.read_file(base_path=self.path, path=relative, content_class=self.content_class,
                                      context=self.context)
        if isinstance(item, SkipStub):
            return  # its problems are in the problem log
        self.item = item
        self.add_source_path(item)
        self.context[self.context_name] = item

    def all_items(self):
        return [self.item] if self.item is not None else []
