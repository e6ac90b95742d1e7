"""The corpus as open data: one JSON record per claim, event, party, speaker, topic and
article. The page twins and the CSV files are built from these records too.

These records are the data contract (README, "Data files"): other tools rely on the keys,
so add keys freely but never rename or drop one.
"""

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


def citation_record(citation):
    return {
        "article": citation.article.slug,
        "paragraph": citation.paragraph.id,
        "paragraph_url": citation.url,
        "quote": citation.quote,
    }


def claim_record(claim):
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
        "paragraph_url": claim.source.url,
        "url": claim.url,
        "timeline_url": claim.timeline_url,
        "topics": [topic.id for topic in claim.topics],
        "disputes": [other.id for other in claim.disputes],
        "answers": [other.id for other in claim.answers],
    }


def event_record(event):
    return {
        "id": event.id,
        "title": event.title,
        **date_fields(event.when, event.date_basis),
        "parties": [party.id for party in event.parties],
        "topics": [topic.id for topic in event.topics],
        "paragraph_urls": [citation.url for citation in event.sources],
        "sources": [citation_record(citation) for citation in event.sources],
        "url": event.url,
        "timeline_url": event.timeline_url,
    }


def party_record(party):
    return {"id": party.id, "name": party.name, "short": party.short, "description": party.description,
            "claims": len(party.claims), "events": len(party.events), "url": party.url}


def speaker_record(speaker):
    return {"id": speaker.id, "name": speaker.name, "role": speaker.role, "party": speaker.party.id,
            "claims": len(speaker.claims), "url": speaker.url}


def topic_record(topic):
    return {"id": topic.id, "name": topic.name, "description": topic.description,
            "claims": len(topic.claims), "events": len(topic.events), "url": topic.url}


def article_record(article):
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
        "url": article.url,
    }


def paragraph_record(article, paragraph):
    """One numbered paragraph: its text, its URL, and what was drawn from it."""
    drawn = [owner for owner, citation in article.citations() if citation.paragraph.number == paragraph.number]
    return {
        "id": paragraph.id,
        "text": paragraph.text,
        "url": urls.paragraph_url(article.url, paragraph.id),
        "claims": [owner.id for owner in drawn if isinstance(owner, Claim)],
        "events": list(dict.fromkeys(owner.id for owner in drawn if isinstance(owner, Event))),
    }


def page_record(page):
    """A Pelican page (the method page): its title and its body as HTML."""
    return {"slug": page.slug, "title": page.title, "content": page.content, "url": page.url}


def tables(corpus):
    """Every record of the corpus by table; claims and events in date order."""
    return {
        "claims": [claim_record(c) for c in in_date_order(corpus.claims)],
        "events": [event_record(e) for e in in_date_order(corpus.events)],
        "parties": [party_record(p) for p in corpus.parties],
        "speakers": [speaker_record(s) for s in corpus.speakers],
        "topics": [topic_record(t) for t in corpus.topics],
    }


def write_data(corpus, output_path):
    """Write data/*.json, one file per table."""
    for name, records in tables(corpus).items():
        write_json(os.path.join(output_path, urls.DATA[name]), records)


def write_json(path, data):
    """Write `data` as compact UTF-8 JSON; the same data gives the same bytes. Not indented:
    only then does `json` use its C encoder, five times faster on a build's thousands of twins."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        out.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        out.write("\n")
