"""Settings for a local build of the Breakthrough Party site.

Everything a local build needs lives here. Production overrides (the real
SITEURL, absolute feed URLs) live in publishconf.py. Plugins read these
settings for every fact about the party (its name, imprint, colours,
addresses): no plugin hard-codes one. (The schema's examples, shown to
volunteers as hints, use the party's sample content.) The order of
PLUGINS changes no file of the site but the search index's, which number
the pages as they are written, in the generators' order, which is PLUGINS':
every check runs once all content is read (all_generators_finalized), the
PDFs are rendered only after all of them (see plugins/minifesto/edition.py),
and the declared files, the sitemap's list, are in the order of their
addresses (tests/test_plugin_order.py).
"""

from pathlib import Path
from urllib.parse import quote

from jinja2 import select_autoescape

from sitecore.heading_ids import ids_the_theme_defines

HERE = Path(__file__).resolve().parent

# Our own settings of plain values (numbers, True or False, text, lists) are
# checked before the build reads or writes anything, and given their
# defaults when left out, in one table: sitecore/settings_check.py. A value
# of the wrong kind ("30" in quotes for a number) stops the build at its
# line here, saying what to write instead.

# --- Site identity -----------------------------------------------------------
SITENAME = "Breakthrough Party"
SITE_TAGLINE = "A democratic socialist party for the many, built by ordinary people"
# Local builds use relative-to-root URLs; publishconf.py sets the real domain.
SITEURL = ""
# The public domain, used for canonical URLs and the sitemap in every build
# (so a local preview already shows the address the page will have).
SITE_CANONICAL_URL = "https://breakthroughparty.org.uk"
AUTHOR = "Breakthrough Party"
TIMEZONE = "Europe/London"
# Phone numbers written as the UK dials them (020 7946 0123) are UK numbers:
# their tap-to-call links dial +44 20 7946 0123, which works from abroad too.
PHONE_COUNTRY_CODE = "44"
DEFAULT_LANG = "en-GB"
# The languages the site publishes in: the tag a post's or page's
# `language:` gives -> the name the browser editor shows. An item without
# one is in DEFAULT_LANG. (Not Pelican's `lang`: see LANGUAGE in
# sitecore/schema/content_types.py.)
LANGUAGES = {"en-GB": "English", "cy": "Welsh (Cymraeg)"}
DEFAULT_DATE_FORMAT = "%-d %B %Y"
# Month and day names in English whatever language the computer that builds
# the site is set to: Pelican's default is that computer's own locale, which
# put Welsh or German dates on the site, its PDFs and its book.
LOCALE = ("C.UTF-8", "C")

# The UK digital imprint (Elections Act 2022). One setting: the footer of
# every page, the minifesto PDF and the share images all read it from here.
# The law wants the promoter's name and address and the party's: with
# `address` alone the imprint says they are "both at" it; give
# "promoter_address" if the promoter's is another.
# SAMPLE: the promoter and the address are placeholders until the party's
# nominating officer confirms them.
IMPRINT = {
    "promoter": "Jo Bloggs",
    "party": "Breakthrough Party",
    "address": "PO Box 0000, London, EC1A 1AA",
}

# The launch site is sample content until the party replaces it. While this
# is True and any item is marked `sample:`, every page and the minifesto's
# cover say so, and each marked item shows its note first. Set it to False
# once the last sample note is gone: the build then refuses any item still
# marked (README, "Sample content").
SAMPLE_CONTENT = True
# What a production build (publishconf.py) refuses to publish in the imprint
# and the press office's contacts: this sample site's placeholders, and the
# phone numbers Ofcom keeps for drama, which never ring anyone.
# The numbers in every way they are written: 020 7946 0123, (020) 7946 0123,
# +44 20 7946 0123, +44 (0)20 7946 0123, 07700-900-123 …
PLACEHOLDER_PATTERNS = [
    r"\bJo Bloggs\b",
    r"\bPO Box 0000\b",
    r"(?<![\d+])(?:\+44[\s-]?(?:\(0\)[\s-]?)?|\(?0)20\)?[\s-]?7946[\s-]?0\d{3}\b",
    r"(?<![\d+])(?:\+44[\s-]?(?:\(0\)[\s-]?)?|\(?0)7700\)?[\s-]?900[\s-]?\d{3}\b",
]

# For structured data (JSON-LD) on the home page.
PARTY_FOUNDED = "2021-01"
PARTY_FOUNDER = "Alex Mays"
PARTY_LOGO_SVG = "theme/img/logo.svg"
PARTY_LOGO_PNG = "theme/img/logo.png"
# The party's accounts elsewhere (links only; nothing is loaded from them).
PARTY_PROFILES = []

# Where to send people who want to join or donate (link out to the
# membership platform; we take no payments on this site).
JOIN_URL = "https://join.breakthroughparty.org.uk/"
DONATE_URL = "https://join.breakthroughparty.org.uk/donate/"
# Signing up as a supporter (news of campaigns and events, no membership):
# the call after every post and the join page link here.
SUPPORTER_URL = "https://join.breakthroughparty.org.uk/supporter/"
# The donate page's suggested amounts, in pounds: each is a button to
# DONATE_AMOUNT_URL with {amount} filled in (the membership site starts the
# donation at that amount).
DONATE_AMOUNTS = [10, 25, 50]
DONATE_AMOUNT_URL = "https://join.breakthroughparty.org.uk/donate/?amount={amount}"
# The party's general address: site identity (the home page's structured
# data). The press team's names, numbers and addresses are volunteer data in
# content/press-office.md, checked by its schema and editable in /admin/.
CONTACT_EMAIL = "hello@breakthroughparty.org.uk"

# --- Press office (/press/, plugins/press) -------------------------------------
# The contacts, the out-of-hours number, the press kit's people and the notes
# to editors are in content/press-office.md (PRESS_OFFICE_PATHS below).
PRESS_CATEGORY = "press-releases"

# Pages that need more than text: page slug -> template.
PAGE_TEMPLATES = {"press": "press", "accessibility": "accessibility"}
# The automated checks the build and its tests run (the accessibility
# statement lists them).
# Each is a promise on the accessibility statement, so each is run by
# ./run-tests: tests/test_accessibility_statement.py names the test behind
# every line and fails for a line no test backs.
ACCESSIBILITY_CHECKS = [
    "axe-core (WCAG 2.2 AA rules) on one page of each type, in a real browser, at phone and desktop widths",
    "the Nu HTML Checker on every page",
    "no sideways scrolling on a 320 pixel wide screen, on one page of each type and on test pages with long words, tags and wide tables",
    "keyboard use, on one page of each type: a skip link, and a visible focus with readable text on every link, button and field",
    "one page of each type readable with JavaScript switched off (searching needs JavaScript)",
    "every image has alternative text, on the pages and in the minifesto PDFs",
    "the imprint visible on one page of each type, at phone and desktop widths",
]

# --- Content -----------------------------------------------------------------
# Absolute, so a settings file that imports this one (publishconf.py, a
# test or a benchmark) finds the content wherever it lives.
PATH = str(HERE / "content")
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
POLICY_PATHS = ["policies"]
COUNCILLOR_PATHS = ["councillors"]
EVENT_PATHS = ["events"]
BRANCH_PATHS = ["branches"]
CANDIDATE_PATHS = ["candidates"]
# The minifesto's own words (title, edition, foreword, closing call).
MINIFESTO_PATHS = ["minifesto.md"]
# Past editions of the minifesto, each frozen by `invoke minifesto freeze`
# into a folder named after its date (minifesto/editions/2022-03/): a copy of
# minifesto.md and of the policies as they were published.
MINIFESTO_EDITIONS_PATHS = ["minifesto/editions"]
# The press office's contacts, press kit and notes to editors (/press/).
PRESS_OFFICE_PATHS = ["press-office.md"]
# Only our Markdown reader: Pelican's HTML and reStructuredText readers would
# publish files without front matter or any of our checks.
READERS = {"html": None, "htm": None, "rst": None}
# content/minifesto/ is a static folder too, only so that any file put there
# by hand is checked (and refused if it would replace a file the build
# writes); the frozen editions in it are content, read by the minifesto.
STATIC_PATHS = ["images", "minifesto"]
STATIC_EXCLUDES = ["minifesto/editions"]
# The press office page (content/pages/press.md); the archive links back to it.
PRESS_PAGE_URL = "press/"
PRESS_ARCHIVE_URL = "press/releases/"
PRESS_ARCHIVE_SAVE_AS = "press/releases/index.html"
# The archive's first page lists the newest PRESS_ARCHIVE_LATEST releases
# (below), whatever their years, and links every year's page, at these
# addresses, each with all of that year's releases.
PRESS_ARCHIVE_YEAR_URL = "press/releases/{year}/"
PRESS_ARCHIVE_YEAR_SAVE_AS = "press/releases/{year}/index.html"
# How many of the newest releases the archive's first page lists, under
# their years (each year's page lists all of its own): in January it still
# shows the last year's, not one release.
PRESS_ARCHIVE_LATEST = 30
# Every file name is its slug: content/posts/katie-parker-joins.md is
# /news/katie-parker-joins/. Slugs come from file names, never from titles,
# so rewording a headline never breaks a link that was shared.
SLUGIFY_SOURCE = "basename"

# Post categories: the value written in front matter -> the name readers see.
POST_CATEGORIES = {
    "news": "News",
    "press-releases": "Press releases",
    "opinion": "Opinion",
}
# What one post of a category is called, where it is not the category's
# name (a share card says "Press release" above one release's title).
POST_CATEGORY_ONE_ITEM = {
    "press-releases": "Press release",
}

# The elections the party stands candidates in: the value a candidate's
# `election:` gives -> its name, polling day, and the day the campaign (and
# the home page's "Meet your candidates") starts.
ELECTIONS = {
    "local-2022": {"name": "Local elections, 5 May 2022", "polling_day": "2022-05-05",
                   "campaign_from": "2022-03-28"},
}

# Kinds of event: the value written in front matter -> the name readers see.
EVENT_CATEGORIES = {
    "conference": "Conference",
    "campaign-day": "Campaign day",
    "protest": "Protest",
    "meeting": "Meeting",
    "social": "Social",
}

# Regions a councillor or an event may belong to; the directory groups by
# these, in this order.
REGIONS = [
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
    "Scotland",
    "Wales",
    "Northern Ireland",
]

# --- URLs: lower-case slugs ending in "/" ------------------------------------
ARTICLE_URL = "news/{slug}/"
ARTICLE_SAVE_AS = "news/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
POLICY_URL = "policies/{slug}/"
POLICY_SAVE_AS = "policies/{slug}/index.html"
POLICY_INDEX_URL = "policies/"
POLICY_INDEX_SAVE_AS = "policies/index.html"
COUNCILLOR_URL = "councillors/{slug}/"
COUNCILLOR_SAVE_AS = "councillors/{slug}/index.html"
COUNCILLOR_INDEX_URL = "councillors/"
COUNCILLOR_INDEX_SAVE_AS = "councillors/index.html"
CANDIDATE_URL = "candidates/{slug}/"
CANDIDATE_SAVE_AS = "candidates/{slug}/index.html"
CANDIDATE_INDEX_URL = "candidates/"
CANDIDATE_INDEX_SAVE_AS = "candidates/index.html"
# Each election's page: its candidates by council and ward.
ELECTION_URL = "elections/{key}/"
ELECTION_SAVE_AS = "elections/{key}/index.html"
BRANCH_URL = "branches/{slug}/"
BRANCH_SAVE_AS = "branches/{slug}/index.html"
BRANCH_INDEX_URL = "branches/"
BRANCH_INDEX_SAVE_AS = "branches/index.html"
EVENT_URL = "events/{slug}/"
EVENT_SAVE_AS = "events/{slug}/index.html"
EVENT_INDEX_URL = "events/"
EVENT_INDEX_SAVE_AS = "events/index.html"
# Each event's calendar file, and the calendar to subscribe to: every
# upcoming event, and those that ended in the last EVENTS_CALENDAR_KEEPS_DAYS
# (an event that left it left its subscribers' calendars too).
EVENT_CALENDAR_SAVE_AS = "events/{slug}/event.ics"
EVENTS_CALENDAR_SAVE_AS = "events/calendar.ics"
EVENTS_CALENDAR_KEEPS_DAYS = 180
# The upcoming events of one region or one category: the listing's filters,
# plain links that work without JavaScript.
EVENT_REGION_URL = "events/region/{slug}/"
EVENT_REGION_SAVE_AS = "events/region/{slug}/index.html"
EVENT_CATEGORY_URL = "events/category/{slug}/"
EVENT_CATEGORY_SAVE_AS = "events/category/{slug}/index.html"
# Past events: /events/ shows the newest PAST_EVENTS_SHOWN and links a page
# for each year, its events under their months (years of events were one
# page: 305 events, 171 KB). In a folder of their own, as the filters are:
# at events/2023/ an event called 2023.md would pass every check until the
# first event of 2023 ended, then stop every build.
PAST_EVENTS_SHOWN = 10
EVENT_YEAR_URL = "events/past/{year}/"
EVENT_YEAR_SAVE_AS = "events/past/{year}/index.html"
CATEGORY_URL = "news/category/{slug}/"
CATEGORY_SAVE_AS = "news/category/{slug}/index.html"
TAG_URL = "news/tag/{slug}/"
TAG_SAVE_AS = "news/tag/{slug}/index.html"
INDEX_SAVE_AS = "news/index.html"
INDEX_URL = "news/"
CATEGORIES_SAVE_AS = "news/category/index.html"
TAGS_SAVE_AS = "news/tag/index.html"
# A drafts preview (`invoke build --drafts`, `invoke livereload`) shows
# drafts and embargoed posts, labelled, in a site marked noindex. Never on
# for the public build.
PREVIEW_DRAFTS = False
# `invoke check`: read and check all content, write nothing.
CONTENT_CHECK_ONLY = False
# The moment a build treats as "now" for embargoes (ISO date-time, Europe/
# London); None means the clock. `python -m sitebuild --now …` sets it.
BUILD_TIME = None
# The largest content file the build reads (a long policy paper is ~60 KB);
# anything bigger is refused before it can slow every build down.
CONTENT_FILE_MAX_KB = 256
# Never read, checked or published (and left out of git by .gitignore): the
# files computers and editors leave beside ours. Hidden files (.DS_Store,
# macOS's ._post.md, vim's .post.md.swp, emacs's .#post.md), backups
# (post.md~ by gedit, kate and emacs; emacs's #post.md#) and Windows'
# folder files.
IGNORE_FILES = [".*", "*~", "#*#", "Thumbs.db", "desktop.ini"]

# Drafts are checked but never written: a draft must not reach the public.
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
# The party is the author of everything; no per-author archives.
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "home", "categories", "tags", "search", "press_archive", "404"]
HOME_SAVE_AS = "index.html"
HOME_URL = ""
# The 404 direct template is written to 404.html at the root, where GitHub
# Pages, Netlify and Cloudflare Pages look for it, and our nginx snippet
# points nginx to it (Pelican's default).

DEFAULT_PAGINATION = 10
# news_month and related_news are plugins/listings' pages (below). A month's
# news is one page up to 100 posts (three a day; about 40 KB sent): at 10 a
# page, 58 of 61 months of a 1000-post site had two or three pages, and a
# sixth of the posts were a click further from the news.
PAGINATED_TEMPLATES = {"index": None, "category": None, "tag": None, "news_month": 100, "related_news": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
# The news by year and month (plugins/listings, not Pelican's period
# archives, ARCHIVES_SAVE_AS above, which are quadratic in the number of
# posts): /news/ links each year; a year's page lists its months, with how
# many posts each; a month's page lists its posts, paginated.
NEWS_YEAR_URL = "news/{year}/"
NEWS_YEAR_SAVE_AS = "news/{year}/index.html"
NEWS_MONTH_URL = "news/{year}/{month:02d}/"
NEWS_MONTH_SAVE_AS = "news/{year}/{month:02d}/index.html"
# A policy's, councillor's or event's page (RELATED_NEWS_KINDS) lists its
# newest RELATED_NEWS_SHOWN posts; when there are more, it links the full list,
# a page every such item has at its address + "news/" (paginated; {url} is the
# item's address).
RELATED_NEWS_KINDS = ("policies", "councillors", "events")
RELATED_NEWS_SHOWN = 5
RELATED_NEWS_URL = "{url}news/"
RELATED_NEWS_SAVE_AS = "{url}news/index.html"

# --- Feeds: Atom for all news and per category --------------------------------
# Feeds need absolute URLs even in a local build.
FEED_DOMAIN = SITE_CANONICAL_URL
# Each entry's id is tag:<domain>,<this>:<its address> (RFC 4151: the year
# the party first held the domain), not the post's date, as Pelican makes it:
# a date put right would change the id, and feed readers would show the post
# twice (plugins/feeds).
FEED_ID_SINCE = "2021"
# Posts dated before this keep the id Pelican gave their entries (with the
# post's date): feeds already read by subscribers must not show every entry
# again as new.
FEED_ADDRESS_IDS_FROM = "2026-11-28"
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
FEED_ALL_RSS = None
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
FEED_MAX_ITEMS = 20
RSS_FEED_SUMMARY_ONLY = True

# --- The minifesto (plugins/minifesto) --------------------------------------
MINIFESTO_URL = "minifesto/"
MINIFESTO_SAVE_AS = "minifesto/index.html"
# Stable URLs that always serve the current edition …
MINIFESTO_CURRENT_FILES = {
    "pdf": "minifesto.pdf",
    "large-print": "minifesto-large-print.pdf",
    "text": "minifesto.txt",
    "epub": "minifesto.epub",
    "easy-read": "minifesto-easy-read.pdf",
}
# … and edition-named copies that stay for citation ({date} is the edition date).
MINIFESTO_EDITION_NAME = "minifesto/breakthrough-minifesto-{date:%Y-%m}"
# Every edition's own page ({key} is its date's year and month: 2022-03), the
# list of editions, and what changed in each from the one before.
MINIFESTO_EDITION_URL = "minifesto/{key}/"
MINIFESTO_EDITION_SAVE_AS = "minifesto/{key}/index.html"
MINIFESTO_EDITIONS_URL = "minifesto/editions/"
MINIFESTO_EDITIONS_SAVE_AS = "minifesto/editions/index.html"
# The Easy Read edition's page: made when every policy has `easy_read` lines.
MINIFESTO_EASY_READ_URL = "minifesto/{key}/easy-read/"
MINIFESTO_EASY_READ_SAVE_AS = "minifesto/{key}/easy-read/index.html"
MINIFESTO_CHANGES_URL = "minifesto/changes/{key}/"
MINIFESTO_CHANGES_SAVE_AS = "minifesto/changes/{key}/index.html"
MINIFESTO_CHANGES_JSON_SAVE_AS = "minifesto/changes/{key}/changes.json"
POLICIES_JSON_SAVE_AS = "policies.json"
# Fonts embedded in the PDFs and drawn on the share cards: Atkinson
# Hyperlegible (SIL Open Font Licence), installed from npm by ./setup so every
# machine renders the same PDF. Each face is fontsource's Latin file and its
# Latin Extended one (Ł ő ş ř ć …: Welsh, Polish, Czech, Turkish, Irish
# names); the PDFs and cards use no other font (sitecore/print_fonts.py), and
# a character these fonts cannot draw is refused at its file and line.
MINIFESTO_FONT_FAMILY = "Atkinson Hyperlegible"
MINIFESTO_FONT_FILES = {
    (weight, style): tuple(
        str(HERE / "node_modules/@fontsource/atkinson-hyperlegible/files"
            / f"atkinson-hyperlegible-{subset}-{weight}-{style}.woff")
        for subset in ("latin", "latin-ext")
    )
    for weight in (400, 700)
    for style in ("normal", "italic")
}
# The PDFs' running text: Atkinson Hyperlegible draws zero with a slash
# ("2Ø22", "15Ø,ØØØ") and has no plain one, so the text is set in Inter
# (SIL Open Font Licence, from npm), whose zero is plain; headings and the
# party's name stay in the party's face above, which takes from Inter the
# letters it lacks (ŵ and ŷ: Welsh). Inter also has Greek, Cyrillic and
# Vietnamese files, so a name or a greeting in those scripts is drawn and
# printed too (WeasyPrint embeds only the files a PDF uses).
MINIFESTO_TEXT_FONT_FAMILY = "Inter"
INTER_SUBSETS = ("latin", "latin-ext", "greek", "greek-ext", "cyrillic", "cyrillic-ext", "vietnamese")
MINIFESTO_TEXT_FONT_FILES = {
    (weight, style): tuple(str(HERE / "node_modules/@fontsource/inter/files" / f"inter-{subset}-{weight}-{style}.woff")
                           for subset in INTER_SUBSETS)
    for weight in (400, 700)
    for style in ("normal", "italic")
}
# File attachments in the minifesto PDF (<a rel="attachment">, <link rel="attachment">).
# Off: none is embedded and any such link fails the build. On: only files the PDF
# may load anyway (content/images/, theme/static/) can be attached, dated with the edition.
MINIFESTO_PDF_ATTACHMENTS = False
# Who prints the paper copies, for the back cover's "Printed by …" line that
# printed election material must carry (Elections Act 2022): the printer's
# name and address, e.g. "Example Print Ltd, 1 High Street, Anytown AB1 2CD".
# None while the minifesto is only published online.
MINIFESTO_PRINTED_BY = None
MINIFESTO_STYLESHEETS = {
    "standard": ["css/print.css"],
    "large-print": ["css/print.css", "css/print-large.css"],
    "easy-read": ["css/print.css", "css/print-large.css", "css/print-easy-read.css"],
}
# Rendered PDFs are kept here, keyed by a hash of everything that goes into
# them, so an unchanged minifesto is never rendered twice.
CACHE_PATH = str(HERE / ".cache")

# --- Search (plugins/search) -------------------------------------------------
SEARCH_URL = "search/"
# How much a word counts in the search ranking where it appears on a policy's
# or councillor's page (Pagefind's data-pagefind-weight; a post's text counts
# 1, headings 5-7): a policy's summary and commitments, a councillor's
# summary and facts (council, ward, region), so that "housing" finds the
# housing policy before the news that mentions housing.
SEARCH_WEIGHTS = {"summary": 6, "commitments": 4, "facts": 8}
SEARCH_SAVE_AS = "search/index.html"
# What the search page can show, each with its box to tick: (the pages'
# data-pagefind-filter "type" value, the box's label).
SEARCH_TYPES = [("News", "News"), ("Press release", "Press releases"), ("Policy", "Policies"),
                ("Councillor", "Councillors"), ("Candidate", "Candidates"), ("Event", "Events"),
                ("Branch", "Branches"), ("Page", "Pages")]
# A post's type in search is "News" unless its category has one of its own:
# a journalist searches every year's press releases, and nothing else, with
# /search/?type=Press+release (the press pages link to it).
SEARCH_TYPE_OF_CATEGORY = {"press-releases": "Press release"}
# That search, as the press pages link to it.
PRESS_SEARCH_URL = f"{SEARCH_URL}?type={quote(SEARCH_TYPE_OF_CATEGORY[PRESS_CATEGORY])}"
# Pagefind's index: its folder of the site (written as THEME_STATIC_DIR is,
# no "/" at either end); the search page loads it from there.
SEARCH_INDEX_PATH = "pagefind"

# --- Responsive images (plugins/images) ---------------------------------------
# A phone at twice the pixels shows a photo in the text or a 20rem portrait
# (about 328 CSS px) with 656 pixels, as a desktop shows the 42rem text
# column at one: the 720 copy, a quarter lighter than the 960 it took
# before; 960 serves the phones at 2.6-2.9 (most Android phones), 1440 the rest.
RESPONSIVE_IMAGE_WIDTHS = [480, 720, 960, 1440]
# The widest an image's plain copy (JPEG or PNG) may be: what feeds, mail
# programs and browsers without WebP show (an email is about 600 pixels wide).
IMAGE_FALLBACK_WIDTH = 960
# The text column is at most 42rem wide.
RESPONSIVE_IMAGE_SIZES = "(min-width: 44rem) 42rem, calc(100vw - 2rem)"
# Pictures shown smaller than the text column, by the role a template gives
# them (responsive_image(…, role=…)), as the stylesheet sizes them: a
# portrait is at most 20rem wide, an Easy Read picture 20vw between 4rem and
# 7.5rem. With the column's sizes, a phone fetched four times the pixels.
RESPONSIVE_IMAGE_SIZES_BY_ROLE = {
    "portrait": "(min-width: 22rem) 20rem, calc(100vw - 2rem)",
    "easy-read": "(min-width: 37.5rem) 7.5rem, (max-width: 20rem) 4rem, 20vw",
}

# --- Share cards (plugins/sharecards) -----------------------------------------
SHARE_CARD_PATH = "share"
SHARE_CARD_SIZE = (1200, 630)

# --- Browser editing: Sveltia CMS at /admin/ (plugins/cms) -------------------
CMS_SAVE_AS = "admin/"
# Production: Sveltia CMS works through the git host's API. Volunteers sign in
# with a GitHub fine-grained personal access token (no OAuth server needed on
# GitHub Pages); see the README, "Editing in the browser".
CMS_BACKEND = {"name": "github", "repo": "breakthrough-party/website", "branch": "main",
               "auth_methods": ["token"]}
# Every save opens a pull request; a second person reviews and merges it.
CMS_PUBLISH_MODE = "editorial_workflow"
# The folder paths below are relative to this repository.
CMS_REPO_ROOT = str(HERE)
# The editor and the YAML parser our file format uses, from npm (never a CDN).
CMS_SVELTIA_PACKAGE = str(HERE / "node_modules/@sveltia/cms")
CMS_YAML_BROWSER_DIST = str(HERE / "node_modules/yaml/browser/dist")
# (CMS_LOCAL_BACKEND_PORT, CMS_LOCAL_BACKEND_URL and CMS_DECAP_DIST are gone:
# Sveltia works on a local folder in the browser itself, no decap-server.)

# --- The sitemap (plugins/sitemap) ---------------------------------------------
# A sitemap lists at most 50,000 addresses (sitemaps.org): past that,
# sitemap.xml indexes parts of at most that many, in their own folder.
SITEMAP_MAX_URLS = 50_000
SITEMAP_PARTS_PATH = "sitemaps"

# --- The host's limits (sitebuild/host_limits.py) ------------------------------
# Every build that writes the site warns once the published files pass 80%
# of either: GitHub Pages publishes a site of at most 1 GB, Cloudflare Pages'
# free plan at most 20,000 files. Set your host's (or a larger plan's) here.
PUBLISHED_MB_LIMIT = 1024
PUBLISHED_FILES_LIMIT = 20_000

# --- Security headers for the host (plugins/headers) ---------------------------
# One setting: the build writes output/_headers (Netlify, Cloudflare Pages)
# and an nginx snippet from it. "{inline-css}" becomes the hash of the
# stylesheet inlined in every page, so no 'unsafe-inline' is needed.
SECURITY_HEADERS = {
    "Content-Security-Policy": {
        "default-src": ["'self'"],
        # Search runs Pagefind's WebAssembly: that needs wasm-unsafe-eval only.
        "script-src": ["'self'", "'wasm-unsafe-eval'"],
        "style-src": ["'self'", "{inline-css}"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        # Only a header carries it. Where the host sends none (GitHub
        # Pages) public pages can be framed: no script stops that, as they
        # hold nothing to hijack, only links and searches (tested in
        # tests/test_security_headers.py); the editor refuses frames itself.
        "frame-ancestors": ["'none'"],
    },
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# Paths whose headers differ. The browser editor (Sveltia CMS) needs inline
# styles and the GitHub API; it holds no public content. /admin/index.html
# repeats this policy in a <meta> tag (without frame-ancestors, which only a
# header can carry), because GitHub Pages sends no headers; there the page
# refuses to start inside a frame (plugins/cms/static/manual-init.js).
SECURITY_HEADERS_OVERRIDES = {
    "/admin/": {
        "Content-Security-Policy": {
            "default-src": ["'self'"],
            "script-src": ["'self'"],
            "style-src": ["'self'", "'unsafe-inline'"],
            "img-src": ["'self'", "data:", "blob:", "https://avatars.githubusercontent.com",
                        "https://*.githubusercontent.com"],
            "media-src": ["'self'", "blob:"],
            "font-src": ["'self'"],
            "connect-src": ["'self'", "blob:", "data:", "https://api.github.com"],
            "worker-src": ["'self'", "blob:"],
            "frame-src": ["'self'", "blob:"],
            "object-src": ["'none'"],
            "base-uri": ["'self'"],
            "form-action": ["'self'"],
            "frame-ancestors": ["'none'"],
        },
    },
}
NGINX_HEADERS_SAVE_AS = "_server/nginx-security-headers.conf"
# How long a browser may keep a file before asking the server again (nginx's
# `expires`, by path prefix): pages and the theme are asked for again at
# every visit (a cheap "304 Not Modified" when unchanged), so a corrected
# release is never shown as it was; photos and share cards are kept an hour.
# Without it, browsers guessed: a month-old page was kept for three days.
# Pagefind names its index's chunks, filters and result fragments after
# their contents (what changes gets a new name, which the index's entry
# file, asked for again each time, points to), so a browser keeps them a
# year: a second search on a slow phone fetches only what it has not seen
# (it asked again for all 18 files, 12.6 s on Slow 3G at 1000 posts). So is
# the index's metadata (pagefind.en_<hash>.pf_meta), named after its
# contents too: a key is a folder, or a folder and a file ending ("*.pf_meta").
NGINX_CACHE_LIFETIMES = {"/": "epoch", "/images/": "1h", "/share/": "1h",
                         **{f"/{SEARCH_INDEX_PATH}/{named_by_contents}/": "1y"
                            for named_by_contents in ("fragment", "index", "filter")},
                         f"/{SEARCH_INDEX_PATH}/*.pf_meta": "1y"}
# What nginx compresses as it sends it: a page is about a third of its size
# (Netlify, Cloudflare Pages and GitHub Pages compress by themselves).
NGINX_COMPRESSED_TYPES = ["text/css", "text/plain", "text/xml", "text/calendar", "application/javascript",
                          "application/json", "application/xml", "application/atom+xml", "image/svg+xml"]
# A renamed item's old addresses as nginx's own 301s, to include beside it
# (plugins/redirects); the pages the build writes there answer until then.
NGINX_REDIRECTS_SAVE_AS = "_server/nginx-redirects.conf"
# Files whose type hosts get wrong (nginx and Netlify send .yml as
# application/octet-stream, which the browser editor cannot read).
CONTENT_TYPES = {"/admin/config.yml": "text/yaml; charset=utf-8"}
# Types by file name ending, sent by every host the same way (nginx's
# mime.types on Debian has no .ics or .epub, and without a charset Chromium
# reads the plain-text minifesto's UTF-8 as windows-1252: "countryâ€™s").
CONTENT_TYPES_BY_EXTENSION = {
    "txt": "text/plain; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
    "epub": "application/epub+zip",
}
SECURITY_CONTACT = "security@breakthroughparty.org.uk"
# RFC 9116's "Policy:" is the page that says how to report a security
# problem and what the party does then. The site has no such page yet (the
# privacy notice is not one), so security.txt names none: set this to the
# page's address (e.g. "security/") once it is written.
SECURITY_POLICY_URL = None

# --- Theme and Markdown ------------------------------------------------------
THEME = str(HERE / "theme")
THEME_STATIC_DIR = "theme"
# Inlined into every page by the inlinecss plugin (path under theme/static/).
INLINE_CSS = "css/screen.css"
# Colours are AA-contrast checked by axe-core in the tests; keep text on
# PARTY_COLOURS["primary"] white.
PARTY_COLOURS = {"primary": "#6a1b9a", "accent": "#ffd54f", "ink": "#1b1b1f"}
# Escape everything templates print unless marked safe: titles and summaries
# are plain text from YAML and may contain "&" or "<".
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": select_autoescape(enabled_extensions=("html", "xml")),
}
MARKDOWN = {
    "extension_configs": {
        # A footnote's link back is words, not Markdown's "↩" (U+21A9), which
        # the minifesto's print fonts lack (the PDFs refused to render) and a
        # screen reader reads as "leftwards arrow with hook".
        "markdown.extensions.extra": {"footnotes": {"BACKLINK_TEXT": "Back to the text",
                                                    "BACKLINK_TITLE": "Back to footnote %d in the text"}},
        "markdown.extensions.smarty": {},
        # A numbered list starts at its first number ("3. Third" stays 3, as
        # CommonMark and the browser editor's preview have it), and a "-"
        # list right after a numbered one is a list of its own.
        "markdown.extensions.sane_lists": {},
        # Markdown's toc extension: each heading an id made from its words
        # (## Why it matters → #why-it-matters), but never an id the theme's
        # templates write (## Main gets main_1, not the skip link's target
        # "main"). The ids are read from the templates, and are part of the
        # key of the memo of rendered texts (sitecore/heading_ids.py).
        "sitecore.heading_ids": {"permalink": False,
                                 "theme_ids": ids_the_theme_defines(Path(THEME, "templates"), REGIONS)},
        # Email links wrap after "@" or before a dot on a phone, never mid-word.
        "sitecore.breakable_addresses": {},
        # "# Heading" needs its space (CommonMark): "#NHSPayNow" at the start
        # of a line stays a hashtag.
        "sitecore.headings_need_a_space": {},
    },
    "output_format": "html5",
}
# Main navigation: (label, URL relative to the site root).
MENU = [
    ("News", "news/"),
    ("Policies", "policies/"),
    ("Councillors", "councillors/"),
    ("Events", "events/"),
    ("About", "about/"),
    ("Press", "press/"),
    ("Search", "search/"),
]
# The calls to action at the end of the header, drawn as buttons on every
# page: (label, URL relative to the site root).
MENU_BUTTONS = [
    ("Join", "join/"),
    ("Donate", "donate/"),
]
# Footer links, the same shape as MENU: (label, URL relative to the site root).
FOOTER_MENU = [
    ("Branches", "branches/"),
    ("Candidates", "candidates/"),
    ("Contact", "contact/"),
    ("Donate", "donate/"),
    ("Privacy", "privacy/"),
    ("Accessibility", "accessibility/"),
    ("News feed (Atom)", FEED_ALL_ATOM),
]

# --- Plugins -----------------------------------------------------------------
# By import path: the project is an installed package (pyproject.toml).
PLUGINS = [
    "plugins.frontmatter",
    # Which files under content/ may be published (symbolic links, file
    # types, draft-only images).
    "plugins.contentfiles",
    "plugins.imprint",
    "plugins.inlinecss",
    "plugins.policies",
    "plugins.councillors",
    "plugins.events",
    "plugins.branches",
    "plugins.candidates",
    "plugins.contentcheck",
    "plugins.crossrefs",
    "plugins.minifesto",
    "plugins.sitemap",
    # Which posts each feed holds (before the plugins that finish its entries).
    "plugins.feedentries",
    "plugins.images",
    "plugins.sharecards",
    "plugins.structureddata",
    "plugins.search",
    "plugins.headers",
    "plugins.press",
    # Old addresses of renamed items keep working.
    "plugins.redirects",
    # Atom feeds with absolute addresses and an id of their own.
    "plugins.feeds",
    "plugins.cms",
    # Content's HTML fitted to the page showing it: headings under their
    # title, ids unique where texts share a page, tables' boxes named.
    "plugins.contenthtml",
    # The page_url and canonical_url template filters: templates print
    # addresses, they never assemble them.
    "plugins.urlfilters",
    # Tag, category and author pages in time linear in the number of posts.
    "plugins.listings",
    # A post's <title> names it alone: recurring headlines get their dates.
    "plugins.pagetitles",
    # Sample content shown as such; placeholders refused in production.
    "plugins.samplecontent",
    # Each item's address worked out once while the pages are written.
    "plugins.urlmemo",
]

# Pelican's own warning for a {static} link to a missing file, a traceback's
# worth of paths above our line that names the post, its line and the fix.
LOG_FILTER = [(30, "Cannot get modification stamp for %s\n\t%s")]  # 30: logging.WARNING

# Caching is off: every build reads every file, so every content mistake is
# reported on every build (a cached file would hide its own error).
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = True
RELATIVE_URLS = False
