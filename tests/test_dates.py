"""EDTF dates: parsed, shown in words at their precision, sorted by earliest day."""

import datetime

import pytest

from claims_explorer.dates import DateError, parse_when

D = datetime.date


@pytest.mark.parametrize("edtf, words, earliest, latest, precision", [
    ("1987", "1987", D(1987, 1, 1), D(1987, 12, 31), "year"),
    ("2018-10", "October 2018", D(2018, 10, 1), D(2018, 10, 31), "month"),
    ("2019-01-16", "16 January 2019", D(2019, 1, 16), D(2019, 1, 16), "day"),
    ("2019-02", "February 2019", D(2019, 2, 1), D(2019, 2, 28), "month"),
    ("198X", "the 1980s", D(1980, 1, 1), D(1989, 12, 31), "decade"),
    ("2019-07?", "July 2019, uncertain", D(2019, 7, 1), D(2019, 7, 31), "month"),
    ("2018~", "2018, approximate", D(2018, 1, 1), D(2018, 12, 31), "year"),
    ("2019-02-02/2019-08-02", "2 February – 2 August 2019", D(2019, 2, 2), D(2019, 8, 2), "interval"),
    ("2018-10-31/2019-01", "31 October 2018 – January 2019", D(2018, 10, 31), D(2019, 1, 31), "interval"),
    ("../2019-02", "on or before February 2019", None, D(2019, 2, 28), "interval"),
    ("1987/..", "on or after 1987", D(1987, 1, 1), None, "interval"),
])
def test_each_form_is_shown_at_its_precision(edtf, words, earliest, latest, precision):
    when = parse_when(edtf)
    assert (when.words, when.earliest, when.latest, when.precision) == (words, earliest, latest, precision)


@pytest.mark.parametrize("edtf, message", [
    ("2019-02-30", "'2019-02-30' is not a valid EDTF date"),
    ("16 January 2019", "'16 January 2019' is not a valid EDTF date"),
    ("2019-08-02/2019-02-02", "'2019-08-02/2019-02-02' ends before it starts"),
    ("../..", "'../..' is open at both ends"),
])
def test_impossible_dates_are_rejected(edtf, message):
    with pytest.raises(DateError, match=message):
        parse_when(edtf)


def test_mixed_precisions_sort_by_earliest_day():
    dates = ["2019-01-16", "1987", "2018-10", "../2018-11-01", "2018-10-31", "198X", "2019"]
    ordered = sorted(dates, key=lambda d: parse_when(d).sort_key)
    assert ordered == ["198X", "1987", "2018-10", "2018-10-31", "../2018-11-01", "2019", "2019-01-16"]


@pytest.mark.parametrize("text", [
    "2019", "0000", "2019-02", "2019-00", "2019-13", "2019-02-28", "2019-02-29", "2020-02-29",
    "2019-04-31", "2019-12-31", "2019-12-32", "2019-1", "2019-02-2", "2018-10/2019-02-02",
    "2019-02-30/2019-03", "2019-02-02/2019-02-30", "2019-07?", "2019~", "2019-02-29?", "2019-02-28%",
    "2019-07??", "2019?-07", "../2019-02-02", "2018-11/..", "../..", "2019-02-30/..", "../2019-02?",
    "2018-11~/2019-02-02?", "/2019", "2019/", "..", "", "2019-13?",
])
def test_plain_dates_are_judged_as_the_edtf_parser_judges_them(text):
    """Plain ISO dates (perhaps qualified) skip the slow edtf parser: what it refuses must
    still be refused as not EDTF, and what it takes must never be called not EDTF (the site
    may still refuse it for its own reasons, such as open at both ends)."""
    import edtf

    try:
        edtf.parse_edtf(text)
        valid = True
    except Exception:
        valid = False
    try:
        parse_when(text)
        verdict = "accepted"
    except DateError as error:
        verdict = "not EDTF" if "is not a valid EDTF date" in str(error) else "refused"
    assert (verdict == "not EDTF") == (not valid), verdict
