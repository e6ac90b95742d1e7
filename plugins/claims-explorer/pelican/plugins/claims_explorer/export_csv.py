"""data/claims.csv and data/events.csv: the JSON records as spreadsheet rows.

The same records, in the same order and with the same field names, as data/claims.json and
data/events.json (export.py), so a researcher can move between the two without a mapping.
A CSV cell is flat: a list of ids or URLs is joined with "|" (neither ever contains one),
null is an empty cell, and the one list of objects, an event's `sources`, is its JSON text.
"""

import csv
import json
import os

from . import urls
from .export import tables

SEPARATOR = "|"


def write_csv(corpus, output_path):
    """Write data/claims.csv and data/events.csv with the standard csv module (RFC 4180)."""
    records = tables(corpus)
    for name, path in urls.CSV.items():
        write_rows(os.path.join(output_path, path), records[name])


def write_rows(path, records):
    """A header of the records' keys, then one row per record; an empty table is an empty file."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as out:
        if records:
            writer = csv.DictWriter(out, fieldnames=list(records[0]))
            writer.writeheader()
            writer.writerows({key: cell(value) for key, value in record.items()} for record in records)


def cell(value):
    """A JSON value as one CSV cell."""
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return SEPARATOR.join(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value
