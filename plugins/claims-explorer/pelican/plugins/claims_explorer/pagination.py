"""Long lists cut into pages by Pelican's own Paginator, so that no page outgrows the weight
budget (60 KiB with its CSS and JS) however large the corpus grows.

Pelican's writer pages a list when its template is in PAGINATED_TEMPLATES, naming the pages
after PAGINATION_PATTERNS. DEFAULTS fill in the plugin's templates that a site's
PAGINATED_TEMPLATES leaves out, so the plugin pages its lists in any site. The same
Paginator, built as the writer builds it, tells which timeline page holds each item, so
every link to an item on the timeline (its permalink) names the right page.
"""

from pelican.paginator import Paginator

from . import urls

# Items per page, by template: a page of the largest items (a party's claim cards, with
# their quotes and source links) and its CSS and JS stay well within 60 KiB.
DEFAULTS = {
    "timeline": 25,  # claims and events, each with its mark in the chart, under the overview strip
    "claims": 30,  # each card names its source article and paragraph
    "events": 40,
    "contested": 15,  # a claim and the claims that dispute it
    "party": 30,  # a party's, speaker's or topic's claims and events, with quotes
    "speaker": 30,
    "topic": 30,
    "articles": 50,  # Pelican's list of articles
}
HOME_ARTICLES = 10  # the home page lists the newest articles; the list of articles has them all
HOME_DISPUTES = 3  # and the disputes with the most claims in them; the contested page has them all
NEARBY = 2  # page numbers shown either side of the current one


def use_defaults(pelican):
    """Signal receiver (initialized): DEFAULTS for the plugin's templates the site leaves out,
    HOME_ARTICLES and HOME_DISPUTES. A new dict, so Pelican's DEFAULT_CONFIG is never changed in place."""
    settings = pelican.settings
    settings["PAGINATED_TEMPLATES"] = {**DEFAULTS, **settings.get("PAGINATED_TEMPLATES", {})}
    settings.setdefault("HOME_ARTICLES", HOME_ARTICLES)
    settings.setdefault("HOME_DISPUTES", HOME_DISPUTES)


def per_page(settings, template):
    """Items per page as the writer reads them; None or 0 puts the whole list on one page."""
    return settings["PAGINATED_TEMPLATES"].get(template) or settings["DEFAULT_PAGINATION"]


def paginator(settings, template, url, items):
    """The Paginator the writer builds for `items` written with `template` at `url`."""
    return Paginator(url, url, items, settings, per_page(settings, template))


def place_on_timeline(corpus, settings):
    """Set every claim's and event's timeline_url (the timeline page that holds it, #its id)
    and return [(period, the URL of its heading on the first page that holds it)]."""
    timeline = paginator(settings, "timeline", urls.INDEXES["timeline"], corpus.timeline)
    starts = {}
    for number in timeline.page_range:
        page = timeline.page(number)
        for item in page.object_list:
            item.timeline_url = urls.anchor(page.url, item.id)
            starts.setdefault(item.when.period, urls.anchor(page.url, f"y{item.when.period}"))
    return list(starts.items())


def page_of(page):
    """", page 2 of 5" for a page of a list of several pages, else "": in each page's title,
    so that no two pages share one."""
    if page is None or not page.has_other_pages():
        return ""
    return f", page {page.number} of {page.paginator.num_pages}"


def page_numbers(page):
    """The numbers a pager shows for `page`: the first, the last and NEARBY either side of
    the current one, with None for each run left out, so 500 pages need a dozen links."""
    last = page.paginator.num_pages
    wanted = sorted({1, last, *range(max(1, page.number - NEARBY), min(last, page.number + NEARBY) + 1)})
    numbers, previous = [], 0
    for number in wanted:
        if number - previous == 2:  # one page left out: its number is as short as the gap
            numbers.append(number - 1)
        elif number - previous > 2:
            numbers.append(None)
        numbers.append(number)
        previous = number
    return numbers


def record(page, base=""):
    """Where a page sits in its list, for its JSON twin: its number, the number of pages and
    items, and the twins of the pages before and after it (null at either end), after `base`
    (urls.base)."""
    paginator = page.paginator

    def twin(number):
        return base + urls.json_twin(paginator.page(number).save_as)

    return {"page": page.number, "pages": paginator.num_pages, "per_page": paginator.per_page,
            "count": paginator.count,
            "previous": twin(page.number - 1) if page.has_previous() else None,
            "next": twin(page.number + 1) if page.has_next() else None}
