"""Every page's JSON twin: X.json next to X.html, holding the records the page shows.

Datasette's habit: every view answers in HTML and in JSON, and the theme's footer links each
page's twin. The twin is written by a `content_written` receiver, so there is one for exactly
the pages Pelican and the plugin write (articles, pages, list pages, item pages), built from
the same context the page was rendered with. Records come from export.py, so a twin never
says a claim differently from data/claims.json. A page of a paginated list has the records
of that page, and `pagination` says where it sits and links the twins before and after.
Its URLs are absolute in a published build, as in data/*.json (export.py, urls.base).

A claim is shown on up to seven pages (its own, the timeline's, the claims list's, its
party's, its speaker's, its topics'), so each claim's and event's record is built and
encoded as JSON once a build (`record`), and every twin that holds it splices in that text
(`encode`): the bytes are those `json.dumps` would write, without encoding a record seven
times.
"""

import json
import os
import weakref

from . import pagination, urls
from .digests import REUSED
from .export import (article_record, claim_record, era_record, event_record, page_record, paragraph_record,
                     party_record, speaker_record, topic_record)
from .model import Claim, Era, Event, by_period
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
RECORD_TYPES = {Claim: claim_record, Event: event_record, Era: era_record}


def record(item, prefix):
    """A claim's, event's or era's record (export.py) as JSON text, made the first time a
    twin needs it: while pages are written, after every timeline_url is set."""
    made = _RECORDS.setdefault(item, {})
    if prefix not in made:
        made[prefix] = Encoded(_dumps(RECORD_TYPES[type(item)](item, prefix)))
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


def claims(items, context):
    return [record(claim, base(context)) for claim in items]


def events(items, context):
    return [record(event, base(context)) for event in items]


def of_type(items, kind):
    return [item for item in items if isinstance(item, kind)]


def claim_twin(claim, context):
    """The claim, the claims it disputes or is disputed by, and those that answer it or it answers."""
    return {"claim": record(claim, base(context)), "counterparts": claims(claim.counterparts, context),
            "responses": claims(claim.responses, context)}


def event_twin(event, context):
    return {"event": record(event, base(context))}


def speaker_twin(speaker, context):
    return {"speaker": speaker_record(speaker, base(context)),
            "feed": base(context) + urls.feed_url("speaker", speaker.id), "claims": claims(shown(context), context)}


def party_twin(party, context):
    """The party, its speakers, and the claims and events of this page (one date-ordered list
    on the page, split by type here)."""
    items = shown(context)
    return {"party": party_record(party, base(context)), "feed": base(context) + urls.feed_url("party", party.id),
            "speakers": [speaker_record(s, base(context)) for s in party.speakers],
            "claims": claims(of_type(items, Claim), context), "events": events(of_type(items, Event), context)}


def topic_twin(topic, context):
    items = shown(context)
    return {"topic": topic_record(topic, base(context)), "claims": claims(of_type(items, Claim), context),
            "events": events(of_type(items, Event), context)}


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
            "contested": [{"claim": record(claim, base(context)), "disputes": claims(others, context)}
                          for claim, others in corpus.most_contested(context["HOME_DISPUTES"])],
            "parties": [party_record(p, base(context)) for p in corpus.parties],
            "articles": article_records(context, context["articles"][:context["HOME_ARTICLES"]]),
            "eras": drawn_eras(context), **data_links(None, context)}


def articles_twin(_, context):
    """The articles of this page, in its order (Pelican's, newest first)."""
    page = listing(context)
    return {"articles": article_records(context, page.object_list if page else context["articles"])}


def article_records(context, pelican_articles):
    articles = context["corpus"].articles
    return [article_record(articles[a.slug], base(context)) for a in pelican_articles]


def timeline_twin(_, context):
    """This page's periods in order, each with its events and claims, and the eras it draws."""
    return {"periods": [{"period": period, "items": [timeline_item(i, base(context)) for i in items]}
                        for period, items in by_period(shown(context))],
            "eras": drawn_eras(context)}


def drawn_eras(context):
    """The eras the overview strip draws (chart.build_overview: those that overlap the
    timeline's span), in date order. The strip is on the home page and every timeline page,
    whose own chart draws those of them that overlap the page's span."""
    overview = context.get("timeline_overview")
    drawn = {band.era for band in overview.bands} if overview else set()
    return [record(era, base(context)) for era in context["corpus"].eras if era in drawn]


def timeline_item(item, prefix):
    """A claim or an event record, with a `type` saying which, as the timeline mixes them."""
    kind = "claim" if isinstance(item, Claim) else "event"
    return Encoded(f'{{"type":"{kind}",{record(item, prefix)[1:]}')  # {"type": …, then the record's keys


def contested_twin(_, context):
    return {"contested": [{"claim": record(claim, base(context)), "disputes": claims(others, context)}
                          for claim, others in shown(context)]}


def data_links(_, context):
    """Where the site's data files are: the twin of the search page and of any page
    the plugin does not know."""
    return {"data": urls.open_data(base(context))}


TWINS = {
    "claim": claim_twin, "event": event_twin, "speaker": speaker_twin, "party": party_twin,
    "topic": topic_twin, "article": article_twin, "page": page_twin,
    "index": home_twin, "articles": articles_twin, "timeline": timeline_twin, "contested": contested_twin,
    "claims": lambda _, context: {"claims": claims(shown(context), context)},
    "events": lambda _, context: {"events": events(shown(context), context)},
    "speakers": lambda _, context: {"speakers": [speaker_record(s, base(context)) for s in context["corpus"].speakers]},
    "parties": lambda _, context: {"parties": [party_record(p, base(context)) for p in context["corpus"].parties]},
    "topics": lambda _, context: {"topics": [topic_record(t, base(context)) for t in context["corpus"].topics]},
}
