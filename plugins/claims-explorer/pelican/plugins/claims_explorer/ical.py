"""data/events.ics: the events as an iCalendar file (icalendar), for calendar tools.

A calendar shows days, so it shows an event only over every day its date can mean, never
one day picked from a vaguer date:

- a date known at both ends is an all-day span from its earliest to its latest possible day
  (DTEND is exclusive: the day after): `2018-10` runs 1–31 October, `198X` 1980–1989;
- an uncertain or approximate date (`2019-07?`, `2018~`) is the same span, and its SUMMARY
  ends with the date in words ("July 2019, uncertain"), so no one reads it as sure;
- a date open at one end (`1987/..`, `../2019-02`) has no span of days; the event is left
  out, and the calendar's description (X-WR-CALDESC) says how many are and where they are.

DTSTAMP, which RFC 5545 makes the time the calendar's information was created, is when the
data last changed (export.last_changed), never the build's clock, so the same corpus gives
the same bytes. Every VEVENT's DESCRIPTION gives the date in words and how it was worked out.
"""

import datetime
import os

import icalendar

from . import urls
from .export import last_changed

ONE_DAY = datetime.timedelta(days=1)


def write_calendar(corpus, settings, output_path):
    """Write data/events.ics: the events that have a span of days, in date order."""
    events = sorted(corpus.events, key=lambda e: e.sort_key)
    shown = [event for event in events if has_span(event.when)]
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//claims_explorer//{settings['SITENAME']}//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", settings["SITENAME"])
    calendar.add("x-wr-caldesc", description(settings, len(events) - len(shown)))
    site = urls.site_id(settings["SITEURL"], settings["SITENAME"])
    stamp = last_changed(corpus)
    for event in shown:
        calendar.add_component(vevent(event, site, settings["SITEURL"], stamp))
    path = os.path.join(output_path, urls.CALENDAR)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as out:
        out.write(calendar.to_ical())


def description(settings, left_out):
    text = f"Events of {settings['SITENAME']}, each over every day its date can mean."
    if left_out:
        text += (f" {left_out} event{'s' if left_out > 1 else ''} dated only on or before, or on or after, a date"
                 f" {'are' if left_out > 1 else 'is'} not shown, as no span of days can show such a date: see"
                 f" {urls.DATA['events']} (the records whose earliest or latest is null).")
    return text


def has_span(when):
    return bool(when.earliest and when.latest)


def vevent(event, site, siteurl, stamp):
    """One VEVENT; its UID is the event's id at the site, stable from build to build."""
    when = event.when
    item = icalendar.Event()
    item.add("uid", f"{event.id}@{site}")
    item.add("dtstamp", stamp)
    item.add("dtstart", when.earliest)
    item.add("dtend", when.latest + ONE_DAY)
    item.add("summary", f"{event.title} ({when.words})" if when.qualified else event.title)
    item.add("description", f"Date: {when.words}." + (f" {event.date_basis}" if event.date_basis else ""))
    if siteurl:
        item.add("url", urls.absolute(siteurl, event.url))
    return item
