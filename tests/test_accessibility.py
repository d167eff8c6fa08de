"""Every page type in a real browser (one visit each: tests/reader_visits.py):
axe-core finds no WCAG 2.2 AA violation, pages fit a 320 px screen, the
imprint is visible at 320 and 1280 px, no request leaves the site, no cookie
is set; and the Nu HTML Checker finds no error anywhere. Every page has a
title of its own, the menu says which page and section the reader is in,
and a link without words in the content stops the build."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import defaultdict

import pytest
from conftest import REPO
from reader_visits import WIDTHS
from test_bad_input import GOOD_POST
from test_site import PAGE_TYPES, text_of

VNU = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"

pytestmark = pytest.mark.browser


def describe(violations) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
    )


@pytest.mark.parametrize("name,path", list(PAGE_TYPES.items()))
def test_axe_finds_no_violations(reader_visits, name, path):
    for width in WIDTHS:
        violations = reader_visits(path)[f"axe at {width}"]
        assert violations == [], f"{name} at {width}px:\n" + describe(violations)


@pytest.mark.parametrize("name,path", list(PAGE_TYPES.items()))
def test_pages_fit_a_320px_screen(reader_visits, name, path):
    overflow = reader_visits(path)["overflow at 320"]
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 320px"
    enlarged = reader_visits(path)["overflow at 320, text 200%"]
    assert enlarged <= 0, f"{name} scrolls sideways by {enlarged}px at 320px with the text at 200%"


@pytest.mark.parametrize("name,path", list(PAGE_TYPES.items()))
def test_no_request_leaves_the_site(nginx_site, reader_visits, name, path):
    foreign = [url for url in reader_visits(path)["requests"]
               if not url.startswith(nginx_site + "/") and not url.startswith("data:")]
    assert foreign == [], name


def test_focus_is_visible_and_the_skip_link_works(nginx_site, browser):
    page = browser.new_page()
    page.goto(f"{nginx_site}/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert skip.bounding_box()["y"] >= 0  # moved on screen when focused
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    background = page.evaluate("getComputedStyle(document.activeElement).backgroundColor")
    assert outline != "none" or background != "rgba(0, 0, 0, 0)"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.close()


@pytest.mark.parametrize("name,path", list(PAGE_TYPES.items()))
def test_no_page_loads_a_font(reader_visits, name, path):
    """Text is shown in the reader's own fonts (the accessibility statement)."""
    fonts = [url for url in reader_visits(path)["requests"] if url.split("?")[0].endswith((".woff", ".woff2", ".ttf", ".otf"))]
    assert fonts == [], name


@pytest.mark.parametrize("name,path", list(PAGE_TYPES.items()))
def test_no_page_sets_a_cookie_or_loads_a_tracker(nginx_site, reader_visits, name, path):
    assert reader_visits(path)["cookies"] == [None, "", []], name
    scripts = reader_visits(path)["scripts"]
    assert all(url.startswith((f"{nginx_site}/theme/js/", f"{nginx_site}/pagefind/")) for url in scripts), scripts


@pytest.mark.parametrize("name,path", list(PAGE_TYPES.items()))
def test_the_imprint_is_visible_on_every_page_type(reader_visits, name, path):
    for width in WIDTHS:
        assert reader_visits(path)[f"imprint at {width}"] == [], f"{name} at {width}px"


@pytest.mark.parametrize("name,path", [*PAGE_TYPES.items(), ("contact page", "contact/")])
def test_badges_and_email_addresses_fit_their_boxes(reader_visits, name, path):
    for width in WIDTHS:
        assert reader_visits(path)[f"boxes at {width}"] == [], f"{name} at {width}px"


@pytest.mark.parametrize("name,path", list(PAGE_TYPES.items()))
def test_the_footer_reaches_the_foot_of_the_window(reader_visits, name, path):
    """A short page (the 404 page) leaves no empty band under its footer."""
    for width in WIDTHS:
        assert reader_visits(path)[f"space under the footer at {width}"] <= 0.5, f"{name} at {width}px"


def test_the_councillor_directory_uses_a_wide_screen(nginx_site, browser):
    """At 1280 px the regions sit side by side, so the cards span the page
    instead of one narrow column leaving two thirds of it empty."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{nginx_site}/councillors/")
    spread = page.evaluate("""() => {
        const cards = [...document.querySelectorAll('main .card')].map(card => card.getBoundingClientRect());
        const wrap = document.querySelector('main .wrap').getBoundingClientRect();
        return (Math.max(...cards.map(c => c.right)) - Math.min(...cards.map(c => c.left))) / wrap.width;
    }""")
    headings = page.locator("main h2").all_inner_texts()
    page.close()
    assert spread >= 0.8, spread
    assert not any("confirmed" in heading.lower() for heading in headings), headings


def test_pages_read_without_javascript(nginx_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for name, path in PAGE_TYPES.items():
        page.goto(f"{nginx_site}/{path}")
        assert page.locator("main h1").inner_text().strip(), name
        assert page.locator("footer [data-imprint]").is_visible(), name
    context.close()


def nu_messages(paths) -> list[str]:
    """The Nu HTML Checker's errors in the files or folders `paths`, one line each."""
    java = shutil.which("java")
    assert java, "a Java runtime is needed for the Nu HTML Checker (./setup installs it)"
    completed = subprocess.run(
        # The flags only make the JVM start faster (the client compiler, a
        # small heap collector) with the stack the checker asks for.
        [java, "-Xss8m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", str(VNU),
         # Language detection only ever gives warnings, which --errors-only
         # drops: skipping it saves a sixth of the checker's time.
         "--errors-only", "--no-langdetect", "--skip-non-html", "--format", "json", *map(str, paths)],
        capture_output=True, text=True, timeout=600,
    )
    messages = json.loads(completed.stderr or '{"messages": []}')["messages"]
    return [f"{m.get('url')}:{m.get('lastLine')}: {m['message']}" for m in messages]


def test_nu_html_checker_finds_no_errors(site):
    checked = len(list(site.output.rglob("*.html")))
    assert checked > 40
    messages = nu_messages([site.output])
    assert messages == [], "\n".join(messages)


def own_address(site, path) -> str:
    """The address a built file is served at, as the site links it."""
    return "/" + str(path.relative_to(site.output)).removesuffix("index.html")


def test_different_pages_have_different_titles(site):
    """WCAG 2.4.2: /news/ and the News category's page were both "News", the
    press archive and the Press releases category's page both "Press
    releases". (The current minifesto is one page at two addresses, its
    edition's and /minifesto/: the same title for the same main content.
    Only /minifesto/ is searched: its <main> differs in its search
    attributes alone, so what is compared is what <main> holds.)"""
    pages_by_title = defaultdict(list)
    for path in site.html_files():
        page = site.html(str(path.relative_to(site.output)))
        pages_by_title[text_of(page.title)].append((own_address(site, path), page.main.decode_contents()))
    shared = {title: [address for address, _ in pages] for title, pages in pages_by_title.items()
              if len({main for _, main in pages}) > 1}
    assert shared == {}
    assert text_of(site.html("news/category/news/").h1) == "Posts in the “News” category"
    assert text_of(site.html("news/category/news/").title).startswith("Posts in the “News” category | ")
    assert text_of(site.html("news/category/press-releases/").h1) != text_of(site.html("press/releases/").h1)


def test_posts_with_one_headline_are_told_apart_by_their_dates(make_site):
    """A recurring headline ("Statement on the budget", every March) gave
    the posts one <title>: one name in a screen reader's list of pages, in
    history and in search engines. Each is named with its date (and time,
    on the same day); the headings stay as written, and a post whose title
    no other has keeps its plain <title>."""
    statement = ("---\ntitle: {title}\ndate: {date}\ncategory: news\nsummary: Our statement.\n---\n\n"
                 "What we said.\n")
    posts = {"posts/budget-2021.md": statement.format(title="Statement on the budget", date="2021-03-03 10:00"),
             "posts/budget-2022.md": statement.format(title="Statement on the Budget", date="2022-03-02 10:00"),
             "posts/budget-2022-again.md": statement.format(title="Statement on the budget",
                                                            date="2022-03-02 16:30")}
    build = make_site(posts)
    assert build.returncode == 0, build.stderr
    titles = {slug: text_of(build.html(f"news/{slug}/").title) for slug in ("budget-2021", "budget-2022",
                                                                             "budget-2022-again", "hello")}
    assert titles == {
        "budget-2021": "Statement on the budget (3 March 2021) | Breakthrough Party",
        "budget-2022": "Statement on the Budget (2 March 2022, 10:00) | Breakthrough Party",
        "budget-2022-again": "Statement on the budget (2 March 2022, 16:30) | Breakthrough Party",
        "hello": "Hello from the party | Breakthrough Party"}
    assert text_of(build.html("news/budget-2022/").h1) == "Statement on the Budget"


# (page, the menu link marked as this page, the one marked as its section)
WHERE_THE_MENU_SAYS_YOU_ARE = [
    ("", None, None),
    ("news/", "News", None),
    ("news/katie-parker-joins-breakthrough/", None, "News"),
    ("news/category/news/", None, "News"),
    ("news/tag/councillors/", None, "News"),
    ("policies/", "Policies", None),
    ("policies/housing/", None, "Policies"),
    ("councillors/katie-parker/", None, "Councillors"),
    ("events/party-conference-2022/", None, "Events"),
    ("about/", "About", None),
    ("press/", "Press", None),
    ("press/releases/", None, "Press"),
    ("search/", "Search", None),
    ("join/", "Join", None),
]


@pytest.mark.parametrize("path,this_page,section", WHERE_THE_MENU_SAYS_YOU_ARE)
def test_the_menu_marks_this_page_and_the_section_it_is_in(site, path, this_page, section):
    """aria-current="page" said "News" was the current page on every post."""
    marked = {link.get_text(): link["aria-current"] for link in site.html(path).select(".site-nav a[aria-current]")}
    assert marked == {**({this_page: "page"} if this_page else {}), **({section: "true"} if section else {})}


@pytest.mark.parametrize("path,label", [("contact/", "Contact"), ("privacy/", "Privacy"),
                                        ("accessibility/", "Accessibility")])
def test_the_footer_marks_the_page_it_alone_links(site, path, label):
    """A page only the footer's menu links said nowhere that it was the page
    the reader is on."""
    marked = site.html(path).select("footer nav a[aria-current=page]")
    assert [text_of(link) for link in marked] == [label]


def test_links_with_the_same_name_go_to_the_same_page(site):
    """In a screen reader's list of a page's links, two links with one name
    must not lead to two places: the join box's "Donate" (the payment site)
    beside the menu's (the page about donating); a post's category "News"
    beside the menu's News; its tag "councillors" beside Councillors."""
    clashes = []
    for path in site.html_files():
        names = defaultdict(set)
        for link in site.html(str(path.relative_to(site.output))).find_all("a", href=True):
            names[(link.get("aria-label") or text_of(link)).lower()].add(link["href"].partition("#")[0])
        clashes += [(str(path.relative_to(site.output)), name, sorted(hrefs))
                    for name, hrefs in names.items() if len(hrefs) > 1]
    assert clashes == []


def test_only_a_link_to_the_page_itself_says_it_is_the_current_page(site):
    """On /news/category/news/ the menu's News and the category's News both
    said "current page"; only the second leads there."""
    elsewhere = [f"{own_address(site, path)}: {link.get_text()!r} -> {link['href']}"
                 for path in site.html_files()
                 for link in site.html(str(path.relative_to(site.output))).select("a[aria-current=page]")
                 if link["href"] != own_address(site, path)]
    assert elsewhere == []


NAMELESS_LINKS = GOOD_POST.removesuffix("Text.\n") + """\
See [](/news/) for more.

[![](/images/press/alex-mays.jpg)](/news/)

And <a href="/about/"></a> too.

[`invoke build`](/news/), [![Alex Mays](/images/press/alex-mays.jpg)](/news/) and [](https://example.org/) end it.
"""


def test_a_link_without_words_stops_the_build_at_its_line(make_site):
    """A link with nothing to read or click (axe: link-name) passed the build."""
    built = make_site({"posts/hello.md": NAMELESS_LINKS})
    assert built.returncode == 1 and "Traceback" not in built.stderr
    assert built.problem_lines == [
        "content/posts/hello.md:7: body: the link to /news/ has no words — "
        "write the link's words between the brackets: [what the link leads to](…)",
        "content/posts/hello.md:9: body: the link to /news/ has no words: its image has no alt text — "
        "say where the link goes between the image's brackets: "
        "[![what the link leads to](/images/press/alex-mays.jpg)](/news/)",
        "content/posts/hello.md:11: body: the link to /about/ has no words — write the link's words between <a …> and </a>",
        "content/posts/hello.md:13: body: the link to https://example.org/ has no words — "
        "write the link's words between the brackets: [what the link leads to](…)",
    ]
