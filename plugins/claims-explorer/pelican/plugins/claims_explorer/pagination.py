"""Long lists cut into pages by Pelican's own Paginator, so that no page outgrows the weight
budget (60 KiB with its CSS and JS) however large the corpus grows.

Pages are cut by count (PAGINATED_TEMPLATES) and by weight: a run of events that each cite
four long quotes weighs twice a run of short claims, so `fit_to_budget` lowers a template's
count until no page of any list written with it holds more cards or rows (estimated from
each item's words, `weight`) than the page has room for (`room`: the budget less the theme's
CSS and JS and the page's own fixed parts). The count stays one number per template, so
Pelican's writer and Paginator cut the pages as before.

The timeline and the contested list show full cards (quoted words, source); the claims list
and each party's, speaker's and topic's list are a dense index, a row per item
(macros.html, `item_rows`: date, party, who, kind, summary), so a page holds three or four
times as many items and the site has that many fewer pages (README, "What is published").

Pelican's writer pages a list when its template is in PAGINATED_TEMPLATES, naming the pages
after PAGINATION_PATTERNS. DEFAULTS fill in the plugin's templates that a site's
PAGINATED_TEMPLATES leaves out, so the plugin pages its lists in any site. The same
Paginator, built as the writer builds it, tells which timeline page holds each item, so
every link to an item on the timeline (its permalink) names the right page.
"""

import os
import re

from pelican.paginator import Paginator

from . import urls

# Items per page, by template, at most: the weight (fit_to_budget) lowers a count until a
# page of its heaviest items (cards with their quotes and sources, or rows) fits 60 KiB.
DEFAULTS = {
    "timeline": 20,  # claims and events, each with its mark in the chart, under the overview strip
    "claims": 100,  # a row each, as a party's, speaker's or topic's list (ROWS)
    "events": 40,
    "contested": 15,  # a claim and the claims that dispute it
    "party": 100,  # a party's, speaker's or topic's claims and events, a row each
    "speaker": 100,
    "topic": 100,
    "articles": 50,  # Pelican's list of articles
}
ROWS = {"claims", "party", "speaker", "topic"}  # templates that list items as rows, not cards
BUDGET = 60 * 1024  # every page, with the CSS and JS it loads (audit/weight.py)
TEMPLATE_REFERENCE = re.compile(r"""{%-?\s*(?:extends|include|import|from)\s+["']([^"']+)["']""")
ASSET_REFERENCE = re.compile(r"THEME_STATIC_DIR\s*}}/([\w./-]+\.(?:css|js))")
# A list page's own fixed parts: head, header, pager, footer (measured 4-7 KiB); the
# timeline's also hold the overview strip and the chart's axes (measured 9-16 KiB), the
# claims page's its filters with their counts (measured 12.5 KiB with 40 speakers).
PAGE_BYTES = {"timeline": 14 * 1024, "claims": 16 * 1024}
OTHER_PAGE_BYTES = 8 * 1024
CARD_BYTES = 500  # a card's markup: its classes, links, badges and date (measured: 300-550)
ROW_BYTES = 200  # a row's markup: its cells, its two links and a party badge (measured: 150-170, and SITEURL twice)
BADGE_BYTES = 80  # each further party badge on an event's row
FULL_CARD_BYTES = {"contested": 800}  # a full claim card each side of a dispute (measured: 600-800)
MARK_BYTES = {"timeline": 350}  # and what else each item adds: its mark in the timeline's chart
HOME_ARTICLES = 10  # the home page lists the newest articles; the list of articles has them all
HOME_DISPUTES = 3  # and the disputes with the most claims in them; the contested page has them all
NEARBY = 2  # page numbers shown either side of the current one


def use_defaults(pelican):
    """Signal receiver (initialized): DEFAULTS for the plugin's templates the site leaves out,
    HOME_ARTICLES and HOME_DISPUTES, and `page_numbers` as a Jinja global, where the pager
    macro, imported without context, finds it. New dicts, so Pelican's DEFAULT_CONFIG is
    never changed in place."""
    settings = pelican.settings
    settings["PAGINATED_TEMPLATES"] = {**DEFAULTS, **settings.get("PAGINATED_TEMPLATES", {})}
    settings["JINJA_GLOBALS"] = {**settings.get("JINJA_GLOBALS", {}), "page_numbers": page_numbers}
    settings.setdefault("HOME_ARTICLES", HOME_ARTICLES)
    settings.setdefault("HOME_DISPUTES", HOME_DISPUTES)


def per_page(settings, template):
    """Items per page as the writer reads them; None or 0 puts the whole list on one page."""
    return settings["PAGINATED_TEMPLATES"].get(template) or settings["DEFAULT_PAGINATION"]


def theme_assets(settings, template):
    """The bytes of CSS and JS a page of `template` loads: the theme's static files its
    template, and those it extends or includes, name (`{{ THEME_STATIC_DIR }}/css/site.css`).
    0 for a theme that names none."""
    theme = settings.get("THEME")
    if not theme:
        return 0
    total, seen, todo = 0, set(), [f"{template}.html"]
    while todo:
        name = todo.pop()
        path = os.path.join(theme, "templates", name)
        if name in seen or not os.path.isfile(path):
            continue
        seen.add(name)
        with open(path, encoding="utf-8") as source:
            text = source.read()
        todo += TEMPLATE_REFERENCE.findall(text)
        for asset in set(ASSET_REFERENCE.findall(text)):
            for folder in settings.get("THEME_STATIC_PATHS", ["static"]):
                candidate = os.path.join(theme, folder, asset)
                if os.path.isfile(candidate):
                    total += os.path.getsize(candidate)
                    break
    return total


def room(settings, template):
    """The bytes of cards a page of `template` has room for: the budget less the CSS and JS
    it loads and the page's fixed parts (never less than a card: a page holds one item at least)."""
    fixed = PAGE_BYTES.get(template, OTHER_PAGE_BYTES)
    return max(BUDGET - theme_assets(settings, template) - fixed, CARD_BYTES)


def weight(item, template=None):
    """About the bytes of an item's card on a list page: its markup, and its words and half
    again (some are in links too: a quote's text fragment, an id in its URLs). A (claim, [the
    claims it disputes]) pair of the contested list weighs its claims together."""
    if isinstance(item, tuple):
        return sum(weight(part, template) for part in (item[0], *item[1]))
    if template in ROWS:
        return row_weight(item)
    if hasattr(item, "source"):  # a claim
        words = len(item.id) + len(item.text) + len(item.source.quote) + len(item.source.article.title)
    else:  # an event and every source it cites
        words = len(item.id) + len(item.title) + sum(len(c.quote) + len(c.article.title) for c in item.sources)
    return FULL_CARD_BYTES.get(template, CARD_BYTES) + MARK_BYTES.get(template, 0) + words * 3 // 2


def row_weight(item):
    """About the bytes of an item's row in a dense index: its markup and the words it shows
    (the date, who, the kind, the summary or title), and its id once (in its link)."""
    if hasattr(item, "source"):  # a claim
        words = len(item.id) + len(item.text) + len(item.voice) + len(item.kind_label) + len(item.when.words)
        return ROW_BYTES + words
    words = len(item.id) + len(item.title) + len(item.when.words)
    return ROW_BYTES + BADGE_BYTES * max(len(item.parties) - 1, 0) + words


def fit_to_budget(settings, lists):
    """Lower each template's count in PAGINATED_TEMPLATES until no page of any of its lists
    ([(template, items)]) holds more cards or rows than it has `room` for; a page keeps at least one item. Run
    before anything is paginated (place_on_timeline included), so every page and permalink
    follows the same counts."""
    counts = dict(settings["PAGINATED_TEMPLATES"])
    weights = {}
    for template, items in lists:
        weights.setdefault(template, []).append([weight(item, template) for item in items])
    for template, lists_weights in weights.items():
        count, most = per_page(settings, template), room(settings, template)
        while count and count > 1 and any(heaviest_page(settings, w, count) > most for w in lists_weights):
            count -= 1
        if count:
            counts[template] = count
    settings["PAGINATED_TEMPLATES"] = counts


def heaviest_page(settings, weights, count):
    """The weight of the heaviest page when Pelican's Paginator cuts `weights` `count` to a
    page (a last page may take DEFAULT_ORPHANS more)."""
    pages = Paginator("", "", weights, settings, count)
    return max(sum(pages.page(number).object_list) for number in pages.page_range)


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
