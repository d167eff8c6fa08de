"""How the build scales: N synthetic posts, our build beside plain Pelican.

    .venv/bin/python -m bench.scale [N ...] [--runs 3]      (default: 1000 5000)

For each N, generates N deterministic synthetic posts (about 650 words each:
headings, lists, links to other synthetic posts, some images from
content/images/, about 30% naming policies or councillors) into a copy of
content/, and the same posts in plain Pelican's Markdown metadata format into
a folder of their own. Then, --runs times, interleaved (ours, plain Pelican,
plain Pelican with its reader cache), each from fresh copies:

- cold build: empty output and cache folders;
- rebuild with nothing changed: the same build again;
- rebuild after one post edit: one sentence of one synthetic post changed;
- rebuild after one policy edit: one commitment of one policy reworded
  (ours only: plain Pelican has no policies);

and prints one Markdown table per N: medians of the times, the peak memory
(the largest resident set of the build process or of any process it waited
for, Pagefind included, from wait4(); the largest over all runs) and the
pages (.html files) written. Ratios divide our figure by plain Pelican's
cold build without cache (times) or by plain Pelican's own figure (memory,
pages).

Each measurement is one function taking a `Site` (see MEASUREMENTS), so
another one (e.g. the live preview's save-to-refresh time) is one more
function and one more row. Never run as a test: N = 5000 takes a long time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import runpy
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from bench.common import PYTHON, ROOT
from sitecore.names import slug_of_file

CONTENT = ROOT / "content"
SETTINGS = ROOT / "pelicanconf.py"
NOW = "2026-11-25T12:00"
SEED = 12
FIRST_DATE = datetime(2021, 6, 1, 8, 0)
DATE_SPAN_MINUTES = 5 * 365 * 24 * 60  # posts spread over about five years, all before NOW
TARGET_WORDS = 650  # on average: sections are added while a body is under 90% of it
SHARE_NAMING = 0.30  # posts that name policies or councillors
SHARE_WITH_IMAGE = 0.25
TAGS = ["housing", "nhs", "campaigns", "councillors", "members", "elections", "climate", "workers",
        "cost of living", "local news", "education", "democracy", "transport", "energy"]

# --- The synthetic posts --------------------------------------------------------

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
        return found[1] if found else slug_of_file(str(path)).replace("-", " ")

    settings = runpy.run_path(str(SETTINGS))
    return SiteFacts(
        categories=dict(settings["POST_CATEGORIES"]),
        policies={slug_of_file(str(path)): (path.name, title_of(path))
                  for path in sorted((CONTENT / "policies").glob("*.md"))},
        councillors={slug_of_file(str(path)): title_of(path)
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
            date=FIRST_DATE + timedelta(minutes=rng.randrange(DATE_SPAN_MINUTES)),
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


# --- Running a build --------------------------------------------------------------


@dataclass
class Result:
    seconds: float
    peak_mb: float


def timed_run(command: list[str], log: Path) -> Result:
    """Run `command`; its wall time and the largest resident set of it or any process it waited for."""
    with log.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{tail}")
    return Result(seconds, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux


class Site:
    """A build under test, in its own folder: fresh copies of its content each run."""

    label: str

    def __init__(self, folder: Path, posts: list[Post], facts: SiteFacts) -> None:
        self.folder, self.posts, self.facts = folder, posts, facts
        self.content, self.output, self.cache = folder / "content", folder / "output", folder / "cache"
        self.builds = 0

    def prepare(self) -> None:
        """Fresh content (undoing the last run's edits), no output, no cache."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.write_content()

    def clear(self) -> None:
        shutil.rmtree(self.output, ignore_errors=True)
        shutil.rmtree(self.cache, ignore_errors=True)

    def build(self) -> Result:
        self.builds += 1
        return timed_run(self.command(), self.folder / f"build-{self.builds}.log")

    def pages(self) -> int:
        return sum(1 for _ in self.output.rglob("*.html"))

    def edited_post(self) -> Path:
        return self.content / "posts" / f"{self.posts[len(self.posts) // 2].stem}.md"

    def edit_post(self) -> None:
        """Change one sentence of one synthetic post."""
        post = self.posts[len(self.posts) // 2]
        path = self.edited_post()
        text = path.read_text(encoding="utf-8")
        opening = "\n" + post.editable  # the body's first line (the summary repeats it, not at a line start)
        assert opening in text, f"{path}: the sentence to edit is missing"
        path.write_text(text.replace(opening, opening + ", as the branch secretary confirmed", 1), encoding="utf-8")

    def edit_policy(self) -> bool:
        """Reword one commitment of one policy; False where the build has no policies."""
        return False

    def write_content(self) -> None:
        raise NotImplementedError

    def command(self) -> list[str]:
        raise NotImplementedError


class OurSite(Site):
    label = "this project"

    def write_content(self) -> None:
        shutil.copytree(CONTENT, self.content)
        for post in self.posts:
            (self.content / "posts" / f"{post.stem}.md").write_text(post.ours(), encoding="utf-8")

    def command(self) -> list[str]:
        return [PYTHON, "-m", "sitebuild", "--settings", str(SETTINGS), "--content", str(self.content),
                "--output", str(self.output), "--cache", str(self.cache), "--now", NOW]

    def edit_policy(self) -> bool:
        path = sorted((self.content / "policies").glob("*.md"))[1]
        text = path.read_text(encoding="utf-8")
        commitment = re.compile(r'^([ \t]*-[ \t]*")(.+?)\.?("[ \t]*)$', re.MULTILINE)
        start = text.index("commitments:")
        found = commitment.search(text, start)
        assert found, f"no commitment found in {path}"
        reworded = f"{found[1]}{found[2]}, starting in our first year in government.{found[3]}"
        path.write_text(text[:found.start()] + reworded + text[found.end():], encoding="utf-8")
        return True


class PlainSite(Site):
    """Pelican 4.12 as it comes: default theme and reader, no plugins."""

    def __init__(self, folder: Path, posts: list[Post], facts: SiteFacts, reader_cache: bool) -> None:
        super().__init__(folder, posts, facts)
        self.reader_cache = reader_cache
        self.label = "plain Pelican, reader cache" if reader_cache else "plain Pelican"

    def write_content(self) -> None:
        (self.content / "posts").mkdir(parents=True)
        shutil.copytree(CONTENT / "images", self.content / "images")
        for post in self.posts:
            (self.content / "posts" / f"{post.stem}.md").write_text(post.plain(self.facts.categories), encoding="utf-8")
        (self.folder / "settings.py").write_text(
            f"PATH = {str(self.content)!r}\nARTICLE_PATHS = ['posts']\nSTATIC_PATHS = ['images']\n"
            "SITENAME = 'plain'\nSITEURL = ''\nTIMEZONE = 'Europe/London'\nDEFAULT_LANG = 'en'\n"
            "PLUGINS = []\nDEFAULT_PAGINATION = 10\n"
            "FEED_ALL_ATOM = 'feeds/all.atom.xml'\nCATEGORY_FEED_ATOM = 'feeds/{slug}.atom.xml'\n"
            "FEED_DOMAIN = 'https://plain.example'\n"
            # File names are the slugs, as in ours: synthetic titles repeat.
            "SLUGIFY_SOURCE = 'basename'\n"
            f"CACHE_PATH = {str(self.cache)!r}\n"
            f"CACHE_CONTENT = {self.reader_cache}\nLOAD_CONTENT_CACHE = {self.reader_cache}\n",
            encoding="utf-8",
        )

    def command(self) -> list[str]:
        return [PYTHON, "-m", "pelican", str(self.content), "-o", str(self.output),
                "-s", str(self.folder / "settings.py"), "--fatal", "errors"]

    def warnings(self) -> list[str]:
        return [line for log in sorted(self.folder.glob("build-*.log"))
                for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if "WARNING" in line]


# --- The measurements: one function each, run in this order on one prepared site ----


def cold(site: Site) -> Result:
    site.clear()
    return site.build()


def nothing_changed(site: Site) -> Result:
    return site.build()


def one_post_edited(site: Site) -> Result:
    site.edit_post()
    return site.build()


def one_policy_edited(site: Site) -> Result | None:
    return site.build() if site.edit_policy() else None


MEASUREMENTS: list[tuple[str, Callable[[Site], Result | None]]] = [
    ("cold build", cold),
    ("rebuild, nothing changed", nothing_changed),
    ("rebuild, one post edited", one_post_edited),
    ("rebuild, one policy edited", one_policy_edited),
]


@dataclass
class Tally:
    seconds: dict[str, list[float]] = field(default_factory=dict)
    peak_mb: float = 0.0
    pages: int = 0


def measure(count: int, runs: int, facts: SiteFacts) -> tuple[list[Site], dict[str, Tally]]:
    posts = generate_posts(count, facts)
    tmp = Path(tempfile.mkdtemp(prefix=f"bench-scale-{count}-"))
    try:
        sites: list[Site] = [OurSite(tmp / "ours", posts, facts),
                             PlainSite(tmp / "plain", posts, facts, reader_cache=False),
                             PlainSite(tmp / "plain-cached", posts, facts, reader_cache=True)]
        tallies = {site.label: Tally() for site in sites}
        for run in range(runs):
            for site in sites:  # interleaved: every run builds each site in turn
                site.prepare()
                tally = tallies[site.label]
                for row, measurement in MEASUREMENTS:
                    result = measurement(site)
                    if result is None:
                        continue
                    tally.seconds.setdefault(row, []).append(result.seconds)
                    tally.peak_mb = max(tally.peak_mb, result.peak_mb)
                    if measurement is cold:
                        tally.pages = site.pages()
                    print(f"  N={count} run {run + 1}/{runs} {site.label}: {row} {result.seconds:.2f} s, "
                          f"{result.peak_mb:.0f} MB", flush=True)
        warnings = [line for site in sites if isinstance(site, PlainSite) for line in site.warnings()]
        if warnings:
            print(f"  plain Pelican logged {len(warnings)} warnings, e.g. {warnings[0].strip()}")
        return sites, tallies
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def describe_posts(count: int, facts: SiteFacts) -> str:
    posts = generate_posts(count, facts)
    naming = sum(1 for post in posts if post.policies or post.councillors)
    images = sum(1 for post in posts if "{static}/" in post.body)
    words = statistics.mean(len(post.body.split()) for post in posts)
    return (f"{count} synthetic posts: {words:.0f} words on average, {naming / count:.0%} naming policies or "
            f"councillors, {images / count:.0%} with an image")


def table(count: int, runs: int, sites: list[Site], tallies: dict[str, Tally]) -> str:
    ours, plain = tallies[sites[0].label], tallies[sites[1].label]
    reference = statistics.median(plain.seconds["cold build"])
    labels = [site.label for site in sites]
    lines = [f"### N = {count} (median of {runs})", "",
             f"| | {' | '.join(labels)} | ratio |", "|---|" + "---:|" * (len(labels) + 1)]
    for row, _ in MEASUREMENTS:
        cells = [f"{statistics.median(tallies[label].seconds[row]):.2f} s" if row in tallies[label].seconds
                 else "n/a" for label in labels]
        ratio = statistics.median(ours.seconds[row]) / reference
        lines.append(f"| {row} | {' | '.join(cells)} | {ratio:.1f}× |")
    lines.append(f"| peak memory | {' | '.join(f'{tallies[label].peak_mb:.0f} MB' for label in labels)} "
                 f"| {ours.peak_mb / plain.peak_mb:.1f}× |")
    lines.append(f"| pages (.html) | {' | '.join(str(tallies[label].pages) for label in labels)} "
                 f"| {ours.pages / plain.pages:.1f}× |")
    lines += ["", "Ratio: this project ÷ plain Pelican's cold build without cache (times); "
                  "this project ÷ plain Pelican (memory, pages)."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench.scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("counts", type=int, nargs="*", default=[1000, 5000], help="numbers of synthetic posts")
    parser.add_argument("--runs", type=int, default=3, help="how many runs to take the median of")
    args = parser.parse_args()
    facts = read_site_facts()
    tables = []
    for count in args.counts:
        print(describe_posts(count, facts), flush=True)
        sites, tallies = measure(count, args.runs, facts)
        tables.append(table(count, args.runs, sites, tallies))
    print()
    print("\n\n".join(tables))


if __name__ == "__main__":
    main()
