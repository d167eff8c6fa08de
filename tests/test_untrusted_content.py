"""Content is untrusted: nothing a content file does can leak the build
machine, run a script, or publish what is not meant to be public.

The deciding functions are checked in-process as tables; a few real builds
prove the wiring: each hostile file is refused with a `path:line` line, the
build exits non-zero, and the last good output/ is left byte for byte.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import textwrap
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import MINIMAL_SITE, REPO, policy_markdown, run_build, sample_jpeg, sample_png, write_content

from plugins.contentfiles.file_types import type_problem
from plugins.frontmatter.limits import (
    block_count_problems,
    code_block_option_problems,
    control_character_problems,
    markup_problems,
)
from plugins.frontmatter.publication import has_passed, publication_status
from plugins.frontmatter.table_limits import table_problems
from sitecore.html_refusals import refusals
from sitecore.html_sanitiser import clean
from sitecore.schema.document import body_of, parse_document
from sitecore.schema.field_errors import FieldError
from sitecore.schema.fields import date
from sitecore.schema.front_matter_errors import FrontMatterError

LONDON = ZoneInfo("Europe/London")
SETTINGS = {"TIMEZONE": "Europe/London"}

# --- The HTML allowlist ----------------------------------------------------

REFUSED_HTML = {
    # Parser differentials: Python's HTMLParser saw one comment; browsers
    # close `<!-->` at once and run what follows.
    "comment opened by <!-->": ('<!--> <meta http-equiv="refresh" content="0;url=https://evil.example/"> -->',
                                {("comment", ""), ("tag", "meta")}),
    "script behind <!-->": ('<!--> <script src="/images/x/a1.js"></script> -->', {("comment", ""), ("tag", "script")}),
    # With scripting on (as in a reader's Chromium) the title's text ends the
    # <noscript> and the script after it is a real element.
    "noscript title break-out": ('<noscript><p title="</noscript><script src=/x.js>">',
                                 {("tag", "noscript"), ("tag", "script")}),
    # A table moves ("foster-parents") what cannot stand in it to before it:
    # the parser the allowlist used before lost those, and refused nothing.
    "handler inside a table": ("<table><img src=/images/a.jpg alt=a onerror=alert(1)></table>", {("handler", "img")}),
    "javascript link inside a table": ('<table><a href="javascript:alert(1)">x</a></table>', {("scheme", "a")}),
    "processing instruction": ("<?php echo 1; ?>", {("comment", "")}),
    # Browsers read <image> as <img>, also where a table moves it out.
    "image tag inside a table": ('<table><image src="https://tracker.example/p.gif" onerror="alert(1)"></table>',
                                 {("scheme", "img"), ("handler", "img")}),
    # A prefixed name on an HTML element is an attribute of its own (nh3 drops it).
    "xlink:href on a link": ('<a xlink:href="/join">Join us</a>', {("attribute", "a")}),
    "javascript link beside xlink:href": ('<a href="javascript:alert(1)" xlink:href="/ok">x</a>',
                                          {("scheme", "a"), ("attribute", "a")}),
    "unclosed template": ("<template><p>The rest of the page", {("tag", "template")}),
    "title in a div": ("<div><title>x", {("tag", "title")}),
    "unclosed select": ("<select><option>The rest", {("tag", "select"), ("tag", "option")}),
    "style element": ("<style>footer *{color:transparent}</style>", {("tag", "style")}),
    "linked stylesheet": ('<link rel="stylesheet" href="/images/x.css">', {("tag", "link")}),
    "base": ('<base href="https://evil.example/">', {("tag", "base")}),
    "svg script": ("<svg><script>alert(1)</script></svg>", {("tag", "svg"), ("tag", "script")}),
    "event handler": ("<img src=/images/a.jpg alt=a onerror=alert(1)>", {("handler", "img")}),
    "style attribute": ('<p style="display:none">x</p>', {("attribute", "p")}),
    # <span> is allowed to mark a language (<span lang="cy">), never a class.
    "theme class": ('<span class="visually-hidden">x</span>', {("attribute", "span")}),
    "class on a link": ('<a class="skip-link" href="/">x</a>', {("value", "a")}),
    "javascript link": ('<a href="javascript:alert(1)">x</a>', {("scheme", "a")}),
    "link by a protocol-relative address": ('<a href="//evil.example/x">x</a>', {("scheme", "a")}),
    "image from another website": ('<img src="https://tracker.example/pixel.gif" alt="">', {("scheme", "img")}),
    "image by a protocol-relative address": ('<img src="//tracker.example/pixel.gif" alt="">', {("scheme", "img")}),
    # A browser reads each \ as /: another website, where urlsplit saw a
    # path on this site (found by an audit: the image was published).
    "image at /\\host": ('<img src="/\\tracker.example/pixel.gif" alt="">', {("scheme", "img")}),
    "image at \\\\host": ('<img src="\\\\tracker.example/pixel.gif" alt="">', {("scheme", "img")}),
    # A browser takes tabs and line breaks out of an address before it reads it (a review).
    "image at /<line break>\\host": ('<img src="/\n\\tracker.example/pixel.gif" alt="">', {("scheme", "img")}),
    "image at <tab>//host": ('<img src="\t//tracker.example/pixel.gif" alt="">', {("scheme", "img")}),
    "attachment link": ("<a rel=attachment href=/etc/hostname>annex</a>", {("attribute", "a")}),
    "iframe": ('<iframe src="https://video.example/embed/1"></iframe>', {("embed", "iframe")}),
    "form": ('<form action="https://evil.example/"><input name=p></form>', {("tag", "form"), ("tag", "input")}),
    "top-level heading": ("<h1>Second title</h1>", {("tag", "h1")}),
}


@pytest.mark.parametrize("case", list(REFUSED_HTML))
def test_the_allowlist_refuses(case):
    html, expected = REFUSED_HTML[case]
    found = {(refusal.kind, refusal.tag) for refusal in refusals(html)}
    assert expected <= found, found


@pytest.mark.parametrize("case", list(REFUSED_HTML))
def test_what_is_published_holds_nothing_outside_the_allowlist(case):
    html, _ = REFUSED_HTML[case]
    assert refusals(clean(html)) == []


def test_html_nested_thousands_deep_is_judged_without_recursion():
    """Content may nest tags as deep as its size allows: the allowlist walks
    the tree without recursion, so it answers instead of overflowing."""
    deep = "<blockquote>" * 20_000 + "<img src=/images/a.jpg alt=a onerror=alert(1)>"
    assert [(refusal.kind, refusal.tag) for refusal in refusals(deep)] == [("handler", "img")]


MARKDOWN_OUTPUT = [
    '<p>A <a href="{filename}/posts/x.md" title="t">link</a>, <em>em</em>, <strong>b</strong>, <code>c</code></p>',
    '<h2 id="why-it-matters">Why</h2><ul><li>a</li></ul><ol start="3"><li>b</li></ol><blockquote><p>q</p></blockquote>',
    '<table><thead><tr><th style="text-align: left;">h</th></tr></thead><tbody><tr><td>d</td></tr></tbody></table>',
    '<p>Note<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p><div class="footnote"><hr>'
    '<ol><li id="fn:1"><p>Text <a class="footnote-backref" href="#fnref:1" title="Back">&#8617;</a></p></li></ol></div>',
    '<pre><code class="language-python">x = 1\n</code></pre><p><img alt="A rally" src="/images/r.jpg"></p>',
    '<p><a href="mailto:a@b.org">mail</a> <a href="tel:+442079460123">call</a> <a href="https://x.org/">out</a></p>',
    "<dl><dt>t</dt><dd>d</dd></dl><p><abbr title=\"National Health Service\">NHS</abbr></p>",
]


@pytest.mark.parametrize("html", MARKDOWN_OUTPUT)
def test_what_markdown_writes_is_allowed(html):
    assert refusals(html) == []


@pytest.mark.parametrize("embed", [
    '<iframe src="https://www.youtube-nocookie.com/embed/x" title="Video"></iframe>',
    '<embed src="https://video.example/x.swf">',
    '<object data="https://video.example/x"></object>',
])
def test_an_embed_from_any_website_is_refused_and_never_published(embed):
    """No page loads anything from another website (the privacy notice), so
    there is no list of websites whose players may be embedded: the site's
    security policy would block them anyway (an audit found a setting that
    let an iframe through the check, to be blocked on every page)."""
    assert [(refusal.kind, refusal.tag) for refusal in refusals(embed)] == [("embed", embed[1:].split()[0])]
    assert "video" not in clean(embed).lower()


# --- Limits on the file and its front matter --------------------------------

@pytest.mark.parametrize("yaml_text, line, message", [
    ("title: &a [*a]\n", 2, "YAML anchors (&a) are not allowed"),
    ("a: &a [x, x, x]\nb: &b [*a, *a, *a]\n", 2, "YAML anchors (&a) are not allowed"),
    ("a: [*a]\n", 2, "YAML aliases (*name) are not allowed"),  # an alias with no anchor to refer to
    ("tags: " + "[" * 5000 + "]" * 5000 + "\n", 2, "the values are nested more than 8 levels deep"),
    # A merge key made the post a draft with no status line to see (the editor's YAML does not merge).
    ("title: Post\n<<: {status: draft}\n", 3, "YAML's merge key (<<) is not allowed"),
    ("corrections:\n  - <<: {date: 2021-11-25}\n    note: Fixed.\n", 3, "YAML's merge key (<<) is not allowed"),
])
def test_yaml_that_is_refused_before_it_is_built(yaml_text, line, message):
    with pytest.raises(FrontMatterError) as refused:
        parse_document(f"---\n{yaml_text}---\nText.\n")
    assert (refused.value.line, refused.value.message) == (line, message)


def test_each_refused_link_is_told_at_its_own_line(make_site):
    """Links sharing their first 40 characters were all told at the first
    one's line, and a scheme written as a character reference at the body's
    first line, and again as a relative link."""
    body = ("Intro.\n\n[a]({static}/images/../../../../../../../../etc/shadow) first.\n\n"
            "[b]({static}/images/../../../../../../../../etc/hostname) second.\n\n"
            "[c](&#106;avascript:alert(2)) third.\n")
    post = MINIMAL_SITE["posts/hello.md"].replace("The first post's text.", body)
    build = make_site({"posts/hello.md": post})
    assert [line.split(" — ")[0] for line in build.problem_lines] == [
        "content/posts/hello.md:12: body: the link {static}/images/../../../../../../../../etc/shadow goes up a "
        "folder with ..",
        "content/posts/hello.md:14: body: the link {static}/images/../../../../../../../../etc/hostname goes up a "
        "folder with ..",
        "content/posts/hello.md:16: body: the link javascript:alert(2) is not a web address",
    ], build.problem_lines


def test_an_image_at_an_address_a_browser_reads_as_another_website_is_refused_at_its_line(make_site):
    """From an audit: `/\\host/x.png` passed as a picture on this site (no
    scheme, no host to urlsplit), so a page fetched it from that website.
    In a policy, the e-book then opened content/\\host/… (behind a folder
    named \\, beyond content/ with ..) and the build ended in a traceback.
    Refused at its line, in a post and in a policy; a folder named \\ is
    refused at its path."""
    post = MINIMAL_SITE["posts/hello.md"].replace(
        "The first post's text.", "Intro.\n\n![Members with a banner](/\\evil.example/pixel.png)\n")
    policy = MINIMAL_SITE["policies/01-housing.md"].replace(
        "Why this matters.", "Why.\n\n![A logo](/\\/../../../../../../../../usr/share/pixmaps/debian-logo.png)\n")
    build = make_site({"posts/hello.md": post, "policies/01-housing.md": policy, "\\/.keep": ""})
    assert build.returncode == 1
    assert "Traceback" not in build.stderr and "Error:" not in build.stderr, build.stderr
    assert [line.split(" — ")[0] for line in build.problem_lines] == [
        'content/\\:1: (file name): "\\" is a name Windows cannot hold (a \\ in it): the repository could '
        "not be checked out on Windows",
        "content/policies/01-housing.md:10: body: the image /\\/../../../../../../../../usr/share/pixmaps/"
        "debian-logo.png is on another website",
        "content/posts/hello.md:12: body: the image /\\evil.example/pixel.png is on another website",
    ], build.problem_lines


def test_a_reference_hidden_by_an_escape_of_the_yaml_is_refused_where_the_page_would_hold_it(make_site):
    """The closing call is Markdown in a YAML value: "&\\x23x202E;" in
    quotes is "&#x202E;" once YAML has read it, which no check of the file's
    text sees. The page's HTML is checked too: a direction override was
    published in the minifesto, and U+000B stopped the build unexplained."""
    for written, what in (("&\\x23x202E;", "U+202E"), ("&\\x23x0B;", "U+000B")):
        minifesto = textwrap.dedent(MINIMAL_SITE["minifesto.md"]).replace(
            "closing_call: Become a member today.", f'closing_call: "Become a member {written} today."')
        build = make_site({"minifesto.md": minifesto})
        assert build.returncode == 1 and "Traceback" not in build.stderr, build.stderr
        line = 1 + next(number for number, text in enumerate(minifesto.splitlines()) if text.startswith("closing_call"))
        assert [line for line in build.problem_lines if "closing_call" in line] == [
            f"content/minifesto.md:{line}: closing_call: makes an invisible control character ({what}) in the page "
            "(a character reference, &#…;, stands for it) — delete the reference"], build.problem_lines


def test_the_line_of_a_refusal_is_not_taken_from_text_written_as_references(make_site):
    """`&lt;script&gt;` is the words "<script>": a later <script> is told at
    its own line, and two refusals on one line both at that line."""
    body = ("Intro.\n\nWe write about &lt;script&gt; tags here.\n\n<script>alert(1)</script>\n\n"
            '<span style="color:red">a</span> and <b style="font-weight:bold">b</b>\n')
    post = MINIMAL_SITE["posts/hello.md"].replace("The first post's text.", body)
    build = make_site({"posts/hello.md": post})
    assert [line.split(": ")[0].rsplit(":", 1)[1] for line in build.problem_lines] == ["14", "16", "16"], (
        build.problem_lines)


def test_a_merge_key_is_refused_at_its_line_and_the_post_is_not_published_as_a_draft(make_site):
    post = MINIMAL_SITE["posts/hello.md"].replace("tags: [launch]", "<<: {status: draft}\n        tags: [launch]")
    build = make_site({"posts/hello.md": post})
    assert build.problem_lines == [
        "content/posts/hello.md:6: (front matter): YAML's merge key (<<) is not allowed — write each field it "
        "would bring as a line of its own (status: draft)"]


@pytest.mark.parametrize("text, expected", [
    ("fine\ntext\n", []),
    ("line one\nWord\x0bbreak\n", [(2, "U+000B", 5)]),
    ("a\x00b\n", [(1, "U+0000", 2)]),
    ("Vote for \u202eevil\u202c today\n", [(1, "U+202E", 10)]),  # shown backwards: "live"
    ("Hebrew \u05e9\u05dc\u05d5\u05dd and Arabic \u0633\u0644\u0627\u0645 read right to left\n", []),
    ("tab\tand\r\nwindows endings\n", []),
    ("a\x85b\n", [(1, "U+0085", 2)]),
    # A line separator pasted from a PDF: invisible, and a line break to YAML.
    ("Members voted\u2028this year.\n", [(1, "U+2028", 14)]),
    # Noncharacters: no text holds them, and XML forbids the last two, so a
    # feed carrying the post was malformed (a strict reader drops it all).
    ("Text with a \ufffe noncharacter\nand \uffff too, and \ufdd0.\n", [(1, "U+FFFE", 13), (2, "U+FFFF", 5)]),
])
def test_control_characters(text, expected):
    found = [(p.line, p.message.split("(")[1].split(")")[0], int(p.message.rsplit(" ", 1)[1]))
             for p in control_character_problems(text)]
    assert found == expected


@pytest.mark.parametrize("text, expected", [
    # The page's parser makes each the character itself: the feeds' XML broke
    # (&#x0B;), the e-book failed (&#xFFFF; in a policy), an override was published.
    ("A &#x0B; B\n", [(1, "contains &#x0B; at column 3, which stands for an invisible control character (U+000B)")]),
    ("Vote &#8238;evil\n", [(1, "contains &#8238; at column 6, which stands for an invisible control character "
                                "(U+202E)")]),
    ("ok\nA &#XFFFF B\n", [(2, "contains &#XFFFF at column 3, which stands for a noncharacter, which no text holds "
                               "(U+FFFF)")]),
    ("&#x9D; &#157;\n", [(1, "contains &#x9D; at column 1, which stands for an invisible control character "
                             "(U+009D)")]),
    # Markdown makes the escaped "\#" a "#": the same reference on the page.
    ("A &\\#x202E; B\n", [(1, "contains &\\#x202E; at column 3, which stands for an invisible control character "
                             "(U+202E)")]),
    # What a parser makes a character the site takes: Windows-1252's "€" for
    # &#x80;, the replacement character, a dash, a line break, an accent.
    ("&#x80; &#0; &#xD800; &#8212; &#10; &#233; &amp;#x0B;\n", []),
])
def test_a_character_reference_to_a_control_character_is_refused_at_its_line(text, expected):
    assert [(problem.line, problem.message) for problem in control_character_problems(text)] == expected


def test_a_post_with_a_reference_to_a_control_character_is_refused_and_the_feed_stays_whole(make_site):
    post = MINIMAL_SITE["posts/hello.md"].replace("The first post's text.", "Members voted &#x0B; today.")
    build = make_site({"posts/hello.md": post})
    assert build.returncode == 1 and "Traceback" not in build.stderr
    assert build.problem_lines == [
        "content/posts/hello.md:10: (file): contains &#x0B; at column 15, which stands for an invisible control "
        "character (U+000B) — delete it"], build.problem_lines


@pytest.mark.parametrize("text, refused_at", [
    ("[" * 4000, [1]),
    ("Some words.\n\n" + "[x](" * 2000, [3]),  # links whose ")" never comes
    ("[" * 1000 + "a" + "]" * 1000, [1]),  # closed, but nested a thousand deep
    ("[a](https://example.org/) " * 5000, []),  # 5000 links: a long paragraph, not a slow one
    ("\\[" * 5000, []),  # written as text
    ("```\n" + "[" * 5000 + "\n```\n", []),  # code: Markdown looks for no links there
    ("```\r\n" + "[" * 5000 + "\r\n```\r\n", []),  # and saved on Windows
    ("[" * 19 + " word" * 40000, [1]),  # a few never closed, in a paragraph of 200 KB
    # A fence Markdown does not close is text to it, and its paragraph's
    # first line: the brackets count.
    ("```\n" + "[" * 20000 + "\n", [1]),
    ("```\n" + "[" * 20000 + "\n~~~\n", [1]),
    ("```\n" + "[" * 20000 + "\n````\n", [1]),
    # Raw HTML, emphasis and code spans search on the same way.
    ("<a " * 20000, [1]),
    ("<http://a" * 11111, [1]),
    ("*a" * 50000, [1]),
    ("`a``" * 25000, [1]),
    # What is not slow: a lone "(" (Markdown looks for ")" only after "]("),
    # and a table of many rows, each row a run of its own.
    ("(" * 10000, []),
    ("| Area | Note |\n|---|---|\n" + "| North (approx | :( fine |\n" * 3000, []),
    ("---\ntitle: A post\n---\n" + "[" * 4000, [4]),  # told at the body's own line
    # Many paragraphs, each just under the limit, add up: told once, at the costliest.
    ("\n\n".join(["<a " * 1800] * 20 + ["<a " * 1820]), [41]),
])
def test_markup_markdown_would_take_minutes_over_is_refused_at_its_paragraph(text, refused_at):
    assert [problem.line for problem in markup_problems(text)] == refused_at


@pytest.mark.parametrize("text, message", [
    ("<a " * 30000, 'has a paragraph of 90000 characters with 30000 of "<", "*", "_" and "`", which Markdown would '
                    "take minutes over"),
    ("\n\n".join(["<a " * 1800] * 20 + ["<a " * 1820]),
     'has paragraphs whose brackets and "<", "*", "_" and "`" Markdown would take minutes over, all told (this one '
     "the most)"),
    ("Text with a \ufffe noncharacter\n", "contains a noncharacter, which no text holds (U+FFFE) at column 13"),
])
def test_text_markdown_or_feeds_cannot_take_is_told_in_words(text, message):
    """As the README's table of messages quotes them."""
    assert [problem.message for problem in markup_problems(text) + control_character_problems(text)] == [message]


def markdown_table(columns: int, rows: int, pipes: bool = True) -> str:
    head, separator = " | ".join(f"H{n}" for n in range(columns)), "|".join(["---"] * columns)
    body = [" | ".join(f"{row}.{n}" for n in range(columns)) for row in range(rows)]
    return "\n".join(f"| {line} |" if pipes else line for line in [head, separator, *body]) + "\n"


@pytest.mark.parametrize("body, refused", [
    (markdown_table(4, 10), []),
    (markdown_table(16, 124), []),                 # 16 columns, 2000 cells with the head row: as many as may be
    (markdown_table(17, 2), [(5, "has a table of 17 columns")]),
    (markdown_table(17, 2, pipes=False), [(5, "has a table of 17 columns")]),
    (markdown_table(16, 125), [(5, "has tables of 2016 cells in all")]),
    (markdown_table(4, 400) + "\n" + markdown_table(4, 200), [(408, "has tables of 2408 cells in all")]),
    # The audit's table: refused for its width, and not told of twice.
    (markdown_table(3000, 20), [(5, "has a table of 3000 columns")]),
    ("<table>" + "<tr><td>a</td><th>b</th></tr>" * 1001 + "</table>\n", [(5, "has tables of 2002 cells in all")]),
    ("```\n" + markdown_table(40, 100) + "```\n", []),  # code, not a table
])
def test_a_table_too_wide_to_read_or_too_large_to_print_is_refused_at_its_line(body, refused):
    """A policy with a table of 3000 columns (144 KB, under the size limit)
    took a build four minutes and 1.7 GB, mostly the minifesto's PDFs."""
    text = f"---\ntitle: A post\n---\n\n{body}"
    assert [(problem.line, problem.message.split(":")[0]) for problem in table_problems(text)] == refused


def test_the_text_checked_starts_where_the_parser_ends_the_front_matter():
    """A closing fence with a space before it closes the front matter for
    the parser: the table below it is the body's, told at its line (the
    limits once found their own end of the front matter, and read the
    whole file as body)."""
    text = "---\ntitle: A post\nsummary: " + "[" * 4000 + "\n ---\n\n" + markdown_table(17, 2)
    assert body_of(text).startswith("\n| H0")  # where the parser starts the body
    assert [(problem.line, problem.message.split(":")[0]) for problem in table_problems(text)] == [
        (6, "has a table of 17 columns")]
    assert markup_problems(text) == []  # the summary's brackets are YAML's to read, not Markdown's


def test_a_problem_quoting_a_strangers_long_value_is_told_in_a_line_a_person_can_read(make_site):
    """A title of 120,000 characters, quote never closed: the fix quoted it
    whole, a 120 KB line in the terminal and in the review's annotations."""
    build = make_site({"posts/long.md": '---\ntitle: "a' + " " * 120000 + "b\ndate: 2021-12-15\ncategory: news\n"
                                        "summary: z\n---\nT\n"})
    assert build.returncode == 1 and "Traceback" not in build.stderr
    [line] = [line for line in build.problem_lines if line.startswith("content/posts/long.md:2: title:")]
    assert len(line) < 2100 and "…" in line


def test_a_refused_table_is_told_with_what_to_do():
    wide, large = (table_problems(f"---\ntitle: A post\n---\n\n{body}")[0]
                   for body in (markdown_table(17, 2), markdown_table(4, 600)))
    assert (wide.message, wide.fix) == (
        "has a table of 17 columns: more than the 16 that can be read on a phone or printed",
        "split it into tables of fewer columns, or publish the figures as a spreadsheet (.xlsx or .ods) and link "
        "to it from the text")
    assert (large.message, large.fix) == (
        "has tables of 2404 cells in all: more than the 2000 a page's tables may hold (the minifesto's PDFs took "
        "minutes over larger ones)",
        "keep a short table of the main figures, and publish the figures as a spreadsheet (.xlsx or .ods) and "
        "link to it from the text")


def test_a_policy_with_a_table_too_wide_fails_the_build_at_the_table(make_site):
    policy = MINIMAL_SITE["policies/01-housing.md"]
    build = make_site({"policies/01-housing.md": policy + "\n" + markdown_table(17, 2)})
    table_line = policy.count("\n") + 2
    assert build.returncode == 1 and "Traceback" not in build.stderr
    assert build.problem_lines == [
        f"content/policies/01-housing.md:{table_line}: (file): has a table of 17 columns: more than the 16 that "
        "can be read on a phone or printed — split it into tables of fewer columns, or publish the figures as a "
        "spreadsheet (.xlsx or .ods) and link to it from the text"]


def test_the_minifestos_closing_call_is_held_to_a_bodys_table_limits(make_site):
    """The closing call is Markdown too, on the minifesto's page and in its
    PDFs: a table of 5,000 columns there was published, and made the build
    five times as long (a fuzzing audit)."""
    table = "\n".join("  " + row for row in markdown_table(17, 2).splitlines())
    closing_call = f"closing_call: |\n  Become a member today.\n\n{table}"
    minifesto = textwrap.dedent(MINIMAL_SITE["minifesto.md"]).replace("closing_call: Become a member today.",
                                                                      closing_call)
    build = make_site({"minifesto.md": minifesto})
    assert build.returncode == 1 and "Traceback" not in build.stderr
    assert build.problem_lines == [
        "content/minifesto.md:12: closing_call: has a table of 17 columns: more than the 16 that can be read on a "
        "phone or printed — split it into tables of fewer columns, or publish the figures as a spreadsheet (.xlsx "
        "or .ods) and link to it from the text"]


def test_a_file_refused_for_its_text_has_its_fields_checked_in_the_same_build(make_site):
    """The volunteer mends the table and the fields at once, not the table
    first and the fields a build later; a refused line inside the front
    matter is told once, not again as a slip of the YAML."""
    policy = textwrap.dedent(MINIMAL_SITE["policies/01-housing.md"])
    wrong_fields = policy.replace("number: 1\n", "number: one\n").replace("summary: ", "sumary: ")
    build = make_site({"policies/01-housing.md": wrong_fields + "\n" + markdown_table(17, 2)})
    assert build.returncode == 1 and "Traceback" not in build.stderr
    told = [line.split(" — ")[0].split(": ", 2)[:2] for line in build.problem_lines]
    assert told == [["content/policies/01-housing.md:3", "number"], ["content/policies/01-housing.md:4", "sumary"],
                    ["content/policies/01-housing.md:7", "summary"],  # missing: told at the closing ---
                    [f"content/policies/01-housing.md:{policy.count(chr(10)) + 2}", "(file)"]], build.problem_lines
    # A slip of the YAML too, told at its line, beside the table.
    slipped = make_site({"policies/01-housing.md": policy.replace("title: Homes for everyone", "title Homes")
                         + "\n" + markdown_table(17, 2)})
    assert [line.split(": ", 2)[:2] for line in slipped.problem_lines][:1] == [
        ["content/policies/01-housing.md:2", "title"]], slipped.problem_lines
    # A control character inside the front matter: told once, as a control character.
    control = make_site({"policies/01-housing.md": policy.replace("summary: Everyone", "summary: Every\x0bone")})
    assert [line.split(": ", 2)[:2] for line in control.problem_lines] == [
        ["content/policies/01-housing.md:4", "(file)"]], control.problem_lines


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "1066-10-14"])
def test_dates_outside_the_years_a_site_can_use(value):
    with pytest.raises(FieldError) as refused:
        date(value, SETTINGS)
    assert "is not a date the site can use" in refused.value.message


def test_an_embargo_given_in_utc_on_the_night_the_clocks_go_back():
    # 01:30 UTC on 30 October 2022 is the second 01:30 in London (GMT).
    embargo = date("2022-10-30T01:30:00+00:00", SETTINGS)
    assert embargo.fold == 1
    settings = {**SETTINGS, "BUILD_TIME": "2022-10-30T00:45:00+00:00"}  # 01:45 BST, 45 minutes earlier
    assert publication_status({"embargo": embargo}, settings) == ("draft", None)
    settings["BUILD_TIME"] = "2022-10-30T01:30:00+00:00"
    assert publication_status({"embargo": embargo}, settings) == ("published", None)


def test_instants_not_wall_clocks():
    first = dt.datetime(2022, 10, 30, 1, 30, tzinfo=LONDON, fold=0)   # BST
    second = dt.datetime(2022, 10, 30, 1, 30, tzinfo=LONDON, fold=1)  # GMT, an hour later
    assert has_passed(first, second) and not has_passed(second, first)


# --- Static files -----------------------------------------------------------

@pytest.mark.parametrize("name, data, allowed", [
    ("photo.jpg", sample_jpeg(), True),
    ("photo.png", sample_png(), True),
    ("paper.pdf", b"%PDF-1.7\n...", True),
    ("notes.txt", b"Plain words.\n", True),
    ("evil.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', False),
    ("evil.html", b"<script>alert(1)</script>", False),
    ("a1.js", b"alert(1)", False),
    ("x.css", b"footer *{color:transparent}", False),
    ("page.jpg", b"<html><script>alert(1)</script>", False),
    ("page.txt", b"<!doctype html><script>alert(1)</script>", False),
    ("fake.docx", b"PK\x03\x04 not really a zip", False),
    ("no-extension", sample_jpeg(), False),
])
def test_static_file_types_by_name_and_contents(tmp_path, name, data, allowed):
    path = tmp_path / name
    path.write_bytes(data)
    assert (type_problem(str(path)) is None) == allowed


# --- Real builds: refused with path:line, exit 1, output/ unchanged ---------------------

def snapshot(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def last_good_site(tmp_path_factory, factory_cache):
    """A good build: every hostile build below must leave a copy of it untouched."""
    root = tmp_path_factory.mktemp("good")
    write_content(root / "content", MINIMAL_SITE)
    build = run_build(root / "content", root / "output", cache=factory_cache)
    assert build.returncode == 0, build.stderr
    return build.output


def decompression_bomb() -> bytes:
    """A small PNG whose header claims 60,000 × 60,000 pixels."""
    import struct
    import zlib

    png = bytearray(sample_png())
    header = b"IHDR" + struct.pack(">II", 60000, 60000) + bytes(png[24:29])
    png[12:29] = header
    png[29:33] = struct.pack(">I", zlib.crc32(header))
    return bytes(png)


def post(body: str, extra: str = "") -> str:
    return f"---\ntitle: A post\ndate: 2021-11-24\ncategory: news\nsummary: A post.\n{extra}---\n{body}\n"


HOSTILE_FILES = {
    "posts/comment-trick.md": post('Hello\n\n<!--> <meta http-equiv="refresh" content="0;url=https://evil.example/"> -->'),
    "posts/static-escape.md": post("Intro.\n\n[notes]({static}/../marker.txt)"),
    "posts/word-paste.md": post("A line with Word's soft\x0bbreak."),
    "posts/alias-bomb.md": "---\ntitle: &a [*a]\n---\nText.\n",
    "posts/deep.md": "---\ntags: " + "[" * 5000 + "]" * 5000 + "\n---\nText.\n",
    "posts/ancient.md": post("Text.").replace("date: 2021-11-24", "date: 0001-01-01T00:00:00+14:00"),
    "posts/" + "a" * 252 + ".md": post("Text."),
    "policies/01-housing.md": policy_markdown("Homes for everyone", 1).replace(
        "Text.\n", "Text.\n\n<!-- internal: do not publish the costings -->\n\n<style>footer{display:none}</style>\n"),
    "images/evil.svg": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "images/evil.html": b"<script>alert(1)</script>",
    "images/x/a1.js": b"alert(1)",
    "images/press/alex-mays-480.webp": sample_jpeg(),
    "minifesto/index.html": b"<h1>Not our minifesto</h1>",
    # Pelican rewrites {filename} links after sanitising: only plain paths.
    "posts/link-rewrite.md": post("Logo: [logo]({filename}/images/press/alex-mays.jpg?&quot;&gt;&lt;meta "
                                  "http-equiv=&quot;refresh&quot; content=&quot;0;url=/x&quot;&gt;)"),
    "posts/script-link.md": post("[Our first post]({filename}javascript:/posts/hello.md?%0Aalert(1))"),
    "posts/hidden-marker.md": post("<a title=\"src='{static}/ads.txt'\">b</a>"),
    "ads.txt": b"google.com, pub-0000000000000000, DIRECT\n",
    "posts/card-swap.md": post("[card]({static}/share/news/hello.png)"),
    "share/news/hello.png": sample_png(),
    "images/news/march.jpg": sample_jpeg(),
    "images/news/march.png": sample_png(),
    "posts/typed-yaml.md": post("Text.").replace("summary: A post.", "summary: !!binary aGVsbG8="),
    # A marker inside a web address: Pelican's pattern finds it there too, and
    # a folder name with `&` made its rewrite break out of the attribute.
    "posts/a&b/target.md": post("A post in an oddly named folder."),
    "pages/sneaky.md": "---\ntitle: Sneaky\nsummary: A page.\n---\n<a href=\"https://example.org/?src='{filename}"
                       "/posts/a&amp;b/target.md?&quot;&gt;&lt;meta http-equiv=refresh content=0;url=/x&gt;'\">more</a>\n",
    "images/damaged.jpg": b"\xff\xd8\xff\xe0" + b"not really a JPEG" * 10,
    "images/page.jpg": b"<html><script>alert(1)</script>",
    # A table cell styled by hand: the fix tells how Markdown aligns a column.
    "posts/styled-table.md": post('<table><tr><td style="color: red">Vote</td></tr></table>'),
    "images/bomb.png": decompression_bomb(),
    # Python-Markdown matches brackets in time that grows with the square of
    # their number: 10 KB of "[" held the check up for 42 s (a minute here).
    "posts/brackets.md": post("[" * 10000),
    "pages/bomb.md": "---\ntitle: Bomb\nsummary: A page.\n---\n<img alt=x src=/images/bomb.png>\n",
    # Build-machine files as PDF attachments (WeasyPrint reads file: URLs).
    "policies/02-annex.md": policy_markdown("An annex", 2).replace(
        "Text.\n", "Text.\n\n<a rel=attachment href=/etc/hostname>annex</a>\n"),
}
EXPECTED_LINES = [
    "content/posts/comment-trick.md:9: body: an HTML comment (<!-- … -->) — ",
    "content/posts/comment-trick.md:9: body: raw <meta> in content is not allowed — ",
    "content/posts/static-escape.md:9: body: the link {static}/../marker.txt goes up a folder with .. — ",
    "content/posts/word-paste.md:7: (file): contains an invisible control character (U+000B) at column 24 — ",
    'content/posts/brackets.md:7: (file): has a paragraph whose brackets (10000 of them never closed, or nested deep) '
    "Markdown would take minutes over — ",
    "content/posts/alias-bomb.md:2: (front matter): YAML anchors (&a) are not allowed — ",
    "content/posts/deep.md:2: (front matter): the values are nested more than 8 levels deep — ",
    'content/posts/ancient.md:3: date: "0001-01-01T00:00:00+14:00" is not a date the site can use — ',
    f"content/posts/{'a' * 252}.md:1: (file name): the name is 252 characters long; ",
    "content/policies/01-housing.md:9: body: an HTML comment (<!-- … -->) — ",
    "content/policies/01-housing.md:11: body: raw <style> in content is not allowed — ",
    "content/images/evil.svg:1: (file): cannot be published: '.svg' files are not published — ",
    "content/images/evil.html:1: (file): cannot be published: '.html' files are not published — ",
    "content/images/x/a1.js:1: (file): cannot be published: '.js' files are not published — ",
    "content/images/press/alex-mays-480.webp:1: (file): would replace a WebP copy of "
    "images/press/alex-mays.jpg at /images/press/alex-mays-480.webp — ",
    "content/minifesto/index.html:1: (file): would replace the site's own minifesto page at /minifesto/index.html — ",
    "content/posts/link-rewrite.md:7: body: the link {filename}/images/press/alex-mays.jpg?\"><meta",
    "content/posts/script-link.md:7: body: the link {filename}javascript:/posts/hello.md?%0Aalert(1) "
    "is not a plain path to a file — ",
    "content/posts/hidden-marker.md:7: body: <a title=src='{static}/ads.txt'…> holds a {…} link marker outside a link — ",
    "content/share/news/hello.png:1: (file): is linked with {static} but is not in a folder the site publishes — ",
    "content/images/news/march.png:1: (file): has the same name as images/news/march.jpg, so their copies "
    "would overwrite each other — ",
    "content/posts/typed-yaml.md:5: (front matter): YAML tags (tag:yaml.org,2002:binary) are not allowed — ",
    "content/policies/02-annex.md:9: body: the rel attribute on <a> is not allowed — ",
    'content/posts/a&b/target.md:1: (file name): the folder name "a&b" has characters that do not belong in an address — ',
    "content/pages/sneaky.md:5: body: the link https://example.org/?src='{filename}/posts/a&b/target.md?",
    "content/images/damaged.jpg:1: (file): cannot be published: it is not a JPEG image the site can use ",
    "content/images/page.jpg:1: (file): cannot be published: its name says JPEG image, but its contents are not one — ",
    "content/posts/styled-table.md:7: body: the style attribute on <td> is not allowed — align a table's columns with "
    "Markdown's colons instead: |:---| left, |---:| right, |:---:| centred",
    # Told by its size, in words, once, at the file (not also at the page
    # showing it, as Pillow's "DecompressionBombError").
    "content/images/bomb.png:1: (file): has 3600.0 megapixels: more than the 50 a picture may have — ",
]


def hostile_build(tmp_path, last_good_site, files, options=()):
    write_content(tmp_path / "content", {**MINIMAL_SITE, **files})
    output = tmp_path / "output"
    shutil.copytree(last_good_site, output)
    return run_build(tmp_path / "content", output, cache=tmp_path / "cache", options=options)


def assert_refused(build, last_good_site, expected_lines):
    assert build.returncode == 1, build.stderr
    assert "Traceback" not in build.stderr + build.stdout
    for expected in expected_lines:
        assert any(line.startswith(expected) for line in build.problem_lines), (expected, build.problem_lines)
    assert snapshot(build.output) == snapshot(last_good_site)


def test_hostile_content_is_refused_all_at_once(tmp_path, last_good_site):
    (tmp_path / "marker.txt").write_text("outside content/")
    build = hostile_build(tmp_path, last_good_site, HOSTILE_FILES)
    assert_refused(build, last_good_site, EXPECTED_LINES)
    assert not any(line.startswith("content/pages/bomb.md") or "DecompressionBomb" in line
                   for line in build.problem_lines), build.problem_lines
    assert {p.name for p in tmp_path.iterdir()} - {"cache"} == {"content", "marker.txt", "output"}


def test_invoke_check_reports_the_same(tmp_path):
    write_content(tmp_path / "content", {**MINIMAL_SITE, **HOSTILE_FILES})
    build = run_build(tmp_path / "content", tmp_path / "unused", options=("--check",), new_process=True)
    assert build.returncode == 1
    for expected in EXPECTED_LINES:
        assert any(line.startswith(expected) for line in build.problem_lines), expected
    assert not (tmp_path / "unused").exists()


def test_symbolic_links_are_refused_not_followed(tmp_path, last_good_site):
    content = tmp_path / "content"
    write_content(content, MINIMAL_SITE)
    (tmp_path / "secret.txt").write_text("token=abc")
    os.symlink(tmp_path / "secret.txt", content / "images/notes.txt")
    os.symlink("/etc", content / "images/etc")
    os.symlink("../../.git/config", content / "images/press/config.txt")
    # A link through the linked folder: its path stays inside content/, the file it reaches does not.
    (content / "posts/through.md").write_text(post("Intro.\n\n[host]({static}/images/etc/hostname)"))
    output = tmp_path / "output"
    shutil.copytree(last_good_site, output)
    build = run_build(content, output, cache=tmp_path / "cache")
    assert_refused(build, last_good_site, [
        "content/images/notes.txt:1: (file): is a symbolic link — ",
        "content/images/etc:1: (file): is a symbolic link — ",
        "content/images/press/config.txt:1: (file): is a symbolic link — ",
        "content/posts/through.md:9: body: the link {static}/images/etc/hostname points outside content/ — ",
    ])
    check = run_build(content, tmp_path / "unused", options=("--check",))
    assert check.returncode == 1 and "is a symbolic link" in check.stderr


def test_a_named_pipe_is_refused_not_waited_on(tmp_path, last_good_site):
    """Reading a pipe waits for a writer: the build (every step that reads
    content/, the record of what it read included) must refuse it instead."""
    content = tmp_path / "content"
    write_content(content, MINIMAL_SITE)
    os.mkfifo(content / "posts/waiting.md")
    output = tmp_path / "output"
    shutil.copytree(last_good_site, output)
    build = run_build(content, output, cache=tmp_path / "cache", new_process=True)  # a hang fails by timeout
    assert_refused(build, last_good_site, [
        "content/posts/waiting.md:1: (file): is not an ordinary file (a named pipe, socket or device) — delete it"])


def test_a_limit_on_file_size(tmp_path, last_good_site):
    huge = post("A paragraph that goes on. " * 12000)  # about 300 KB
    build = hostile_build(tmp_path, last_good_site, {"posts/huge.md": huge})
    assert_refused(build, last_good_site, ["content/posts/huge.md:1: (file): is 304 KB, more than the 256 KB a content "
                                           "file may be — split it into several posts or pages (CONTENT_FILE_MAX_KB "
                                           "in pelicanconf.py)"])


def test_closing_call_links_are_checked_and_resolved(tmp_path, last_good_site):
    minifesto = MINIMAL_SITE["minifesto.md"]
    draft = post("Secret.", "status: draft\n")
    secret = minifesto.replace("closing_call: Become a member today.",
                               "closing_call: Read [the plan]({filename}/posts/secret-draft.md).")
    build = hostile_build(tmp_path, last_good_site, {"minifesto.md": secret, "posts/secret-draft.md": draft})
    assert_refused(build, last_good_site, [
        "content/minifesto.md:9: closing_call: the link {filename}/posts/secret-draft.md goes to an item not yet public: \"secret-draft\" is still a draft — "])
    linked = minifesto.replace("closing_call: Become a member today.",
                               "closing_call: Read [about us]({filename}/pages/about.md).")
    write_content(tmp_path / "content", {"minifesto.md": linked, "posts/secret-draft.md": None})
    good = run_build(tmp_path / "content", tmp_path / "output", cache=tmp_path / "cache")
    assert good.returncode == 0, good.stderr
    assert good.html("minifesto/").find("a", string="about us")["href"] == "/about/"
    assert "about us (https://breakthroughparty.org.uk/about/)" in (good.output / "minifesto.txt").read_text()


def test_the_text_edition_comes_from_the_sanitised_html(make_site):
    policy = policy_markdown("Homes for everyone", 1).replace(
        "Text.\n", "Why it matters, with [a link](/about/).\n\n## Costs\n\n- One\n- Two\n")
    build = make_site({"policies/01-housing.md": policy})
    assert build.returncode == 0, build.stderr
    text = (build.output / "minifesto.txt").read_text()
    assert "Why it matters, with a link (https://breakthroughparty.org.uk/about/)." in text
    assert "COSTS\n\n- One\n- Two" in text
    assert "##" not in text and "](" not in text


def test_images_only_drafts_use_are_not_published(make_site):
    files = {
        "images/drafts/secret-rally.jpg": sample_jpeg(),
        "images/drafts/embargoed-banner.png": sample_png(),
        "images/shared.jpg": sample_jpeg(),
        "posts/secret.md": post("![A rally]({static}/images/drafts/secret-rally.jpg)\n\n![Both](/images/shared.jpg)",
                                "status: draft\n"),
        "posts/soon.md": post("Soon.", "image: images/drafts/embargoed-banner.png\nimage_alt: A banner\n"
                              "embargo: 2099-01-01 09:00\n").replace("date: 2021-11-24", "date: 2099-01-01"),
        "pages/about.md": MINIMAL_SITE["pages/about.md"] + "\n![Both]({static}/images/shared.jpg)\n",
    }
    build = make_site(files)
    assert build.returncode == 0, build.stderr
    names = {str(p.relative_to(build.output)) for p in build.output.rglob("*")}
    assert not [n for n in names if "drafts" in n or "secret" in n or "embargoed" in n], names
    assert "images/shared.jpg" in names
    preview = make_site(files, output=build.output.with_name("preview"), options=("--drafts",))
    assert preview.returncode == 0, preview.stderr
    assert (preview.output / "images/drafts/secret-rally.jpg").exists()


# --- The README says what the build does ------------------------------------

def test_the_readme_lists_the_allowlist_and_the_file_types():
    from conftest import REPO

    from plugins.contentfiles.file_types import ALLOWED_TYPES
    from sitecore.html_allowlist import ALLOWED_TAGS

    readme = (REPO / "README.md").read_text()
    listed = readme.split("<!-- allowed-tags: the tests check this list against the sanitiser -->\n", 1)[1]
    listed = listed.split("\n", 1)[0]
    assert {tag.strip(" `") for tag in listed.split(",")} == set(ALLOWED_TAGS)
    images = readme.split("Only these files are published from `content/`:", 1)[1].split("Each is checked", 1)[0]
    assert set(re.findall(r"`\.(\w+)`", images)) == set(ALLOWED_TYPES)


# --- The imprint check reads a page as a browser does -------------------------

FOOTER = '<footer><p class="imprint" data-imprint>Promoted by Jo Bloggs.</p></footer>'


@pytest.mark.parametrize("page, shown", [
    (f"<html><body><details><summary>More</summary><main>Text</main>{FOOTER}</details></body></html>", False),
    (f"<html><body><details open><summary>More</summary><main>Text</main>{FOOTER}</details></body></html>", True),
    (f"<html><head><title>t</title></head><body><main>Text</main>{FOOTER}</body></html>", True),
    # A JSON block that never ends swallows the rest of the page in a browser.
    (f'<html><head><script type="application/ld+json">{{"t": "<!--<script>"}}</script></head>'
     f"<body><main>Text</main>{FOOTER}</body></html>", False),
    (f"<html><body><template><main>Text</main>{FOOTER}</body></html>", False),
    (f"<html><body><div hidden><main>Text</main>{FOOTER}</div></body></html>", False),
    (f'<html><body><div style="display: none">{FOOTER}</div></body></html>', False),
    (f"<html><body><div><title>{FOOTER}</div></body></html>", False),
])
def test_the_imprint_check_sees_what_a_browser_shows(page, shown):
    from sitecore.visible_text import visible_text

    assert ("Promoted by Jo Bloggs." in visible_text(page)) == shown


def test_links_are_checked_again_as_pelican_rewrites_them(settings, tmp_path):
    """The second look after Pelican's rewrite: a linked item whose address
    carried markup (no longer possible from content, as names are checked)
    would still be refused, on every build (only HTML that passed is
    remembered between builds)."""
    from pelican.contents import Article

    from plugins.contentcheck.link_checks import check_links_as_published
    from plugins.contentcheck.site_facts import SiteFacts
    from sitecore.problems import ContentProblems, problem_log

    context = {"generated_content": {}, "static_content": {}, "localsiteurl": ""}
    target = Article("Text.", {"title": "Target", "slug": "t", "date": dt.datetime(2021, 1, 1)},
                     settings=settings, source_path=os.path.join(settings["PATH"], "posts/t.md"), context=context)
    target.override_url = 'news/t/"><meta http-equiv="refresh" content="0;url=https://evil.example/">'
    context["generated_content"]["posts/t.md"] = target
    linking = Article('<p><a href="{filename}/posts/t.md">t</a></p>', {"title": "L", "date": dt.datetime(2021, 1, 1)},
                      settings=settings, source_path=os.path.join(settings["PATH"], "posts/l.md"), context=context)
    linking.frontmatter_lines, linking.body_first_line = {}, 7
    site = SiteFacts({**settings, "CACHE_PATH": str(tmp_path)}, set(), {})
    for build in ("first", "second"):
        problem_log.start_build(dict(settings))
        check_links_as_published(linking, site)
        with pytest.raises(ContentProblems) as raised:
            problem_log.raise_if_any()
        [problem] = raised.value.problems
        assert str(problem).startswith("content/posts/l.md:7: body: a link turns into unsafe HTML once the site"), build
    problem_log.start_build(dict(settings))


def test_bodies_rendered_before_reading_are_never_read_through_a_symbolic_link(settings, tmp_path):
    """A cold build renders new bodies before Pelican reads (and before the
    contentfiles plugin refuses links): a linked file or folder under
    content/ is not read, so a file from outside the repository never
    reaches even the cache."""
    from plugins.frontmatter.prerender import bodies_to_render

    outside = tmp_path / "outside"
    write_content(outside, {"secret.md": "---\ntitle: Secret\n---\nA secret from outside.\n",
                            "folder/also.md": "---\ntitle: Also\n---\nAnother secret.\n"})
    content = tmp_path / "content"
    write_content(content, {"posts/real.md": "---\ntitle: Real\n---\nThe real body.\n"})
    (content / "posts/linked.md").symlink_to(outside / "secret.md")
    (content / "posts/linked-folder").symlink_to(outside / "folder", target_is_directory=True)
    bodies = bodies_to_render({**settings, "PATH": str(content), "CACHE_PATH": str(tmp_path / "cache")})
    assert bodies == ["The real body.\n"]


@pytest.mark.parametrize("body, refused", [
    # A quotation's table, and a list item's (indented), are tables to Markdown.
    ("\n".join(f"> {line}" for line in markdown_table(20, 2).splitlines()), [(5, "has a table of 20 columns")]),
    ("- A point\n\n" + "\n".join(f"    {line}" for line in markdown_table(20, 2).splitlines()),
     [(7, "has a table of 20 columns")]),
])
def test_a_table_in_a_quotation_or_a_list_item_is_counted_too(body, refused):
    text = f"---\ntitle: A post\n---\n\n{body}\n"
    assert [(problem.line, problem.message.split(":")[0]) for problem in table_problems(text)] == refused


def test_the_reviews_costliest_files_are_told_what_is_wrong_with_them():
    """The review found each checked in a time growing with the square of
    the file: 65,000 lines of "|-|" took two minutes, a front matter of
    4000 indented lines and 20 slips a minute and a half, a date followed by
    60,000 spaces half a minute (`python -m bench.hostile_text` times them:
    a fraction of a second each now). Each is still told as it should be."""
    from sitecore.schema.fields import date
    from sitecore.schema.past_the_first_slip import read_past_slips

    assert [problem.message.split(":")[0] for problem in table_problems("---\ntitle: T\n---\n" + "|-|\n" * 65000)] \
        == ["has tables of 64999 cells in all"]
    block = "---\ntitle: T\nsample: x\n" + "  w\n" * 4000 + 'summary: "a\n' * 20 + "---\nText.\n"
    with pytest.raises(FrontMatterError) as first:
        parse_document(block)
    assert len(read_past_slips(block, first.value).problems) == 20
    with pytest.raises(FieldError) as refused:
        date("2021-12-15" + " " * 60000 + "x", SETTINGS)
    assert refused.value.fix.startswith("write it as YYYY-MM-DD")



# --- What a fuzz audit of every field and body found --------------------------


def test_a_text_of_more_blocks_than_markdown_reads_in_good_time_is_refused_at_the_first_too_many():
    """Python-Markdown's time grows with the square of a text's blocks: a
    180 KB file of 60,000 one-letter paragraphs took over two minutes."""
    front = "---\ntitle: Many\n---\n"  # the body starts at line 4
    assert block_count_problems(front + "p\n\n" * 2000) == []
    [problem] = block_count_problems(front + "p\n\n" * 2500)
    assert problem.line == 4 + 2 * 2000  # the 2,001st
    assert problem.message.startswith("is past the text's 2,000th paragraph, list item, table row or heading")
    assert block_count_problems(front + "- item\n" * 2001)[0].line == 4 + 2000
    assert block_count_problems(front + "one long paragraph\n" * 5000) == []  # one block
    assert block_count_problems(front + "> a quoted line\n" * 5000) == []  # one quotation (a review)
    assert len(block_count_problems(front + "> one quotation\n\n" * 2001)) == 1  # each its own


def test_a_text_that_passed_its_checks_is_kept_and_one_with_a_problem_is_checked_at_every_build(tmp_path):
    """The checks of a text as a whole are kept for a text that passed them
    (0.2 s of every build at 1000 posts); a text with a problem is never
    kept, so its problem is told at every build."""
    from plugins.frontmatter.text_checks import TextChecks, whole_text_problems

    checks = TextChecks(str(tmp_path))
    good, bad = "---\ntitle: Fine\n---\nText.\n", "---\ntitle: Fine\n---\nText\x0b.\n"
    assert checks.problems(good) == [] and checks.passed.get(good) == ""
    told = checks.problems(bad)
    assert [problem.line for problem in told] == [4]
    assert checks.passed.get(bad) is None and checks.problems(bad) == told == whole_text_problems(bad)
    # Kept under the checks' own code, every module of it (a review): the
    # limits, the tables', the control characters' pattern, the fences'.
    from sitecore.text_memo import our_modules_used_by

    code = {Path(path).relative_to(REPO).as_posix()
            for path in our_modules_used_by(("plugins.frontmatter.text_checks",))}
    assert {"plugins/frontmatter/limits.py", "plugins/frontmatter/table_limits.py",
            "sitecore/schema/values_not_as_written.py", "sitecore/schema/document.py"} <= code


def test_a_code_block_option_markdown_cannot_read_is_refused_at_its_fence():
    """`{.python linenums="9999…"}` ended Python-Markdown in "TypeError:
    cannot serialize None", told as a file that could not be read."""
    text = '---\ntitle: Code\n---\nIntro.\n\n```{.python linenums="99999999999999999999"}\nx = 1\n```\n'
    [problem] = code_block_option_problems(text)
    assert (problem.line, problem.message, problem.fix) == (
        6, "gives its code block the option linenums, which the site does not use",
        "write the fence with the language alone, e.g. ```python")
    assert code_block_option_problems(text.replace('{.python linenums="99999999999999999999"}', "python")) == []
    # Read as Python-Markdown reads the braces: a title naming an option is a title (a review).
    assert code_block_option_problems(text.replace('linenums="99999999999999999999"', 'title="linenums=1"')) == []


@pytest.mark.parametrize("front_matter, line, field, message", [
    ('title: "Katie \\ud800"', 2, "title", "contains half of a character (a lone surrogate, written as a \\u "
                                             "escape), which no text holds (U+D800)"),
    ('tags: ["\\udfff"]', 2, "tags", "item 1: contains half of a character (a lone surrogate, written as a \\u "
                                      "escape), which no text holds (U+DFFF)"),
    ('"\\ud800": x', 2, "(front matter)", "a field's name contains half of a character (a lone surrogate, "
                                           "written as a \\u escape), which no text holds (U+D800)"),
    ("number: " + "9" * 5000, 2, "number", "is a number of 5,000 characters, longer than any value takes"),
    ('author: "Jo \\ud83c\\udf89 Bloggs"', 2, "author", "contains half of a character (a lone surrogate, written "
                                                      "as a \\u escape), which no text holds (U+D83C)"),
    ("corrections:\n  - date: " + "9" * 5000, 3, "corrections", "item 1, date: is a number of 5,000 characters, "
                                                                 "longer than any value takes"),
])
def test_a_value_python_cannot_hold_is_refused_at_its_line(front_matter, line, field, message):
    """A "\\ud800" escape (half a character, which no file can be written
    with) and a number of thousands of digits ended the reading in Python's
    UnicodeEncodeError and ValueError, told as a file that could not be read."""
    with pytest.raises(FrontMatterError) as refused:
        parse_document(f"---\n{front_matter}\n---\nText.\n")
    assert (refused.value.line, refused.value.field, str(refused.value)) == (line, field, message)


def test_a_text_refused_for_thousands_of_things_is_told_the_first_twenty_and_how_many_more(make_site):
    """20,000 attributes on one tag took two minutes to tell, a line each."""
    attributes = " ".join(f'a{number}="x"' for number in range(30))
    post = MINIMAL_SITE["posts/hello.md"].replace("The first post's text.", f"<span {attributes}>x</span>")
    build = make_site({"posts/hello.md": post})
    assert build.returncode == 1
    told = [line for line in build.problem_lines if line.startswith("content/posts/hello.md:")]
    assert len(told) == 21, told
    assert "content/posts/hello.md:10: body: has 10 more things the site does not allow, besides the 20 told — " \
           "mend those 20, then check again" in told


def test_a_picture_linked_with_filename_is_a_warning_at_its_line_not_pelicans(make_site):
    """Pelican took it, and warned in words of its own, with no line."""
    post = MINIMAL_SITE["posts/hello.md"].replace(
        "The first post's text.", "See [the photo]({filename}/images/press/alex-mays.jpg).")
    build = make_site({"posts/hello.md": post})
    assert build.returncode == 0, build.stderr
    assert "content/posts/hello.md:10: body: the link {filename}/images/press/alex-mays.jpg uses {filename} for a " \
           "file that is not a page — write {static}/images/press/alex-mays.jpg: {filename} is for pages (.md) " \
           "(warning)" in build.stderr
    assert "used for linking to static content" not in build.stderr


def test_what_a_fuzz_audit_found_is_told_at_its_file_line_and_field(make_site):
    """Each as a volunteer reads it in the build's list, with no Python
    error's words."""
    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"])
    build = make_site({
        "posts/many.md": post.replace("The first post's text.", "p\n\n" * 2001),
        "posts/code.md": post.replace("The first post's text.", '```{.python linenums="x"}\nx = 1\n```'),
        "posts/half.md": post.replace("title: Hello from the party", 'title: "Hello \\ud800"'),
        "policies/01-housing.md": MINIMAL_SITE["policies/01-housing.md"].replace("number: 1", "number: " + "1" * 5000),
    })
    assert build.returncode == 1 and "Error:" not in build.stderr, build.stderr
    told = "\n".join(build.problem_lines)
    for expected in ("content/posts/many.md:4010: (file): is past the text's 2,000th paragraph, list item, table row "
                     "or heading:",
                     "content/posts/code.md:10: (file): gives its code block the option linenums, which the site does "
                     "not use",
                     "content/posts/half.md:2: title: contains half of a character (a lone surrogate, written as a \\u "
                     "escape), which no text holds (U+D800)",
                     "content/policies/01-housing.md:3: number: is a number of 5,000 characters, longer than any value "
                     "takes"):
        assert expected in told, told


def test_an_escaped_pair_of_halves_is_told_the_character_to_write():
    """"\\ud83c\\udf89" (🎉 as JSON writes it) is two halves to YAML: removing
    one escape, as the fix said, would leave the other (a review)."""
    with pytest.raises(FrontMatterError) as refused:
        parse_document('---\nauthor: "Jo \\ud83c\\udf89 Bloggs"\n---\nText.\n')
    assert refused.value.fix == "write 🎉 itself, or \\U0001f389: YAML reads \\ud83c\\udf89 as two halves of it"


def test_text_that_looks_like_a_number_is_published_as_written(make_site):
    """From a fuzz audit: YAML 1.1 read `title: 24:7` as 1447 (base 60),
    `edition: 2.10` as 2.1, `ward: 010` as 8 and `place: 1_000` as 1000, and
    the site published those. Only a number as a person writes one is a
    number; the rest is the text written."""
    import json

    from test_candidates import candidate
    from test_events import event_file
    from test_site import text_of

    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]).replace("title: Hello from the party", "title: 24:7")
    build = make_site({
        "posts/hello.md": post,
        "minifesto.md": textwrap.dedent(MINIMAL_SITE["minifesto.md"]).replace("edition: March 2022", "edition: 2.10"),
        "candidates/alex-standing.md": candidate().replace("ward: Northgate", "ward: 010"),
        "events/canvass.md": event_file(place="1_000"),
    }, options=("--now", "2022-04-01 12:00"))
    assert build.returncode == 0, build.stderr
    assert build.html("news/hello/").h1.get_text(strip=True) == "24:7"
    assert "2.10 edition" in text_of(build.html("minifesto/").main)
    assert "010" in text_of(build.html("candidates/alex-standing/").main.select_one("dl.facts"))
    place = json.loads(build.html("events/canvass/").find("script", type="application/ld+json").string)["location"]
    assert place["name"] == "1_000"


def test_a_summary_of_one_endless_word_is_refused_at_its_line(make_site):
    """From a fuzz audit: a word limit alone let a summary without spaces (a
    pasted address, a paragraph of Chinese) of 5,000 characters through, onto
    every list and into every page's description."""
    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]).replace("summary: A first post.", "summary: " + "a" * 5000)
    build = make_site({"posts/hello.md": post})
    assert build.returncode == 1
    assert ("content/posts/hello.md:5: summary: has 5,000 characters: more than a text of at most 60 words may have "
            "(720) — cut it: a text without spaces (a pasted address, Chinese) is counted by its characters"
            ) in build.problem_lines, build.problem_lines


def test_a_date_is_not_taken_for_a_phone_number():
    """From a fuzz audit: `out_of_hours: 2021-11-24` has eight digits and
    hyphens, as a number may, and passed as the press office's number."""
    from sitecore.schema.fields import phone

    with pytest.raises(FieldError) as refused:
        phone("2021-11-24", {})
    assert refused.value.message == '"2021-11-24" is a date, not a phone number'
    assert phone("0300 303-1234", {}) == "0300 303-1234"
    # Day first too; a number grouped like a date but no date is a number (a review).
    with pytest.raises(FieldError):
        phone("24-11-2021", {})
    assert phone("0800-12-34 56", {}) == "0800-12-34 56"


def test_a_pictures_words_are_not_told_to_go_when_its_line_has_a_slip(make_site):
    """From a fuzz audit: an `image:` line refused for a YAML slip was passed
    over, and its `image_alt` then told "is given without an image … or
    delete this line", though the picture's line is there."""
    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]).replace(
        "summary: A first post.", "summary: A first post.\nimage: images/press/alex-mays.jpg #more\n"
                                  "image_alt: Alex Mays speaking at a rally")
    build = make_site({"posts/hello.md": post})
    assert build.returncode == 1
    told = [line for line in build.problem_lines if line.startswith("content/posts/hello.md")]
    assert [line.split(" — ")[0] for line in told] == [
        'content/posts/hello.md:6: image: "#more" is read as a YAML comment (a space then #) and would be left out'
    ], told
