"""The YAML loader front matter is read with: PyYAML's safe loader, restricted (FrontMatterLoader)."""

from __future__ import annotations

import re

import yaml

# Front matter is a few fields with lists of words: two levels deep. The
# limit leaves room for that and refuses a file nested thousands deep
# (Python's recursion limit would otherwise end the build with a traceback).
MAX_NESTING = 8


class YamlLimit(yaml.MarkedYAMLError):
    """Valid YAML we refuse to read: it could only be a mistake or an attack."""

    def __init__(self, problem: str, fix: str, mark):
        super().__init__(problem=problem, problem_mark=mark)
        self.fix = fix


class FrontMatterLoader(yaml.SafeLoader):
    """PyYAML's safe loader, with four changes.

    - Dates stay text: our date field parses them, so an impossible date
      (2021-13-45) is reported at its line like any other mistake instead of
      crashing the YAML parser.
    - Numbers are numbers only as a person writes one (12, -3): YAML 1.1
      read `title: 24:7` as 1447 (base 60), `ward: 010` as 8, `0x1F` as 31,
      `edition: 2.10` as 2.1 and `1_000` as 1000, and the site published
      that (a fuzz audit); each stays the text written, and a field that
      wants a number reads its digits itself.
    - No anchors (`&name`), aliases (`*name`) or deep nesting: a volunteer
      never needs them, and they are how a 2 KB file becomes a billion
      values (an "alias bomb") or a recursive value that crashes whatever
      reads it. (`title: &more fun` would also publish "fun".)
    - No merge keys (`<<:`), which bring fields no line shows.
    """

    def __init__(self, stream):
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise YamlLimit("YAML aliases (*name) are not allowed",
                            "write the value out in full instead of referring to another one",
                            self.peek_event().start_mark)
        event = self.peek_event()
        if getattr(event, "anchor", None):
            # `title: &more fun for all` publishes "fun for all".
            # And no alias can refer to a value without one.
            raise YamlLimit(f"YAML anchors (&{event.anchor}) are not allowed",
                            'write the value out in full; a text that starts with "&" goes in quotes '
                            '(title: "&more fun for all")', event.start_mark)
        if getattr(event, "tag", None):  # only an explicit tag sets it
            # `!!binary aGVsbG8=` would publish b'hello'; `!!float 1e400`, inf.
            raise YamlLimit(f"YAML tags ({event.tag}) are not allowed",
                            "write the value as plain text, a number, a date or a list", event.start_mark)
        self.depth += 1
        try:
            if self.depth > MAX_NESTING:
                raise YamlLimit(f"the values are nested more than {MAX_NESTING} levels deep",
                                "write each field as 'field: value' or a simple list",
                                self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


    def flatten_mapping(self, node):
        """No merge keys: `<<: {status: draft}` made the post a draft with no
        "status:" line to see, and the browser editor's YAML does not merge
        (it would show the post as published)."""
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlLimit("YAML's merge key (<<) is not allowed",
                                "write each field it would bring as a line of its own (status: draft)",
                                key_node.start_mark)
        super().flatten_mapping(node)


FrontMatterLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)

# A whole number as a person writes it, which reads back the same (not +44,
# -0 or 03); YAML 1.1's others (010, 0x1F, 1_000, 24:7) and every float
# (2.10, .inf) stay the text written. The browser editor reads a file the
# same way (plugins/cms/static/frontmatter-format.js: asWritten).
WHOLE_NUMBER_AS_WRITTEN = re.compile(r"0|-?[1-9][0-9]*")


def number_as_written(loader, node):
    text = loader.construct_scalar(node)
    return int(text) if WHOLE_NUMBER_AS_WRITTEN.fullmatch(text) else text


FrontMatterLoader.add_constructor("tag:yaml.org,2002:int", number_as_written)
FrontMatterLoader.add_constructor("tag:yaml.org,2002:float", number_as_written)
