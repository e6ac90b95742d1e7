"""What data there is: data/datapackage.json (Frictionless) and data/index.json.

The data package describes every CSV as a table, its fields typed and its keys declared, so
`frictionless validate data/datapackage.json` checks every row and every reference, and
Frictionless, pandas or Datasette load it all in one go. data/index.json lists every data
file the site publishes, each with its format, its schema and its licence, so a machine
that finds it (the home page links it) finds everything.

Fields and their order come from data.schema.json's record definitions (schemas.py), the
one place a record's fields are written; the CSV header is the same list.
"""

import os
import re

from . import urls
from .export import write_json
from .schemas import FILES, definitions

TABLES = {  # CSV table: (record type, primary key, what it holds)
    "claims": ("claim", "id", "One row per claim; lists of ids are joined with |."),
    "events": ("event", "id", "One row per event; `sources` is a JSON list, lists of ids are joined with |."),
    "eras": ("era", "id", "One row per era; `sources` is a JSON list, `paragraph_urls` are joined with |."),
    "articles": ("article", "slug", "One row per source article, newest first."),
    "parties": ("party", "id", "One row per party."),
    "speakers": ("speaker", "id", "One row per person quoted."),
    "topics": ("topic", "id", "One row per topic."),
    "disputes": ("dispute", None, "One row per dispute or answer: claim `from` disputes or answers claim `to`."),
}
FOREIGN_KEYS = {  # table: [(field, table it refers to)], to that table's primary key
    "claims": [("party", "parties"), ("speaker_id", "speakers"), ("article", "articles")],
    "speakers": [("party", "parties")],
    "disputes": [("from", "claims"), ("to", "claims")],
}
TYPES = {"#/$defs/count": "integer", "#/$defs/day": "date"}


def fields(record_type):
    """The record's fields in order, as its definition lists them."""
    return definitions()["$defs"][record_type]["required"]


def field_spec(record_type, name):
    """A field's definition; the date fields are defined once, in `dated`."""
    defs = definitions()["$defs"]
    spec = defs[record_type]["properties"][name]
    return defs["dated"]["properties"][name] if spec is True else spec


def field_type(record_type, name):
    """A Frictionless type for one field: integer for counts, date for ISO days, else string."""
    return TYPES.get(field_spec(record_type, name).get("$ref"), "string")


def field(record_type, name):
    described = field_spec(record_type, name).get("description")
    return {"name": name, "type": field_type(record_type, name), **({"description": described} if described else {})}


def table_schema(name):
    record_type, key, _ = TABLES[name]
    schema = {"fields": [field(record_type, name) for name in fields(record_type)], "missingValues": [""]}
    if key:
        schema["primaryKey"] = [key]
    schema["foreignKeys"] = [{"fields": [field], "reference": {"resource": other, "fields": [TABLES[other][1]]}}
                             for field, other in FOREIGN_KEYS.get(name, [])]
    return schema


def licences(licence):
    return [{"name": licence["name"], "path": licence["url"], "title": licence["title"]}]


def data_package(settings, base):
    """The Frictionless data package of every CSV (paths relative to the package's file)."""
    licence = settings["DATA_LICENSE"]
    package = {
        "name": "-".join(re.findall(r"[a-z0-9]+", settings["SITENAME"].lower())),
        "title": settings["SITENAME"],
        "description": f"{settings.get('SITESUBTITLE') or settings['SITENAME']}. {licence.get('note', '')}".strip(),
        "licenses": licences(licence),
        "resources": [{"name": name, "path": urls.CSV[name].removeprefix("data/"), "format": "csv",
                       "mediatype": "text/csv", "encoding": "utf-8", "description": TABLES[name][2],
                       "schema": table_schema(name)} for name in TABLES],
    }
    if base:
        package["homepage"] = base
    return package


def data_index(settings, base):
    """Every data file the site publishes: where, what format, its schema, its licence."""
    licence = {"name": settings["DATA_LICENSE"]["name"], "url": settings["DATA_LICENSE"]["url"]}
    package = base + urls.DATA_PACKAGE

    def entry(path, media_type, description, schema=None):
        return {"url": base + path, "mediatype": media_type, "description": description,
                "schema": schema, "license": licence}

    files = [entry(urls.DATA[name], "application/json", FILES[name][3], base + urls.schema_url(name))
             for name in urls.DATA]
    files += [entry(urls.CSV[name], "text/csv", TABLES[name][2], f"{package}#{name}") for name in urls.CSV]
    files += [
        entry(urls.FACETS, "application/json", "The names the claims page's filters show.",
              base + urls.schema_url("facets")),
        entry(urls.DATA_PACKAGE, "application/json", "The Frictionless data package of every CSV.",
              "https://specs.frictionlessdata.io/schemas/data-package.json"),
        entry(urls.DATABASE, "application/vnd.sqlite3",
              "Every table in one SQLite database, with foreign keys and full-text search: `datasette claims.db`."),
        entry(urls.DATASETTE_METADATA, "application/json",
              "Datasette's metadata for claims.db (title, licence, facets): "
              "`datasette claims.db --metadata datasette.json`."),
        entry(urls.ANNOTATIONS, "application/ld+json",
              "One W3C Web Annotation per claim, event source and era source, anchored on the quoted words.",
              "http://www.w3.org/ns/anno.jsonld"),
        entry(urls.CALENDAR, "text/calendar", "The events as an iCalendar file."),
        entry(urls.ALL_CLAIMS_FEED, "application/atom+xml", "An Atom feed of every claim, newest first."),
    ]
    return {
        "title": settings["SITENAME"],
        "description": settings.get("SITESUBTITLE") or settings["SITENAME"],
        "license": {**settings["DATA_LICENSE"]},
        "datapackage": package,
        "files": files,
        "patterns": [
            {"url": base + "{page}.json", "description": "the JSON twin of every page {page}.html",
             "mediatype": "application/json",
             "schema": base + urls.schema_url("twin"), "license": licence},
            {"url": base + urls.feed_url("party", "{id}"), "description": "an Atom feed of one party's claims",
             "mediatype": "application/atom+xml", "schema": None, "license": licence},
            {"url": base + urls.feed_url("speaker", "{id}"), "description": "an Atom feed of one speaker's claims",
             "mediatype": "application/atom+xml", "schema": None, "license": licence},
        ],
    }


def write_catalogue(settings, output_path, base, fresh=None):
    """Write the data package and the index; with `fresh`, only those for which `fresh(path)`
    is true (datafiles.py)."""
    if not fresh or fresh(urls.DATA_PACKAGE):
        write_json(os.path.join(output_path, urls.DATA_PACKAGE), data_package(settings, base))
    if not fresh or fresh(urls.DATA_INDEX):
        write_json(os.path.join(output_path, urls.DATA_INDEX), data_index(settings, base))
