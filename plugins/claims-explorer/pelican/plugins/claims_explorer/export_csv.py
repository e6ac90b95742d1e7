"""data/*.csv: the JSON records as spreadsheet rows, and the disputes as rows to join on.

The same records, in the same order and with the same field names, as data/*.json
(export.py), so a researcher can move between the two without a mapping. A CSV cell is
flat: a list of ids or URLs is joined with "|" (neither ever contains one), null is an empty
cell, and the one list of objects, an event's `sources`, is its JSON text.

A cell a spreadsheet would read as a formula (one starting with =, +, -, @, a tab or a
carriage return) is neutralised as OWASP recommends, with a leading apostrophe, which
spreadsheets hide; so is a cell that starts with an apostrophe already, so that a reader
gets every value back by dropping one leading apostrophe. The raw values are in the JSON
files and the database.
"""

import csv
import json
import os

from . import urls
from .catalogue import TABLES, fields

SEPARATOR = "|"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def write_csv(records, output_path, fresh=None):
    """Write one CSV per table of `records` (export.tables plus `disputes`), RFC 4180; with
    `fresh`, only those for which `fresh(path)` is true (datafiles.py)."""
    for name, path in urls.CSV.items():
        if not fresh or fresh(path):
            write_rows(os.path.join(output_path, path), records[name], fields(TABLES[name][0]))


def write_rows(path, records, header):
    """The header (the record type's fields), then one row per record."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(row(record, header) for record in records)


def row(record, header):
    """The record's cells in the header's order, as csv.DictWriter would write them (an
    empty cell for a missing key, an error for a key the header lacks), in a third of its time."""
    extra = record.keys() - header
    if extra:
        raise ValueError(f"dict contains fields not in fieldnames: {', '.join(map(repr, extra))}")
    return [cell(record[key]) if key in record else "" for key in header]


def cell(value):
    """A JSON value as one CSV cell, safe to open in a spreadsheet."""
    if type(value) is str:  # most cells: as below, sooner
        return f"'{value}" if value.startswith(FORMULA_STARTS) else value
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return neutralise(SEPARATOR.join(value))
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return neutralise(value) if isinstance(value, str) else value


def neutralise(text):
    """`text`, with an apostrophe in front if a spreadsheet could take it for a formula."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def restore(text):
    """A cell's text as it was before `neutralise` (for readers; the tests use it)."""
    return text[1:] if text.startswith("'") else text
