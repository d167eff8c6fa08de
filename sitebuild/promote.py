"""`invoke promote <slug>`: an elected candidate becomes a councillor.

It writes content/councillors/<slug>.md from the candidate's file (name,
council, ward, region, photo, their own words) with the role and the day
they joined as a councillor, and adds `councillor: <slug>` to the
candidate's file, so the candidacy and the profile link both ways. It
refuses a candidate who was not elected, and never overwrites a profile.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from sitecore.schema.content_types import CANDIDATE
from sitecore.schema.document import FrontMatterError, closing_fence, parse_document
from sitecore.schema.fields import SLUG_PATTERN


class PromoteError(Exception):
    pass


def promote(slug: str, settings: dict) -> Path:
    if not SLUG_PATTERN.fullmatch(slug):  # a name, never a path ("../pages/x")
        raise PromoteError(f'"{slug}" is not a candidate\'s file name: give it without ".md", e.g. sam-example')
    content = Path(settings["PATH"])
    source = content / settings["CANDIDATE_PATHS"][0] / f"{slug}.md"
    if not source.is_file():
        raise PromoteError(f"there is no candidate content/{settings['CANDIDATE_PATHS'][0]}/{slug}.md")
    text = source.read_text(encoding="utf-8-sig")
    problems: list[str] = []
    try:
        document = parse_document(text)
    except FrontMatterError as error:
        raise PromoteError(f"{source.name}:{error.line}: {error.field}: {error.message}") from None
    values = CANDIDATE.validate(str(source), document, settings,
                                lambda path, line, key, message, fix: problems.append(f"{source.name}:{line}: {key}: {message}"))
    if values is None:
        raise PromoteError("; ".join(problems))
    if values.get("result") != "elected":
        raise PromoteError(f"{values['title']} is not recorded as elected: add 'result: elected' to {source.name} first")
    target = content / settings["COUNCILLOR_PATHS"][0] / f"{slug}.md"
    if target.exists():
        raise PromoteError(f"content/{settings['COUNCILLOR_PATHS'][0]}/{slug}.md already exists")
    election = settings["ELECTIONS"][values["election"]]
    fields = {
        "title": values["title"],
        "role": "Councillor",
        "joined": election["polling_day"],
        "summary": f"{values['title']} was elected for {values['ward']} on {values['council']} at the {election['name']}.",
        "council": values["council"],
        "ward": values["ward"],
        **({"region": values["region"]} if values.get("region") else {}),
        **({"photo": values["photo"], "photo_alt": values["photo_alt"]} if values.get("photo") else {}),
        **({"sample": values["sample"]} if values.get("sample") else {}),
    }
    front_matter = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=1000)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:  # never overwrite
        handle.write(f"---\n{front_matter}---\n{document.body.lstrip()}")
    link_candidacy(source, text, slug)
    return target


def link_candidacy(source: Path, text: str, slug: str) -> None:
    """Add `councillor: <slug>` as the candidate file's last field (its other
    lines untouched), unless it names one already."""
    lines = text.splitlines(keepends=True)
    closing = closing_fence(lines)
    if any(line.startswith("councillor:") for line in lines[1:closing]):
        return
    lines.insert(closing, f"councillor: {slug}\n")
    source.write_text("".join(lines), encoding="utf-8")
