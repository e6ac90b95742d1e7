"""The corpus as open data: one JSON record per claim, event, era, party, speaker, topic
and article. The page twins and the CSV files are built from these records too.

These records are the data contract (README, "Data files"): other tools rely on the keys,
so add keys freely but never rename or drop one. Every URL in a record starts with `base`
(urls.base): SITEURL in a published build, so the data holds absolute URLs, and nothing in a
local build, where URLs are relative to the site root.
"""

import datetime
import json
import os

from . import urls
from .model import Claim, Event, in_date_order

# Article metadata a reader needs to judge the source (README, "Articles"); null when absent.
PROVENANCE = ("title_inferred", "outlet", "outlet_inferred", "byline", "source_url",
              "photo_caption", "related", "editing", "source_file")


def date_fields(when, basis):
    return {
        "date": when.edtf,
        "earliest": when.earliest and when.earliest.isoformat(),
        "latest": when.latest and when.latest.isoformat(),
        "date_label": when.words,
        "date_basis": basis or None,
    }


def citation_record(citation, base=""):
    return {
        "article": citation.article.slug,
        "paragraph": citation.paragraph.id,
        "paragraph_url": base + citation.url,
        "quote": citation.quote,
    }


def claim_record(claim, base=""):
    return {
        "id": claim.id,
        "text": claim.text,
        "quote": claim.source.quote,
        "kind": claim.kind,
        "party": claim.party.id,
        "speaker": claim.speaker.name if claim.speaker else None,
        "speaker_id": claim.speaker.id if claim.speaker else None,
        "attribution": claim.attribution or None,
        **date_fields(claim.when, claim.date_basis),
        "article": claim.source.article.slug,
        "paragraph_url": base + claim.source.url,
        "url": base + claim.url,
        "timeline_url": base + claim.timeline_url,
        "topics": [topic.id for topic in claim.topics],
        "disputes": [other.id for other in claim.disputes],
        "answers": [other.id for other in claim.answers],
    }


def event_record(event, base=""):
    return {
        "id": event.id,
        "title": event.title,
        **date_fields(event.when, event.date_basis),
        "parties": [party.id for party in event.parties],
        "topics": [topic.id for topic in event.topics],
        "paragraph_urls": [base + citation.url for citation in event.sources],
        "sources": [citation_record(citation, base) for citation in event.sources],
        "url": base + event.url,
        "timeline_url": base + event.timeline_url,
    }


def era_record(era, base=""):
    """An era: a span the articles state, shaded on the timeline. It has no page of its
    own, so no `url`; `sources` may be empty when `date_basis` says where the dates come from."""
    return {
        "id": era.id,
        "title": era.title,
        **date_fields(era.when, era.date_basis),
        "paragraph_urls": [base + citation.url for citation in era.sources],
        "sources": [citation_record(citation, base) for citation in era.sources],
    }


def party_record(party, base=""):
    return {"id": party.id, "name": party.name, "short": party.short, "description": party.description,
            "claims": len(party.claims), "events": len(party.events), "url": base + party.url}


def speaker_record(speaker, base=""):
    return {"id": speaker.id, "name": speaker.name, "role": speaker.role, "party": speaker.party.id,
            "claims": len(speaker.claims), "url": base + speaker.url}


def topic_record(topic, base=""):
    return {"id": topic.id, "name": topic.name, "description": topic.description,
            "claims": len(topic.claims), "events": len(topic.events), "url": base + topic.url}


def article_record(article, base=""):
    """An article's provenance as its page shows it, dated like a claim (`date_basis` is
    the Date_inferred reasoning), so one reader of dates serves every record."""
    meta = article.pelican.metadata
    return {
        "slug": article.slug,
        "title": article.title,
        **{key: meta.get(key) or None for key in PROVENANCE},
        **date_fields(article.when, meta.get("date_inferred")),
        "sort_date": article.date.isoformat(),
        "claims": len(article.claims),
        "events": len(article.events),
        "url": base + article.url,
    }


def paragraph_record(article, paragraph, base=""):
    """One numbered paragraph: its text, its URL, and what was drawn from it."""
    drawn = [owner for owner, citation in article.citations() if citation.paragraph.number == paragraph.number]
    return {
        "id": paragraph.id,
        "text": paragraph.text,
        "url": base + urls.paragraph_url(article.url, paragraph.id),
        "claims": [owner.id for owner in drawn if isinstance(owner, Claim)],
        "events": list(dict.fromkeys(owner.id for owner in drawn if isinstance(owner, Event))),
    }


def page_record(page, base=""):
    """A Pelican page (the method page): its title and its body as HTML."""
    return {"slug": page.slug, "title": page.title, "content": page.content, "url": base + page.url}


def last_changed(corpus):
    """When the data last changed, as far as a build can tell without a clock: the time in
    SOURCE_DATE_EPOCH (the reproducible-builds convention; CI can set it to the last commit's
    time), else midnight UTC of the newest article's day, as the data is no older than its
    newest source. Calendar DTSTAMPs and an empty feed's `updated` use it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)
    days = [article.date for article in corpus.articles.values()]
    day = max(days) if days else datetime.date(1970, 1, 1)
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc)


def dispute_rows(claims):
    """One row per dispute or answer between two claims: `from` disputes or answers `to`."""
    return [{"from": claim.id, "to": other.id, "relation": relation}
            for claim in in_date_order(claims)
            for relation, others in (("disputes", claim.disputes), ("answers", claim.answers))
            for other in others]


def tables(corpus, base=""):
    """Every record of the corpus by table, built once per build for every export; claims,
    events and eras in date order, articles newest first (as the list of articles)."""
    articles = sorted(corpus.articles.values(), key=lambda a: (a.date, a.slug), reverse=True)
    return {
        "claims": [claim_record(c, base) for c in in_date_order(corpus.claims)],
        "events": [event_record(e, base) for e in in_date_order(corpus.events)],
        "eras": [era_record(e, base) for e in in_date_order(corpus.eras)],
        "articles": [article_record(a, base) for a in articles],
        "parties": [party_record(p, base) for p in corpus.parties],
        "speakers": [speaker_record(s, base) for s in corpus.speakers],
        "topics": [topic_record(t, base) for t in corpus.topics],
    }


def facets(corpus, base=""):
    """The claims page's names (model.Corpus.facet_names), its page URLs under `base`."""
    names = corpus.facet_names
    return {**names, "badges": {key: {**badge, "url": base + badge["url"]} for key, badge in names["badges"].items()},
            "speaker_urls": {key: base + url for key, url in names["speaker_urls"].items()}}


def write_data(corpus, records, output_path, base="", fresh=None):
    """Write data/*.json, one file per table, and the names the claims page's filters show;
    with `fresh`, only the files for which `fresh(path)` is true (datafiles.py)."""
    for name, path in urls.DATA.items():
        if not fresh or fresh(path):
            write_json(os.path.join(output_path, path), records[name])
    if not fresh or fresh(urls.FACETS):
        write_json(os.path.join(output_path, urls.FACETS), facets(corpus, base))


def write_json(path, data):
    """Write `data` as compact UTF-8 JSON; the same data gives the same bytes. Not indented:
    only then does `json` use its C encoder, five times faster on a build's thousands of twins."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        out.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        out.write("\n")
