"""Dates that say how sure they are, written in EDTF (Library of Congress, level 1).

One `When` per date in the corpus: it keeps the EDTF string as written, knows the earliest
and latest day it can mean, sorts by the earliest, and says itself in words at its own
precision ("1987", "October 2018", "July 2019, uncertain", "2 February – 2 August 2019").
"""

import calendar
import datetime
import functools
import re
from dataclasses import dataclass

ACCEPTED_FORMS = (
    "accepted forms: 2019, 2019-02, 2019-02-02, 2019-07? (uncertain), 2018~ (approximate), "
    "198X (a decade), 2019-02-02/2019-08-02 (an interval), ../2019-02 (on or before), "
    "2018-11/.. (on or after)"
)
QUALIFIERS = {"?": "uncertain", "~": "approximate", "%": "uncertain and approximate"}
OPEN_ENDS = ("", "..")
_PLAIN = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-\d{2})?)?$")  # EDTF level 0: a year, month or day
_POINT = re.compile(r"^(?P<year>\d{4}|\d{3}X|\d{2}XX)(-(?P<month>\d{2}))?(-(?P<day>\d{2}))?(?P<q>[?~%])?$")


class DateError(ValueError):
    """An EDTF string this corpus cannot use; the message says why."""


@dataclass(frozen=True)
class Point:
    """One side of a date: a day, month, year or decade, possibly qualified."""

    year: str
    month: int | None
    day: int | None
    qualifier: str | None

    @functools.cached_property
    def precision(self):
        if self.day:
            return "day"
        if self.month:
            return "month"
        return {0: "year", 1: "decade", 2: "century"}[self.year.count("X")]

    @functools.cached_property
    def earliest(self):
        return datetime.date(int(self.year.replace("X", "0")), self.month or 1, self.day or 1)

    @functools.cached_property
    def latest(self):
        year = int(self.year.replace("X", "9"))
        month = self.month or 12
        return datetime.date(year, month, self.day or calendar.monthrange(year, month)[1])

    @property
    def iso(self):
        """The HTML <time datetime> form (2018, 2018-10, 2018-10-31), or None for a decade."""
        if "X" in self.year:
            return None
        return "-".join([self.year] + [f"{n:02d}" for n in (self.month, self.day) if n])

    def words(self, with_year=True):
        if self.precision == "decade":
            text = f"the {self.year[:3]}0s"
        elif self.precision == "century":
            text = f"the {self.year[:2]}00s"
        else:
            parts = [str(self.day) if self.day else "", calendar.month_name[self.month or 0]]
            parts.append(self.year if with_year else "")
            text = " ".join(p for p in parts if p)
        return f"{text}, {QUALIFIERS[self.qualifier]}" if self.qualifier else text


@dataclass(frozen=True)
class When:
    """A date as written in EDTF: a point, or an interval whose ends may be open. One When
    serves every claim of that date (parse_when is cached), and pages ask for its words and
    sort key often, so each is worked out once (cached_property: frozen all the same)."""

    edtf: str
    start: Point | None
    end: Point | None
    is_interval: bool

    @functools.cached_property
    def earliest(self):
        return self.start.earliest if self.start else None

    @functools.cached_property
    def latest(self):
        return self.end.latest if self.end else None

    @property
    def precision(self):
        return "interval" if self.is_interval else self.start.precision

    @functools.cached_property
    def sort_key(self):
        """Earliest possible day first, then the shorter span; an open start sorts by its
        latest day, an open end after every closed one."""
        first = self.earliest or self.latest
        return (first, self.latest or datetime.date.max, self.edtf)

    @functools.cached_property
    def period(self):
        """The heading this date files under on the timeline: its year, or its decade."""
        point = self.start or self.end
        if point.precision in ("decade", "century") and self.start:
            return point.words().removeprefix("the ")
        return str(self.sort_key[0].year)

    @property
    def qualified(self):
        return any(p and p.qualifier for p in (self.start, self.end))

    def __str__(self):
        return self.words

    @functools.cached_property
    def words(self):
        if not self.is_interval:
            return self.start.words()
        if self.start is None:
            return f"on or before {self.end.words()}"
        if self.end is None:
            return f"on or after {self.start.words()}"
        same_year = self.start.year == self.end.year and not self.start.qualifier
        return f"{self.start.words(with_year=not same_year)} – {self.end.words()}"


@functools.lru_cache(maxsize=None)
def parse_when(text):
    """Parse an EDTF string into a `When`, or raise DateError saying what is wrong.

    Cached, and plain ISO dates are checked without the `edtf` parser: it takes about 5 ms
    a date, which alone would cost 100 s on a corpus of 20,000 claims (and importing it, a
    tenth of a second: it is imported for the first date that needs it)."""
    text = text.strip()
    sides = text.split("/")
    if not (all(_is_plain(side) for side in sides) or (len(sides) == 2 and ".." in sides and
                                                        all(_is_plain(side) for side in sides if side != ".."))):
        import edtf

        try:
            edtf.parse_edtf(text)
        except Exception:  # the edtf parser raises several types; all mean "not EDTF"
            raise DateError(f"'{text}' is not a valid EDTF date") from None
    if "/" not in text:
        return When(text, _point(text), _point(text), is_interval=False)
    first, last = text.split("/", 1)
    start = None if first in OPEN_ENDS else _point(first)
    end = None if last in OPEN_ENDS else _point(last)
    if start is None and end is None:
        raise DateError(f"'{text}' is open at both ends")
    if start and end and end.latest < start.earliest:
        raise DateError(f"'{text}' ends before it starts")
    return When(text, start, end, is_interval=True)


def _is_plain(text):
    """A year, month or real day in ISO form, perhaps uncertain or approximate (one of ?~%
    at the end): what the edtf parser would accept as it is."""
    if text[-1:] in QUALIFIERS:
        text = text[:-1]
    if not _PLAIN.match(text):
        return False
    try:
        return len(text) < 10 or bool(datetime.date.fromisoformat(text))
    except ValueError:  # a day the month does not have, or year 0
        return False


def _point(text):
    match = _POINT.match(text)
    if not match:
        raise DateError(f"'{text}' uses an EDTF form this site does not show")
    month, day = match["month"], match["day"]
    if (month and int(month) > 12) or (day and "X" in match["year"]):
        raise DateError(f"'{text}' is not a date this site can place")
    if day:  # the edtf parser takes 2019-02-29; the calendar does not
        try:
            datetime.date(int(match["year"]), int(month), int(day))
        except ValueError as error:
            raise DateError(f"'{text}' is not a real day ({error})") from None
    return Point(match["year"], int(month) if month else None, int(day) if day else None, match["q"])
