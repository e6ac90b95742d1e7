"""The published data, pulled with the clients a data user has: check-jsonschema on every
data file and twin against the schemas the site publishes, Frictionless on the data
package, Datasette on the database, an annotation anchorer (the selectors alone) on the
article pages, PyLD + rdflib on the JSON-LD of every page. A publish build with a trailing
slash in SITEURL (`make publish`) must give absolute URLs everywhere; a local build stays
relative to the site root."""

import asyncio
import concurrent.futures
import csv
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import extruct
import feedparser
import icalendar
import pytest
import rdflib
import yaml
from datasette.app import Datasette
from pyld import jsonld

from conftest import PROJECT, list_pages, resolve, run_explorer, soup, words

BIN = Path(PROJECT / ".venv" / "bin")
SITEURL = "https://example.org/inf"
DATA_FILES = ("claims", "events", "eras", "articles", "parties", "speakers", "topics")
# A string that names a file of the site (a page, a twin, a data file), with or without a fragment.
SITE_FILE = re.compile(r"\.(html|json|jsonld|csv|ics|xml|db)(#[^\s\"]*)?$")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def load(site, path):
    return json.loads((site / path).read_text(encoding="utf-8"))


def pages(site):
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def twins(site):
    return [page.removesuffix(".html") + ".json" for page in pages(site)]


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """`make publish` with SITEURL ending in a slash, as a user may well set it."""
    output = tmp_path_factory.mktemp("made") / "output"
    result = subprocess.run(["make", "--no-print-directory", "publish", f"OUTPUTDIR={output}"], cwd=PROJECT,
                            env={**os.environ, "SITEURL": f"{SITEURL}/"},
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def check_jsonschema(schema, instances):
    result = subprocess.run([BIN / "check-jsonschema", "--schemafile", str(schema), *map(str, instances)],
                            capture_output=True, text=True, timeout=300)
    return result.returncode, result.stdout + result.stderr


# 1. Schemas that validate what ships

@pytest.mark.parametrize("build", ["site", "published"])
def test_check_jsonschema_validates_every_data_file_and_twin(request, build):
    site = request.getfixturevalue(build)
    for name in (*DATA_FILES, "facets"):
        path = "data/facets.json" if name == "facets" else f"data/{name}.json"
        code, out = check_jsonschema(site / f"data/schemas/{name}.schema.json", [site / path])
        assert code == 0, out
    code, out = check_jsonschema(site / "data/schemas/twin.schema.json", [site / t for t in twins(site)])
    assert code == 0, out


def test_the_schemas_have_absolute_ids_when_published_and_allow_added_fields(site, published, tmp_path):
    for name in (*DATA_FILES, "facets", "twin"):
        schema = load(published, f"data/schemas/{name}.schema.json")
        assert schema["$id"] == f"{SITEURL}/data/schemas/{name}.schema.json"
        assert load(site, f"data/schemas/{name}.schema.json")["$id"] == f"{name}.schema.json"
        assert schema["licenses"][0]["path"] == "https://creativecommons.org/licenses/by/4.0/"
        assert '"additionalProperties": false' not in json.dumps(schema)
    claims = load(site, "data/claims.json")
    added, renamed = tmp_path / "added.json", tmp_path / "renamed.json"
    added.write_text(json.dumps([{**claims[0], "a_new_field": 1}]))
    claim = dict(claims[0])
    claim["speaker_name"] = claim.pop("speaker")
    renamed.write_text(json.dumps([claim]))
    assert check_jsonschema(site / "data/schemas/claims.schema.json", [added])[0] == 0  # fields may be added
    assert check_jsonschema(site / "data/schemas/claims.schema.json", [renamed])[0] != 0  # never renamed


# 2. Absolute URLs when published, root-relative locally

def strings(value):
    """Every string in a JSON value, keys aside."""
    if isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, str) and not value.startswith("^") and not any(c.isspace() for c in value):
        yield value  # not a pattern, not words


def urls_in(site):
    """(file, URL) for every link to a file of the site in the data files, CSVs, twins,
    feeds, calendar, annotations and JSON-LD."""
    found = []
    for path in sorted(site.glob("data/**/*.json")) + sorted(site.glob("data/*.jsonld")):
        data = json.loads(path.read_text())
        if path.name == "datapackage.json":  # resource paths are relative to the package, as Frictionless wants
            data = {**data, "resources": [{**r, "path": None} for r in data["resources"]]}
        found += [(path, s) for s in strings(data) if SITE_FILE.search(s)]
    for twin in twins(site):
        found += [(twin, s) for s in strings(load(site, twin)) if SITE_FILE.search(s)]
    for path in sorted(site.glob("data/*.csv")):
        with open(path, newline="", encoding="utf-8") as source:
            for row in csv.reader(source):
                for cell in row:
                    found += [(path, part) for part in cell.split("|") if SITE_FILE.search(part)]
    for path in sorted(site.glob("feeds/**/*.xml")):
        feed = feedparser.parse(path.read_bytes())
        found += [(path, link["href"]) for link in feed.feed.links]
        found += [(path, link["href"]) for entry in feed.entries for link in entry.links]
        found += [(path, entry.id) for entry in feed.entries]
    calendar = icalendar.Calendar.from_ical((site / "data/events.ics").read_bytes())
    found += [(site / "data/events.ics", str(e["URL"])) for e in calendar.walk("VEVENT") if "URL" in e]
    for page in pages(site):
        for data in extruct.extract((site / page).read_text(), syntaxes=["json-ld"], uniform=False)["json-ld"]:
            found += [(page, s) for s in strings(data) if SITE_FILE.search(s) and "schema.org" not in s]
    return found


def test_every_url_in_the_published_data_is_absolute(published):
    found = urls_in(published)
    assert len(found) > 1000
    local = [(str(path), url) for path, url in found if not url.startswith("http")]
    assert not local, local[:5]
    ours = [url for _, url in found if url.startswith(f"{SITEURL}/")]
    assert ours and not [url for url in ours if "//" in url.removeprefix("https://")]  # one slash after SITEURL
    for url in {url.split("#")[0] for url in ours if "{" not in url}:  # {page}, {id}: data/index.json's patterns
        assert (published / url.removeprefix(f"{SITEURL}/")).is_file(), url


def test_a_local_build_keeps_urls_relative(site):
    found = urls_in(site)
    ours = [(str(path), url) for path, url in found if "example.org" in url]
    assert not ours
    for path, url in found:
        if url.startswith("http") or url.startswith("urn:"):
            continue  # the original articles' URLs, the Atom ids of a local build
        assert not url.startswith("/"), (path, url)


# 3. Discovery

def test_every_page_links_its_twin(site):
    for page in pages(site):
        link = soup(site / page).find("link", rel="alternate", type="application/json")
        assert link and resolve(page, link["href"]) == page.removesuffix(".html") + ".json", page


def test_the_data_index_lists_every_data_file_with_its_schema_and_licence(site):
    index = load(site, "data/index.json")
    listed = {entry["url"] for entry in index["files"]}
    shipped = {p.relative_to(site).as_posix() for p in (site / "data").rglob("*") if p.is_file()}
    schemas = {p for p in shipped if p.startswith("data/schemas/")}
    assert shipped - schemas - {"data/index.json"} == listed - {"feeds/claims.atom.xml"}
    for entry in index["files"]:
        assert entry["description"] and entry["license"]["url"] == index["license"]["url"]
        if entry["schema"] and not entry["schema"].startswith("http"):
            assert entry["schema"].split("#")[0] in shipped
    assert {entry["schema"] for entry in index["files"] if entry["schema"]} >= schemas - {"data/schemas/twin.schema.json"}
    footer = soup(site / "index.html").select_one(".site-footer")
    assert resolve("index.html", footer.find("a", string="The data")["href"]) == "data/index.json"
    assert footer.find("a", rel="license")["href"] == index["license"]["url"]


# 4. Tables for joining: Frictionless

def frictionless(package):
    return subprocess.run([BIN / "frictionless", "validate", "--json", str(package)],
                          capture_output=True, text=True, timeout=300)


def test_the_data_package_is_valid_and_describes_every_csv(site):
    result = frictionless(site / "data/datapackage.json")
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["valid"], result.stdout[:2000]
    package = load(site, "data/datapackage.json")
    assert {r["path"] for r in package["resources"]} == {p.name for p in (site / "data").glob("*.csv")}
    for resource in package["resources"]:
        with open(site / "data" / resource["path"], newline="", encoding="utf-8") as source:
            assert next(csv.reader(source)) == [field["name"] for field in resource["schema"]["fields"]]
    disputes = {(c["id"], other) for c in load(site, "data/claims.json") for other in c["disputes"]}
    with open(site / "data/disputes.csv", newline="", encoding="utf-8") as source:
        rows = list(csv.DictReader(source))
    assert {(r["from"], r["to"]) for r in rows if r["relation"] == "disputes"} == disputes
    assert package["licenses"][0]["name"] == "CC-BY-4.0"


def test_frictionless_catches_a_broken_foreign_key(site, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(site / "data", data)
    with open(data / "disputes.csv", "a", newline="", encoding="utf-8") as out:
        csv.writer(out).writerow(["no-such-claim", load(site, "data/claims.json")[0]["id"], "disputes"])
    result = frictionless(data / "datapackage.json")
    assert result.returncode != 0 and "foreign-key" in result.stdout


# 5. The database, opened with Datasette

def run_async(coroutine):
    """Run a coroutine in a thread of its own: Playwright's sync API may hold this thread's loop."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def query(db, sql, params=()):
    async def run():
        ds = Datasette(immutables=[str(db)])
        await ds.invoke_startup()
        return (await ds.execute("claims", sql, params)).rows
    return [tuple(row) for row in run_async(run())]


def test_datasette_opens_the_database_joins_and_searches(site):
    db = site / "data/claims.db"
    claims = load(site, "data/claims.json")
    parties = {p["id"]: p["name"] for p in load(site, "data/parties.json")}
    joined = query(db, "select claims.id, parties.name from claims join parties on claims.party = parties.id")
    assert sorted(joined) == sorted((c["id"], parties[c["party"]]) for c in claims)
    topics = query(db, "select claim, topic from claim_topics")
    assert sorted(topics) == sorted((c["id"], t) for c in claims for t in c["topics"])
    word = max(re.findall(r"[A-Za-z]{6,}", " ".join(c["quote"] for c in claims)), key=len)
    hits = query(db, "select id from claims where rowid in (select rowid from claims_fts where claims_fts match ?)",
                 [word])
    assert sorted(h[0] for h in hits) == sorted(c["id"] for c in claims if re.search(rf"\b{word}\b", c["text"] + " " + c["quote"], re.I))
    keys = query(db, "select \"table\", \"from\", \"to\" from pragma_foreign_key_list('claims')")
    assert ("parties", "party", "id") in keys and ("speakers", "speaker_id", "id") in keys


def test_the_database_stores_each_pair_once_and_datasette_browses_it(site):
    """The tables of pairs are kept in their key's order (WITHOUT ROWID), not as a table and
    an index of the same pairs; no index repeats another's leading column; Datasette lists
    and facets such a table by its key."""
    db = site / "data/claims.db"
    pairs = {"claim_topics", "event_parties", "event_topics", "disputes"}
    assert pairs <= {name for name, in query(db, "select name from pragma_table_list where wr = 1")}
    tables = [name for name, in query(db, "select name from sqlite_master where type = 'table' and name not like '%fts%'")]
    for table in tables:
        leading = query(db, "select il.name, ii.name from pragma_index_list(?) il join pragma_index_info(il.name) ii"
                            " on ii.seqno = 0", [table])
        columns = [column for _, column in leading]
        assert len(columns) == len(set(columns)), (table, leading)

    async def run():
        ds = Datasette(immutables=[str(db)])
        await ds.invoke_startup()
        return await ds.client.get("/claims/claim_topics.json?_shape=objects&_facet=topic&_size=max")
    response = run_async(run())
    assert response.status_code == 200
    claims = load(site, "data/claims.json")
    assert sorted((r["claim"], r["topic"]) for r in response.json()["rows"]) == sorted(
        (c["id"], t) for c in claims for t in c["topics"])
    counts = {f["value"]: f["count"] for f in response.json()["facet_results"]["topic"]["results"]}
    assert counts == {t: sum(t in c["topics"] for c in claims) for t in counts} and counts


def test_the_database_has_the_eras_and_their_sources(site):
    db = site / "data/claims.db"
    eras = load(site, "data/eras.json")
    assert eras, "the INF corpus states eras; this test needs one"
    rows = query(db, "select id, title, date, earliest, latest, date_label, date_basis from eras")
    assert rows == [tuple(era[k] for k in ("id", "title", "date", "earliest", "latest", "date_label", "date_basis"))
                    for era in eras]
    sources = query(db, "select eras.id, era_sources.number, articles.slug, era_sources.paragraph_url, era_sources.quote"
                        " from era_sources join eras on era_sources.era = eras.id"
                        " join articles on era_sources.article = articles.slug order by eras.rowid, number")
    assert sources == [(era["id"], n, s["article"], s["paragraph_url"], s["quote"])
                       for era in eras for n, s in enumerate(era["sources"], start=1)]
    keys = query(db, "select \"table\", \"from\", \"to\" from pragma_foreign_key_list('era_sources')")
    assert ("eras", "era", "id") in keys and ("articles", "article", "slug") in keys
    quote = eras[0]["sources"][0]["quote"]
    word = max(re.findall(r"[A-Za-z]{5,}", quote), key=len)
    hits = query(db, "select era, number from era_sources where rowid in "
                     "(select rowid from era_sources_fts where era_sources_fts match ?)", [word])
    assert (eras[0]["id"], 1) in hits


def test_datasette_with_the_sites_metadata_facets_claims_and_shows_the_licence(site):
    """`datasette data/claims.db --metadata data/datasette.json`, through Datasette's own client."""
    async def run():
        ds = Datasette(immutables=[str(site / "data/claims.db")], metadata=load(site, "data/datasette.json"))
        await ds.invoke_startup()
        return (await ds.client.get("/claims/claims.json?_shape=objects"), await ds.client.get("/claims/claims"))
    response, page = run_async(run())
    assert response.status_code == 200 and page.status_code == 200
    assert "https://creativecommons.org/licenses/by/4.0/" in page.text
    facets = response.json()["facet_results"]
    assert {"party", "kind", "speaker_id", "article"} <= set(facets)
    counts = {f["value"]: f["count"] for f in facets["party"]["results"]}
    claims = load(site, "data/claims.json")
    assert counts == {party: sum(c["party"] == party for c in claims) for party in counts}
    assert sum(counts.values()) == len(claims)


# 6. Web Annotations: re-anchored on the article pages with the selectors alone

def paragraph_texts(site, article_page):
    """Each numbered paragraph's text as the page shows it, without its ¶ link, white space
    collapsed: what the annotations' positions count in (README, "Web Annotations")."""
    texts = {}
    for element in soup(site / article_page).select(".article-body p[id^=p-]"):
        for pilcrow in element.select("a.pilcrow"):
            pilcrow.decompose()
        texts[element["id"]] = words(element.get_text())
    return texts


def anchor(text, quote):
    """Where a TextQuoteSelector lands in `text`: every place `exact` occurs with its prefix
    before and its suffix after."""
    exact, prefix, suffix = quote["exact"], quote.get("prefix", ""), quote.get("suffix", "")
    found, start = [], text.find(exact)
    while start != -1:
        if text[:start].endswith(prefix) and text[start + len(exact):].startswith(suffix):
            found.append(start)
        start = text.find(exact, start + 1)
    return found


def annotated(annotation, by_page, eras):
    """The quotes an annotation may anchor: its claim's, or its event's or era's sources.
    A claim's or event's body is its page; an era has none, so its body is its name and
    dates as text, and the annotation's id names it (`#era/<id>/<n>`)."""
    body = annotation["body"]
    if body["type"] == "TextualBody":
        _, era_id, number = annotation["id"].split("#")[1].split("/")
        era = eras[era_id]
        assert body["value"] == f"{era['title']} ({era['date_label']})" and body["purpose"] == "describing"
        return [era["sources"][int(number) - 1]]
    record = by_page[resolve("data/annotations.jsonld", body["id"])]
    return [record] if "quote" in record else record["sources"]


def test_every_claim_event_and_era_source_has_an_annotation_that_anchors(site):
    assert load(site, "data/eras.json"), "the INF corpus states eras; this test needs one"
    assert_annotations_anchor(site)


def assert_annotations_anchor(site):
    """One annotation per claim, event source and era source, each re-anchored on the site's
    article text by its selectors alone, on the words its claim, event or era quotes."""
    collection = load(site, "data/annotations.jsonld")
    items = collection["first"]["items"]
    claims, events = load(site, "data/claims.json"), load(site, "data/events.json")
    eras = {era["id"]: era for era in load(site, "data/eras.json")}
    sources = sum(len(e["sources"]) for e in events) + sum(len(e["sources"]) for e in eras.values())
    assert collection["total"] == len(items) == len(claims) + sources
    assert len({annotation["id"] for annotation in items}) == len(items)
    assert sum(a["body"]["type"] == "TextualBody" for a in items) == sum(len(e["sources"]) for e in eras.values())
    articles = {a["slug"]: a for a in load(site, "data/articles.json")}
    by_page = {record["url"]: record for record in claims + events}
    for annotation in items:
        assert annotation["type"] == "Annotation"
        sources = annotated(annotation, by_page, eras)
        target, quote_selector, position = annotation["target"], *annotation["target"]["selector"]
        if target["source"].startswith("http"):  # the original article
            article = next(a for a in articles.values() if a["source_url"] == target["source"])
            texts = paragraph_texts(site, article["url"])
            text = "\n\n".join(texts.values())
        else:  # the paragraph on this site
            page, _, paragraph = resolve("data/annotations.jsonld", target["source"]).partition("#")
            article = next(a for a in articles.values() if a["url"] == page)
            assert not article["source_url"]
            text = paragraph_texts(site, page)[paragraph]
        assert quote_selector["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
        assert anchor(text, quote_selector) == [position["start"]]  # the quote alone finds one place: the position
        assert text[position["start"]:position["end"]] == quote_selector["exact"]
        assert any(words(source["quote"]) == quote_selector["exact"] for source in sources)


# Eras of another corpus: one with sources, whose id is also an event's, one dated by its basis alone

@pytest.fixture(scope="module")
def harbour_eras(tmp_path_factory):
    from conftest import FIXTURES, copy_project
    project = copy_project(tmp_path_factory.mktemp("harbour-eras"))
    shutil.rmtree(project / "content")
    shutil.copytree(FIXTURES / "harbour" / "content", project / "content")
    eras = [
        {"id": "works", "date": "2020-03-20/2021-03-04", "title": "The harbour works",
         "date_basis": "A test era: from the first dated event to the vote."},
        {"id": "vote-delayed", "date": "2021-03-02/2021-03-04", "title": "The vote delayed",
         "sources": [{"article": "bridge-vote", "quote": "delayed its vote on the harbour bridge for a second time"}]},
    ]
    text = (FIXTURES / "harbour" / "claims.yaml").read_text()
    assert "id: vote-delayed" in text  # an event's id too: the era's annotations must not take the event's
    (project / "claims.yaml").write_text(text + "\n" + yaml.safe_dump({"eras": eras}, sort_keys=False))
    result = run_explorer(project, "build", "-o", str(project / "out"))
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "out", eras


def test_eras_of_another_corpus_validate_load_and_anchor(harbour_eras):
    site, eras = harbour_eras
    records = load(site, "data/eras.json")
    assert [(r["id"], r["title"], r["date"]) for r in records] == [(e["id"], e["title"], e["date"]) for e in eras]
    assert records[0]["sources"] == [] and records[0]["date_basis"] == eras[0]["date_basis"]
    assert [s["quote"] for s in records[1]["sources"]] == [s["quote"] for s in eras[1]["sources"]]
    code, out = check_jsonschema(site / "data/schemas/eras.schema.json", [site / "data/eras.json"])
    assert code == 0, out
    code, out = check_jsonschema(site / "data/schemas/twin.schema.json", [site / t for t in twins(site)])
    assert code == 0, out
    assert [e["id"] for e in load(site, "timeline.json")["eras"]] == [e["id"] for e in eras]
    result = frictionless(site / "data/datapackage.json")
    assert result.returncode == 0 and json.loads(result.stdout)["valid"], result.stdout[:2000]
    with open(site / "data/eras.csv", newline="", encoding="utf-8") as source:
        assert [row["id"] for row in csv.DictReader(source)] == [e["id"] for e in eras]
    assert query(site / "data/claims.db", "select era, number, quote from era_sources") == \
           [("vote-delayed", 1, eras[1]["sources"][0]["quote"])]
    assert_annotations_anchor(site)


# 8. The JSON-LD graph of the whole site

SCHEMA_ORG = rdflib.Namespace("https://schema.org/")


def schema_org_loader(url, options=None):
    """Schema.org's context, as a vocabulary (the tests have no network)."""
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": {"@context": {"@vocab": "https://schema.org/"}}}


def site_graph(site, base):
    """Every page's JSON-LD (extruct), expanded against the page's URL (PyLD), one rdflib graph."""
    graph = rdflib.Graph()
    for page in pages(site):
        for data in extruct.extract((site / page).read_text(), syntaxes=["json-ld"], uniform=False)["json-ld"]:
            quads = jsonld.to_rdf(data, {"base": base + page, "format": "application/n-quads",
                                         "documentLoader": schema_org_loader})
            graph.parse(data=quads, format="nt")  # the default graph only: N-Triples
    return graph


@pytest.mark.parametrize("build, base", [("site", "http://localhost/"), ("published", "http://elsewhere.test/")])
def test_the_merged_graph_has_one_text_per_paragraph_and_distinct_ids(request, build, base):
    site = request.getfixturevalue(build)
    graph = site_graph(site, base)
    root = f"{SITEURL}/" if build == "published" else base
    articles = load(site, "data/articles.json")
    for article in articles:
        twin = load(site, article["url"].removeprefix(root).removesuffix(".html") + ".json")
        for paragraph in twin["paragraphs"]:
            node = rdflib.URIRef(root + paragraph["url"].removeprefix(root))
            texts = list(graph.objects(node, SCHEMA_ORG.text))
            assert [str(t) for t in texts] == [words(paragraph["text"])], node
            assert set(graph.objects(node, rdflib.RDF.type)) == {SCHEMA_ORG.WebPageElement}
    for claim in load(site, "data/claims.json"):
        node = rdflib.URIRef(root + claim["url"].removeprefix(root) + "#claim")
        assert set(graph.objects(node, rdflib.RDF.type)) == {SCHEMA_ORG.Claim}
        assert [str(t) for t in graph.objects(node, SCHEMA_ORG.text)] == [claim["text"]]
        [quote] = graph.objects(node, SCHEMA_ORG.appearance)
        assert [str(t) for t in graph.objects(quote, SCHEMA_ORG.text)] == [claim["quote"]]
        assert rdflib.URIRef(root + claim["paragraph_url"].removeprefix(root)) in set(graph.objects(quote, SCHEMA_ORG.isPartOf))
    typed = {}
    for subject, kind in graph.subject_objects(rdflib.RDF.type):
        typed.setdefault(subject, set()).add(kind)
    assert all(len(kinds) == 1 for kinds in typed.values()), [s for s, k in typed.items() if len(k) > 1][:3]
    for record, kind in [(e, SCHEMA_ORG.Event) for e in load(site, "data/events.json")] + \
                        [(p, SCHEMA_ORG.Organization) for p in load(site, "data/parties.json")] + \
                        [(s, SCHEMA_ORG.Person) for s in load(site, "data/speakers.json")]:
        fragment = {SCHEMA_ORG.Event: "event", SCHEMA_ORG.Organization: "party", SCHEMA_ORG.Person: "person"}[kind]
        node = rdflib.URIRef(root + record["url"].removeprefix(root) + f"#{fragment}")
        assert kind in typed.get(node, set()), node
        assert len(set(graph.objects(node, SCHEMA_ORG.name))) == 1, node


# 10. CSV cells safe in a spreadsheet

@pytest.fixture(scope="module")
def formula_corpus(tmp_path_factory):
    """The harbour corpus with claim texts a spreadsheet would run or misread."""
    from conftest import FIXTURES, copy_project
    project = copy_project(tmp_path_factory.mktemp("formula"))
    shutil.rmtree(project / "content")
    shutil.copytree(FIXTURES / "harbour" / "content", project / "content")
    text = (FIXTURES / "harbour" / "claims.yaml").read_text()
    text = text.replace("text: Ada Lane says the bridge is safe and funded.",
                        "text: '=HYPERLINK(\"https://evil.example\",\"safe\")'")
    text = text.replace("text: Residents say the bridge is not safe.", "text: \"-12 per cent: residents say the bridge is not safe.\"")
    (project / "claims.yaml").write_text(text)
    result = run_explorer(project, "build", "-o", str(project / "out"), env={"SOURCE_DATE_EPOCH": str(EPOCH)})
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "out"


EPOCH = 1700000000  # 14 November 2023, 22:13:20 UTC


def test_source_date_epoch_sets_the_calendar_stamp(formula_corpus):
    """The reproducible-builds convention decides when the data changed (README, "Data files")."""
    events = icalendar.Calendar.from_ical((formula_corpus / "data/events.ics").read_bytes()).walk("VEVENT")
    assert events and {e.decoded("DTSTAMP").timestamp() for e in events} == {EPOCH}


def test_csv_cells_that_look_like_formulas_are_neutralised(formula_corpus):
    claims = load(formula_corpus, "data/claims.json")
    risky = [c for c in claims if c["text"].startswith(FORMULA_STARTS)]
    assert {c["text"][0] for c in risky} == {"=", "-"}
    with open(formula_corpus / "data/claims.csv", newline="", encoding="utf-8") as source:
        rows = {row["id"]: row for row in csv.DictReader(source)}
    for claim in risky:
        cell = rows[claim["id"]]["text"]
        assert cell == "'" + claim["text"]  # an apostrophe first: text in every spreadsheet
        assert cell[1:] == claim["text"]  # and the raw value back by dropping it
    for claim in claims:
        for key, cell in rows[claim["id"]].items():
            assert not cell.startswith(FORMULA_STARTS), (key, cell)
    raw = query(formula_corpus / "data/claims.db", "select text from claims where id = ?", [risky[0]["id"]])
    assert raw == [(risky[0]["text"],)]  # the database keeps the raw value


def test_neutralise_covers_every_start_owasp_lists():
    import sys
    sys.path.insert(0, str(PROJECT / "plugins/claims-explorer/pelican/plugins"))
    from claims_explorer.export_csv import neutralise, restore
    for text in ("=1+1", "+1", "-5", "@SUM(A1)", "\tx", "\rx", "'quoted"):
        assert neutralise(text) == "'" + text and restore(neutralise(text)) == text
    for text in ("plain", "1987", "", "a=b"):
        assert neutralise(text) == text and restore(neutralise(text)) == text
