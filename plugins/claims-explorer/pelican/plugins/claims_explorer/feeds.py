"""Atom feeds of claims: one of all claims, one per party and one per speaker (feedgen).

A researcher following one voice subscribes to its feed. Entries are claims, newest first,
the newest ENTRIES of them (setting CLAIMS_FEED_ENTRIES): a feed tells what is new, and the
whole record is in data/claims.json and claims.csv; a feed of every claim would be 15 MB at
20,000 claims, and three copies of each claim (all, its party's, its speaker's) a tenth of
the published site. Each entry is dated by the day the claim was made (its earliest possible
day, or its latest for an open start), never by the build's clock; a feed with no claims is
as new as the data, so the same corpus gives the same bytes. Links are
absolute under SITEURL; without one they are relative to the feed file, as the pages' links
are with RELATIVE_URLS, so a feed read from any folder still leads to its claims.
"""

import datetime
import os
import uuid

from feedgen.feed import FeedGenerator

from . import urls
from .export import last_changed

ENTRIES = 100  # the newest claims in each feed, unless CLAIMS_FEED_ENTRIES says otherwise


def write_feeds(corpus, settings, output_path, fresh=None):
    """Write every feed; each party and speaker page links its own. `fresh(path)`: whether
    the feed must be written (datafiles.py); by default every feed is."""
    changed = last_changed(corpus)
    for path, title, page, claims in feed_list(corpus, settings["SITENAME"]):
        if fresh and not fresh(path):
            continue
        target = os.path.join(output_path, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        atom_feed(settings, path, title, page, claims, changed).atom_file(target, pretty=True)


def feed_list(corpus, sitename):
    """(file, title, the page it mirrors, its claims) for every feed."""
    yield urls.ALL_CLAIMS_FEED, f"Claims · {sitename}", urls.INDEXES["claims"], corpus.claims
    for party in corpus.parties:
        yield urls.feed_url("party", party.id), f"Claims of {party.name} · {sitename}", party.url, party.claims
    for speaker in corpus.speakers:
        yield urls.feed_url("speaker", speaker.id), f"Claims by {speaker.name} · {sitename}", speaker.url, speaker.claims


def atom_feed(settings, path, title, page, claims, changed):
    """One feed, its newest claims first; it was last updated on its newest claim's day, or
    when the data last changed if it has none (export.last_changed)."""
    feed = FeedGenerator()
    feed.id(atom_id(settings, path))
    feed.title(title)
    feed.language(settings["DEFAULT_LANG"])
    feed.link(href=href(settings, path, path), rel="self", type="application/atom+xml")
    feed.link(href=href(settings, path, page), rel="alternate", type="text/html")
    feed.updated(updated(claims, changed))
    for claim in newest(settings, claims):
        add_entry(feed, settings, path, claim)
    return feed


def newest(settings, claims):
    """The claims a feed holds: its newest, newest first."""
    return sorted(claims, key=lambda c: c.sort_key, reverse=True)[:settings.get("CLAIMS_FEED_ENTRIES", ENTRIES)]


def updated(claims, changed):
    """When a feed was last updated: its newest claim's day, or `changed` if it has none."""
    return max((claim_day(c) for c in claims), default=changed)


def add_entry(feed, settings, path, claim):
    """An entry: title the claim, link its page, author its voice, summary the cited words."""
    entry = feed.add_entry(order="append")
    entry.id(atom_id(settings, claim.url))
    entry.title(claim.text)
    entry.link(href=href(settings, path, claim.url), rel="alternate", type="text/html")
    entry.author(name=claim.voice)
    entry.published(claim_day(claim))
    entry.updated(claim_day(claim))
    entry.summary(f"{claim.voice}, {claim.when.words} ({claim.kind_label}): “{claim.source.quote}”")
    for topic in claim.topics:
        entry.category(term=topic.id, label=topic.name)


def claim_day(claim):
    """Midnight UTC of the claim's earliest possible day, or of its latest for an open start."""
    day = claim.when.earliest or claim.when.latest
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc)


def href(settings, feed_path, url):
    """`url` (from the site root) as the feed at `feed_path` links it."""
    if settings["SITEURL"]:
        return urls.absolute(settings["SITEURL"], url)
    return urls.relative_to(feed_path, url)


def atom_id(settings, url):
    """A permanent id (an absolute IRI, as Atom requires): the page's full URL under SITEURL,
    else a name-based UUID of the site and the page, the same in every build."""
    if settings["SITEURL"]:
        return urls.absolute(settings["SITEURL"], url)
    name = f"{urls.site_id('', settings['SITENAME'])}/{url}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"
