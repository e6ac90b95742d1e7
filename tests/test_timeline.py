"""The timeline as a reader meets it, in Debian's chromium: an overview of the whole story on
every timeline page (and wherever a theme includes it), a detail chart whose marks are named
links to their items, clusters that say how many, eras only where claims.yaml gives them,
zoom by the list's own headings, keyboard access, and a phone that never scrolls sideways or
shows text under 11 px. Expectations come from the built data, never from today's counts."""

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from a11y import OPTIONS as AXE_OPTIONS
from axe_playwright_python.sync_playwright import Axe
from conftest import (FIXTURES, PROJECT, copy_project, list_pages, resolve, run_explorer, serving, soup,
                      words)

ARTIFACTS = PROJECT / "test-artifacts"
SMALLEST_TEXT = 11  # px


def timeline_items(data):
    return {record["id"]: record for kind in ("claims", "events") for record in data[kind]}


def page_of(record):
    return record["timeline_url"].split("#")[0]


def expected_clusters(data, parties, page):
    """{label: count} of the clusters `page` names: one party's claims, or events, on one
    written date, two or more of them (an event is named in its first party's lane)."""
    groups = Counter()
    for kind in ("claims", "events"):
        for record in data[kind]:
            if page_of(record) == page:
                party = record["party"] if kind == "claims" else record["parties"][0]
                groups[(parties[party]["short"], kind, record["date"], record["date_label"])] += 1
    return {f"{n} {short} {kind} · {label}": n for (short, kind, _, label), n in groups.items() if n > 1}


@pytest.fixture(scope="module")
def parties(site):
    return {p["id"]: p for p in json.loads((site / "data/parties.json").read_text())}


@pytest.fixture(scope="module")
def timeline_pages(site):
    return list_pages(site, "timeline.html")


# -- the overview


def test_every_timeline_page_has_the_overview_with_its_window_marked_and_every_page_linked(site, timeline_pages):
    assert len(timeline_pages) > 1, "the real corpus fills several timeline pages"
    for number, path in enumerate(timeline_pages, 1):
        html = soup(site / path)
        overview = html.select_one("nav.tl-overview")
        assert overview, path
        tabs = overview.select("a.tl-tab")
        assert [resolve(path, a["href"]) for a in tabs] == timeline_pages, path
        current = overview.select('a[aria-current="page"]')
        assert len(current) == 1 and resolve(path, current[0]["href"]) == path
        assert current[0]["aria-label"].startswith(f"Timeline page {number}: "), current[0]["aria-label"]
        assert overview.select_one("rect.tl-here"), "the page's window is shaded on the axis"
        # the strip comes before the page's own chart
        assert str(html).index("tl-overview") < str(html).index("tl-chart")


def test_an_overview_tab_opens_its_page(page, server, timeline_pages):
    page.goto(f"{server}/{timeline_pages[0]}")
    page.locator("nav.tl-overview a.tl-tab").last.click()
    expect(page).to_have_url(f"{server}/{timeline_pages[-1]}")
    expect(page.locator('nav.tl-overview a[aria-current="page"]')).to_have_attribute(
        "aria-label", re.compile(rf"^Timeline page {len(timeline_pages)}: "))


# -- marks and clusters


def test_every_mark_is_a_named_link_that_lands_on_its_item(page, server, data, timeline_pages):
    items = timeline_items(data)
    for path in timeline_pages:
        page.goto(f"{server}/{path}")
        marks = page.locator(".tl-chart a.tl-mark:not([aria-hidden])")
        assert marks.count(), path
        for i in range(marks.count()):
            mark = marks.nth(i)
            href = mark.get_attribute("href")
            record = items[href[1:]]
            assert page_of(record) == path, f"{href} is charted on {path} but listed on {page_of(record)}"
            name = mark.get_attribute("aria-label")
            assert record["date_label"] in name, name
            if not mark.get_attribute("data-ids"):  # a single item: its title and party too
                assert name.startswith(record.get("text") or record["title"]), name
            mark.click()
            if mark.get_attribute("data-ids"):  # with JavaScript a cluster opens into its items first
                page.locator(".tl-cluster-list a").first.click()
            assert page.evaluate("location.hash") == href
            expect(page.locator(f'.timeline-item[id="{href[1:]}"]')).to_be_in_viewport()


def test_every_item_on_a_page_is_in_exactly_one_of_its_marks(site, data, timeline_pages):
    items = timeline_items(data)
    for path in timeline_pages:
        html = soup(site / path)
        listed = sorted(li["id"] for li in html.select(".timeline-item"))
        charted = [i for a in html.select(".tl-chart a.tl-mark:not([aria-hidden])")
                   for i in (a.get("data-ids") or a["href"][1:]).split()]
        assert sorted(charted) == listed == sorted(i for i, r in items.items() if page_of(r) == path)


def test_clusters_say_how_many_items_of_which_party_on_which_date(site, data, parties, timeline_pages):
    clustered = 0
    for path in timeline_pages:
        html = soup(site / path)
        clusters = html.select(".tl-chart a.tl-cluster:not([aria-hidden])")
        drawn = {a["aria-label"]: len(a["data-ids"].split()) for a in clusters}
        assert drawn == expected_clusters(data, parties, path), path
        for a in clusters:
            assert words(a.select_one("text").get_text()) == str(drawn[a["aria-label"]]), "the count is drawn on it"
        clustered += len(clusters)
    assert clustered, "the real corpus has days with several claims of one party"


def test_a_cluster_opens_into_its_items(page, server, site, timeline_pages):
    path = next(p for p in timeline_pages if soup(site / p).select_one(".tl-cluster:not([aria-hidden])"))
    page.goto(f"{server}/{path}")
    cluster = page.locator(".tl-cluster:not([aria-hidden])").first
    ids = cluster.get_attribute("data-ids").split()
    cluster.click()
    listing = page.locator(".tl-cluster-list")
    expect(listing).to_be_visible()
    links = listing.get_by_role("link")
    expect(links).to_have_count(len(ids))
    assert [links.nth(i).get_attribute("href") for i in range(len(ids))] == [f"#{i}" for i in ids]
    expect(links.first).to_be_focused()
    links.last.click()
    assert page.evaluate("location.hash") == f"#{ids[-1]}"


def focused(page):
    """The focused element's class, name, link and cluster ids."""
    return page.evaluate("""() => { const el = document.activeElement;
      return {cls: el.getAttribute("class") || "", name: el.getAttribute("aria-label"),
              href: el.getAttribute("href"), ids: el.getAttribute("data-ids")}; }""")


def test_keyboard_reaches_the_marks_and_moves_between_them(page, server, timeline_pages):
    page.goto(f"{server}/{timeline_pages[0]}")
    before = page.locator(".tl-zoom-bar button").last
    (before if before.count() else page.locator("nav.tl-overview a").last).focus()
    page.keyboard.press("Tab")
    first = focused(page)
    assert "tl-mark" in first["cls"] and first["name"]
    expect(page.locator(".tl-readout")).to_have_text(first["name"])  # its name is shown while it has focus
    page.keyboard.press("ArrowRight")
    second = focused(page)
    assert "tl-mark" in second["cls"] and second["name"] != first["name"]
    page.keyboard.press("Shift+Tab")  # the chart is one tab stop: out in one step, and back to the same mark
    assert "tl-mark" not in focused(page)["cls"]
    page.keyboard.press("Tab")
    assert focused(page) == second
    page.keyboard.press("Enter")
    if second["ids"]:  # a cluster opens; its first item is one Enter away
        page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == second["href"]


def test_without_javascript_a_mark_and_a_cluster_lead_to_their_items(browser, server, site, timeline_pages):
    path = next(p for p in timeline_pages if soup(site / p).select_one(".tl-cluster:not([aria-hidden])"))
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/{path}")
    cluster = page.locator(".tl-cluster:not([aria-hidden])").first
    first = cluster.get_attribute("data-ids").split()[0]
    cluster.click()  # to the first of its items, which the list keeps together with the others
    assert page.evaluate("location.hash") == f"#{first}"
    expect(page.locator(f'.timeline-item[id="{first}"]')).to_be_in_viewport()
    context.close()


# -- zoom, phone, accessibility


def test_zoom_buttons_are_the_lists_headings(page, server, site, timeline_pages):
    zoomable = []
    for path in timeline_pages:
        html = soup(site / path)
        headings = [words(h.get_text()) for h in html.select(".timeline-year h2")]
        buttons = [words(b.get_text()) for b in html.select(".tl-zoom-bar button")]
        if len(headings) > 1:
            assert buttons == ["All", *headings], path
            zoomable.append(path)
        else:
            assert not buttons, "one period needs no zoom"
    assert zoomable
    page.goto(f"{server}/{zoomable[0]}")
    last = page.locator(".tl-zoom-bar button").last
    wide = page.locator(".tl-mark rect[width$='%']").last
    before = wide.bounding_box()
    last.click()
    expect(last).to_have_attribute("aria-pressed", "true")
    assert wide.bounding_box() != before
    page.get_by_role("button", name="All", exact=True).click()
    after = wide.bounding_box()
    assert abs(after["x"] - before["x"]) < 1 and abs(after["width"] - before["width"]) < 1


TEXT_SIZES = """() => {
  const seen = [];
  for (const el of document.querySelectorAll("main *")) {
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const box = el.getBoundingClientRect();
    if (!box.width || el.closest("[hidden]")) continue;
    seen.push({tag: el.tagName, text: el.textContent.trim().slice(0, 30), size: parseFloat(style.fontSize),
               height: el instanceof SVGElement ? box.height : null});
  }
  return seen;
}"""


def test_on_a_phone_no_sideways_scroll_and_no_text_under_11px(browser, server, timeline_pages):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    for path in timeline_pages:
        page.goto(f"{server}/{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
        texts = page.evaluate(TEXT_SIZES)
        assert any(t["tag"] == "text" for t in texts), "the chart's SVG text is measured"
        small = [t for t in texts if t["size"] < SMALLEST_TEXT or (t["height"] is not None and t["height"] < SMALLEST_TEXT)]
        assert not small, (path, small[:5])
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_timeline_pages_have_no_axe_violations(browser, server, timeline_pages, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    for path in timeline_pages:
        page.goto(f"{server}/{path}")
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        assert not violations, (path, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations])
    context.close()


# -- eras


def add_eras(project, eras):
    path = project / "claims.yaml"
    path.write_text(path.read_text() + "\n" + yaml.safe_dump({"eras": eras}, sort_keys=False, allow_unicode=True))
    return path


def test_eras_in_claims_yaml_are_drawn_on_both_strips_and_named_in_the_caption(site, source_yaml, timeline_pages):
    eras = source_yaml.get("eras") or []
    assert eras, "the INF corpus states the treaty's span and the withdrawal period"
    html = soup(site / timeline_pages[-1])
    for era in eras:
        assert era["title"] in [t.get_text() for t in html.select("nav.tl-overview .tl-era-label")]
    captions = " ".join(words(soup(site / p).select_one(".tl-chart figcaption").get_text()) for p in timeline_pages)
    for era in eras:
        assert era["title"] in captions
    for path in timeline_pages:  # each era's source link lands on its paragraph
        for a in soup(site / path).select(".tl-chart figcaption a"):
            target, _, anchor = resolve(path, a["href"]).partition("#")
            assert soup(site / target).find(id=anchor), a["href"]


@pytest.fixture(scope="module")
def harbour_sites(tmp_path_factory):
    """The harbour corpus built twice: as it is (no eras) and with an era added."""
    built = {}
    for name in ("plain", "eras"):
        project = copy_project(tmp_path_factory.mktemp(f"harbour-{name}"))
        shutil.rmtree(project / "content")
        shutil.copytree(FIXTURES / "harbour" / "content", project / "content")
        shutil.copy(FIXTURES / "harbour" / "claims.yaml", project / "claims.yaml")
        if name == "eras":
            add_eras(project, [{"id": "works", "date": "2020-03-20/2021-03-04", "title": "The harbour works",
                                "date_basis": "A test era: from the first dated event to the vote."}])
        result = run_explorer(project, "build", "-o", str(project / "out"))
        assert result.returncode == 0, result.stdout + result.stderr
        built[name] = project / "out"
    return built


def test_a_corpus_without_eras_draws_none_and_says_nothing_of_them(harbour_sites):
    html = soup(harbour_sites["plain"] / "timeline.html")
    assert html.select_one(".tl-chart") and html.select_one("nav.tl-overview")
    assert not html.select(".tl-era, .tl-era-label, .tl-era-shade")
    caption = words(html.select_one(".tl-chart figcaption").get_text())
    assert "era" not in caption.lower() and "Shaded" not in caption


def test_a_corpus_with_an_era_draws_it(harbour_sites):
    html = soup(harbour_sites["eras"] / "timeline.html")
    assert html.select(".tl-chart .tl-era") and html.select("nav.tl-overview .tl-era")
    assert "The harbour works" in words(html.select_one(".tl-chart figcaption").get_text())


@pytest.mark.parametrize("era, at, message", [
    ({"id": "open", "date": "2019-02-02/..", "title": "Open"}, "date:", "era 'open' needs a start and an end"),
    ({"id": "day", "date": "2019-02-02", "title": "A day", "date_basis": "x"}, "date:",
     "era 'day' needs a start and an end"),
    ({"id": "bare", "date": "2019-02-02/2019-08-02", "title": "No evidence"}, "id:", "era 'bare' gives no evidence"),
    ({"id": "odd", "date": "2019-02-02/2019-08-02", "title": "Odd", "date_basis": "x", "colour": "red"}, "colour:",
     "unknown key 'colour'"),
    ({"id": "lost", "date": "2019-02-02/2019-08-02", "title": "Lost", "sources": [{"article": "nowhere", "quote": "x"}]},
     "article:", "no article has the slug 'nowhere'"),
])
def test_a_wrong_era_is_reported_at_its_line(harbour, era, at, message):
    path = add_eras(harbour, [era])
    lines = path.read_text().splitlines()
    line = max(n for n, text in enumerate(lines, 1) if at in text)  # in the era, the last thing in the file
    result = run_explorer(harbour, "check")
    assert result.returncode == 1
    assert re.search(rf"claims\.yaml:{line}:\d+: {re.escape(message)}", result.stderr), result.stderr


# -- the overview elsewhere (the home page), and screenshots


@pytest.fixture(scope="module")
def home_with_overview(tmp_path_factory):
    """The project with the overview included in its home page, as a theme would include it."""
    project = copy_project(tmp_path_factory.mktemp("home-overview"))
    index = project / "themes/explorer/templates/index.html"
    text = index.read_text()
    if "timeline_overview.html" not in text:
        index.write_text(text.replace("{% block content %}", '{% block content %}\n{% include "timeline_overview.html" %}', 1))
    result = run_explorer(project, "build", "-o", str(project / "out"))
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "out"


def test_the_overview_on_the_home_page_links_every_timeline_page_and_marks_none(home_with_overview):
    html = soup(home_with_overview / "index.html")
    overview = html.select_one("nav.tl-overview")
    tabs = [resolve("index.html", a["href"]) for a in overview.select("a.tl-tab")]
    assert tabs == list_pages(home_with_overview, "timeline.html")
    assert not overview.select("[aria-current]") and not overview.select(".tl-here")


def test_screenshots_of_every_timeline_page_type(browser, server, timeline_pages, home_with_overview):
    """First, middle and last timeline pages and the home page's overview, at 1280 and 375 px,
    light and dark, into test-artifacts/ (look at them)."""
    ARTIFACTS.mkdir(exist_ok=True)
    shots = {"timeline-first": timeline_pages[0], "timeline-middle": timeline_pages[len(timeline_pages) // 2],
             "timeline-last": timeline_pages[-1]}
    with serving(home_with_overview) as home:
        for scheme in ("light", "dark"):
            for width in (1280, 375):
                context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
                page = context.new_page()
                for name, path in shots.items():
                    page.goto(f"{server}/{path}")
                    page.screenshot(path=ARTIFACTS / f"{name}-{width}-{scheme}.png")
                    page.locator(".tl-chart").screenshot(path=ARTIFACTS / f"{name}-chart-{width}-{scheme}.png")
                page.goto(f"{home}/index.html")
                page.locator("nav.tl-overview").screenshot(path=ARTIFACTS / f"home-overview-{width}-{scheme}.png")
                assert page.evaluate("document.documentElement.scrollWidth") <= width
                context.close()
