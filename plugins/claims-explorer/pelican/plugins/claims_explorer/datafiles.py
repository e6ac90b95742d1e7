"""What each data file is made from, so that a rebuild writes only the data files whose
inputs changed and hard-links the others from the live build, as it does pages (gate.py's
`carry`; digests.py).

A data file's digest is the site-wide part every page's digest has (the settings, the
plugin's code and the installed packages, parties, speakers, topics and eras, every
article's metadata and counts, SOURCE_DATE_EPOCH) and the file's own inputs below: claims
and events by their whole records (digests.Digests.item), anything else as digests.plain
makes it. A file made from site-wide facts alone (the eras', articles', parties', speakers'
and topics' tables, the schemas, the catalogue) has no inputs of its own. So a claim's
text, say, rewrites the claims' JSON, CSV and database and the feeds that show the claim,
and keeps the calendar, the events' files and the annotations. When in doubt an input is
included: a stale file is a defect, an extra write only costs time.

Every data file the writers ask about must be named here (a KeyError otherwise): a new
file cannot be carried forward without saying what it is made from.
"""

import sqlite3

from . import urls
from .export import dispute_rows, last_changed
from .feeds import feed_list, newest, updated
from .model import in_date_order
from .schemas import FILES as SCHEMAS


def sources(corpus, settings, changed):
    """Data file -> what it is made from, besides the site-wide part. `changed` is when the
    data last changed (export.last_changed, from site-wide facts)."""
    claims, events = corpus.claims, corpus.events
    made = {path: () for path in [*urls.DATA.values(), *urls.CSV.values(), urls.DATA_PACKAGE, urls.DATA_INDEX,
                                  urls.DATASETTE_METADATA, *map(urls.schema_url, SCHEMAS)]}
    for tables in (urls.DATA, urls.CSV):
        made[tables["claims"]], made[tables["events"]] = claims, events
    made[urls.CSV["disputes"]] = dispute_rows(claims)
    made[urls.FACETS] = sorted({claim.kind for claim in claims})  # the rest of its names are site-wide
    made[urls.DATABASE] = (claims, events, sqlite3.sqlite_version)  # the system's SQLite, not a package
    made[urls.CALENDAR] = events
    made[urls.ANNOTATIONS] = annotated(corpus)
    for path, title, page, listed in feed_list(corpus, settings["SITENAME"]):
        made[path] = (title, page, newest(settings, listed), updated(listed, changed))
    return made


def annotated(corpus):
    """What data/annotations.jsonld is made from (annotations.py): where each claim's and
    event's words are, in date order (not the claim's text or the event's title), and every
    article's paragraphs, in whose text a quote's position is counted."""
    def place(citation):
        return citation.article.slug, citation.paragraph.number, citation.span
    return ([(claim.id, place(claim.source)) for claim in in_date_order(corpus.claims)],
            [(event.id, [place(c) for c in event.sources]) for event in in_date_order(corpus.events)],
            [(article.slug, article.paragraphs) for article in corpus.articles.values()])


def fresh(writer, context, settings):
    """`fresh(path)`: whether data file `path` must be written; False when the writer has
    carried the live build's file forward (GuardedWriter.carry). Without digests (plain
    `pelican`, `check`) every file is written; so it is in a first build, which keeps their
    digests for the next."""
    if getattr(writer, "pages", None) is None:
        return lambda path: True
    corpus = context["corpus"]
    made = sources(corpus, settings, last_changed(corpus))
    return lambda path: not writer.carry(path, made[path], context)
