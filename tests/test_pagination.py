"""Every list that grows with the corpus is paginated, so no page outgrows the weight budget:
shown on the benchmark's generated corpus at a size that gives every list several pages
(30 articles: 600 claims, 90 events), with the project's own settings and page sizes."""

import json
import re
import shutil
import subprocess
import sys
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

import weight
from claims_explorer import pagination
from conftest import PROJECT, built_once, copy_project, list_pages, resolve, run_explorer, serving, soup, words

ARTICLES = 30
# Lists that 30 articles leave on one page at the project's sizes (a party's, speaker's or
# topic's index of rows, the articles) get smaller pages here, which also shows that a site's
# PAGINATED_TEMPLATES is followed; every other size is the project's.
SMALLER = {"speaker": 4, "articles": 8, "party": 10, "topic": 10}


@pytest.fixture(scope="session")
def bench(tmp_path_factory):
    """The project with the benchmark generator's corpus, built; returns the output folder.
    No search index: Pagefind is not what is tested here, and it doubles the build's time."""
    return built_once(tmp_path_factory, "bench", build_bench) / "out"


def build_bench(folder):
    folder.mkdir()
    project = copy_project(folder)
    shutil.rmtree(project / "content")
    generator = [sys.executable, str(PROJECT / "bench/make_corpus.py"), str(project), "--articles", str(ARTICLES),
                 "--seed", "1"]
    subprocess.run(generator, check=True, capture_output=True, timeout=60)
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write(f"\nPAGINATED_TEMPLATES = {{**PAGINATED_TEMPLATES, **{SMALLER!r}}}\nCLAIMS_SEARCH_INDEX = False\n")
    result = run_explorer(project, "build", "-o", str(project / "out"))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def records(bench):
    return {name: json.loads((bench / f"data/{name}.json").read_text()) for name in ("claims", "events", "parties",
                                                                                   "speakers", "topics")}


def lists(records):
    """The first page of every paginated list: (page, the type of card it lists)."""
    firsts = [("timeline.html", ".timeline-item"), ("claims/index.html", ".index tbody tr"),
              ("events/index.html", ".event-card"), ("contested.html", ".versus-pair"),
              ("articles/index.html", ".article-list > li")]
    for name in ("parties", "speakers", "topics"):
        firsts += [(record["url"], "main .index tbody tr") for record in records[name]]
    return firsts


def test_every_list_has_several_pages(bench, records):
    for first, _ in lists(records):
        assert len(list_pages(bench, first)) > 1, first


def test_every_page_with_its_css_and_js_is_within_the_budget(bench):
    over, missing = weight.problems(bench)
    assert not missing and not over, (over, missing)


def test_every_item_is_on_one_timeline_page_at_its_permalink(bench, records):
    pages = list_pages(bench, "timeline.html")
    placed = [f"{page}#{item['id']}" for page in pages for item in soup(bench / page).select(".timeline-item")]
    expected = sorted(record["timeline_url"] for record in records["claims"] + records["events"])
    assert sorted(placed) == expected  # each once, where its permalink says
    per_page = json.loads((bench / "timeline.json").read_text())["pagination"]["per_page"]
    assert per_page <= pagination.DEFAULTS["timeline"]  # the weight may lower the count, never raise it
    assert len(pages) == -(-len(placed) // per_page)


def test_pages_link_their_neighbours(bench, records):
    for first, _ in lists(records):
        pages = list_pages(bench, first)
        for number, page in enumerate(pages, start=1):
            html = soup(bench / page)
            nav = html.find("nav", attrs={"aria-label": "Pages"})
            links = {rel: [resolve(page, a["href"]) for a in html.select(f'link[rel="{rel}"], nav a[rel="{rel}"]')]
                     for rel in ("prev", "next")}
            assert links["prev"] == ([pages[number - 2]] * 2 if number > 1 else []), page
            assert links["next"] == ([pages[number]] * 2 if number < len(pages) else []), page
            [current] = nav.select('[aria-current="page"]')
            assert words(current.get_text()) == str(number) and resolve(page, current["href"]) == page
            numbered = {words(a.get_text()): resolve(page, a["href"]) for a in nav.select("a[aria-label]")}
            assert numbered["1"] == first and numbered[str(len(pages))] == pages[-1]
            assert len(numbered) <= 2 * pagination.NEARBY + 5  # a window (and two gaps of one page filled)
            assert f"page {number} of {len(pages)}" in html.title.get_text()


def test_twins_hold_what_their_pages_show(bench, records):
    for first, selector in lists(records):
        pages = list_pages(bench, first)
        for number, page in enumerate(pages, start=1):
            data = json.loads((bench / page.replace(".html", ".json")).read_text())
            shown = shown_ids(soup(bench / page), selector)
            assert twin_ids(data) == shown, page
            assert data["pagination"]["page"] == number and data["pagination"]["pages"] == len(pages)
            assert data["pagination"]["next"] == (pages[number].replace(".html", ".json") if number < len(pages) else None)


def shown_ids(html, selector):
    cards = html.select(selector)
    if selector == ".versus-pair":  # the disputing claim, first in each pair
        return [link_id(pair.select_one(".claim-card a")) for pair in cards]
    if selector.startswith(".article-list"):
        return [link_id(li.a) for li in cards]
    if selector.endswith(".index tbody tr"):  # a row each, linked from its last cell
        links = [row.select("td")[-1].a["href"].rsplit("/", 2)[-2:] for row in cards]
        ids = {folder: [name.removesuffix(".html") for f, name in links if f == folder] for folder in ("claims", "events")}
        if selector == ".index tbody tr":
            return ids["claims"]
        return ids["claims"], ids["events"]  # claims and events in one list; the twin splits them
    return [card["id"] for card in cards]


def link_id(link):
    return link["href"].rsplit("/", 1)[1].removesuffix(".html")


def twin_ids(data):
    """The ids of what a twin lists, in the page's order."""
    if "periods" in data:
        return [item["id"] for period in data["periods"] for item in period["items"]]
    if "contested" in data:
        return [pair["claim"]["id"] for pair in data["contested"]]
    if "articles" in data:
        return [article["id"] for article in data["articles"]]
    if any(key in data for key in ("party", "speaker", "topic")):
        return [c["id"] for c in data["claims"]], [e["id"] for e in data.get("events", [])]
    return [item["id"] for item in data.get("claims", data.get("events"))]


def test_the_home_page_lists_the_newest_articles_and_links_the_rest(bench):
    home = soup(bench / "index.html")
    assert len(home.select(".article-list > li")) == 10
    assert home.find("a", string=re.compile(rf"^all {ARTICLES} articles$", re.IGNORECASE))


def test_each_timeline_page_charts_its_own_items_over_its_own_span(bench, records):
    by_id = {r["id"]: r for r in records["claims"] + records["events"]}
    pages = list_pages(bench, "timeline.html")
    for number, page in enumerate(pages, 1):
        html = soup(bench / page)
        listed = [li["id"] for li in html.select(".timeline-item")]
        marks = html.select(".tl-chart a.tl-mark:not([aria-hidden])")
        assert sorted(i for a in marks for i in (a.get("data-ids") or a["href"][1:]).split()) == sorted(listed)
        years = {int(day[:4]) for i in listed for day in (by_id[i]["earliest"], by_id[i]["latest"]) if day}
        axis = {int(words(t.get_text())) for t in html.select(".tl-chart .tl-year")}
        assert axis == years, page
        # the overview: every page's window once (or in runs when there are many), this one's marked
        tabs = html.select("nav.tl-overview a.tl-tab")
        assert resolve(page, tabs[0]["href"]) == pages[0] and len(tabs) <= len(pages)
        here = html.select_one("nav.tl-overview a[aria-current]")  # "page", or "true" for a run of pages
        first, last = re.match(r"Timeline pages? (\d+)(?:–(\d+))?: ", here["aria-label"]).groups()
        assert int(first) <= number <= int(last or first)


def test_the_claims_explorer_shows_matches_a_batch_at_a_time(page, bench, records):
    party = records["parties"][0]
    matching = [c for c in records["claims"] if c["party"] == party["id"]]
    assert len(matching) > 40
    # the filters read the search index's claim bundle, which the shared build leaves out
    from claims_explorer.search import CLAIMS_BUNDLE
    if not (bench / CLAIMS_BUNDLE / "pagefind-entry.json").is_file():
        subprocess.run([sys.executable, "-m", "pagefind", "--site", str(bench), "--glob", "claims/*.html",
                        "--output-subdir", CLAIMS_BUNDLE, "--silent"], check=True, timeout=600)
    with serving(bench) as server:
        page.goto(f"{server}/claims/page/3.html")
        status = page.locator(".explorer-status")
        expect(status).to_have_text(f"All {len(records['claims'])} claims, in date order. Choose filters to narrow them.")
        page.get_by_label(re.compile(rf"^{re.escape(party['name'])} \(\d+\)$")).check()
        cards = page.locator("#claim-list .claim-card")
        expect(cards).to_have_count(40)
        expect(status).to_have_text(f"{len(matching)} of {len(records['claims'])} claims match {party['name']}; showing the first 40.")
        more = page.get_by_role("button", name=re.compile(r"^Show \d+ more$"))
        more.click()
        expect(cards).to_have_count(min(80, len(matching)))
        expect(cards.nth(40).locator("a").first).to_be_focused()
        assert cards.evaluate_all("cs => cs.map(c => c.id)")[:80] == [c["id"] for c in matching][:80]
        page.get_by_role("button", name="Clear filters").click()
        expect(page.locator("#claim-list .pager")).to_be_visible()  # back to this page of the list


# The helpers, without a build

def test_the_pager_shows_a_window_of_page_numbers():
    def numbers(number, pages):
        return pagination.page_numbers(SimpleNamespace(number=number, paginator=SimpleNamespace(num_pages=pages)))
    assert numbers(1, 1) == [1]
    assert numbers(1, 5) == [1, 2, 3, 4, 5]
    assert numbers(1, 500) == [1, 2, 3, None, 500]
    assert numbers(250, 500) == [1, None, 248, 249, 250, 251, 252, None, 500]
    assert numbers(4, 500) == [1, 2, 3, 4, 5, 6, None, 500]  # page 2 shown rather than a gap of one


def test_the_plugin_pages_its_lists_in_a_site_that_does_not_say_how():
    site = SimpleNamespace(settings={"PAGINATED_TEMPLATES": {"index": None, "timeline": 5}})
    pagination.use_defaults(site)
    assert site.settings["PAGINATED_TEMPLATES"] == {**pagination.DEFAULTS, "index": None, "timeline": 5}
    assert site.settings["HOME_ARTICLES"] == pagination.HOME_ARTICLES


def test_the_readme_gives_every_default_page_size():
    readme = (PROJECT / "README.md").read_text()
    for template, size in pagination.DEFAULTS.items():
        assert re.search(rf"\| `{template}` \| {size} \|", readme), template
    assert f"`HOME_ARTICLES` | {pagination.HOME_ARTICLES}" in readme


def test_feeds_hold_only_the_newest_claims(bench, records):
    """A feed says what is new: the newest CLAIMS_FEED_ENTRIES claims (data/claims.json is in
    date order), newest first; the archive is the data files."""
    import feedparser

    from claims_explorer import feeds

    newest = [claim["url"] for claim in reversed(records["claims"])]
    assert len(newest) > feeds.ENTRIES  # so the cap is what is tested
    feed = feedparser.parse((bench / "feeds/claims.atom.xml").read_bytes())
    assert [resolve("feeds/claims.atom.xml", entry.link) for entry in feed.entries] == newest[:feeds.ENTRIES]
    for party in records["parties"]:
        path = f"feeds/parties/{party['id']}.atom.xml"
        mine = [claim["url"] for claim in reversed(records["claims"]) if claim["party"] == party["id"]]
        entries = feedparser.parse((bench / path).read_bytes()).entries
        assert [resolve(path, entry.link) for entry in entries] == mine[:feeds.ENTRIES], path


@pytest.fixture(scope="module")
def heavy(tmp_path_factory):
    """The real corpus repeated (bench/repeat_corpus.py) to 30 articles, built: each of its
    events and claims comes ten times with one date, so the events that cite four long quotes
    fill whole pages, which their count alone would make too heavy."""
    project = copy_project(tmp_path_factory.mktemp("heavy"))
    shutil.rmtree(project / "content")
    subprocess.run([sys.executable, str(PROJECT / "bench/repeat_corpus.py"), str(project), "--articles", "30"],
                   check=True, capture_output=True, timeout=60)
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write("\nCLAIMS_SEARCH_INDEX = False\n")
    result = run_explorer(project, "build", "-o", str(project / "out"))
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "out"


def test_heavy_cards_make_shorter_pages_within_the_budget(heavy):
    over, missing = weight.problems(heavy)
    assert not missing and not over, (over, missing)
    events = json.loads((heavy / "data/events.json").read_text())
    per_page = json.loads((heavy / "events/index.json").read_text())["pagination"]["per_page"]
    assert per_page < pagination.DEFAULTS["events"]  # cut by weight, not by count
    pages = list_pages(heavy, "events/index.html")
    assert [card["id"] for page in pages for card in soup(heavy / page).select(".event-card")] == \
        [event["id"] for event in events]
    assert len(pages) == -(-len(events) // per_page)


def test_heavy_pages_still_hold_each_item_at_its_permalink(heavy):
    records = [r for name in ("claims", "events") for r in json.loads((heavy / f"data/{name}.json").read_text())]
    placed = [f"{page}#{item['id']}" for page in list_pages(heavy, "timeline.html")
              for item in soup(heavy / page).select(".timeline-item")]
    assert sorted(placed) == sorted(record["timeline_url"] for record in records)


def test_a_page_weighs_its_items_words():
    """The weight grows with every word a card or a row shows, and a list cut by weight puts
    fewer of the heavy items on a page, never more than the count allows. A row (the claims
    list, a party's, speaker's or topic's list) shows no quote or source, so weighs less than
    the card of the same claim."""
    def claim(words):
        article = SimpleNamespace(title="An article")
        return SimpleNamespace(id="c", text=words, source=SimpleNamespace(quote=words, article=article),
                               voice="A speaker", kind_label="Paraphrase", when=SimpleNamespace(words="2 August 2019"))
    light, heavy_claim = claim("short"), claim("long words " * 100)
    for template in ("timeline", "claims"):
        assert pagination.weight(heavy_claim, template) > pagination.weight(light, template)
        assert pagination.weight((light, [heavy_claim]), template) == \
            pagination.weight(light, template) + pagination.weight(heavy_claim, template)
        settings = {"PAGINATED_TEMPLATES": {template: 35}, "DEFAULT_PAGINATION": False, "DEFAULT_ORPHANS": 0,
                    "PAGINATION_PATTERNS": [(1, "{url}", "{save_as}")]}
        pagination.fit_to_budget(settings, [(template, [light] * 100)])
        assert settings["PAGINATED_TEMPLATES"][template] == 35
        pagination.fit_to_budget(settings, [(template, [light] * 100 + [heavy_claim] * 100)])
        count = settings["PAGINATED_TEMPLATES"][template]
        room = pagination.room(settings, template)
        assert count < 35 and count * pagination.weight(heavy_claim, template) <= room
        assert (count + 1) * pagination.weight(heavy_claim, template) > room
    for template in pagination.ROWS:
        assert pagination.weight(heavy_claim, template) < pagination.weight(heavy_claim, "timeline") - 1000


def test_a_page_has_less_room_for_cards_the_more_css_and_js_it_loads(tmp_path):
    theme = tmp_path / "theme"
    (theme / "static" / "js").mkdir(parents=True)
    (theme / "templates").mkdir()
    (theme / "templates" / "base.html").write_text('<link href="{{ SITEURL }}/{{ THEME_STATIC_DIR }}/site.css">')
    (theme / "templates" / "speaker.html").write_text(
        '{% extends "base.html" %}<script src="{{ SITEURL }}/{{ THEME_STATIC_DIR }}/js/b.js"></script>')
    (theme / "templates" / "events.html").write_text('{% extends "base.html" %}')
    (theme / "static" / "site.css").write_text("x" * 1000)
    for name, size in (("a.js", 100), ("b.js", 200)):
        (theme / "static" / "js" / name).write_text("x" * size)
    settings = {"THEME": str(theme)}
    assert pagination.theme_assets(settings, "speaker") == 1000 + 200  # what it and its base name
    assert pagination.theme_assets(settings, "events") == 1000
    assert pagination.room(settings, "events") - pagination.room(settings, "speaker") == 200
    assert pagination.room({}, "timeline") < pagination.room({}, "events")  # its overview and chart
    assert pagination.room({}, "claims") < pagination.room({}, "events")  # its filters
