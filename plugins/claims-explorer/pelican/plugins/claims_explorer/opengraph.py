"""Open Graph tags on every page (head_meta.html), so a shared link shows a title and a line.

The title and sentence say what the page's own <title> and description say. `og:url` must
be absolute, so it is given only when SITEURL is set (`site_url` in the context, as the
writer replaces SITEURL with a relative path on every page when RELATIVE_URLS is on).
"""

from jinja2 import pass_context

from . import urls
from .pagination import page_of
from .subject import listing, subject

LIST_TITLES = {
    "articles": "Articles", "timeline": "Timeline", "claims": "Claims", "events": "Events",
    "speakers": "Speakers", "parties": "Parties", "topics": "Topics", "contested": "Contested claims",
    "search": "Search",
}
ITEM_SUMMARIES = {
    "claim": lambda c: (c.text, f"{c.voice}, {c.when.words}: {c.text}"),
    "event": lambda e: (e.title, f"{e.when.words}: {e.title}"),
    "speaker": lambda s: (s.name, f"Claims by {s.name}" + (f", {s.role}." if s.role else ".")),
    "party": lambda p: (p.name, f"Claims and events of {p.name}."),
    "topic": lambda t: (t.name, f"Claims and events on {t.name}."),
    "article": lambda a: (a.title, f"Source article: {a.title}, with the claims drawn from each paragraph."),
}
ARTICLE_TYPES = ("claim", "event", "article")  # og:type article: one dated item; the rest are website


@pass_context
def open_graph(context):
    """[(property, content)] for the page's <meta property="og:…"> tags."""
    kind, item = subject(context)
    title, description = summary(kind, item, context)
    tags = [("og:title", title + page_of(listing(context))), ("og:type", "article" if kind in ARTICLE_TYPES else "website"),
            ("og:description", description), ("og:site_name", context["SITENAME"])]
    if context.get("site_url"):
        tags.append(("og:url", urls.absolute(context["site_url"], context["output_file"])))
    return tags


def summary(kind, item, context):
    """The page's title and one sentence on it; list pages and Pelican's pages fall back to
    the site's subtitle."""
    if kind in ITEM_SUMMARIES:
        return ITEM_SUMMARIES[kind](item)
    title = item.title if kind == "page" else LIST_TITLES.get(kind, context["SITENAME"])
    return title, context.get("SITESUBTITLE") or context["SITENAME"]
