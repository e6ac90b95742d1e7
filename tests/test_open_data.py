"""Open data, read back with independent readers: every page's JSON twin, the data files
against their JSON Schema, the CSV files, the Atom feeds (feedparser), the calendar
(icalendar), the JSON-LD (extruct), Open Graph tags and the sitemap. tests/test_data_clients.py
reads the rest (schemas with check-jsonschema, Frictionless, the database, annotations)."""

import csv
import datetime
import json
import os
import sqlite3
from xml.etree import ElementTree

import extruct
import feedparser
import icalendar
import jsonschema
import pytest
import yaml

from conftest import PROJECT, build_site, built_once, list_pages, resolve, run_explorer, soup, words

SCHEMA = json.loads((PROJECT / "plugins/claims-explorer/pelican/plugins/claims_explorer/data.schema.json").read_text())
TABLES = ("claims", "events", "eras", "articles", "parties", "speakers", "topics")
SITEURL = "https://example.org/inf"
SITE_ID = "inf-treaty-claims-and-timeline"  # the site's name as an id, as there is no SITEURL


def pages(site):
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


def load(site, path):
    return json.loads((site / path).read_text(encoding="utf-8"))


def twin(site, page):
    return load(site, page.removesuffix(".html") + ".json")


def paged(site, first, key):
    """`key` of the twins of every page of a paginated list, one after another."""
    return [record for page in list_pages(site, first) for record in twin(site, page)[key]]


def follow(site, references):
    """The records a list twin's references name, each read from the item's own twin."""
    return [load(site, ref["twin"])[ref["type"]] for ref in references]


def validator(definition):
    """One record type of the data schema ("claim", "event", …)."""
    return jsonschema.Draft202012Validator({**SCHEMA, "$ref": f"#/$defs/{definition}"})


def validate_files(site, names):
    """Each data file against the schema the build published for it."""
    for name in names:
        schema = load(site, f"data/schemas/{name}.schema.json")
        jsonschema.Draft202012Validator.check_schema(schema)
        path = "data/facets.json" if name == "facets" else f"data/{name}.json"
        jsonschema.Draft202012Validator(schema).validate(load(site, path))


@pytest.fixture(scope="module")
def tables(site):
    return {name: load(site, f"data/{name}.json") for name in TABLES}


@pytest.fixture(scope="session")
def published(tmp_path_factory):
    """The real project built as `make publish` builds it, with a SITEURL."""
    return built_once(tmp_path_factory, "published",
                      lambda output: build_site(output, "-s", "publishconf.py", env={"SITEURL": SITEURL}))


# JSON twins

def test_every_html_page_has_a_json_twin_that_parses(site):
    assert len(pages(site)) > 100
    for page in pages(site):
        assert twin(site, page)["url"] == page


def test_pelican_pages_have_twins_too(site, tables):
    home = twin(site, "index.html")
    assert home["counts"]["claims"] == len(tables["claims"])
    assert [p["id"] for p in home["parties"]] == [p["id"] for p in tables["parties"]]
    for files in home["data"].values():
        for path in files.values() if isinstance(files, dict) else [files]:
            assert (site / path).is_file(), path
    listed = [a["url"] for a in paged(site, "articles/index.html", "articles")]
    assert sorted(listed) == article_pages(site)
    assert [a["url"] for a in home["articles"]] == listed[:10]  # HOME_ARTICLES, newest first
    assert twin(site, "about.html")["page"]["title"] == words(soup(site / "about.html").h1.get_text())


def test_an_article_twin_is_its_provenance_and_its_paragraphs(site, tables):
    for page in article_pages(site):
        data, html = twin(site, page), soup(site / page)
        assert data["article"]["title"] == words(html.h1.get_text())
        paragraphs = html.select(".article-body p[id]")
        assert [p["id"] for p in data["paragraphs"]] == [p["id"] for p in paragraphs]
        for record, element in zip(data["paragraphs"], paragraphs):
            assert record["url"] == f"{page}#{record['id']}"
            assert words(record["text"]) in words(element.get_text())
            assert record["claims"] == [c["id"] for c in tables["claims"] if c["paragraph_url"] == record["url"]]
            assert set(record["events"]) == {e["id"] for e in tables["events"] if record["url"] in e["paragraph_urls"]}


def test_inferred_provenance_is_said_in_the_twin(site):
    inferred = twin(site, "articles/us-rejects-russian-offer-inf.html")["article"]
    assert inferred["title_inferred"] and inferred["outlet_inferred"] and inferred["date_basis"]
    assert inferred["source_url"] is None
    stated = twin(site, "articles/nato-russia-rare-talks-drills-inf.html")["article"]
    assert stated["title_inferred"] is None and stated["source_url"].startswith("https://www.themoscowtimes.com/")


def test_item_twins_hold_the_same_records_as_the_data_files(site, tables):
    claims = {c["id"]: c for c in tables["claims"]}
    for claim in tables["claims"]:
        data = twin(site, claim["url"])
        assert data["claim"] == claim
        disputed_by = {c["id"] for c in tables["claims"] if claim["id"] in c["disputes"]}
        assert {c["id"] for c in data["counterparts"]} == set(claim["disputes"]) | disputed_by
        assert all(c == claims[c["id"]] for c in data["counterparts"] + data["responses"])
    for event in tables["events"]:
        assert twin(site, event["url"])["event"] == event


def test_party_speaker_and_topic_twins_list_what_their_pages_list(site, tables):
    for party in tables["parties"]:
        data = twin(site, party["url"])
        assert data["party"] == party and (site / data["feed"]).is_file()
        claims, events = paged(site, party["url"], "claims"), paged(site, party["url"], "events")
        assert sorted(c["id"] for c in claims) == sorted(c["id"] for c in tables["claims"] if c["party"] == party["id"])
        assert sorted(e["id"] for e in events) == sorted(e["id"] for e in tables["events"] if party["id"] in e["parties"])
    for speaker in tables["speakers"]:
        claims = follow(site, paged(site, speaker["url"], "claims"))
        assert len(claims) == speaker["claims"] and all(c["speaker_id"] == speaker["id"] for c in claims)
    for topic in tables["topics"]:
        claims, events = paged(site, topic["url"], "claims"), paged(site, topic["url"], "events")
        assert len(claims) == topic["claims"] and len(events) == topic["events"]


def test_list_twins_follow_their_pages(site, tables):
    assert follow(site, paged(site, "claims/index.html", "claims")) == tables["claims"]
    assert follow(site, paged(site, "events/index.html", "events")) == tables["events"]
    for name in ("speakers", "parties", "topics"):
        assert twin(site, f"{name}/index.html")[name] == tables[name]
    for page in list_pages(site, "timeline.html"):
        on_page = [item["id"] for item in soup(site / page).select(".timeline-item")]
        periods = twin(site, page)["periods"]
        assert [item["id"] for period in periods for item in period["items"]] == on_page
    contested = paged(site, "contested.html", "contested")
    assert {pair["claim"]["id"] for pair in contested} == {c["id"] for c in tables["claims"] if c["disputes"]}


def test_the_twin_of_a_page_of_a_list_says_where_it_is(site, tables):
    pages = list_pages(site, "timeline.html")
    for number, page in enumerate(pages, start=1):
        paging = twin(site, page)["pagination"]
        validator("pagination").validate(paging)
        twins = [p.removesuffix(".html") + ".json" for p in pages]
        assert (paging["page"], paging["pages"]) == (number, len(pages))
        assert paging["previous"] == (twins[number - 2] if number > 1 else None)
        assert paging["next"] == (twins[number] if number < len(pages) else None)
        assert paging["count"] == len(tables["claims"]) + len(tables["events"])
    assert "pagination" not in twin(site, "speakers/index.html")  # not paginated


def test_twin_records_validate_against_the_data_schema(site):
    claim, event, era = validator("claim"), validator("event"), validator("era")
    claim_reference, event_reference = validator("claim_reference"), validator("event_reference")
    for page in pages(site):
        data = twin(site, page)
        for record in [data[k] for k in ("claim",) if k in data] + data.get("counterparts", []) + data.get("responses", []):
            claim.validate(record)
        for record in [data[k] for k in ("event",) if k in data]:
            event.validate(record)
        for record in data.get("eras", []):
            era.validate(record)
        for reference in data.get("claims", []):
            claim_reference.validate(reference)
        for reference in data.get("events", []):
            event_reference.validate(reference)


def test_list_twins_name_their_items_and_the_items_twins_hold_the_records(site, tables):
    """A list's twin holds a reference (type, id, page, twin) for each item it shows, not
    a copy of its record; following the reference gives the record data/*.json has."""
    records = {(kind, r["id"]): r for kind in ("claim", "event") for r in tables[kind + "s"]}
    records |= {("article", a["slug"]): a for a in tables["articles"]}
    lists = ["claims/index.html", "events/index.html", "timeline.html", "contested.html", "articles/index.html",
             *(r["url"] for name in ("parties", "speakers", "topics") for r in tables[name])]
    seen = set()
    for page in ["index.html", *(p for first in lists for p in list_pages(site, first))]:
        data = twin(site, page)
        references = [*data.get("claims", []), *data.get("events", []), *data.get("articles", []),
                      *(item for period in data.get("periods", []) for item in period["items"]),
                      *(ref for pair in data.get("contested", []) for ref in (pair["claim"], *pair["disputes"]))]
        assert references, page
        for ref in references:
            assert set(ref) == {"type", "id", "url", "twin"}, page
            record = records[ref["type"], ref["id"]]
            assert ref["url"] == record["url"] and ref["twin"] == ref["url"].removesuffix(".html") + ".json"
            assert load(site, ref["twin"])[ref["type"]] == record
            seen.add((ref["type"], ref["id"]))
    assert seen == set(records)  # every claim, event and article is listed somewhere


# Eras: data/eras.json, and the twins of the pages that draw them

def drawn_era_names(site, page):
    """The names of the eras a page draws, on its overview strip and in its chart."""
    return {words(label.get_text()) for label in soup(site / page).select(".tl-era-label")}


def test_eras_json_holds_every_era_of_claims_yaml_with_its_sources(site, tables, source_yaml):
    eras = source_yaml.get("eras") or []
    assert eras, "the INF corpus states eras; this test needs one"
    assert sorted(e["id"] for e in tables["eras"]) == sorted(e["id"] for e in eras)
    assert [(e["earliest"], e["id"]) for e in tables["eras"]] == sorted((e["earliest"], e["id"]) for e in tables["eras"])
    for era, record in ((e, next(r for r in tables["eras"] if r["id"] == e["id"])) for e in eras):
        assert (record["title"], record["date"]) == (era["title"], era["date"])
        assert record["date_basis"] == (era.get("date_basis") or None)
        assert record["earliest"] and record["latest"] and record["earliest"] <= record["latest"]  # both ends
        assert [(s["article"], s["quote"]) for s in record["sources"]] == \
               [(s["article"], s["quote"]) for s in era.get("sources", [])]
        assert record["paragraph_urls"] == [s["paragraph_url"] for s in record["sources"]]
        for source in record["sources"]:
            page, _, paragraph = source["paragraph_url"].partition("#")
            assert page == f"articles/{source['article']}.html" and paragraph == source["paragraph"]
            assert words(source["quote"]) in words(soup(site / page).find(id=paragraph).get_text())


def test_the_home_and_timeline_twins_hold_the_eras_their_pages_draw(site, tables):
    by_title = {era["title"]: era for era in tables["eras"]}
    for page in ["index.html", *list_pages(site, "timeline.html")]:
        drawn = drawn_era_names(site, page)
        assert drawn, page
        assert twin(site, page)["eras"] == [era for era in tables["eras"] if era["title"] in drawn], page
        assert drawn <= set(by_title), page


# data/*.json, CSV

def test_data_files_validate_against_the_schema(site):
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    validate_files(site, TABLES)


def test_the_explorers_names_validate_against_the_schema(site, tables):
    facets = load(site, "data/facets.json")
    validate_files(site, ["facets"])
    assert set(facets["party"]) == {c["party"] for c in tables["claims"]} == set(facets["badges"])


def test_the_schema_refuses_a_renamed_or_dropped_field(tables):
    claim = dict(tables["claims"][0])
    claim["speaker_name"] = claim.pop("speaker")
    assert not validator("claim").is_valid(claim)


def from_cell(cell, value):
    """A CSV cell read back as the JSON value `value` has the type of: one leading apostrophe
    dropped (README, "CSV": a cell a spreadsheet could read as a formula gets one)."""
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return json.loads(cell)
        return restore(cell).split("|") if cell else []
    if isinstance(value, int):
        return int(cell)
    return restore(cell) if cell or value is not None else None


def restore(cell):
    return cell[1:] if cell.startswith("'") else cell


@pytest.mark.parametrize("name", TABLES)
def test_csv_round_trips_to_the_json(site, tables, name):
    with open(site / f"data/{name}.csv", encoding="utf-8", newline="") as source:
        reader = csv.DictReader(source)
        rows = list(reader)
    assert reader.fieldnames == list(tables[name][0])
    key = "slug" if name == "articles" else "id"
    assert [row[key] for row in rows] == [record[key] for record in tables[name]]
    for row, record in zip(rows, tables[name]):
        assert {key: from_cell(row[key], value) for key, value in record.items()} == record


def test_index_pages_link_the_csv_files(site):
    for page, files in (("claims/index.html", ["data/claims.csv", "feeds/claims.atom.xml"]),
                        ("events/index.html", ["data/events.csv", "data/events.ics"])):
        links = {resolve(page, a["href"]) for a in soup(site / page).select("main a")}
        assert set(files) <= links


# Atom feeds

def read_feed(site, path):
    feed = feedparser.parse((site / path).read_bytes())
    assert not feed.bozo, (path, feed.get("bozo_exception"))
    return feed


def test_one_feed_entry_per_claim_of_each_party_and_speaker(site, tables):
    by_id = {c["id"]: c for c in tables["claims"]}
    feeds = [(f"feeds/parties/{p['id']}.atom.xml", "party", p["id"]) for p in tables["parties"]]
    feeds += [(f"feeds/speakers/{s['id']}.atom.xml", "speaker_id", s["id"]) for s in tables["speakers"]]
    for path, key, value in feeds + [("feeds/claims.atom.xml", None, None)]:
        expected = {c["url"] for c in tables["claims"] if key is None or c[key] == value}
        linked = [resolve(path, entry.link) for entry in read_feed(site, path).entries]
        assert sorted(linked) == sorted(expected), path
    for entry in read_feed(site, "feeds/claims.atom.xml").entries:
        claim = by_id[resolve("feeds/claims.atom.xml", entry.link).split("/")[-1].removesuffix(".html")]
        assert entry.title == claim["text"]
        assert datetime.date(*entry.published_parsed[:3]).isoformat() == (claim["earliest"] or claim["latest"])


def test_party_and_speaker_pages_link_their_feeds(site, tables):
    for record in tables["parties"] + tables["speakers"]:
        link = soup(site / record["url"]).find("link", type="application/atom+xml")
        assert (site / resolve(record["url"], link["href"])).is_file(), record["id"]
    for page in ("index.html", *list_pages(site, "claims/index.html")):
        link = soup(site / page).find("link", type="application/atom+xml")
        assert resolve(page, link["href"]) == "feeds/claims.atom.xml", page
    assert not soup(site / "timeline.html").find("link", type="application/atom+xml")


def test_published_feeds_link_absolute_urls(published):
    feed = read_feed(published, "feeds/parties/us.atom.xml")
    assert feed.entries and all(entry.link.startswith(f"{SITEURL}/claims/") for entry in feed.entries)
    assert all(entry.id == entry.link for entry in feed.entries)


# iCalendar

@pytest.fixture(scope="module")
def calendar(site):
    return icalendar.Calendar.from_ical((site / "data/events.ics").read_bytes())


def last_changed(tables):
    """When the data last changed (README, "Data files"): SOURCE_DATE_EPOCH if set, else
    midnight UTC of the newest article's day."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return datetime.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), tz=datetime.timezone.utc)
    newest = max(a["sort_date"] for a in tables["articles"])
    return datetime.datetime.fromisoformat(f"{newest}T00:00:00+00:00")


def spans(event):
    return bool(event["earliest"] and event["latest"])


def test_the_calendar_has_one_event_per_event_with_a_span_of_days(calendar, tables):
    uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]
    assert sorted(uids) == sorted(f"{e['id']}@{SITE_ID}" for e in tables["events"] if spans(e))
    left_out = sum(not spans(e) for e in tables["events"])
    assert left_out, "the corpus has open-ended dates; this test needs one"
    assert f" {left_out} event" in str(calendar["X-WR-CALDESC"]) and "data/events.json" in str(calendar["X-WR-CALDESC"])


def test_calendar_events_span_every_day_their_date_can_mean(calendar, tables):
    """Never one day picked from a vaguer date: the whole span, and an uncertain or
    approximate date says so in the SUMMARY."""
    vevents = {str(e["UID"]).removesuffix(f"@{SITE_ID}"): e for e in calendar.walk("VEVENT")}
    stamp = last_changed(tables)
    for event in filter(spans, tables["events"]):
        vevent = vevents[event["id"]]
        start, end = vevent.decoded("DTSTART"), vevent.decoded("DTEND")
        assert not isinstance(start, datetime.datetime)  # all day: a date, no time
        assert start.isoformat() == event["earliest"]
        assert end == datetime.date.fromisoformat(event["latest"]) + datetime.timedelta(days=1)  # exclusive
        assert f"Date: {event['date_label']}." in str(vevent["DESCRIPTION"])
        uncertain = any(mark in event["date"] for mark in "?~%")
        assert str(vevent["SUMMARY"]).endswith(f"({event['date_label']})") == uncertain, event["id"]
        assert vevent.decoded("DTSTAMP") == stamp  # when the data changed, never the build's clock


@pytest.mark.parametrize("event_id, start, end, label", [
    ("geneva-meeting-2019-01-15", "2019-01-15", "2019-01-16", "15 January 2019"),  # a day
    ("trident-juncture-launched", "2018-10-01", "2018-11-01", "October 2018"),  # a month
    ("inf-treaty-1987", "1987-01-01", "1988-01-01", "1987"),  # a year
    ("inf-withdrawal-period", "2019-02-02", "2019-08-03", "2 February – 2 August 2019"),  # an interval
])
def test_calendar_dates_are_all_day_with_an_exclusive_end(calendar, event_id, start, end, label):
    event = next(e for e in calendar.walk("VEVENT") if str(e["UID"]) == f"{event_id}@{SITE_ID}")
    assert event.decoded("DTSTART").isoformat() == start and event.decoded("DTEND").isoformat() == end
    assert f"Date: {label}." in str(event["DESCRIPTION"])


def test_open_ended_events_are_not_pinned_to_a_day(calendar, tables):
    uids = {str(e["UID"]) for e in calendar.walk("VEVENT")}
    for event in tables["events"]:
        if event["date"].startswith("../") or event["date"].endswith("/.."):
            assert f"{event['id']}@{SITE_ID}" not in uids


def test_a_feed_with_no_claims_is_as_new_as_the_data(site, tables):
    empty = [p for p in tables["parties"] if not p["claims"]]
    assert empty, "the corpus has a party with no claims; this test needs one"
    for party in empty:
        feed = read_feed(site, f"feeds/parties/{party['id']}.atom.xml")
        assert not feed.entries
        assert datetime.datetime(*feed.feed.updated_parsed[:6], tzinfo=datetime.timezone.utc) == last_changed(tables)


def test_published_calendar_names_the_site_in_its_uids(published):
    events = icalendar.Calendar.from_ical((published / "data/events.ics").read_bytes()).walk("VEVENT")
    assert all(str(e["UID"]).endswith("@example.org/inf") for e in events)
    assert all(str(e["URL"]).startswith(f"{SITEURL}/events/") for e in events)


# JSON-LD and Open Graph

def json_ld(site, page):
    return extruct.extract((site / page).read_text(encoding="utf-8"), syntaxes=["json-ld"], uniform=False)["json-ld"]


def test_claim_pages_describe_a_schema_org_claim(site, tables):
    party_names = {party["id"]: party["name"] for party in tables["parties"]}
    for claim in tables["claims"]:
        [data] = json_ld(site, claim["url"])
        assert data["@type"] == "Claim" and data["text"] == claim["text"]
        assert data["author"]["name"] == (claim["speaker"] or claim["attribution"] or party_names[claim["party"]])
        assert data["author"]["@type"] == ("Person" if claim["speaker"] else "Organization")
        assert resolve(claim["url"], data["appearance"]["url"]) == claim["paragraph_url"]
        assert data["appearance"]["text"] == claim["quote"]
        assert data["firstAppearance"]["@id"] == data["appearance"]["@id"]
        assert resolve(claim["url"], data["isBasedOn"]["@id"]) == claim["paragraph_url"]
        assert resolve(claim["url"], data["appearance"]["isPartOf"]["@id"]) == claim["paragraph_url"]
        assert resolve(claim["url"], data["@id"]) == f"{claim['url']}#claim"


def test_a_claim_is_dated_in_json_ld_only_when_it_is_one_sure_day(site):
    [quote] = json_ld(site, "claims/thompson-no-new-ground.html")
    assert quote["datePublished"] == "2019-01-16" and quote["appearance"]["@type"] == "Quotation"
    assert quote["author"] == {"@id": "../speakers/andrea-thompson.html#person", "@type": "Person",
                               "name": "Andrea Thompson", "jobTitle": quote["author"]["jobTitle"],
                               "affiliation": {"@id": "../parties/us.html#party", "@type": "Organization",
                                               "name": "United States"}}
    [uncertain] = json_ld(site, "claims/us-mission-blames-russia-for-demise.html")
    assert "datePublished" not in uncertain and uncertain["appearance"]["@type"] == "CreativeWork"
    assert uncertain["author"]["parentOrganization"]["name"] == "United States"


def test_article_pages_describe_a_news_article(site):
    [stated] = json_ld(site, "articles/nato-russia-rare-talks-drills-inf.html")
    assert stated["@type"] == "NewsArticle" and stated["headline"].startswith("NATO and Russia Hold Rare Talks")
    assert stated["datePublished"] == "2018-11-01" and stated["creditText"] == "Reuters"
    assert stated["isBasedOn"].startswith("https://www.themoscowtimes.com/")
    assert "publisher" not in stated  # the outlet is inferred from the URL, so it is left out
    [inferred] = json_ld(site, "articles/us-rejects-russian-offer-inf.html")
    assert inferred["description"].startswith("Title inferred:") and "isBasedOn" not in inferred
    [uncertain] = json_ld(site, "articles/pentagon-missiles-after-inf-expiry.html")
    assert "datePublished" not in uncertain  # 2 August – 31 August 2019, uncertain


def article_pages(site):
    return [p for p in pages(site) if p.startswith("articles/") and p.count("/") == 1 and p != "articles/index.html"]


def test_item_pages_and_the_home_page_carry_json_ld(site, tables):
    """Claims, events, articles, parties (every page of their lists), speakers and the home page."""
    described = {record["url"] for name in ("claims", "events", "articles") for record in tables[name]}
    for name in ("parties", "speakers"):
        described |= {page for record in tables[name] for page in list_pages(site, record["url"])}
    for page in pages(site):
        assert bool(json_ld(site, page)) == (page in described | {"index.html"}), page


def open_graph(site, page):
    return {tag["property"]: tag["content"] for tag in soup(site / page).select('head meta[property^="og:"]')}


def test_every_page_has_open_graph_tags(site, tables):
    items = {record["url"] for record in tables["claims"] + tables["events"]} | set(article_pages(site))
    for page in pages(site):
        tags = open_graph(site, page)
        assert all(tags.get(name) for name in ("og:title", "og:type", "og:description", "og:site_name")), page
        assert tags["og:type"] == ("article" if page in items else "website"), page
        assert "og:url" not in tags  # no SITEURL, no absolute URL to give
    count = len(list_pages(site, "timeline.html"))
    assert open_graph(site, "timeline/page/2.html")["og:title"] == f"Timeline, page 2 of {count}"


def test_published_pages_give_their_absolute_url(published):
    for page in pages(published):
        assert open_graph(published, page)["og:url"] == f"{SITEURL}/{page}"


# Sitemap

def test_no_sitemap_without_a_site_url(site):
    assert not (site / "sitemap.xml").exists()


def test_published_sitemap_lists_every_html_page(published):
    root = ElementTree.parse(published / "sitemap.xml").getroot()
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in root.findall("s:url/s:loc", namespace)]
    assert locations == [f"{SITEURL}/{page}" for page in pages(published)]
    assert f"{SITEURL}/timeline/page/2.html" in locations  # the later pages of a list too


# A second corpus, no code change

def test_the_harbour_corpus_gets_twins_feeds_and_a_calendar(harbour):
    output = harbour / "out"
    result = run_explorer(harbour, "build", "-o", str(output))
    assert result.returncode == 0, result.stderr
    for page in pages(output):
        assert twin(output, page)["url"] == page
    claims = load(output, "data/claims.json")
    assert len(read_feed(output, "feeds/claims.atom.xml").entries) == len(claims)
    events = icalendar.Calendar.from_ical((output / "data/events.ics").read_bytes()).walk("VEVENT")
    assert len(events) == len(load(output, "data/events.json"))
    validate_files(output, TABLES)
    # it states no eras: their files are there, and empty; the pages that would draw them say none
    assert not yaml.safe_load((harbour / "claims.yaml").read_text()).get("eras")
    assert load(output, "data/eras.json") == []
    assert (output / "data/eras.csv").read_text().splitlines() == [",".join(SCHEMA["$defs"]["era"]["required"])]
    for page in ["index.html", *list_pages(output, "timeline.html")]:
        assert twin(output, page)["eras"] == [] and not drawn_era_names(output, page)
    with sqlite3.connect(output / "data/claims.db") as db:
        assert [db.execute(f"select count(*) from {table}").fetchone()[0] for table in ("eras", "era_sources")] == [0, 0]
    annotations = load(output, "data/annotations.jsonld")["first"]["items"]
    assert annotations and not [a for a in annotations if "#era/" in a["id"] or a["body"]["type"] == "TextualBody"]
