"""The URL of every page the plugin writes, in one place.

Paths are relative to the site root; templates prefix them with SITEURL. Article URLs are
Pelican's own (ARTICLE_URL), so a paragraph's URL is built from the article's. The list pages
in INDEXES are the first page of each list: Pelican's PAGINATION_PATTERNS name the others,
and an item's place on the timeline is `anchor(page, id)` (set in pagination.py). The
open-data files (CSV, feeds, calendar, sitemap, each page's JSON twin) are named here too.
"""

import functools
import posixpath
import re
from urllib.parse import urlsplit

INDEXES = {
    "timeline": "timeline.html",
    "claims": "claims/index.html",
    "events": "events/index.html",
    "speakers": "speakers/index.html",
    "parties": "parties/index.html",
    "topics": "topics/index.html",
    "contested": "contested.html",
    "search": "search.html",
}
FOLDERS = {"claim": "claims", "event": "events", "speaker": "speakers", "party": "parties", "topic": "topics"}
TABLES = ("claims", "events", "eras", "articles", "parties", "speakers", "topics")
DATA = {name: f"data/{name}.json" for name in TABLES}
FACETS = "data/facets.json"  # display names for the claims page's filters (explorer.js)
CSV = {name: f"data/{name}.csv" for name in (*TABLES, "disputes")}
CALENDAR = "data/events.ics"
DATABASE = "data/claims.db"
DATASETTE_METADATA = "data/datasette.json"  # `datasette data/claims.db --metadata data/datasette.json`
ANNOTATIONS = "data/annotations.jsonld"
DATA_PACKAGE = "data/datapackage.json"  # Frictionless: every CSV, its fields and foreign keys
DATA_INDEX = "data/index.json"  # every data file with its schema, licence and description
SCHEMA_FOLDER = "data/schemas"
ALL_CLAIMS_FEED = "feeds/claims.atom.xml"
FEED_FOLDERS = {"party": "feeds/parties", "speaker": "feeds/speakers"}
SITEMAP = "sitemap.xml"


def page_url(kind, item_id):
    """The page of one claim, event, speaker, party or topic."""
    return f"{FOLDERS[kind]}/{item_id}.html"


def paragraph_url(article_url, paragraph_id):
    return f"{article_url}#{paragraph_id}"


def quote_anchor(kind, item_id, number=1):
    """The id of a claim's or event's quoted words on its article's page (an event's second
    source is `event-ID-2`)."""
    return f"{kind}-{item_id}" if number == 1 else f"{kind}-{item_id}-{number}"


def result_links(article_url):
    """The URL patterns the claims and search pages' scripts fill with an id to link a search
    result's party, speaker and source, so that the search index holds ids, not URLs: Pagefind
    indexes every metadata value as words, and URLs would make "html" or "parties" match every
    page. `article` is None when Pelican's ARTICLE_URL needs more than the slug (a date, say):
    a result then carries its source's URL whole. `Claim` and `Event` are the anchor of an
    item's quoted words on its article's page (its first source's, for an event)."""
    try:
        article = article_url.format_map(_SlugOnly())
    except (KeyError, AttributeError, IndexError, ValueError):
        article = None
    return {"speaker": page_url("speaker", "{id}"), "article": article,
            "Claim": quote_anchor("claim", "{id}"), "Event": quote_anchor("event", "{id}")}


class _SlugOnly(dict):
    def __missing__(self, key):
        if key == "slug":
            return "{id}"
        raise KeyError(key)


def anchor(page_url, item_id):
    """An item on a list page: the page that holds it, and the item's id as the fragment."""
    return f"{page_url}#{item_id}"


def schema_url(name):
    """The JSON Schema of data file or twin `name` ("claims", "twin")."""
    return f"{SCHEMA_FOLDER}/{name}.schema.json"


def open_data(base=""):
    """Every site-wide data file, for the home page's twin and readers of the README."""
    return {"json": {name: base + path for name, path in DATA.items()}, "facets": base + FACETS,
            "csv": {name: base + path for name, path in CSV.items()}, "calendar": base + CALENDAR,
            "feed": base + ALL_CLAIMS_FEED, "database": base + DATABASE,
            "datasette_metadata": base + DATASETTE_METADATA, "annotations": base + ANNOTATIONS,
            "index": base + DATA_INDEX, "datapackage": base + DATA_PACKAGE}


def json_twin(url):
    """The JSON twin of a page: X.json next to X.html, as every page's footer links it."""
    return re.sub(r"\.html$", ".json", url)


def feed_url(kind, item_id):
    """The Atom feed of one party's or one speaker's claims."""
    return f"{FEED_FOLDERS[kind]}/{item_id}.atom.xml"


def absolute(siteurl, url):
    """`url` (from the site root) as a full URL under SITEURL."""
    return f"{siteurl.rstrip('/')}/{url}"


def base(siteurl):
    """What the data files put before a path from the site root: SITEURL and one slash in a
    published build, so every URL in them is absolute; nothing in a local build, where they
    stay relative to the site root (a local site has no address to give)."""
    return f"{siteurl.rstrip('/')}/" if siteurl else ""


def relative_to(document, url):
    """`url` (from the site root) as seen from `document`, so it works from any folder,
    as the pages' own links do with RELATIVE_URLS."""
    folder, parts = _folder(document), url.split("/")
    if folder is None or not all(parts) or "." in parts or ".." in parts:  # not a plain path: let relpath decide
        return posixpath.relpath(url, posixpath.dirname(document) or ".")
    common = 0  # posixpath.relpath's answer for plain paths, without its calls: a data file links thousands
    while common < min(len(folder), len(parts)) and folder[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(folder) - common) + parts[common:]) or "."


@functools.lru_cache(maxsize=64)
def _folder(document):
    """The folders of `document`'s path, or None if they are not plain names."""
    folder = posixpath.dirname(document)
    parts = folder.split("/") if folder else []
    return None if not all(parts) or "." in parts or ".." in parts else parts


def site_id(siteurl, sitename):
    """A name for the site in identifiers (iCalendar UIDs): SITEURL without its scheme, or
    the site's name as lowercase words joined by hyphens when there is no SITEURL."""
    if siteurl:
        parts = urlsplit(siteurl)
        return f"{parts.netloc}{parts.path}".rstrip("/")
    return "-".join(re.findall(r"[a-z0-9]+", sitename.lower()))
