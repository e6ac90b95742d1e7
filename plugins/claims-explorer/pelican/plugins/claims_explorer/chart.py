"""The timeline's drawings: an overview strip of the whole corpus (every timeline page and the
home page) and the detail chart of one timeline page, one lane per party.

Both lie on a broken axis, so the empty years between 1987 and 2018 do not squash the months
that are full: bins (months, or years when a corpus spans too many months) in which an item
starts or ends get a share of the width that grows with how many items they hold; runs of
empty bins collapse into a narrow break.

Positions are percentages of the chart's width and heights are pixels, so the template
draws SVG without a viewBox: marks stretch with the screen while text keeps its size (no
12 px label shrinks to 3 px on a phone). Labels that would collide at a narrow width carry
a class saying the width they need (`fit`), and the stylesheet hides them below it.
Positions are computed here, drawn by the templates as presentation attributes, so the
page's CSP needs no inline styles.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby

BREAK = 1.2  # % width of a collapsed run of empty bins
OPEN = 3.0  # % length of a mark whose start or end is open
PILL = 24  # px: the smallest mark, a target a pointer or finger can hit (WCAG 2.5.8)
NARROWEST = 340  # px: the chart's width on a 375 px phone
PILL_SHARE = PILL * 100 / NARROWEST  # % of the chart a pill takes at its narrowest
GAP = 0.6  # % kept between marks in one row
ROW = 28  # px per row of marks
LANE_HEAD = 20  # px for a lane's party name above its rows
AXIS = 34  # px for the year and month labels
ERA_ROW = 24  # px per row of eras
MAX_MONTHS = 60  # an axis with more busy months than this bins by year
MAX_TABS = 14  # the overview links at most this many page windows (a 24 px tab each at 340 px); more pages are grouped
CHAR = 7.2  # px per character of a 12 px label, generously
# Widths the chart is drawn at (px): each range from one to the next hides its own labels.
WIDTHS = ((NARROWEST, "s"), (600, "m"), (900, "l"), (1120, "x"))


def need(text):
    """px a label of `text` takes, with a little space after it."""
    return len(text) * CHAR + 10


def hiding(hidden):
    """The classes that hide a label in each range of widths (letters of WIDTHS) it does not fit."""
    return " ".join(f"tl-hide-{letter}" for _, letter in WIDTHS if letter in hidden)


def fit(text, room):
    """The classes hiding a label of `text` wherever `room` (% of the chart) is too narrow for it."""
    return hiding({letter for width, letter in WIDTHS if room * width / 100 < need(text)})


# -- the axis


@dataclass
class Segment:
    start: datetime.date
    end: datetime.date  # the day after the bin
    x: float
    width: float
    count: int
    by_year: bool

    @property
    def year(self):
        return self.start.year

    @property
    def label(self):
        return str(self.year) if self.by_year else self.start.strftime("%b")


@dataclass
class Label:
    text: str
    x: float
    room: float  # % of the chart before the next label
    hidden: set = field(default_factory=set)  # letters of the WIDTHS it is hidden at

    @property
    def fit(self):
        return hiding(self.hidden)


def _labels(texts):
    """Labels at (text, x), each hidden at the widths where it would run into the one shown
    before it or off the chart: the first always shows, so a reader sees where the axis starts."""
    labels = [Label(text, x, (texts[i + 1][1] if i + 1 < len(texts) else 100) - x) for i, (text, x) in enumerate(texts)]
    for width, letter in WIDTHS:
        end = None
        for label in labels:
            start = label.x * width / 100
            if end is None or (start >= end and start + need(label.text) <= width + 6):
                end = start + need(label.text)
            else:
                label.hidden.add(letter)
    return labels


class Axis:
    """Bins where `whens` start or end, widths by their share of items, empty runs broken."""

    def __init__(self, whens, steep=False):
        months = _count(whens, _month)
        self.by_year = len(months) > MAX_MONTHS
        counts = _count(whens, _year) if self.by_year else months
        starts = sorted(counts)
        ends = [self.after(start) for start in starts]
        follows = [end == start for end, start in zip(ends, starts[1:])]
        # the overview is steeper: a story of a few old items and many recent ones gives the
        # recent months most of the width
        weights = [(0.4 + counts[start] ** 0.8) if steep else (1 + counts[start] ** 0.5) for start in starts]
        unit = (100 - follows.count(False) * BREAK) / sum(weights) if starts else 0
        self.segments, self.breaks, x = [], [], 0.0
        for i, start in enumerate(starts):
            if i and not follows[i - 1]:
                self.breaks.append(x + BREAK / 2)
                x += BREAK
            self.segments.append(Segment(start, ends[i], x, weights[i] * unit, counts[start], self.by_year))
            x += weights[i] * unit

    def after(self, start):
        if self.by_year:
            return datetime.date(start.year + 1, 1, 1)
        return datetime.date(start.year + start.month // 12, start.month % 12 + 1, 1)

    def x(self, day, end=False):
        """% of a day (its end with `end`); a day in a break sits at the next bin's edge."""
        for segment in self.segments:
            if day < segment.start:
                return segment.x
            if day < segment.end:
                offset = (day - segment.start).days + (1 if end else 0)
                return segment.x + segment.width * offset / (segment.end - segment.start).days
        return 100.0

    def span(self, first, last):
        """(x, width) from the start of day `first` to the end of day `last`."""
        x = self.x(first)
        return x, max(self.x(last, end=True) - x, 0.0)

    def when(self, when):
        """(x, width) of the days a date can mean; an open side is OPEN long."""
        if when.earliest and when.latest:
            return self.span(when.earliest, when.latest)
        if when.earliest:
            x = self.x(when.earliest)
            return x, min(OPEN, 100 - x)
        last = self.x(when.latest, end=True)
        return max(last - OPEN, 0.0), min(OPEN, last)

    @property
    def years(self):
        """A label for each year, where its first bin starts."""
        firsts = [s for i, s in enumerate(self.segments) if i == 0 or self.segments[i - 1].year != s.year]
        return _labels([(str(s.year), s.x) for s in firsts])

    @property
    def months(self):
        if self.by_year:
            return []
        return _labels([(s.label, s.x) for s in self.segments])


def _month(day):
    return datetime.date(day.year, day.month, 1)


def _year(day):
    return datetime.date(day.year, 1, 1)


def _count(whens, bin_of):
    counts = {}
    for when in whens:
        for start in {bin_of(d) for d in (when.earliest, when.latest) if d}:
            counts[start] = counts.get(start, 0) + 1
    return counts


def _first_day(when):
    return when.earliest or when.latest


def _last_day(when):
    return when.latest or when.earliest


# -- the detail chart of one timeline page


@dataclass
class Mark:
    """One item, or a cluster of one party's items on the same date, in a party's lane."""

    items: list
    party: object
    x: float
    width: float
    row: int = 0
    y: int = 0
    primary: bool = True  # False in the second lane of an event with several parties

    @property
    def item(self):
        return self.items[0]

    @property
    def when(self):
        return self.item.when

    @property
    def is_event(self):
        return all(_is_event(item) for item in self.items)

    @property
    def pill(self):
        """Drawn PILL px wide: a day, or a span too narrow to hit on a phone."""
        return self.width < PILL_SHARE

    @property
    def right(self):
        """A pill near the right edge grows leftwards, so it stays inside the chart."""
        return self.pill and self.x + PILL_SHARE > 100

    @property
    def end(self):
        return self.x + max(self.width, PILL_SHARE)

    @property
    def open_start(self):
        return self.when.earliest is None

    @property
    def open_end(self):
        return self.when.latest is None

    @property
    def noun(self):
        noun = "event" if self.is_event else "claim"
        return noun if len(self.items) == 1 else f"{noun}s"

    @property
    def label(self):
        """Its accessible name: what, whose and when, in words."""
        if len(self.items) > 1:
            return f"{len(self.items)} {self.party.short} {self.noun} · {self.when.words}"
        parties = ", ".join(p.short for p in _parties(self.item))
        return f"{self.item.title} ({parties} {self.noun}, {self.when.words})"


@dataclass
class Lane:
    party: object
    marks: list = field(default_factory=list)
    rows: int = 1
    y: int = 0


@dataclass
class Band:
    """An era over the part of the axis it covers."""

    era: object
    x: float
    width: float
    row: int = 0
    y: int = 0
    before: float = 0.0  # % free before it in its row (from the end of the band before, or 0)
    after: float = 100.0  # where the next band in its row starts, or 100

    @property
    def inside(self):
        """Its name fits inside the band at the widest chart."""
        return self.width * WIDTHS[-1][0] / 100 >= need(self.era.title)

    @property
    def room(self):
        """% its name may take: inside the band when it fits there at the widest chart;
        else, whichever is wider, the free space before its end or after its start."""
        if self.inside:
            return self.width
        return max(self.x + self.width - self.before, self.after - self.x)

    @property
    def anchor(self):
        """"end" when the name ends at the band's end and runs back over the space before it."""
        return "end" if not self.inside and self.x + self.width - self.before > self.after - self.x else "start"

    @property
    def label_x(self):
        """% where the room for its name starts; the name is clipped to that room."""
        return self.x + self.width - self.room if self.anchor == "end" else self.x


@dataclass
class Chart:
    axis: Axis
    lanes: list
    bands: list
    periods: list  # (heading, x, width): what the zoom buttons show, as the list's headings
    height: int = 0

    @property
    def marks(self):
        """Every mark in date order, the order a keyboard and a screen reader meet them."""
        return sorted((m for lane in self.lanes for m in lane.marks), key=lambda m: (m.item.sort_key, m.party.index))

    @property
    def era_rows(self):
        return max((band.row for band in self.bands), default=-1) + 1


def build_chart(items, parties, eras=()):
    """The chart of `items` (claims and events in timeline order): one lane for each of
    `parties` that has a mark, a party's items on one date clustered into one mark, and
    the `eras` that overlap the page's span."""
    axis = Axis([item.when for item in items])
    lanes = {party.id: Lane(party) for party in parties}
    for (party, *_), run in groupby(_by_lane(items), key=_cluster_key):
        cluster = [item for _, item in run]
        x, width = axis.when(cluster[0].when)
        lanes[party.id].marks.append(Mark(cluster, party, x, width, primary=_parties(cluster[0])[0] is party))
    drawn = [lane for lane in lanes.values() if lane.marks]
    for lane in drawn:
        lane.rows = _stack(lane.marks, lambda m: m.x, lambda m: m.end)
    bands = _bands(axis, items, eras)
    chart = Chart(axis, drawn, bands, _periods(axis, items))
    _place(chart)
    return chart


def _by_lane(items):
    """(party, item) for every lane an item is drawn in, sorted so that a cluster is one run."""
    pairs = [(party, item) for item in items for party in _parties(item)]
    return sorted(pairs, key=lambda pair: (pair[0].index, *_cluster_key(pair)[1:], pair[1].sort_key))


def _cluster_key(pair):
    """Items cluster when they share a lane, a written date and a kind; an event is named in
    its first party's lane and repeated silently in the others, so those never mix."""
    party, item = pair
    return (party, not _is_event(item), _parties(item)[0] is not party, item.when.sort_key, item.when.edtf)


def _bands(axis, items, eras):
    if not items:
        return []
    first = min(_first_day(item.when) for item in items)
    last = max(_last_day(item.when) for item in items)
    bands = [Band(era, *axis.span(era.when.earliest, era.when.latest)) for era in eras
             if era.when.earliest <= last and era.when.latest >= first]
    _stack(bands, lambda b: b.x, lambda b: b.x + b.width)
    ends, previous = {}, {}
    for band in sorted(bands, key=lambda b: b.x):
        band.before = ends.get(band.row, 0.0)
        ends[band.row] = band.x + band.width
        if band.row in previous:
            previous[band.row].after = band.x
        previous[band.row] = band
    return bands


def _periods(axis, items):
    """The page's headings (years, or decades as "1980s") and the part of the axis each
    covers: its calendar span, as far as the page's axis reaches."""
    periods = []
    for period, run in groupby(items, key=lambda item: item.when.period):
        precision = next(run).when.start
        first = int(period[:4])
        years = {"decade": 9, "century": 99}.get(precision.precision if precision else "", 0)
        x, width = axis.span(datetime.date(first, 1, 1), datetime.date(first + years, 12, 31))
        periods.append((period, round(x, 2), round(max(width, 0.5), 2)))
    return periods


def _place(chart):
    """y of every row, top to bottom: axis, eras, then each lane's name and rows."""
    for band in chart.bands:
        band.y = AXIS + band.row * ERA_ROW
    y = AXIS + chart.era_rows * ERA_ROW
    for lane in chart.lanes:
        lane.y = y
        for mark in lane.marks:
            mark.y = y + LANE_HEAD + mark.row * ROW
        y += LANE_HEAD + lane.rows * ROW + 6
    chart.height = y


def _is_event(item):
    """Events name their parties; a claim has one party."""
    return bool(getattr(item, "parties", None))


def _parties(item):
    return item.parties if _is_event(item) else [item.party]


def _stack(things, start, end):
    """Give each thing the first row where it overlaps nothing; return the number of rows."""
    ends = []
    for thing in sorted(things, key=lambda t: (start(t), -end(t))):
        row = next((i for i, last in enumerate(ends) if last + GAP <= start(thing)), len(ends))
        if row == len(ends):
            ends.append(0.0)
        ends[row] = end(thing)
        thing.row = row
    return max(len(ends), 1)


# -- the overview of the whole corpus


@dataclass
class Window:
    """One timeline page (or a run of pages) on the overview: its span and its tab. Built once
    a build and drawn on every timeline page, so what it says is worked out once (cached)."""

    first: int  # page numbers
    last: int
    url: str
    items: list
    x: float
    width: float
    tab_x: float = 0.0
    tab_width: float = 0.0

    @cached_property
    def name(self):
        return str(self.first) if self.first == self.last else f"{self.first}–{self.last}"

    @cached_property
    def label(self):
        pages = "page" if self.first == self.last else "pages"
        last = max(self.items, key=lambda i: _last_day(i.when))
        return f"Timeline {pages} {self.name}: {self.items[0].when.words} to {last.when.words}, {len(self.items)} items"

    @cached_property
    def span(self):
        """Its dates, as short as their precision allows: "1980s–2018", "Jan–Aug 2019"."""
        last = max(self.items, key=lambda i: _last_day(i.when)).when
        first, end = _short(self.items[0].when.start or self.items[0].when.end), _short(last.end or last.start)
        if first[-4:] == end[-4:] and first[:3].isalpha() and end[:3].isalpha():  # two months of one year
            return first if first == end else f"{first[:-5]}–{end}"
        if first[-4:] == end[-4:] and first[-4:].isdigit():  # one year, known to the month at one end only
            return first[-4:]
        return first if first == end else f"{first}–{end}"

    @cached_property
    def long_name(self):
        return f"{self.name} · {self.span}"

    @cached_property
    def fit(self):
        """Classes of its long name (number and dates), shown where the tab has room for it."""
        return fit(self.long_name, self.tab_width)

    @cached_property
    def short_fit(self):
        """Classes of its number alone, shown wherever its long name is not."""
        long_hidden = set(fit(self.long_name, self.tab_width).replace("tl-hide-", "").split())
        return hiding({letter for _, letter in WIDTHS} - long_hidden)

    def holds(self, number):
        return self.first <= number <= self.last


@dataclass
class Overview:
    axis: Axis
    windows: list
    bands: list
    count: int
    bars: list = field(default_factory=list)  # (x, width, height px)
    drawings: dict = field(default_factory=dict, repr=False, compare=False)  # `drawn`'s markup

    BAR_TOP = 8  # px above the tallest bar
    BARS = 34  # px of the tallest bar

    @property
    def era_rows(self):
        return max((band.row for band in self.bands), default=-1) + 1

    @property
    def bars_y(self):
        return self.era_rows * ERA_ROW + self.BAR_TOP

    @property
    def axis_y(self):
        return self.bars_y + self.BARS

    @property
    def tabs_y(self):
        return self.axis_y + 40

    @property
    def height(self):
        return self.tabs_y + PILL + 2

    @cached_property
    def span_words(self):
        """(the first date, the last date) of the timeline, in words, as the page notes say them."""
        items = [item for window in self.windows for item in window.items]
        return items[0].when.words, max(items, key=lambda i: _last_day(i.when)).when.words

    def window_of(self, number):
        return next((w for w in self.windows if w.holds(number)), None)

    def drawn(self, draw, here, *args, **kwargs):
        """`draw(self, here, …)` (a template's macro), made once for each window marked and
        each set of other arguments and then reused: the strip is on every timeline page,
        the same on all but for the window it marks and the page's SITEURL."""
        key = (draw.name, here.first if here else None, args, tuple(sorted(kwargs.items())))
        if key not in self.drawings:
            self.drawings[key] = draw(self, here, *args, **kwargs)
        return self.drawings[key]


def build_overview(pages, eras=()):
    """The overview of the whole timeline: how many items fall in each bin, the eras, and
    the window of every page ([(number, url, items)]) with a tab that links to it."""
    items = [item for _, _, page_items in pages for item in page_items]
    if not items:
        return Overview(Axis([]), [], [], 0)
    axis = Axis([item.when for item in items], steep=True)
    peak = max((s.count for s in axis.segments), default=1)
    bars = [(s.x, s.width, round(4 + (Overview.BARS - 4) * (s.count / peak) ** 0.5)) for s in axis.segments]
    windows = [_window(axis, group) for group in _groups(pages)]
    for i, window in enumerate(windows):
        window.tab_x, window.tab_width = 100 * i / len(windows), 100 / len(windows)
    return Overview(axis, windows, _bands(axis, items, eras), len(items), bars)


def _groups(pages):
    """Runs of consecutive pages, at most MAX_TABS of them."""
    size = -(-len(pages) // MAX_TABS)
    return [pages[i:i + size] for i in range(0, len(pages), size)]


def _window(axis, group):
    items = [item for _, _, page_items in group for item in page_items]
    x, width = axis.span(min(_first_day(i.when) for i in items), max(_last_day(i.when) for i in items))
    return Window(group[0][0], group[-1][0], group[0][1], items, x, width)


def _short(point):
    """A point of a date in a few characters: "Oct 2018" for a day or month, else its year or
    decade ("2014", "1980s"): never more precise than the date."""
    if point.precision in ("day", "month"):
        return f"{point.earliest:%b %Y}"
    return point.words().removeprefix("the ").split(",")[0]
