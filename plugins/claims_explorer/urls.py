"""The URL of every page the plugin writes, in one place.

Paths are relative to the site root; templates prefix them with SITEURL. Article URLs are
Pelican's own (ARTICLE_URL), so a paragraph's URL is built from the article's.
"""

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
DATA = {
    "claims": "data/claims.json",
    "events": "data/events.json",
    "parties": "data/parties.json",
    "speakers": "data/speakers.json",
    "topics": "data/topics.json",
}


def page_url(kind, item_id):
    """The page of one claim, event, speaker, party or topic."""
    return f"{FOLDERS[kind]}/{item_id}.html"


def paragraph_url(article_url, paragraph_id):
    return f"{article_url}#{paragraph_id}"
