"""Pelican settings for local builds; publishconf.py adds what publishing needs."""

from pathlib import Path

HERE = Path(__file__).parent

SITENAME = "INF Treaty: claims and timeline"
SITESUBTITLE = "Who said what about the end of the 1987 INF Treaty, and where they said it"
SITEURL = ""
RELATIVE_URLS = True  # the built site works from any folder, over file:// or http
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = []
THEME = "themes/explorer"

# The plugin is laid out as a namespace plugin (pelican.plugins.claims_explorer, see
# plugins/claims-explorer/README.md); here it is loaded from its folder, not installed.
PLUGIN_PATHS = [str(HERE / "plugins/claims-explorer/pelican/plugins")]
PLUGINS = ["claims_explorer"]
CLAIMS_FILE = str(HERE / "claims.yaml")

# Markdown as written: no smart quotes, no raw-HTML extensions, so quotes match verbatim.
MARKDOWN = {"extension_configs": {}, "output_format": "html5"}
# auto_reload off: templates do not change during a build, and checking each one's file
# before every page costs a stat() per template per page (each build is a new process).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True, "auto_reload": False}

ARTICLE_URL = ARTICLE_SAVE_AS = "articles/{slug}.html"
PAGE_URL = PAGE_SAVE_AS = "{slug}.html"
DIRECT_TEMPLATES = ["index", "articles"]
ARTICLES_SAVE_AS = "articles/index.html"

# Lists that grow with the corpus are cut into pages (README, "Pagination"): items per page
# by template, so that every page with its CSS and JS stays well within 60 KiB (the weight
# lowers a count where needed). The claims list and each party's, speaker's and topic's list
# are a dense index, a row per item, so they take more a page. Page 1
# keeps the list's own URL; page 2 of timeline.html is timeline/page/2.html, of
# parties/us.html parties/us/page/2.html, which no item's page can take.
PAGINATED_TEMPLATES = {
    "timeline": 20, "claims": 100, "events": 40, "contested": 15,
    "party": 100, "speaker": 100, "topic": 100, "articles": 50,
}
PAGINATION_PATTERNS = [
    (1, "{name}{extension}", "{name}{extension}"),
    (2, "{base_name}/page/{number}{extension}", "{base_name}/page/{number}{extension}"),
]
DEFAULT_PAGINATION = False  # any other template: one page
HOME_ARTICLES = 10  # the home page lists the newest articles; the list of articles has them all

# Pages this site does not have.
CATEGORY_SAVE_AS = TAG_SAVE_AS = AUTHOR_SAVE_AS = ""
CATEGORIES_SAVE_AS = TAGS_SAVE_AS = AUTHORS_SAVE_AS = ARCHIVES_SAVE_AS = ""
DRAFT_SAVE_AS = DRAFT_PAGE_SAVE_AS = ""
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None

# The command line builds into a fresh folder and swaps it in whole (README, "Builds are
# atomic"), so there is never an old build to delete first.
DELETE_OUTPUT_DIRECTORY = False
# Pelican's content cache (in cache/): an unchanged article is not read and converted from
# Markdown again on the next build.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True

# Theme: an example query shown in the search box (corpus content, not engine code).
SEARCH_EXAMPLE = "9M729"
