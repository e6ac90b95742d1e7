"""Every party looks different from every other: its colour and shape come from one place
(model.Party.style), so a corpus with more parties than colours still draws each party apart,
in badges and in the timeline's lanes, in light and dark, and the parties page stays clean for
axe. Screenshots of the parties index and the timeline go to test-artifacts/."""

import html as html_module
import json
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from a11y import OPTIONS as AXE_OPTIONS
from claims_explorer.model import PARTY_COLOURS, PARTY_SHAPES, Party
from conftest import PROJECT, list_pages, soup

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
TEMPLATES = PROJECT / "themes/explorer/templates"

# what draws a badge's swatch (::before) apart from its neighbours: colour and shape
BADGE_LOOK = """badge => { const s = getComputedStyle(badge, '::before');
  return [s.backgroundColor, s.borderTopColor, s.borderTopWidth, s.borderRadius, s.clipPath, s.width].join(' | '); }"""
LANE_LOOK = """key => { const s = getComputedStyle(key);
  return [s.fill, s.stroke, key.getAttribute('d')].join(' | '); }"""


def parties(count):
    return [Party(id=f"p{i}", name=f"Party {i}", short=f"P{i}", description="", index=i) for i in range(count)]


@pytest.mark.parametrize("count", [9, 24, PARTY_COLOURS * len(PARTY_SHAPES)])
def test_every_party_gets_its_own_colour_and_shape(count):
    keys = [(p.colour, p.shape) for p in parties(count)]
    assert len(set(keys)) == count
    assert len({p.style for p in parties(count)}) == count


def test_neighbours_differ_in_shape_so_colour_is_never_the_only_difference():
    for before, after in zip(parties(30), parties(30)[1:]):
        assert before.shape != after.shape, (before.index, after.index)


def test_no_template_picks_a_look_by_index():
    """The look is decided once (Party.style); a template doing its own arithmetic drifts."""
    for path in TEMPLATES.glob("*.html"):
        assert not re.search(r"index\s*%", path.read_text()), path.name


def test_every_shape_is_drawn_by_the_theme():
    css = (PROJECT / "themes/explorer/static/css/site.css").read_text()
    chart = (TEMPLATES / "timeline_chart.html").read_text()
    for shape in PARTY_SHAPES[1:]:  # the first is the plain round swatch
        assert f".shape-{shape}" in css, shape
    for shape in PARTY_SHAPES:
        assert f'"{shape}":' in chart, shape
    for colour in range(PARTY_COLOURS):
        assert f".party-{colour} {{ --pc: var(--p{colour}); }}" in css


def test_search_metadata_and_facets_carry_the_same_look(site, data):
    """Search results and the claims explorer draw a claim's badge from its party's id in the
    index's metadata and the badges the page carries (data-parties, as data/facets.json has
    them): the same colour and shape as the pages' own badges."""
    badges = json.loads((site / "data/facets.json").read_text())["badges"]
    assert len({(b["colour"], b["shape"]) for b in badges.values()}) == len(badges)
    for page in ("claims/index.html", "search.html"):
        carried = json.loads(html_module.unescape(re.search(r"data-parties='([^']*)'", (site / page).read_text()).group(1)))
        assert {key: carried[key] for key in badges} == badges, page
    for claim in data["claims"]:
        html = (site / claim["url"]).read_text()
        badge = badges[claim["party"]]
        assert f'data-party-id="{claim["party"]}"' in html, claim["id"]
        assert f'class="party party-{badge["colour"]} shape-{badge["shape"]}"' in html, claim["id"]


def test_every_single_mark_in_the_chart_carries_its_partys_shape(site):
    """A mark's colour alone would leave a colour-blind reader only its row; a numbered mark
    (a cluster) shows its count instead."""
    marks = 0
    for path in list_pages(site, "timeline.html"):
        for mark in soup(site / path).select("a.tl-mark"):
            key = mark.select_one(".tl-mark-key path")
            party = [c for c in mark["class"] if c.startswith(("party-", "shape-"))]
            if "tl-cluster" in mark["class"]:
                assert key is None and mark.select_one("text")
            else:
                assert key is not None and key["class"] == party, mark
                marks += 1
    assert marks


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_two_parties_badges_or_lanes_look_alike(browser, server, site, scheme):
    expected = json.loads((site / "data/parties.json").read_text())
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{server}/parties/index.html")
    looks = {}
    for badge in page.locator("main a.party").all():
        looks[badge.get_attribute("href").rsplit("/", 1)[-1]] = badge.evaluate(BADGE_LOOK)
    assert sorted(looks) == sorted(p["url"].rsplit("/", 1)[-1] for p in expected)
    assert len(set(looks.values())) == len(looks), looks
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]

    lanes = {}
    for path in list_pages(site, "timeline.html"):
        page.goto(f"{server}/{path}")
        for key in page.locator(".tl-lane-key").all():
            name = key.evaluate("key => key.nextElementSibling.textContent")
            lanes.setdefault(name, set()).add(key.evaluate(LANE_LOOK))
    assert lanes
    assert all(len(looks) == 1 for looks in lanes.values()), lanes  # a party looks the same on every page
    assert len({next(iter(looks)) for looks in lanes.values()}) == len(lanes), lanes
    context.close()


def test_screenshots_of_the_parties_and_the_timeline(browser, server, site):
    ARTIFACTS.mkdir(exist_ok=True)
    # the timeline page whose chart has the most parties' lanes
    timeline = max(list_pages(site, "timeline.html"), key=lambda path: len(soup(site / path).select(".tl-lane-key")))
    for scheme in ("light", "dark"):
        for width in (1280, 375):
            context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
            page = context.new_page()
            page.goto(f"{server}/parties/index.html")
            page.screenshot(path=ARTIFACTS / f"parties-{width}-{scheme}.png", full_page=True)
            page.goto(f"{server}/{timeline}")
            page.screenshot(path=ARTIFACTS / f"party-keys-timeline-{width}-{scheme}.png", full_page=True)
            page.locator(".tl-chart").screenshot(path=ARTIFACTS / f"party-keys-chart-{width}-{scheme}.png")
            context.close()


def test_contributing_says_how_many_parties_look_different():
    text = " ".join((PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8").split())
    assert f"the first {PARTY_COLOURS * len(PARTY_SHAPES)} parties all look different" in text
