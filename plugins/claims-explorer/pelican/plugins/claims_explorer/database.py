"""data/claims.db: the corpus as one SQLite database (sqlite-utils), for Datasette and SQL.

`datasette data/claims.db --metadata data/datasette.json` opens a browsable, faceted copy
(the metadata adds the title, the licence, the source and each table's default facets): one table per record type with
its primary key and foreign keys (so Datasette links a claim to its party, speaker and
article), a table per list (a claim's topics, an event's parties, topics and sources, an
era's sources, the disputes between claims), and full-text search on the claims' text and
quotes, the events' and eras' titles and their sources' quotes. Values are the records'
as in data/*.json (export.py), raw (no spreadsheet escaping). Built into a new file and moved into place, in the same
order every time, so the same corpus gives the same bytes.

Its size (README, "What is published"): the tables of pairs (a claim's topics, an event's
parties and topics, the disputes) are WITHOUT ROWID tables, stored once in their primary
key's order instead of as a table and an index of the same pairs, and a foreign key gets an
index only when no index already starts with its column. Full-text search indexes the
tables' own text (external content), without a second copy.
"""

import os

import sqlite_utils
from sqlite_utils.db import jsonify_if_needed

from . import urls
from .catalogue import TABLES, field, field_type, fields
from .export import write_json

LISTS = ("topics", "disputes", "answers", "parties", "paragraph_urls", "sources")  # rows of their own tables
# table: (primary key, [(column, table it refers to, that table's key)])
KEYS = {
    "parties": ("id", []),
    "speakers": ("id", [("party", "parties", "id")]),
    "topics": ("id", []),
    "articles": ("slug", []),
    "claims": ("id", [("party", "parties", "id"), ("speaker_id", "speakers", "id"), ("article", "articles", "slug")]),
    "events": ("id", []),
    "eras": ("id", []),
    "claim_topics": (("claim", "topic"), [("claim", "claims", "id"), ("topic", "topics", "id")]),
    "event_parties": (("event", "party"), [("event", "events", "id"), ("party", "parties", "id")]),
    "event_topics": (("event", "topic"), [("event", "events", "id"), ("topic", "topics", "id")]),
    "event_sources": (("event", "number"), [("event", "events", "id"), ("article", "articles", "slug")]),
    "era_sources": (("era", "number"), [("era", "eras", "id"), ("article", "articles", "slug")]),
    "disputes": (("from", "to", "relation"), [("from", "claims", "id"), ("to", "claims", "id")]),
}
FACETS = {  # table: the columns Datasette facets it by at once
    "claims": ["party", "kind", "speaker_id", "article"],
    "speakers": ["party"],
    "claim_topics": ["topic"],
    "event_parties": ["party"],
    "event_topics": ["topic"],
    "disputes": ["relation"],
}
SEARCHABLE = {"claims": ["text", "quote"], "events": ["title"], "event_sources": ["quote"],
              "eras": ["title"], "era_sources": ["quote"]}
# Tables of pairs, keyed by both columns and not searched: WITHOUT ROWID (FTS5 needs a rowid).
WITHOUT_ROWID = {table for table, (key, _) in KEYS.items() if isinstance(key, tuple) and table not in SEARCHABLE}
SOURCE_COLUMNS = {"number": int, "article": str, "paragraph": str, "paragraph_url": str, "quote": str}
JOIN_COLUMNS = {
    "claim_topics": {"claim": str, "topic": str},
    "event_parties": {"event": str, "party": str},
    "event_topics": {"event": str, "topic": str},
    "event_sources": {"event": str, **SOURCE_COLUMNS},
    "era_sources": {"era": str, **SOURCE_COLUMNS},
}


def rows(records):
    """Every table's rows, from export.tables (plus `disputes`)."""
    claims, events, eras = records["claims"], records["events"], records["eras"]
    return {
        **{name: records[name] for name in ("parties", "speakers", "topics", "articles")},
        "claims": [without_lists(claim) for claim in claims],
        "events": [without_lists(event) for event in events],
        "eras": [without_lists(era) for era in eras],
        "claim_topics": [{"claim": c["id"], "topic": topic} for c in claims for topic in c["topics"]],
        "event_parties": [{"event": e["id"], "party": party} for e in events for party in e["parties"]],
        "event_topics": [{"event": e["id"], "topic": topic} for e in events for topic in e["topics"]],
        "event_sources": source_rows("event", events),
        "era_sources": source_rows("era", eras),
        "disputes": records["disputes"],
    }


def source_rows(owner, records):
    """One row per source of each event or era, numbered from 1 as on its page."""
    return [{owner: record["id"], "number": n, **source}
            for record in records for n, source in enumerate(record["sources"], start=1)]


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
    # A new file that is renamed into place only when whole: no journal and no syncing to
    # disk after each batch (which took nine tenths of the time), and the same bytes.
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    for table, content in rows(records).items():
        create(db, table)
        insert_all(db, table, content)
    for table, searched in SEARCHABLE.items():
        db[table].enable_fts(searched, fts_version="FTS5")
    index_foreign_keys(db)
    db.close()
    os.replace(partial, path)


def insert_all(db, table, content):
    """Insert the rows as sqlite-utils' insert_all would (the same values, converted by its
    own jsonify_if_needed; a key the table lacks is an error), in one statement run for
    every row in one transaction: sqlite-utils spent four fifths of the time building queries."""
    names = list(dict.fromkeys(key for row in content for key in row))
    if not names:
        return
    listed = ", ".join(f"[{name}]" for name in names)
    statement = f"INSERT INTO [{table}] ({listed}) VALUES ({', '.join('?' * len(names))})"
    with db.conn:
        db.conn.executemany(statement, ([_value(row.get(name)) for name in names] for row in content))


def _value(value):
    return value if value is None or type(value) in (str, int) else jsonify_if_needed(value)


def create(db, table):
    """Create `table` with its primary and foreign keys, WITHOUT ROWID if it is a table of pairs."""
    key, foreign_keys = KEYS[table]
    sql = db.create_table_sql(table, columns(table), pk=key, foreign_keys=foreign_keys).strip()
    if table in WITHOUT_ROWID:
        sql = sql.removesuffix(";") + " WITHOUT ROWID;"
    db.execute(sql)


def index_foreign_keys(db):
    """Index every foreign key column that no index starts with (sqlite-utils' own
    index_foreign_keys also indexes `claim` of claim_topics, which its key already leads)."""
    for table in (db[name] for name in KEYS):
        led = {index.columns[0] for index in table.indexes}
        for foreign_key in table.foreign_keys:
            if foreign_key.column not in led:
                table.create_index([foreign_key.column], find_unique_name=True)
                led.add(foreign_key.column)


def datasette_metadata(settings, base):
    """Datasette's metadata for claims.db: what it is, its licence, its source, its facets."""
    licence = settings["DATA_LICENSE"]
    metadata = {
        "title": settings["SITENAME"],
        "description": settings.get("SITESUBTITLE") or settings["SITENAME"],
        "license": licence["title"],
        "license_url": licence["url"],
        "databases": {"claims": {"tables": {table: table_metadata(table) for table in KEYS}}},
    }
    if base:
        metadata.update(source=settings["SITENAME"], source_url=base + "index.html")
    return metadata


def table_metadata(table):
    """Default facets, and each column's description (data.schema.json) where there is one."""
    metadata = {"facets": FACETS[table]} if table in FACETS else {}
    if table in TABLES:
        record_type = TABLES[table][0]
        described = {name: field(record_type, name).get("description") for name in columns(table)}
        metadata["columns"] = {name: text for name, text in described.items() if text}
    return metadata


def write_datasette_metadata(settings, output_path, base):
    write_json(os.path.join(output_path, urls.DATASETTE_METADATA), datasette_metadata(settings, base))
