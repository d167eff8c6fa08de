"""Synthetic posts for the benchmarks: N deterministic posts, in our front matter and in plain Pelican's.

Each is about 650 words (headings, lists, links to other synthetic posts,
some images from content/images/, about 30% naming policies or councillors),
the same for the same N.
"""

from __future__ import annotations

import json
import random
import re
import runpy
import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.common import ROOT
from sitecore.names import slug_of_file

CONTENT = ROOT / "content"
SETTINGS = ROOT / "pelicanconf.py"
SEED = 12
FIRST_DATE = datetime(2021, 6, 1, 8, 0)
SITE_ZONE = ZoneInfo("Europe/London")  # pelicanconf.py's TIMEZONE, and the plain sites' (sites_under_test.py)
DATE_SPAN_MINUTES = 5 * 365 * 24 * 60  # posts spread over about five years, all before the builds' NOW
TARGET_WORDS = 650  # on average: sections are added while a body is under 90% of it
SHARE_NAMING = 0.30  # posts that name policies or councillors
SHARE_WITH_IMAGE = 0.25
TAGS = ["housing", "nhs", "campaigns", "councillors", "members", "elections", "climate", "workers",
        "cost of living", "local news", "education", "democracy", "transport", "energy"]

PLACES = ["Bury St Edmunds", "Wakefield", "Truro", "Leeds", "Norwich", "Swansea", "Dundee", "Hull", "Luton",
          "Stoke-on-Trent", "Carlisle", "Brighton", "Derry", "Plymouth", "Bolton", "Ipswich", "Lincoln"]
SUBJECTS = ["Local members", "Our councillors", "The branch", "Volunteers", "Residents", "Tenants",
            "Nurses and care workers", "Parents", "Young members", "Trade unionists", "Campaigners",
            "Bus drivers", "Teachers", "Pensioners", "Students"]
ACTIONS = ["campaigned for", "called for", "held a public meeting about", "spoke out for",
           "collected signatures for", "wrote to the council about", "marched for", "launched a petition for",
           "knocked on doors to talk about", "organised a street stall about", "won support for"]
CAUSES = ["fair rents", "an end to no-fault evictions", "proper pay for NHS staff", "free school meals",
          "better buses", "a publicly owned energy company", "warm, well insulated homes", "new council homes",
          "a fair voting system", "public ownership of water", "green jobs", "NHS dentists in every town",
          "a real living wage", "safe staffing on hospital wards", "free adult education", "cheaper fares"]
WHEN = ["this week", "on Saturday morning", "after months of delay", "with support from neighbours",
        "despite the rain", "at the town hall", "outside the library", "for the third year running",
        "in every ward", "before the budget vote"]
CLAIMS = [
    "Families are paying more for less, and they know exactly who made that choice.",
    "Nobody should have to choose between heating and eating in one of the richest countries in the world.",
    "Change does not come from Westminster; it comes from ordinary people organising together.",
    "The council says there is no money, but there is always money for the wrong priorities.",
    "Every conversation on a doorstep tells us the same story about rising bills and falling wages.",
    "We will keep going until the people who decide listen to the people they serve.",
    "A decent home, a good job and a health service that is there when you need it are not too much to ask.",
    "Members chose these priorities together, and members will carry the campaign forward.",
]
HEADINGS = ["What happened", "Why it matters", "What people told us", "What we are asking for",
            "The numbers", "What happens next", "How you can help", "Background", "In their own words",
            "Our response"]
TITLE_PATTERNS = ["{place} {subject} call for {cause}", "Campaign for {cause} grows in {place}",
                  "{place}: {subject} demand {cause}", "Why {place} needs {cause}",
                  "{subject} in {place} win backing for {cause}", "A week of action on {cause} in {place}"]


@dataclass
class Post:
    """One synthetic post: its fields and its body, in a form both builds can be given."""

    stem: str
    title: str
    date: datetime
    category: str
    summary: str
    tags: list[str]
    policies: list[str]
    councillors: list[str]
    body: str  # Markdown; links to policies as {filename} links
    editable: str  # a sentence of the body the "one post edit" changes
    plain_links: dict[str, str] = field(default_factory=dict)  # our-only link -> plain text for plain Pelican

    def ours(self) -> str:
        lines = ["---", f"title: {json.dumps(self.title)}", f"date: {self.date:%Y-%m-%d %H:%M}",
                 f"category: {self.category}", f"summary: {json.dumps(self.summary)}",
                 f"tags: [{', '.join(json.dumps(tag) for tag in self.tags)}]"]
        if self.policies:
            lines.append(f"policies: [{', '.join(self.policies)}]")
        if self.councillors:
            lines.append(f"councillors: [{', '.join(self.councillors)}]")
        return "\n".join([*lines, "---", self.body])

    def plain(self, category_names: dict[str, str]) -> str:
        """Pelican's Markdown metadata lines; links to our content types become plain text."""
        body = self.body
        for link, words in self.plain_links.items():
            body = body.replace(link, words)
        return "\n".join([f"Title: {self.title}", f"Date: {self.date:%Y-%m-%d %H:%M}",
                          f"Category: {category_names[self.category]}", f"Tags: {', '.join(self.tags)}",
                          f"Summary: {self.summary}", "", body])


@dataclass
class SiteFacts:
    categories: dict[str, str]  # value in front matter -> name readers see
    policies: dict[str, tuple[str, str]]  # slug -> (file name, title)
    councillors: dict[str, str]  # slug -> name
    images: list[str]  # paths under content/, e.g. images/press/alex-mays.jpg


def read_site_facts() -> SiteFacts:
    def title_of(path: Path) -> str:
        found = re.search(r'^title:\s*"?(.*?)"?\s*$', path.read_text(encoding="utf-8"), re.MULTILINE)
        return found[1] if found else path.stem.replace("-", " ")

    settings = runpy.run_path(str(SETTINGS))
    return SiteFacts(
        categories=dict(settings["POST_CATEGORIES"]),
        policies={slug_of_file(str(path), "policy"): (path.name, title_of(path))
                  for path in sorted((CONTENT / "policies").glob("*.md"))},
        councillors={slug_of_file(str(path), "councillor"): title_of(path)
                     for path in sorted((CONTENT / "councillors").glob("*.md"))},
        images=sorted(str(path.relative_to(CONTENT)) for path in (CONTENT / "images").rglob("*")
                      if path.suffix.lower() in {".jpg", ".jpeg", ".png", ".webp"}),
    )


def upper_first(words: str) -> str:
    return words[:1].upper() + words[1:]


def sentence(rng: random.Random) -> str:
    if rng.random() < 0.2:
        return rng.choice(CLAIMS)
    return (f"{rng.choice(SUBJECTS)} in {rng.choice(PLACES)} {rng.choice(ACTIONS)} "
            f"{rng.choice(CAUSES)} {rng.choice(WHEN)}.")


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 5)))


def on_the_clock(moment: datetime) -> datetime:
    """`moment`, or, in the hour the clocks skip in the site's zone (which
    the build refuses), the time the clocks show then: an hour later. The
    random draws stay the same, so every other post is as before."""
    placed = moment.replace(tzinfo=SITE_ZONE)
    return placed.astimezone(timezone.utc).astimezone(SITE_ZONE).replace(tzinfo=None)


def generate_posts(count: int, facts: SiteFacts, seed: int = SEED) -> list[Post]:
    """`count` posts, the same for the same count and seed."""
    rng = random.Random(seed)
    stems = [f"scale-{number:05d}" for number in range(count)]
    titles = [rng.choice(TITLE_PATTERNS).format(place=rng.choice(PLACES), subject=rng.choice(SUBJECTS).lower(),
                                                cause=rng.choice(CAUSES)) for _ in stems]
    titles = [upper_first(title) for title in titles]
    posts = []
    for number, stem in enumerate(stems):
        names = rng.random() < SHARE_NAMING
        policies = councillors = []
        if names:
            kind = rng.choice(["policies", "councillors", "both"])
            if kind != "councillors":
                policies = rng.sample(sorted(facts.policies), rng.randint(1, 3))
            if kind != "policies":
                councillors = rng.sample(sorted(facts.councillors), rng.randint(1, min(2, len(facts.councillors))))
        plain_links = {}
        opening = paragraph(rng)
        blocks = [opening, paragraph(rng)]
        words = sum(len(block.split()) for block in blocks)
        sections = rng.sample(HEADINGS, len(HEADINGS))
        with_image = bool(facts.images) and rng.random() < SHARE_WITH_IMAGE  # in its first section
        while words < 0.9 * TARGET_WORDS and sections:
            section = [f"## {sections.pop()}", paragraph(rng)]
            roll = rng.random()
            if roll < 0.35:
                section.append("\n".join(f"- {upper_first(rng.choice(CAUSES))} {rng.choice(WHEN)}"
                                         for _ in range(rng.randint(3, 6))))
            elif roll < 0.55:
                section.append("\n".join(f"{item}. {rng.choice(SUBJECTS)} {rng.choice(ACTIONS)} {rng.choice(CAUSES)}."
                                         for item in range(1, rng.randint(4, 6))))
            if count > 1 and rng.random() < 0.6:
                other = rng.randrange(count - 1)
                other += other >= number
                section.append(f"We reported on this before: [{titles[other]}]({{filename}}/posts/{stems[other]}.md).")
            if policies and rng.random() < 0.5:
                slug = rng.choice(policies)
                file_name, title = facts.policies[slug]
                link = f"[our policy: {title}]({{filename}}/policies/{file_name})"
                plain_links[link] = f"our policy: {title}"
                section.append(f"This campaign is part of {link}. {paragraph(rng)}")
            else:
                section.append(paragraph(rng))
            if with_image:
                with_image = False
                image = rng.choice(facts.images)
                who = Path(image).stem.replace("-", " ").title()
                section.append(f"![{who} speaking to members in {rng.choice(PLACES)}]({{static}}/{image})")
            blocks.extend(section)
            words += sum(len(block.split()) for block in section)
        if councillors:
            blocks.append(f"Councillor {facts.councillors[councillors[0]]} said: \"{rng.choice(CLAIMS)}\"")
        posts.append(Post(
            stem=stem,
            title=titles[number],
            date=on_the_clock(FIRST_DATE + timedelta(minutes=rng.randrange(DATE_SPAN_MINUTES))),
            category=rng.choice(sorted(facts.categories)),
            summary=opening.split(". ")[0].rstrip(".") + ".",
            tags=rng.sample(TAGS, rng.randint(1, 3)),
            policies=policies,
            councillors=councillors,
            body="\n\n".join(blocks) + "\n",
            editable=opening.split(". ")[0].rstrip("."),
            plain_links=plain_links,
        ))
    return posts


def describe_posts(count: int, facts: SiteFacts) -> str:
    posts = generate_posts(count, facts)
    naming = sum(1 for post in posts if post.policies or post.councillors)
    images = sum(1 for post in posts if "{static}/" in post.body)
    words = statistics.mean(len(post.body.split()) for post in posts)
    return (f"{count} synthetic posts: {words:.0f} words on average, {naming / count:.0%} naming policies or "
            f"councillors, {images / count:.0%} with an image")
