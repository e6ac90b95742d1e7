"""The corpus as open data: one JSON record per claim, event, party, speaker and topic.

These records are the data contract (README, "Data files"): other tools rely on the keys,
so add keys freely but never rename or drop one.
"""

import json
import os

from . import urls


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


def write_data(corpus, output_path):
    """Write data/*.json; the claims and events in date order."""
    tables = {
        "claims": [claim_record(c) for c in sorted(corpus.claims, key=lambda c: c.sort_key)],
        "events": [event_record(e) for e in sorted(corpus.events, key=lambda e: e.sort_key)],
        "parties": [party_record(p) for p in corpus.parties],
        "speakers": [speaker_record(s) for s in corpus.speakers],
        "topics": [topic_record(t) for t in corpus.topics],
    }
    for name, records in tables.items():
        write_json(os.path.join(output_path, urls.DATA[name]), records)


def write_json(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
