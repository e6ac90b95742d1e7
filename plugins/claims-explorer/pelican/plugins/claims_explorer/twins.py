"""Every page's JSON twin: X.json next to X.html, saying what the page shows.

Datasette's habit: every view answers in HTML and in JSON, and the theme's footer links each
page's twin. The twin is written by a `content_written` receiver, so there is one for exactly
the pages Pelican and the plugin write (articles, pages, list pages, item pages), built from
the same context the page was rendered with. Records come from export.py, so a twin never
says a claim differently from data/claims.json. Its URLs are absolute in a published build,
as in data/*.json (export.py, urls.base).

An item's page (a claim, an event, an article, a party, …) holds its records. A list of claims,
events or articles (the timeline, the claims, events, contested and article lists, a party's,
speaker's or topic's list, the home page) lists its items by reference (`reference`: type,
id, page and twin), in the page's order, and a page of a paginated list says where it sits
(`pagination`): the records are one file away, in each item's twin and in data/*.json. A
claim is listed on up to seven pages, so copying its record into each was most of the
site's bytes (README, "What is published").

Each claim's and event's record, and each reference, is built and encoded as JSON once a
build (`record`, `reference`), and every twin that holds it splices in that text (`encode`):
the bytes are those `json.dumps` would write, without encoding a record seven times.
"""

import json
import os
import weakref

from . import pagination, urls
from .digests import REUSED
from .export import (article_record, claim_record, era_record, event_record, page_record, paragraph_record,
                     party_record, speaker_record, topic_record)
from .model import Article, Claim, Era, Event, by_period
from .subject import listing, subject


def write_twin(path, context):
    """Signal receiver (content_written): write the twin of every HTML page, in the bytes
    export.write_json would write (compact UTF-8 JSON and a newline)."""
    if path.endswith(".html") and not context.get(REUSED):  # a reused page's twin is linked with it
        target = urls.json_twin(path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.lexists(target):  # never write into a file linked from the live build
            os.unlink(target)
        with open(target, "w", encoding="utf-8") as out:
            out.write(encode(twin(context)))
            out.write("\n")


class Encoded(str):
    """JSON text, already encoded: `encode` writes it as it is."""


def encode(value):
    """`value` as compact JSON, as json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    writes it, with each Encoded part spliced in as it is."""
    if isinstance(value, Encoded):
        return value
    if isinstance(value, dict):
        return "{" + ",".join(f"{_dumps(key)}:{encode(item)}" for key, item in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(encode(item) for item in value) + "]"
    return _dumps(value)


def _dumps(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


_RECORDS = weakref.WeakKeyDictionary()  # claim, event or era -> {URL base: its record as JSON}
_REFERENCES = weakref.WeakKeyDictionary()  # claim, event or article -> {URL base: its reference as JSON}
RECORD_TYPES = {Claim: claim_record, Event: event_record, Era: era_record}
REFERENCE_TYPES = {Claim: "claim", Event: "event", Article: "article"}


def record(item, prefix):
    """A claim's, event's or era's record (export.py) as JSON text, made the first time a
    twin needs it: while pages are written, after every timeline_url is set."""
    made = _RECORDS.setdefault(item, {})
    if prefix not in made:
        made[prefix] = Encoded(_dumps(RECORD_TYPES[type(item)](item, prefix)))
    return made[prefix]


def reference(item, prefix):
    """How a list's twin names a claim, event or article (model.Article): its `type`, `id`
    (an article's slug), its page's `url` and its `twin`'s, as JSON text made once a build."""
    made = _REFERENCES.setdefault(item, {})
    if prefix not in made:
        item_id = item.slug if isinstance(item, Article) else item.id
        made[prefix] = Encoded(_dumps({"type": REFERENCE_TYPES[type(item)], "id": item_id, "url": prefix + item.url,
                                       "twin": prefix + urls.json_twin(item.url)}))
    return made[prefix]


def twin(context):
    """The twin's content: the page's own URL, then what the page shows."""
    kind, item = subject(context)
    data = {"url": base(context) + context["output_file"], **TWINS.get(kind, data_links)(item, context)}
    page = listing(context)
    if page:
        data["pagination"] = pagination.record(page, base(context))
    return data


def base(context):
    """What every URL in the twin starts with (urls.base)."""
    return urls.base(context.get("site_url", ""))


def shown(context):
    """What this page of a paginated list shows."""
    return listing(context).object_list


def records(items, context):
    """The records of an item's related claims (a claim twin's counterparts and responses)."""
    return [record(item, base(context)) for item in items]


def references(items, context):
    """What a list shows: a reference to each claim, event or article, in its order."""
    return [reference(item, base(context)) for item in items]


def of_type(items, kind):
    return [item for item in items if isinstance(item, kind)]


def claim_twin(claim, context):
    """The claim, the claims it disputes or is disputed by, and those that answer it or it answers."""
    return {"claim": record(claim, base(context)), "counterparts": records(claim.counterparts, context),
            "responses": records(claim.responses, context)}


def event_twin(event, context):
    return {"event": record(event, base(context))}


def speaker_twin(speaker, context):
    return {"speaker": speaker_record(speaker, base(context)),
            "feed": base(context) + urls.feed_url("speaker", speaker.id),
            "claims": references(shown(context), context)}


def party_twin(party, context):
    """The party, its speakers, and the claims and events of this page (one date-ordered list
    on the page, split by type here)."""
    items = shown(context)
    return {"party": party_record(party, base(context)), "feed": base(context) + urls.feed_url("party", party.id),
            "speakers": [speaker_record(s, base(context)) for s in party.speakers],
            "claims": references(of_type(items, Claim), context), "events": references(of_type(items, Event), context)}


def topic_twin(topic, context):
    items = shown(context)
    return {"topic": topic_record(topic, base(context)), "claims": references(of_type(items, Claim), context),
            "events": references(of_type(items, Event), context)}


def article_twin(article, context):
    """Provenance, then every numbered paragraph with the claims and events drawn from it."""
    article = context["corpus"].articles[article.slug]
    return {"article": article_record(article, base(context)),
            "paragraphs": [paragraph_record(article, p, base(context)) for p in article.paragraphs]}


def page_twin(page, context):
    return {"page": page_record(page, base(context))}


def home_twin(_, context):
    """What the home page shows (counts, the most contested disputes, parties, the newest
    articles, the eras on its overview strip) and where the data files are."""
    corpus = context["corpus"]
    return {"site": {"name": context["SITENAME"], "subtitle": context.get("SITESUBTITLE", "")},
            "counts": corpus.counts,
            "contested": contested(corpus.most_contested(context["HOME_DISPUTES"]), context),
            "parties": [party_record(p, base(context)) for p in corpus.parties],
            "articles": article_references(context, context["articles"][:context["HOME_ARTICLES"]]),
            "eras": drawn_eras(context), **data_links(None, context)}


def articles_twin(_, context):
    """The articles of this page, in its order (Pelican's, newest first)."""
    page = listing(context)
    return {"articles": article_references(context, page.object_list if page else context["articles"])}


def article_references(context, pelican_articles):
    articles = context["corpus"].articles
    return references([articles[a.slug] for a in pelican_articles], context)


def timeline_twin(_, context):
    """This page's periods in order, each with its events and claims, and the eras it draws."""
    return {"periods": [{"period": period, "items": references(items, context)}
                        for period, items in by_period(shown(context))],
            "eras": drawn_eras(context)}


def drawn_eras(context):
    """The eras the overview strip draws (chart.build_overview: those that overlap the
    timeline's span), in date order. The strip is on the home page and every timeline page,
    whose own chart draws those of them that overlap the page's span."""
    overview = context.get("timeline_overview")
    drawn = {band.era for band in overview.bands} if overview else set()
    return [record(era, base(context)) for era in context["corpus"].eras if era in drawn]


def contested_twin(_, context):
    return {"contested": contested(shown(context), context)}


def contested(pairs, context):
    """Each claim disputed and the claims that dispute it, as the contested page pairs them."""
    return [{"claim": reference(claim, base(context)), "disputes": references(others, context)} for claim, others in pairs]


def data_links(_, context):
    """Where the site's data files are: the twin of the search page and of any page
    the plugin does not know."""
    return {"data": urls.open_data(base(context))}


TWINS = {
    "claim": claim_twin, "event": event_twin, "speaker": speaker_twin, "party": party_twin,
    "topic": topic_twin, "article": article_twin, "page": page_twin,
    "index": home_twin, "articles": articles_twin, "timeline": timeline_twin, "contested": contested_twin,
    "claims": lambda _, context: {"claims": references(shown(context), context)},
    "events": lambda _, context: {"events": references(shown(context), context)},
    "speakers": lambda _, context: {"speakers": [speaker_record(s, base(context)) for s in context["corpus"].speakers]},
    "parties": lambda _, context: {"parties": [party_record(p, base(context)) for p in context["corpus"].parties]},
    "topics": lambda _, context: {"topics": [topic_record(t, base(context)) for t in context["corpus"].topics]},
}
