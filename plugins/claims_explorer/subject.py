"""What a page shows, read from the context Pelican renders it with.

The JSON twins, the Open Graph tags and the JSON-LD all describe "the page being written".
Pelican gives every page its context (the plugin's item pages get `claim`, `event`, …;
Pelican's get `article` or `page`), so one small reader of that context serves all three
and no list of pages has to be kept in step with the templates.
"""

from . import urls

ITEMS = ("claim", "event", "speaker", "party", "topic", "article", "page")


def subject(context):
    """("claim", the Claim), …, ("article", Pelican's Article), ("page", Pelican's Page), or
    (template name, None) for a list page: "timeline", "claims", …, "index", "articles"."""
    for kind in ITEMS:
        if kind in context:
            return kind, context[kind]
    return list_pages(context).get(context["output_file"]), None


def list_pages(context):
    """{file written: template} for the plugin's list pages and Pelican's DIRECT_TEMPLATES."""
    direct = {context.get(f"{name.upper()}_SAVE_AS", f"{name}.html"): name for name in context["DIRECT_TEMPLATES"]}
    return {**direct, **{url: name for name, url in urls.INDEXES.items()}}
