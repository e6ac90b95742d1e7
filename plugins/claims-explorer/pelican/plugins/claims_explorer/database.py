"""data/claims.db: the corpus as one SQLite database (sqlite-utils), for Datasette and SQL.

`datasette data/claims.db` opens a browsable, faceted copy: one table per record type with
its primary key and foreign keys (so Datasette links a claim to its party, speaker and
article), a table per list (a claim's topics, an event's parties, topics and sources, the
disputes between claims), and full-text search on the claims' text and quotes, the events'
titles and their sources' quotes. Values are the records' as in data/*.json (export.py),
raw (no spreadsheet escaping). Built into a new file and moved into place, in the same
order every time, so the same corpus gives the same bytes.
"""

import os

import sqlite_utils

from . import urls
from .catalogue import TABLES, field_type, fields

LISTS = ("topics", "disputes", "answers", "parties", "paragraph_urls", "sources")  # rows of their own tables
# table: (primary key, [(column, table it refers to, that table's key)])
KEYS = {
    "parties": ("id", []),
    "speakers": ("id", [("party", "parties", "id")]),
    "topics": ("id", []),
    "articles": ("slug", []),
    "claims": ("id", [("party", "parties", "id"), ("speaker_id", "speakers", "id"), ("article", "articles", "slug")]),
    "events": ("id", []),
    "claim_topics": (("claim", "topic"), [("claim", "claims", "id"), ("topic", "topics", "id")]),
    "event_parties": (("event", "party"), [("event", "events", "id"), ("party", "parties", "id")]),
    "event_topics": (("event", "topic"), [("event", "events", "id"), ("topic", "topics", "id")]),
    "event_sources": (("event", "number"), [("event", "events", "id"), ("article", "articles", "slug")]),
    "disputes": (("from", "to", "relation"), [("from", "claims", "id"), ("to", "claims", "id")]),
}
SEARCHABLE = {"claims": ["text", "quote"], "events": ["title"], "event_sources": ["quote"]}
JOIN_COLUMNS = {
    "claim_topics": {"claim": str, "topic": str},
    "event_parties": {"event": str, "party": str},
    "event_topics": {"event": str, "topic": str},
    "event_sources": {"event": str, "number": int, "article": str, "paragraph": str, "paragraph_url": str, "quote": str},
}


def rows(records):
    """Every table's rows, from export.tables (plus `disputes`)."""
    claims, events = records["claims"], records["events"]
    return {
        **{name: records[name] for name in ("parties", "speakers", "topics", "articles")},
        "claims": [without_lists(claim) for claim in claims],
        "events": [without_lists(event) for event in events],
        "claim_topics": [{"claim": c["id"], "topic": topic} for c in claims for topic in c["topics"]],
        "event_parties": [{"event": e["id"], "party": party} for e in events for party in e["parties"]],
        "event_topics": [{"event": e["id"], "topic": topic} for e in events for topic in e["topics"]],
        "event_sources": [{"event": e["id"], "number": n, **source}
                          for e in events for n, source in enumerate(e["sources"], start=1)],
        "disputes": records["disputes"],
    }


def without_lists(record):
    return {key: value for key, value in record.items() if key not in LISTS}


def columns(table):
    """Column types: the record type's fields (data.schema.json), or the join table's."""
    if table in JOIN_COLUMNS:
        return JOIN_COLUMNS[table]
    record_type = TABLES[table][0]
    return {name: int if field_type(record_type, name) == "integer" else str
            for name in fields(record_type) if name not in LISTS}


def write_database(records, output_path):
    """Write data/claims.db from scratch (a temporary file, then renamed over the old one)."""
    path = os.path.join(output_path, urls.DATABASE)
    partial = f"{path}.partial"
    if os.path.exists(partial):
        os.remove(partial)
    db = sqlite_utils.Database(partial)
    for table, content in rows(records).items():
        key, foreign_keys = KEYS[table]
        db[table].create(columns(table), pk=key, foreign_keys=foreign_keys)
        db[table].insert_all(content)
    for table, searched in SEARCHABLE.items():
        db[table].enable_fts(searched, fts_version="FTS5")
    db.index_foreign_keys()
    db.close()
    os.replace(partial, path)
