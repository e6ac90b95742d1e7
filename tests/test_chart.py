"""Timeline placement: each EDTF form is drawn over the days it can mean."""

from types import SimpleNamespace

import pytest

from claims_explorer.chart import OPEN, build_chart
from claims_explorer.dates import parse_when

PARTY = SimpleNamespace(id="p", index=0)


def chart_for(*dates):
    items = [SimpleNamespace(id=f"i{n}", when=parse_when(d), party=PARTY, parties=None) for n, d in enumerate(dates)]
    chart = build_chart(items, [PARTY])
    return {mark.item.when.edtf: mark for mark in chart.lanes[0].marks}, chart


def test_a_year_spans_its_twelve_months_and_a_day_is_a_sliver():
    marks, chart = chart_for("2018", "2018-06-15", "2018-06")
    year, day, month = marks["2018"], marks["2018-06-15"], marks["2018-06"]
    assert year.x == pytest.approx(chart.segments[0].x)
    assert year.x + year.width == pytest.approx(chart.segments[-1].x + chart.segments[-1].width)
    assert month.x <= day.x < day.x + day.width <= month.x + month.width
    assert day.width < month.width < year.width


def test_an_interval_spans_from_its_start_to_its_end_and_open_ends_are_short():
    marks, _ = chart_for("2019-02-02/2019-08-02", "2019-02-02", "2019-08-02", "../2019-02", "2019-08/..")
    period = marks["2019-02-02/2019-08-02"]
    assert period.x == pytest.approx(marks["2019-02-02"].x)
    assert period.x + period.width == pytest.approx(marks["2019-08-02"].x + marks["2019-08-02"].width)
    assert marks["../2019-02"].open_start and marks["../2019-02"].width == pytest.approx(OPEN)
    assert marks["2019-08/.."].open_end


def test_empty_years_collapse_so_dense_months_keep_their_width():
    _, chart = chart_for("1987", "2019-01-15", "2019-01-16", "2019-02")
    january = next(s for s in chart.segments if s.month == (2019, 1))
    assert chart.breaks, "the years 1988-2018 are collapsed into a break"
    assert january.width > 100  # of 1000: the busiest month is not squashed by the 32-year gap


def test_overlapping_marks_stack_in_rows():
    marks, chart = chart_for("2019-01-16", "2019-01", "2019")
    assert sorted(m.row for m in marks.values()) == [0, 1, 2]
    assert chart.lanes[0].rows == 3


def test_only_the_items_given_are_drawn_and_only_their_events_shade_eras():
    era = SimpleNamespace(id="era", when=parse_when("2019-02-02/2019-08-02"), parties=[PARTY])
    day = SimpleNamespace(id="day", when=parse_when("2019-03-01"), party=PARTY, parties=None)
    chart = build_chart([day], [PARTY, SimpleNamespace(id="q", index=1)])
    assert [lane.party.id for lane in chart.lanes] == ["p"] and not chart.eras
    assert [s.month for s in chart.segments] == [(2019, 3)]  # the axis spans only what is drawn
    chart = build_chart([era, day], [PARTY])
    assert [e.id for e, _, _ in chart.eras] == ["era"]
