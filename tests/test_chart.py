"""The timeline's drawings (chart.py): each EDTF form is drawn over the days it can mean, a
party's items on one date are one labelled cluster, eras are drawn only where given, the zoom
follows the list's headings, and the overview gives every page its window."""

from types import SimpleNamespace

import pytest

from claims_explorer.chart import MAX_TABS, OPEN, PILL_SHARE, build_chart, build_overview, fit
from claims_explorer.dates import parse_when

PARTY = SimpleNamespace(id="p", index=0, short="P", name="Party P")
OTHER = SimpleNamespace(id="q", index=1, short="Q", name="Party Q")


def claim(n, date, party=PARTY):
    when = parse_when(date)
    return SimpleNamespace(id=f"i{n}", when=when, party=party, parties=None, title=f"Claim {n}",
                           sort_key=(when.sort_key, f"i{n}"))


def event(n, date, parties):
    when = parse_when(date)
    return SimpleNamespace(id=f"e{n}", when=when, parties=parties, title=f"Event {n}", sort_key=(when.sort_key, f"e{n}"))


def era(id, date, title="An era"):
    return SimpleNamespace(id=id, when=parse_when(date), title=title)


def chart_for(*dates):
    items = sorted((claim(n, d) for n, d in enumerate(dates)), key=lambda i: i.sort_key)
    chart = build_chart(items, [PARTY])
    return {mark.item.when.edtf: mark for mark in chart.lanes[0].marks}, chart


def test_a_year_spans_its_twelve_months_and_a_day_is_a_sliver():
    marks, chart = chart_for("2018", "2018-06-15", "2018-06")
    year, day, month = marks["2018"], marks["2018-06-15"], marks["2018-06"]
    segments = chart.axis.segments
    assert year.x == pytest.approx(segments[0].x)
    assert year.x + year.width == pytest.approx(segments[-1].x + segments[-1].width)
    assert month.x <= day.x < day.x + day.width <= month.x + month.width
    assert day.width < month.width < year.width
    assert day.pill and not year.pill  # a day is drawn as a pill a finger can hit


def test_an_interval_spans_from_its_start_to_its_end_and_open_ends_are_short():
    marks, _ = chart_for("2019-02-02/2019-08-02", "2019-02-02", "2019-08-02", "../2019-02", "2019-08/..")
    period = marks["2019-02-02/2019-08-02"]
    assert period.x == pytest.approx(marks["2019-02-02"].x)
    assert period.x + period.width == pytest.approx(marks["2019-08-02"].x + marks["2019-08-02"].width)
    assert marks["../2019-02"].open_start and marks["../2019-02"].width == pytest.approx(OPEN)
    assert marks["2019-08/.."].open_end


def test_empty_years_collapse_so_dense_months_keep_their_width():
    _, chart = chart_for("1987", "2019-01-15", "2019-01-16", "2019-02")
    january = next(s for s in chart.axis.segments if (s.year, s.start.month) == (2019, 1))
    assert chart.axis.breaks, "the years 1988-2018 are collapsed into a break"
    assert january.width > 10  # % of the chart: the busiest month is not squashed by the 32-year gap


def test_overlapping_marks_stack_in_rows():
    marks, chart = chart_for("2019-01-16", "2019-01", "2019")
    assert sorted(m.row for m in marks.values()) == [0, 1, 2]
    assert chart.lanes[0].rows == 3


def test_marks_close_together_stack_rather_than_overlap_on_a_phone():
    marks, _ = chart_for("2019-01-15", "2019-01-16", "2019-01-17")
    rows = [m.row for m in marks.values()]
    assert len(set(rows)) == 3, "pills a day apart would overlap at 340 px"


def test_one_partys_items_on_one_date_are_one_labelled_cluster():
    items = [claim(n, "2018-10-31") for n in range(12)] + [claim(12, "2018-10-31", OTHER), claim(13, "2018-11-01")]
    items.sort(key=lambda i: i.sort_key)
    chart = build_chart(items, [PARTY, OTHER])
    lanes = {lane.party.id: lane for lane in chart.lanes}
    cluster = next(m for m in lanes["p"].marks if len(m.items) > 1)
    assert len(cluster.items) == 12 and cluster.label == "12 P claims · 31 October 2018"
    assert [len(m.items) for m in lanes["q"].marks] == [1]
    single = next(m for m in lanes["p"].marks if len(m.items) == 1)
    assert single.label == "Claim 13 (P claim, 1 November 2018)"


def test_an_event_of_two_parties_is_named_once_and_drawn_in_both_lanes():
    items = [event(1, "2019-08-02", [PARTY, OTHER])]
    chart = build_chart(items, [PARTY, OTHER])
    assert [lane.party.id for lane in chart.lanes] == ["p", "q"]
    assert [m.primary for m in chart.marks] == [True, False]
    assert chart.marks[0].label == "Event 1 (P, Q event, 2 August 2019)"


def test_only_the_items_given_are_drawn_and_eras_only_where_they_overlap():
    day = claim(1, "2019-03-01")
    chart = build_chart([day], [PARTY, OTHER])
    assert [lane.party.id for lane in chart.lanes] == ["p"] and not chart.bands
    assert [(s.year, s.start.month) for s in chart.axis.segments] == [(2019, 3)]  # the axis spans only what is drawn
    eras = [era("on", "2019-02-02/2019-08-02"), era("before", "1987/1988")]
    chart = build_chart([day], [PARTY], eras=eras)
    assert [band.era.id for band in chart.bands] == ["on"]
    assert chart.bands[0].x == 0 and chart.bands[0].width == pytest.approx(100)


def test_zoom_periods_are_the_lists_headings():
    items = sorted([claim(1, "198X"), claim(2, "1987"), claim(3, "2018-10-31"), claim(4, "2019-01-16")],
                   key=lambda i: i.sort_key)
    chart = build_chart(items, [PARTY])
    assert [period for period, _, _ in chart.periods] == [item.when.period for item in items] == [
        "1980s", "1987", "2018", "2019"]
    decade = chart.periods[0]
    assert decade[1] == pytest.approx(0) and decade[2] > chart.periods[1][2]  # the 1980s hold 1987


def test_labels_are_hidden_only_where_they_do_not_fit():
    assert fit("2019", 100) == ""
    assert fit("2019", 1) == "tl-hide-s tl-hide-m tl-hide-l tl-hide-x"
    assert fit("The six-month US withdrawal", 25) == "tl-hide-s tl-hide-m"  # it needs 200 px: 225 at 900


def test_axis_labels_that_would_collide_are_hidden_at_that_width_and_the_first_always_shows():
    _, chart = chart_for("1980", "1987", "1989", "1991", *[f"2018-{m:02d}-01" for m in range(1, 13)] * 3)
    years = chart.axis.years
    assert years[0].text == "1980" and years[0].fit == ""
    shown_on_a_phone = [y for y in years if "tl-hide-s" not in y.fit]
    assert len(shown_on_a_phone) < len(years)
    for a, b in zip(shown_on_a_phone, shown_on_a_phone[1:]):
        assert (b.x - a.x) * 340 / 100 >= len(a.text) * 7.2, "labels shown at 340 px do not overlap"


def test_the_overview_gives_each_page_a_window_in_order_and_groups_many_pages():
    items = sorted([claim(n, f"2019-01-{n + 1:02d}") for n in range(20)] + [claim(99, "1987")], key=lambda i: i.sort_key)
    pages = [(n + 1, f"p{n + 1}.html", items[n * 3:n * 3 + 3]) for n in range(7)]
    overview = build_overview(pages)
    assert [w.name for w in overview.windows] == [str(n) for n in range(1, 8)]
    assert overview.window_of(3).url == "p3.html" and overview.count == len(items)
    starts = [w.x for w in overview.windows]
    assert starts == sorted(starts) and overview.windows[0].x == 0
    assert overview.windows[0].label.startswith("Timeline page 1: 1987 to ")
    many = build_overview([(n, f"p{n}.html", [claim(n, "2019-01-01")]) for n in range(1, 101)])
    size = -(-100 // MAX_TABS)
    assert len(many.windows) <= MAX_TABS and many.windows[0].name == f"1–{size}"
    assert many.window_of(size + 1) is many.windows[1] and many.windows[-1].last == 100
    assert min(w.tab_width for w in many.windows) >= PILL_SHARE  # a tab a finger can hit on a phone


def test_an_empty_timeline_has_an_empty_overview():
    assert build_overview([]).count == 0


def test_a_page_tab_names_its_dates_no_more_precisely_than_they_are_known():
    def span(*dates):
        items = sorted((claim(n, d) for n, d in enumerate(dates)), key=lambda i: i.sort_key)
        return build_overview([(1, "p1.html", items)]).windows[0].span

    assert span("198X", "2018-11-01") == "1980s–Nov 2018"
    assert span("2019-01-16", "2019-08-02") == "Jan–Aug 2019"
    assert span("2014", "2019") == "2014–2019"
    assert span("2019-07?", "2019-07-20") == "Jul 2019"
    assert span("2018-10-31", "2018") == "2018"
    assert span("2019", "2019") == "2019"
    assert span("198X", "198X") == "1980s"


def test_the_overview_strip_is_drawn_once_for_each_window_it_marks_and_each_site_url():
    items = sorted((claim(n, f"2019-01-{n + 1:02d}") for n in range(9)), key=lambda i: i.sort_key)
    overview = build_overview([(n + 1, f"p{n + 1}.html", items[n * 3:n * 3 + 3]) for n in range(3)])
    drawn = []

    def strip(ov, here, current, siteurl):
        drawn.append((here and here.first, current, siteurl))
        return f"{here and here.name}|{current}|{siteurl}"
    strip.name = "strip"
    pages = [(1, "."), (2, "../.."), (3, "../.."), (2, "../.."), (1, "."), (3, "../..")]
    shown = [overview.drawn(strip, overview.window_of(n), "page", siteurl=url) for n, url in pages]
    assert shown == [f"{n}|page|{url}" for n, url in pages]  # each page its own window and links
    assert drawn == [(1, "page", "."), (2, "page", "../.."), (3, "page", "../..")]  # then reused
    assert overview.drawn(strip, None, "true", siteurl=".") == "None|true|."  # the home page marks none
    assert overview.drawn(strip, overview.window_of(1), "page", siteurl="..") == "1|page|.."
    assert len(drawn) == 5
