"""Search and the claims page's filters in a real browser: results that say what they are,
excerpts as the page reads, topic aliases, the header box, filters with counts over
Pagefind's index (never data/claims.json), URL state, no JavaScript, malformed URLs.
Expectations come from data/claims.json and claims.yaml, never from today's counts.

Every test here reads a build whose claims are indexed in several bundles (search.py's
shards, SHARD_PAGES claims each), as a large corpus's are: results, filters and counts come
from all of them."""

import gzip
import html
import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from playwright.sync_api import expect

from conftest import PROJECT, built_once, copy_project, run_explorer, words
from pages import serve as serving

ARTIFACTS = PROJECT / "test-artifacts"
BUDGET = 60 * 1024  # bytes a page may fetch before the reader acts
CHANGE_BUDGET = 300_000  # bytes one filter change may fetch
KINDS = {"quote": "Direct quote", "paraphrase": "Paraphrase", "position": "Reported position",
         "assertion": "Outlet's assertion"}
SHARD_PAGES = 20  # claims a bundle: the real corpus's 51 claims in 3 bundles


def build_sharded(output):
    project = copy_project(output.parent / "sharded-project")
    with open(project / "pelicanconf.py", "a") as settings:
        settings.write(f"\nCLAIMS_SEARCH_SHARD_PAGES = {SHARD_PAGES}\n")
    result = run_explorer(project, "build", "-o", str(output))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def sharded(tmp_path_factory):
    """The real project built with its claims indexed in several bundles."""
    return built_once(tmp_path_factory, "sharded-site", build_sharded)


@pytest.fixture(scope="module")
def server(sharded):
    with serving(sharded) as url:
        yield url


@pytest.fixture(scope="module")
def names(source_yaml):
    """Display names by id, as the pages and the index show them."""
    return {key: {item["id"]: item["name"] for item in source_yaml[key]} for key in ("parties", "speakers", "topics")}


def by_url(data):
    return {"/" + claim["url"]: claim for claim in data["claims"]}


def track(page):
    """Every response's URL and size, and every page error, from now on."""
    log = {"responses": [], "errors": []}
    page.on("requestfinished", lambda r: log["responses"].append((r.url, r.sizes()["responseBodySize"])))
    page.on("pageerror", lambda error: log["errors"].append(str(error)))
    page.on("console", lambda m: m.type == "error" and log["errors"].append(m.text))
    return log


def all_results(page):
    """Every result of the current search, pressing "Show more" until there is no more."""
    more = page.locator("button.show-more")
    expect(page.locator("#search-status")).not_to_have_text("Searching…")
    while more.is_visible():
        before = page.locator(".search-result").count()
        more.click()
        expect(page.locator(".search-result")).not_to_have_count(before)
    return page.locator(".search-result")


def test_results_say_type_date_party_speaker_and_source(page, server, data, source_yaml):
    claims = by_url(data)
    page.goto(f"{server}/search.html?q=treaty")
    results = all_results(page)
    events = {"/" + event["url"]: event for event in data["events"]}
    checked = events_checked = 0
    for i in range(results.count()):
        result = results.nth(i)
        href = urlsplit(result.locator(".card-title a").get_attribute("href")).path
        if href in events:  # an event's source: its first source's words on the article's page
            source, first = urlsplit(result.locator(".card-links a").get_attribute("href")), events[href]["sources"][0]
            assert (source.path.lstrip("/"), source.fragment) == (first["paragraph_url"].split("#")[0], f"event-{events[href]['id']}")
            events_checked += 1
        if href not in claims:
            continue
        claim = claims[href]
        meta = words(result.locator(".card-meta").inner_text())
        assert meta.startswith(f"Claim · {KINDS[claim['kind']]} · {claim['date_label']} · "), meta
        party = next(p for p in source_yaml["parties"] if p["id"] == claim["party"])
        expect(result.locator(".card-meta a.party")).to_have_text(party.get("short", party["name"]))
        assert meta.endswith(claim["speaker"] or claim["attribution"] or party["name"]), meta
        assert_result_links(result, claim)
        expect(result.locator(".card-links a")).to_contain_text(re.compile(r", ¶\d+$"))
        checked += 1
    assert checked >= 2 and events_checked >= 2


def assert_result_links(card, claim):
    """A claim's card links its party's page, its speaker's, and its quoted words on its
    article's page (the quote's anchor), as the claim's own page does."""
    party = urlsplit(card.locator(".card-meta a.party").get_attribute("href")).path.lstrip("/")
    assert party == f"parties/{claim['party']}.html", party
    speaker = card.locator(".card-meta a:not(.party)")
    if claim["speaker_id"]:
        assert urlsplit(speaker.get_attribute("href")).path.lstrip("/") == f"speakers/{claim['speaker_id']}.html"
    else:
        expect(speaker).to_have_count(0)
    source = urlsplit(card.locator(".card-links a").get_attribute("href"))
    assert (source.path.lstrip("/"), source.fragment) == (claim["paragraph_url"].split("#")[0], f"claim-{claim['id']}")


def test_the_index_holds_no_urls_as_words(site, page, server):
    """Pagefind indexes every metadata value as words: the pages give it ids and names, never
    a URL or a style, so a search for the words of a URL ("html") or of a badge's shape finds
    nothing on this corpus, whose articles use none of them."""
    for path in [*site.glob("claims/*.html"), *site.glob("events/*.html")]:
        for meta in re.findall(r'data-pagefind-meta="([^"]*)"', path.read_text()):
            fields = [f.split("[")[0].strip() for f in meta.split(",")]
            assert not [f for f in fields if f.endswith(("_url", "_colour", "_shape"))], (path.name, fields)
    page.goto(f"{server}/search.html?q=html")
    expect(page.locator("#search-status")).to_have_text(re.compile(r"^No results"))


# The blocks of text a page gives the index, in order: the leaf blocks inside
# data-pagefind-body and outside data-pagefind-ignore, each marked when it is a label.
INDEXED_BLOCKS = """() => {
  const BLOCK = "h1,h2,h3,h4,p,dt,dd,li,figcaption";
  const bodies = Array.from(document.querySelectorAll("[data-pagefind-body]"));
  const out = [];
  document.querySelectorAll(BLOCK).forEach(node => {
    if (!bodies.some(b => b.contains(node)) || node.closest("[data-pagefind-ignore]")) return;
    if (node.querySelector(BLOCK)) return;
    const copy = node.cloneNode(true);
    copy.querySelectorAll("[data-pagefind-ignore]").forEach(n => n.remove());
    let text = copy.textContent.split(/\\s+/).filter(Boolean).join(" ");
    if (/^H[1-4]$/.test(node.tagName) && !/[.!?]$/.test(text)) text += ".";  // as Pagefind ends a heading
    out.push({text: text, label: /^(DT|H2|H3|H4)$/.test(node.tagName)});
  });
  return out;
}"""


def test_excerpts_keep_fields_apart(page, server, source_yaml):
    """Every excerpt is a run of what its page gives the index, and wherever it crosses from
    one field to the next, the first ends a sentence or one of them is a label ("Words quoted",
    "Topics"): no "Washington which Washington says", no "on the timeline Parties US"."""
    queries = [q for topic in source_yaml["topics"] for q in topic.get("aliases", [])] + ["treaty", "Russia"]
    crossings = 0
    for q in queries[:4]:
        page.goto(f"{server}/search.html?q={quote(q)}")
        expect(page.locator("#search-status")).to_contain_text("result")
        results = page.locator(".search-result")
        excerpts = [(urlsplit(results.nth(i).locator(".card-title a").get_attribute("href")).path,
                     words(results.nth(i).locator(".excerpt").inner_text())) for i in range(min(results.count(), 8))]
        for href, excerpt in excerpts:
            page.goto(f"{server}{href}")
            blocks = page.evaluate(INDEXED_BLOCKS)
            text, ends = "", []
            for block in blocks:
                text += (" " if text else "") + block["text"]
                ends.append(len(text))
            start = text.find(excerpt)
            assert excerpt and start != -1, (href, excerpt, text)
            for i, end in enumerate(ends[:-1]):
                if start < end < start + len(excerpt):
                    crossings += 1
                    assert re.search(r"[.!?:;)”\"']$", blocks[i]["text"]) or blocks[i]["label"] or blocks[i + 1]["label"], (
                        href, blocks[i]["text"], blocks[i + 1]["text"])
    assert crossings, "no excerpt crossed from one field to another: the test would prove nothing"


def test_an_alias_finds_every_claim_of_its_topic_whatever_name_it_uses(page, server, data, source_yaml):
    aliased = [t for t in source_yaml["topics"] if t.get("aliases")]
    assert aliased, "claims.yaml lists no topic aliases"
    unnamed = 0
    for topic in aliased:
        tagged = {"/" + c["url"] for c in data["claims"] if topic["id"] in c["topics"]}
        for name in topic["aliases"]:
            page.goto(f"{server}/search.html?q={quote(name)}")
            results = all_results(page)
            found = {urlsplit(h).path for h in results.locator(".card-title a").evaluate_all("as => as.map(a => a.href)")}
            assert tagged <= found, (name, sorted(tagged - found))
            unnamed += sum(name.lower() not in (c["text"] + c["quote"]).lower()
                           for c in data["claims"] if topic["id"] in c["topics"])
    assert unnamed, "no tagged claim lacks the alias in its words: the test would prove nothing"


def test_the_header_box_keeps_the_query(page, server):
    page.goto(f"{server}/index.html")
    page.locator("#site-q").fill("missile treaty")
    page.locator("#site-q").press("Enter")
    expect(page.locator("#search-status")).to_contain_text("result")
    expect(page.locator("#site-q")).to_have_value("missile treaty")
    expect(page.locator("#search-q")).to_have_value("missile treaty")
    page.locator("#search-q").fill("Russia")
    page.locator("#search-q").press("Enter")
    expect(page.locator("#site-q")).to_have_value("Russia")
    assert parse_qs(urlsplit(page.url).query)["q"] == ["Russia"]


def test_search_filters_narrow_the_results_with_counts(page, server, data, names):
    page.goto(f"{server}/search.html?q=treaty")
    expect(page.locator("#search-status")).to_contain_text("result")
    panel = page.locator("main .facets")
    for legend in ("Type", "Party", "Speaker", "Topic", "Year", "Kind"):
        expect(panel.locator("legend", has_text=legend)).to_have_count(1)
    russia = names["parties"]["russia"]
    box = panel.get_by_label(re.compile(rf"^{re.escape(russia)} \((\d+)\)$"))
    expected = int(re.search(r"\((\d+)\)$", box.evaluate("b => b.labels[0].textContent")).group(1))
    box.check()
    results = all_results(page)
    expect(results).to_have_count(expected)
    assert expected and results.count() == expected
    for meta in results.locator(".card-meta").all_inner_texts():
        assert re.search(r"\bRussia\b", meta), meta
    assert parse_qs(urlsplit(page.url).query)["party"] == [russia]
    claim = panel.get_by_label(re.compile(r"^Claim \(\d+\)$"))
    claim.check()
    expect(page.locator(".search-result .card-meta", has_text=re.compile("^(Event|Source article)"))).to_have_count(0)


def test_facet_values_are_fetched_only_when_the_filters_panel_opens(browser, server, data):
    """On a narrow screen the Filters panel starts closed: a search fetches no facet values
    (every bundle's filter index) until the reader opens it; a filter in the URL still
    narrows the results, fetching what that filter needs."""
    context = browser.new_context(viewport={"width": 375, "height": 900})
    page = context.new_page()
    log = track(page)
    page.goto(f"{server}/search.html?q=treaty")
    expect(page.locator("#search-status")).to_contain_text("result")
    page.wait_for_load_state("networkidle")
    assert [u for u, _ in log["responses"] if "/pagefind" in u and "/index/" in u], "the search fetched no word index"
    assert not [u for u, _ in log["responses"] if "/filter/" in u]
    total = all_results(page).count()
    panel = page.locator("details.facet-panel")
    expect(panel).not_to_have_attribute("open", "")
    panel.locator("summary").click()
    claim = page.locator("main .facets").get_by_label(re.compile(r"^Claim \((\d+)\)$"))
    expect(claim).to_be_visible()
    bundles = {m["path"] for m in json.loads(page.locator("#search-form").get_attribute("data-merge"))} | {"pagefind/"}
    fetched = lambda: {urlsplit(u).path.split("/")[1] + "/" for u, _ in log["responses"] if "/filter/" in u}
    # each bundle's filter index is fetched on its own: on a loaded machine one can start
    # after the network has been idle for a while, so wait for all of them (15 s at most)
    for _ in range(150):
        if fetched() == bundles:
            break
        page.wait_for_timeout(100)
    assert fetched() == bundles
    claims = count_of(claim)
    assert 0 < claims < total
    page.goto(f"{server}/search.html?q=treaty&type=Claim")
    expect(page.locator("#search-status")).to_contain_text("result")
    found = {urlsplit(h).path for h in all_results(page).locator(".card-title a").evaluate_all("as => as.map(a => a.href)")}
    assert len(found) == claims and all(url.startswith("/claims/") for url in found)
    assert log["errors"] == []
    context.close()


def visible_claims(page):
    return page.locator("#claim-list .claim-card")


def facet_box(page, label):
    return page.locator("main .facets").get_by_label(re.compile(rf"^{re.escape(label)} \(\d+\)$"))


def count_of(box):
    return int(re.search(r"\((\d+)\)$", box.evaluate("b => b.labels[0].textContent")).group(1))


def test_claims_filters_count_from_the_index_not_from_claims_json(page, server, data, names):
    log = track(page)
    page.goto(f"{server}/claims/index.html")
    page.wait_for_load_state("networkidle")
    loaded = sum(size for _, size in log["responses"])
    assert loaded <= BUDGET, f"{loaded} bytes fetched on load"
    assert not [u for u, _ in log["responses"] if "pagefind" in u or "/data/" in u]
    total = len(data["claims"])
    status = page.locator(".explorer-status")
    expect(status).to_have_text(f"All {total} claims, in date order. Choose filters to narrow them.")
    # the page's build-time counts are the data's
    for party, n in Counter(c["party"] for c in data["claims"]).items():
        expect(facet_box(page, names["parties"][party])).to_have_accessible_name(f"{names['parties'][party]} ({n})")
    log["responses"].clear()
    russia = [c for c in data["claims"] if c["party"] == "russia"]
    facet_box(page, names["parties"]["russia"]).check()
    expect(status).to_have_text(re.compile(rf"^{len(russia)} of {total} claims match"))
    changed = sum(size for _, size in log["responses"])
    assert changed <= CHANGE_BUDGET, f"{changed} bytes fetched by one filter change"
    expect(page.locator("#claim-list .pager")).to_have_count(0)  # the matches replace the page's list
    expect(visible_claims(page)).to_have_count(min(len(russia), 40))
    assert visible_claims(page).first.get_attribute("id") == russia[0]["id"]  # in date order
    by_id = {c["id"]: c for c in data["claims"]}
    for card in visible_claims(page).all():  # quotation marks only around a speaker's own words
        claim = by_id[card.get_attribute("id")]
        expect(card.locator(".words q")).to_have_count(1 if claim["kind"] == "quote" else 0)
        if claim["kind"] != "quote":
            expect(card.locator(".words")).to_have_text(f"The article: {claim['quote']}")
        assert_result_links(card, claim)
    assert parse_qs(urlsplit(page.url).query) == {"party": [names["parties"]["russia"]]}
    # Pagefind's counts, under the choice, are those the data gives
    for topic, n in Counter(t for c in russia for t in c["topics"]).items():
        expect(facet_box(page, names["topics"][topic])).to_have_accessible_name(f"{names['topics'][topic]} ({n})")
    for kind, label in KINDS.items():
        n = sum(c["kind"] == kind for c in russia)
        if facet_box(page, label).count():
            expect(facet_box(page, label)).to_have_accessible_name(f"{label} ({n})")
    for party, n in Counter(c["party"] for c in data["claims"]).items():  # another party adds its own
        expect(facet_box(page, names["parties"][party])).to_have_accessible_name(f"{names['parties'][party]} ({n})")
    topic, n = Counter(t for c in russia for t in c["topics"]).most_common(1)[0]
    facet_box(page, names["topics"][topic]).check()
    expect(visible_claims(page)).to_have_count(min(n, 40))
    # the word the filters search for is in every claim's index, and only there: the page's
    # Pagefind (the first claim bundle's, the others merged in) finds every claim, once
    every = page.locator("#explorer").get_attribute("data-every")
    bundles = page.locator("#explorer").get_attribute("data-bundles").split()
    assert len(bundles) > 1
    found = page.evaluate("""async ([bundle, word]) => {
      const pf = await import(new URL(bundle + "pagefind.js", location.origin + "/").href);
      const results = (await pf.search(word)).results;
      return Promise.all(results.map(async r => (await r.data()).url)); }""", [bundles[0], every])
    assert sorted(found) == sorted("/" + c["url"] for c in data["claims"])
    page.get_by_role("button", name="Clear filters").click()
    expect(page.locator("#claim-list .pager")).to_have_count(1 if total > 40 else 0)
    assert not [u for u, _ in log["responses"] if u.endswith((".json",)) and "/data/" in u]
    assert log["errors"] == []


def bundle_urls(site, bundle):
    """The URL of every page a bundle indexes, read from its fragments (gzip, JSON)."""
    urls = set()
    for fragment in (site / bundle / "fragment").glob("*.pf_fragment"):
        text = gzip.decompress(fragment.read_bytes())
        assert text.startswith(b"pagefind_dcd")
        urls.add(json.loads(text[len(b"pagefind_dcd"):])["url"])
    return urls


def test_the_claims_are_dealt_out_to_the_bundles_in_date_order(page, server, sharded, data):
    """Each claim is in one bundle: the claims in date order, dealt out to the bundles in
    turn, which is what lets the claims page's filters list matches in date order across
    them (explorer.js); the search page merges every bundle."""
    page.goto(f"{server}/claims/index.html")
    bundles = page.locator("#explorer").get_attribute("data-bundles").split()
    assert len(bundles) == -(-len(data["claims"]) // SHARD_PAGES) > 1
    def date_key(claim):  # what the pages give Pagefind to sort by
        page = (sharded / claim["url"]).read_text()
        return html.unescape(re.search(r'data-pagefind-sort="date:([^"]*)"', page).group(1))
    dated = ["/" + c["url"] for c in sorted(data["claims"], key=date_key)]
    assert [bundle_urls(sharded, bundle) for bundle in bundles] == [set(dated[i::len(bundles)]) for i in range(len(bundles))]
    page.goto(f"{server}/search.html")
    merged = json.loads(page.locator("#search-form").get_attribute("data-merge"))
    assert [m["path"] for m in merged if m["filter"] == {"type": "Claim"}] == bundles


def test_a_search_finds_claims_in_every_bundle(page, server, sharded, data):
    """Every claim whose words hold "treaty" is found, whichever bundle indexes it."""
    page.goto(f"{server}/search.html?q=treaty")
    found = {urlsplit(h).path for h in all_results(page).locator(".card-title a").evaluate_all("as => as.map(a => a.href)")}
    bundles = page.locator("#search-form").get_attribute("data-merge")
    claims = {"/" + c["url"] for c in data["claims"] if "treaty" in (c["text"] + " " + c["quote"]).lower()}
    for bundle in (m["path"] for m in json.loads(bundles)):
        assert bundle_urls(sharded, bundle) & claims, f"no claim about the treaty in {bundle}: the test proves nothing"
    assert claims <= found, sorted(claims - found)
    assert any(not url.startswith("/claims/") for url in found)  # and the articles' and events' bundle


def test_a_shared_filtered_url_restores_the_view(page, server, data, names):
    quotes = [c for c in data["claims"] if c["kind"] == "quote"]
    year = Counter(c["date"][:4] for c in quotes).most_common(1)[0][0]
    expected = [c for c in quotes if c["date"][:4] == year]
    page.goto(f"{server}/claims/index.html?kind={quote(KINDS['quote'])}&year={year}")
    expect(visible_claims(page)).to_have_count(len(expected))
    expect(facet_box(page, KINDS["quote"])).to_be_checked()
    expect(facet_box(page, year)).to_be_checked()
    assert [c.get_attribute("id") for c in visible_claims(page).all()] == [c["id"] for c in expected]
    page.reload()
    expect(visible_claims(page)).to_have_count(len(expected))
    assert parse_qs(urlsplit(page.url).query) == {"kind": [KINDS["quote"]], "year": [year]}


def test_without_javascript_the_claims_page_lists_claims_and_facet_links(browser, server, data, names):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/claims/index.html")
    expect(page.locator("#claim-list table.index tbody tr").first).to_be_visible()  # a row per claim
    nav = page.get_by_role("navigation", name="Claims by")
    for party, n in Counter(c["party"] for c in data["claims"]).items():
        item = nav.locator("li", has=page.get_by_role("link", name=names["parties"][party], exact=True))
        expect(item).to_have_text(f"{names['parties'][party]} ({n})")
    for topic, n in Counter(t for c in data["claims"] for t in c["topics"]).items():
        link = nav.get_by_role("link", name=names["topics"][topic], exact=True)
        expect(link.locator("xpath=..")).to_have_text(f"{names['topics'][topic]} ({n})")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "search-claims-index-nojs-375.png")
    nav.get_by_role("link", name=names["parties"]["russia"], exact=True).click()
    expect(page.locator("h1")).to_contain_text(names["parties"]["russia"])
    page.goto(f"{server}/search.html?q=treaty")
    # Playwright's text matching skips <noscript>, so read it from the DOM
    assert "Search needs JavaScript" in page.evaluate("document.querySelector('main noscript').textContent")
    context.close()


@pytest.mark.parametrize("path", [
    "claims/index.html?party=%&topic=%E0%A4%A#%", "claims/index.html?topic=constructor&__proto__=x&constructor=1",
    "search.html?q=%&party=%zz#%", "search.html?q=constructor&topic=constructor&toString=1",
    "claims/us-9m729-breaks-inf.html#%", "articles/us-rejects-russian-offer-inf.html#%E0:~:text=%",
])
def test_malformed_urls_break_no_script(page, server, path):
    log = track(page)
    page.goto(f"{server}/{path}")
    page.wait_for_load_state("networkidle")
    if path.startswith("claims/index"):
        expect(page.locator("main .facets input:checked")).to_have_count(0)  # no value is named so
        facet_box(page, "2019").first.check() if facet_box(page, "2019").count() else None
        page.wait_for_load_state("networkidle")
    if path.startswith("search"):
        expect(page.locator("#search-status")).not_to_have_text("Searching…")
    assert log["errors"] == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["search.html?q=9M729", "claims/index.html", "claims/index.html?party=Russia"])
def test_screenshots_of_search_and_claims(browser, server, path, scheme):
    ARTIFACTS.mkdir(exist_ok=True)
    name = "search-" + re.sub(r"[^a-z0-9]+", "-", path.replace(".html", "").lower()).strip("-")
    for width in (1280, 375):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        page.goto(f"{server}/{path}")
        page.wait_for_load_state("networkidle")
        if "?" in path:
            expect(page.locator(".search-result, #claim-list .claim-card").first).to_be_visible()
        page.screenshot(path=ARTIFACTS / f"{name}-{scheme}-{width}.png")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways at {width}px"
        context.close()


def test_facet_values_named_like_javascript_properties_are_plain_values(page, harbour):
    """A topic called "constructor" or "__proto__" is a value like any other, on any corpus."""
    path = harbour / "claims.yaml"
    text = path.read_text()
    for old, new in (("name: Bridge safety", "name: constructor"), ("name: Schedule", "name: __proto__")):
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text)
    result = run_explorer(harbour, "build", "-o", str(harbour / "out"))
    assert result.returncode == 0, result.stderr
    claims = json.loads((harbour / "out/data/claims.json").read_text())
    log = track(page)
    with serving(harbour / "out") as server:
        for topic, name in (("safety", "constructor"), ("schedule", "__proto__")):
            n = sum(topic in c["topics"] for c in claims)
            page.goto(f"{server}/claims/index.html")
            box = facet_box(page, name)
            expect(box).to_have_accessible_name(f"{name} ({n})")
            box.check()
            expect(visible_claims(page)).to_have_count(n)
            assert parse_qs(urlsplit(page.url).query) == {"topic": [name]}
            page.reload()
            expect(visible_claims(page)).to_have_count(n)
            expect(facet_box(page, name)).to_be_checked()
        page.goto(f"{server}/search.html?q=bridge&topic=constructor&toString=x")
        expect(page.locator("#search-status")).not_to_have_text("Searching…")
        expect(facet_box(page, "constructor")).to_be_checked()
    assert log["errors"] == []


def test_the_readme_gives_the_claims_a_bundle():
    from claims_explorer import search
    readme = (PROJECT / "README.md").read_text()
    assert f"`{search.SHARD_SETTING}` pages (default {search.SHARD_PAGES:,}" in readme


def test_result_links_fill_ids_into_the_sites_own_url_patterns():
    """The patterns the claims and search pages fill with a result's ids are those the build
    uses; an ARTICLE_URL made from more than the slug gives none for articles, so each result
    then carries its source's URL whole (search_data.html)."""
    from claims_explorer import urls
    links = urls.result_links("articles/{slug}.html")
    assert links["article"].replace("{id}", "a-b") == "articles/a-b.html"
    assert links["speaker"].replace("{id}", "x") == urls.page_url("speaker", "x")
    assert links["Claim"].replace("{id}", "c") == urls.quote_anchor("claim", "c")
    assert links["Event"].replace("{id}", "e") == urls.quote_anchor("event", "e")
    assert urls.result_links("{date:%Y}/{slug}.html")["article"] is None
    assert urls.result_links("{category}/{slug}/")["article"] is None
