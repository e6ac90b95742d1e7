"""The `<link rel="alternate">`s in every page's head (head_meta.html), so a machine that
reads one page finds its data: the page's JSON twin on every page; the Atom feed of all
claims on the home page and the claims pages; a party's or speaker's own feed on its pages.
The twin of the home page lists every data file (`data`), data/index.json among them.
"""

from jinja2 import pass_context

from . import urls
from .subject import subject

ALL_CLAIMS_PAGES = ("index", "claims")


@pass_context
def alternates(context):
    """[(type, title, URL from the site root)] for the page being written."""
    kind, item = subject(context)
    links = [("application/json", "This page as JSON", urls.json_twin(context["output_file"]))]
    if kind in ALL_CLAIMS_PAGES:
        links.append(("application/atom+xml", "Every claim (Atom)", urls.ALL_CLAIMS_FEED))
    elif kind == "party":
        links.append(("application/atom+xml", f"Claims of {item.name} (Atom)", urls.feed_url("party", item.id)))
    elif kind == "speaker":
        links.append(("application/atom+xml", f"Claims by {item.name} (Atom)", urls.feed_url("speaker", item.id)))
    return links
