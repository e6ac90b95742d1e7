"""What a page shows, read from the context Pelican renders it with.

The JSON twins, the Open Graph tags and the JSON-LD all describe "the page being written".
Pelican gives every page its context (the plugin's item pages get `claim`, `event`, …;
Pelican's get `article` or `page`), so one small reader of that context serves all three
and no list of pages has to be kept in step with the templates. A paginated list's pages
share one context but for the writer's `<key>_page`, which `listing` reads.
"""

from . import urls

ITEMS = ("claim", "event", "speaker", "party", "topic", "article", "page")
PAGINATED = ("items", "articles")  # the plugin's lists, and Pelican's list of articles


def subject(context):
    """("claim", the Claim), …, ("article", Pelican's Article), ("page", Pelican's Page), or
    (template name, None) for a list page: "timeline", "claims", …, "index", "articles"."""
    for kind in ITEMS:
        if kind in context:
            return kind, context[kind]
    page = listing(context)
    return list_pages(context).get(page.full_name if page else context["output_file"]), None


def listing(context):
    """The page of a paginated list being written (a pelican.paginator.Page, whose
    `object_list` is what the page shows), or None for a page that is not paginated."""
    for key in PAGINATED:
        if f"{key}_page" in context:
            return context[f"{key}_page"]
    return None


def list_pages(context):
    """{file written: template} for the plugin's list pages and Pelican's DIRECT_TEMPLATES."""
    direct = {context.get(f"{name.upper()}_SAVE_AS", f"{name}.html"): name for name in context["DIRECT_TEMPLATES"]}
    return {**direct, **{url: name for name, url in urls.INDEXES.items()}}
