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

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["claims_explorer"]
CLAIMS_FILE = str(HERE / "claims.yaml")

# Markdown as written: no smart quotes, no raw-HTML extensions, so quotes match verbatim.
MARKDOWN = {"extension_configs": {}, "output_format": "html5"}
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

ARTICLE_URL = ARTICLE_SAVE_AS = "articles/{slug}.html"
PAGE_URL = PAGE_SAVE_AS = "{slug}.html"
DIRECT_TEMPLATES = ["index", "articles"]
ARTICLES_SAVE_AS = "articles/index.html"
DEFAULT_PAGINATION = False

# Pages this site does not have.
CATEGORY_SAVE_AS = TAG_SAVE_AS = AUTHOR_SAVE_AS = ""
CATEGORIES_SAVE_AS = TAGS_SAVE_AS = AUTHORS_SAVE_AS = ARCHIVES_SAVE_AS = ""
DRAFT_SAVE_AS = DRAFT_PAGE_SAVE_AS = ""
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None

DELETE_OUTPUT_DIRECTORY = True
LOAD_CONTENT_CACHE = False

# Theme: an example query shown in the search box (corpus content, not engine code).
SEARCH_EXAMPLE = "9M729"
