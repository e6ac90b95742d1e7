"""data/events.ics: the events as an iCalendar file (icalendar), for calendar tools.

Every event is an all-day event. One known at both ends runs from its earliest to its latest
possible day (DTEND is exclusive: the day after). One open at an end ("on or before February
2019") is a single day on the end that is known, and its description gives the date in
words, so no one takes that day for the whole truth. DTSTAMP is the event's own first day,
not the build's clock, so the same corpus gives the same bytes.
"""

import datetime
import os

import icalendar

from . import urls

ONE_DAY = datetime.timedelta(days=1)


def write_calendar(corpus, settings, output_path):
    """Write data/events.ics, the events in date order."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//claims_explorer//{settings['SITENAME']}//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", settings["SITENAME"])
    site = urls.site_id(settings["SITEURL"], settings["SITENAME"])
    for event in sorted(corpus.events, key=lambda e: e.sort_key):
        calendar.add_component(vevent(event, site, settings["SITEURL"]))
    path = os.path.join(output_path, urls.CALENDAR)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as out:
        out.write(calendar.to_ical())


def vevent(event, site, siteurl):
    """One VEVENT; its UID is the event's id at the site, stable from build to build."""
    first, last = days(event.when)
    item = icalendar.Event()
    item.add("uid", f"{event.id}@{site}")
    item.add("dtstamp", datetime.datetime.combine(first, datetime.time(), tzinfo=datetime.timezone.utc))
    item.add("dtstart", first)
    item.add("dtend", last + ONE_DAY)
    item.add("summary", event.title)
    item.add("description", f"Date: {event.when.words}." + (f" {event.date_basis}" if event.date_basis else ""))
    if siteurl:
        item.add("url", urls.absolute(siteurl, event.url))
    return item


def days(when):
    """The first and last day to show: the whole span when both ends are known, else the
    known end alone."""
    if when.earliest and when.latest:
        return when.earliest, when.latest
    day = when.earliest or when.latest
    return day, day
