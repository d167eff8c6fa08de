"""`invoke new post|policy|councillor "Title"`: a new file, ready to fill in.

The file gets today's date (Europe/London), a slug made from the title, the
next free policy number, and every other required field filled with a TODO
placeholder that the build refuses until it is replaced.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

TEMPLATES = {
    "post": """\
---
title: {title}
date: {today}
category: TODO choose one of {categories}
summary: TODO one or two plain sentences that sum the post up
tags: []
policies: []
councillors: []
---
TODO: write the post here, in Markdown. Use ## for subheadings.
""",
    "policy": """\
---
title: {title}
number: {number}
summary: TODO one sentence that sums the policy up
commitments:
  - TODO a concrete commitment, in one sentence
---
TODO: explain the policy here, in a few short paragraphs.
""",
    "councillor": """\
---
title: {title}
role: TODO e.g. Town councillor
joined: {today}
summary: TODO one sentence about the councillor
council: TODO e.g. Bury St Edmunds Town Council
ward: TODO e.g. St Olaves
region: TODO choose one of {regions}
previous_party: TODO e.g. Labour, or delete this line
---
TODO: write a short biography here.
""",
}

FOLDER_SETTING = {"post": "ARTICLE_PATHS", "policy": "POLICY_PATHS", "councillor": "COUNCILLOR_PATHS"}


class ScaffoldError(Exception):
    pass


def slug_for(title: str) -> str:
    slug = slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    if not slug:
        raise ScaffoldError(f'cannot make a file name from "{title}": use letters or digits in the title')
    return slug


def next_policy_number(folder: Path) -> int:
    numbers = [int(m.group(1)) for path in folder.glob("*.md") if (m := re.match(r"(\d+)-", path.name))]
    return max(numbers, default=0) + 1


def new_content(kind: str, title: str, settings: dict, today: dt.date | None = None) -> Path:
    """Create the file; refuse to overwrite. Returns its path."""
    if kind not in TEMPLATES:
        raise ScaffoldError(f'"{kind}" is not something `invoke new` makes: use post, policy or councillor')
    title = title.strip()
    if not title:
        raise ScaffoldError("give a title, e.g. invoke new post \"Katie Parker joins Breakthrough\"")
    today = today or dt.datetime.now(ZoneInfo(settings["TIMEZONE"])).date()
    folder = Path(settings["PATH"], settings[FOLDER_SETTING[kind]][0])
    folder.mkdir(parents=True, exist_ok=True)
    slug = slug_for(title)
    number = next_policy_number(folder) if kind == "policy" else None
    name = f"{number:02d}-{slug}.md" if number else f"{slug}.md"
    path = folder / name
    text = TEMPLATES[kind].format(
        title=yaml_text(title), today=today.isoformat(), number=number,
        categories=", ".join(settings["POST_CATEGORIES"]), regions=", ".join(settings["REGIONS"]),
    )
    try:
        with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists: choose another title, or edit that file") from None
    return path


def yaml_text(value: str) -> str:
    """Quote a title whenever YAML would not read it back as this same text
    ('Vote: yes', 'No', '2022', '[draft]' …)."""
    try:
        plain = yaml.safe_load(value) == value and "#" not in value and not value.startswith(("-", "?"))
    except yaml.YAMLError:
        plain = False
    if plain:
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
