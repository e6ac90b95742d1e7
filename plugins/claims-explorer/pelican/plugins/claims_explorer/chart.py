"""The timeline's proportional chart: one lane per party, every item drawn over the days its
date can mean, on a broken axis so the long empty years between 1987 and 2018 do not
squash the months that are full.

Months in which an item starts or ends get a share of the width that grows with how many
items they hold; runs of empty months collapse into a narrow break. An open end ("on or
before February 2019") is drawn as a short mark fading towards the open side. Positions are computed here, drawn by the
template as SVG (presentation attributes, so the page's CSP needs no inline styles).
Each timeline page draws its own items over its own span, so a page of a few weeks is not
squashed by the decades the whole timeline covers.
"""

import datetime
from dataclasses import dataclass, field

WIDTH = 1000.0  # the SVG's user units
BREAK = 14.0  # width of a collapsed run of empty months
OPEN = 24.0  # length of a mark with an open start or end
ROW = 14.0  # height of one row of marks in a lane
MIN_MARK = 4.0  # narrowest mark, so a single day stays visible
ERA_DAYS = 60  # an event spanning more days than this is drawn as a shaded era


@dataclass
class Segment:
    month: tuple  # (year, month)
    x: float
    width: float
    first_of_year: bool

    @property
    def year(self):
        return self.month[0]

    @property
    def label(self):
        return datetime.date(*self.month, 1).strftime("%b")


@dataclass
class Mark:
    item: object
    x: float
    width: float
    row: int
    open_start: bool
    open_end: bool


@dataclass
class Lane:
    party: object
    marks: list = field(default_factory=list)
    rows: int = 1


@dataclass
class Chart:
    segments: list
    breaks: list  # x of each collapsed gap
    lanes: list
    eras: list  # (event, x, width)

    @property
    def years(self):
        """{year: [x from, x to]} of the axis, for zooming into one year."""
        spans = {}
        for segment in self.segments:
            start, _ = spans.get(segment.year, (segment.x, 0))
            spans[segment.year] = [round(start, 1), round(segment.x + segment.width, 1)]
        return spans

    @property
    def height(self):
        return sum(lane.rows for lane in self.lanes) * ROW + len(self.lanes) * 8


def build_chart(items, parties):
    """The chart of `items` (claims and events in timeline order), one lane for each of
    `parties` that has a mark; events spanning more than ERA_DAYS also shade the chart."""
    if not items:
        return Chart([], [], [], [])
    segments, breaks = _axis(items)
    axis = _Axis(segments, breaks)
    lanes = {party.id: Lane(party) for party in parties}
    for item in items:
        for party in _parties(item):
            lanes[party.id].marks.append(_mark(axis, item))
    for lane in lanes.values():
        lane.rows = _stack(lane.marks)
    eras = [(item, *_span(axis, item.when)) for item in items if _is_event(item) and _is_era(item.when)]
    return Chart(segments, breaks, [lane for lane in lanes.values() if lane.marks], eras)


def _is_event(item):
    """Events name their parties; a claim has one party."""
    return bool(getattr(item, "parties", None))


def _parties(item):
    return item.parties if _is_event(item) else [item.party]


def _axis(items):
    """Segments for the months where items start or end, widths by their share of items."""
    counts = {}
    for item in items:
        for month in _months(item.when):
            counts[month] = counts.get(month, 0) + 1
    months = sorted(counts)
    follows = [_next(a) == b for a, b in zip(months, months[1:])]
    weights = {month: 1 + counts[month] ** 0.5 for month in months}
    unit = (WIDTH - follows.count(False) * BREAK) / sum(weights.values())
    segments, breaks, x = [], [], 0.0
    for i, month in enumerate(months):
        if i and not follows[i - 1]:
            breaks.append(x)
            x += BREAK
        first = i == 0 or months[i - 1][0] != month[0]
        segments.append(Segment(month, x, weights[month] * unit, first))
        x += weights[month] * unit
    return segments, breaks


def _months(when):
    return {(d.year, d.month) for d in (when.earliest, when.latest) if d}


def _next(month):
    year, number = month
    return (year + 1, 1) if number == 12 else (year, number + 1)


class _Axis:
    def __init__(self, segments, breaks):
        self.segments = segments
        self.by_month = {s.month: s for s in segments}

    def x(self, day, end=False):
        """x of a day; a day in a collapsed gap sits at the edge of the next segment."""
        segment = self.by_month.get((day.year, day.month))
        if segment is None:
            later = [s for s in self.segments if s.month > (day.year, day.month)]
            return later[0].x if later else self.segments[-1].x + self.segments[-1].width
        start = datetime.date(day.year, day.month, 1)
        length = (datetime.date(*_next(segment.month), 1) - start).days
        offset = (day - start).days + (1 if end else 0)
        return segment.x + segment.width * offset / length


def _span(axis, when):
    last = axis.x(when.latest, end=True) if when.latest else None
    first = axis.x(when.earliest) if when.earliest else last - OPEN
    if last is None:
        last = min(first + OPEN, WIDTH)
    return first, max(last - first, MIN_MARK)


def _mark(axis, item):
    x, width = _span(axis, item.when)
    return Mark(item, x, width, 0, item.when.earliest is None, item.when.latest is None)


def _stack(marks):
    """Give each mark the first row where it overlaps nothing; return the number of rows."""
    ends = []
    for mark in sorted(marks, key=lambda m: (m.x, -m.width)):
        row = next((i for i, end in enumerate(ends) if end + 1 <= mark.x), len(ends))
        if row == len(ends):
            ends.append(0.0)
        ends[row] = mark.x + mark.width
        mark.row = row
    return max(len(ends), 1)


def _is_era(when):
    return bool(when.is_interval and when.earliest and when.latest and (when.latest - when.earliest).days > ERA_DAYS)
