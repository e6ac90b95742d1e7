"""data/schemas/<name>.schema.json: one JSON Schema per data file, and one for the twins.

A data user validates a file as it is (`check-jsonschema --schemafile
data/schemas/claims.schema.json data/claims.json`), so each schema describes its file's top
level (an array of records) and carries every definition it needs: no reference leaves the
file. The definitions are `data.schema.json`'s, kept in the package as the one place each
record's fields are written. `$id` is the schema's absolute URL in a published build, and
its own file name otherwise (which resolves to itself); the data licence is in each.
"""

import functools
import json
import os

from . import urls
from .export import write_json

DEFINITIONS = os.path.join(os.path.dirname(__file__), "data.schema.json")

# name: (the file it describes, the record type, "array" of records or one "object", what it holds)
FILES = {
    "claims": (urls.DATA["claims"], "claim", "array", "Every claim: who says what, when, and the paragraph it quotes."),
    "events": (urls.DATA["events"], "event", "array", "Every dated event, with the paragraphs that report it."),
    "eras": (urls.DATA["eras"], "era", "array", "Every era: a span the articles state, shaded on the timeline, and the words that state it."),
    "articles": (urls.DATA["articles"], "article", "array", "Every source article: its provenance and its date."),
    "parties": (urls.DATA["parties"], "party", "array", "Every party (a country, an alliance, an outlet) and its counts."),
    "speakers": (urls.DATA["speakers"], "speaker", "array", "Every person quoted, their role and party."),
    "topics": (urls.DATA["topics"], "topic", "array", "Every topic and its counts."),
    "facets": (urls.FACETS, "facets", "object", "The names the claims page's filters show."),
    "twin": ("X.json next to every X.html", "twin", "object", "A page's JSON twin: the records that page shows."),
}


@functools.cache
def definitions():
    with open(DEFINITIONS, encoding="utf-8") as source:
        return json.load(source)


def file_schema(name, base, licence):
    """The schema of data file `name`, whole in itself; `base` as in urls.base."""
    path, record, shape, description = FILES[name]
    top = {"type": "array", "items": {"$ref": f"#/$defs/{record}"}} if shape == "array" else {"$ref": f"#/$defs/{record}"}
    schema_path = urls.schema_url(name)
    return {
        "$schema": definitions()["$schema"],
        "$id": base + schema_path if base else os.path.basename(schema_path),
        "title": f"JSON Schema of {path}",
        "description": f"{description} Fields may be added, never renamed or dropped (README, 'Data files'). "
                       f"Licence: {licence['title']} ({licence['url']}). {licence.get('note', '')}".strip(),
        "licenses": [{"name": licence["name"], "path": licence["url"], "title": licence["title"]}],
        **top,
        "$defs": definitions()["$defs"],
    }


def write_schemas(output_path, base, licence, fresh=None):
    """Write every schema; with `fresh`, only those for which `fresh(path)` is true (datafiles.py)."""
    for name in FILES:
        if not fresh or fresh(urls.schema_url(name)):
            write_json(os.path.join(output_path, urls.schema_url(name)), file_schema(name, base, licence))
