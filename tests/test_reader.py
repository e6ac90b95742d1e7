"""The reader's tools in a real browser: facets, search, the timeline, deep links, the
quote fallback, and no console errors anywhere. Screenshots go to test-artifacts/."""

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from conftest import words

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def visible_claims(page):
    return page.locator("#claim-list li:not([hidden]) .claim-card")


def test_facets_filter_the_claims_update_counts_and_the_url(page, server, data):
    page.goto(f"{server}/claims/index.html")
    status = page.locator(".explorer-status")
    total = len(data["claims"])
    expect(status).to_have_text(f"All {total} claims, in date order. Choose filters to narrow them.")
    expect(page.locator("#claim-list .pager")).to_be_visible()  # no filter: the page's own list
    russia = [c for c in data["claims"] if c["party"] == "russia"]
    page.get_by_label(re.compile(r"^Russia \(\d+\)$")).check()
    expect(visible_claims(page)).to_have_count(len(russia))
    expect(status).to_have_text(f"{len(russia)} of {total} claims match.")
    expect(page.locator("#claim-list .pager")).to_have_count(0)  # the matches replace the page's list
    assert visible_claims(page).first.get_attribute("id") == russia[0]["id"]
    assert parse_qs(urlsplit(page.url).query) == {"party": ["russia"]}
    # counts in other facets now count only Russia's claims
    compliance = sum("compliance" in c["topics"] for c in russia)
    expect(page.get_by_label(re.compile(r"^Compliance and violation \("))).to_have_accessible_name(
        f"Compliance and violation ({compliance})")
    page.get_by_label(re.compile(r"^Compliance and violation \(")).check()
    expect(visible_claims(page)).to_have_count(compliance)


def test_a_shared_filtered_url_restores_the_view(page, server, data):
    page.goto(f"{server}/claims/index.html?kind=quote&from=2019-01-01")
    expected = [c for c in data["claims"] if c["kind"] == "quote" and (c["latest"] or "9999") >= "2019-01-01"]
    expect(visible_claims(page)).to_have_count(len(expected))
    expect(page.get_by_label(re.compile(r"^Direct quote \("))).to_be_checked()
    expect(page.locator("#f-from")).to_have_value("2019-01-01")


def test_searching_9m729_finds_claims_of_several_parties(page, server):
    page.goto(f"{server}/search.html?q=9M729")
    results = page.locator(".search-result")
    expect(results.first).to_be_visible()
    parties = set()
    for text in results.locator(".card-meta").all_inner_texts():
        if "Claim" in text:
            parties |= {"US", "Russia", "NATO", "Anonymous outlet"} & set(re.split(r",\s*| · ", text)) | (
                {p for p in ("United States", "Russia", "NATO", "Anonymous outlet") if p in text})
    assert len(parties) >= 2, parties


def test_search_filters_narrow_the_results(page, server):
    page.goto(f"{server}/search.html?q=9M729")
    expect(page.locator(".search-result").first).to_be_visible()
    page.locator("main .facets").get_by_label(re.compile(r"^Russia \(")).check()
    expect(page.locator("#search-status")).to_contain_text("results")
    for text in page.locator(".search-result .card-meta").all_inner_texts():
        assert "Russia" in text
    assert "party=Russia" in page.url


def test_timeline_is_keyboard_navigable(page, server):
    page.goto(f"{server}/timeline.html")
    items = page.locator(".timeline-item")
    items.first.focus()
    page.keyboard.press("ArrowDown")
    expect(items.nth(1)).to_be_focused()
    page.keyboard.press("End")
    expect(items.last).to_be_focused()
    page.keyboard.press("Home")
    expect(items.first).to_be_focused()
    assert items.first.evaluate("e => getComputedStyle(e).outlineStyle") != "none"


def test_a_deep_link_scrolls_to_and_highlights_its_item(page, server, data):
    claim = data["claims"][-1]
    assert not claim["timeline_url"].startswith("timeline.html#")  # the last claim is on a later page
    page.goto(f"{server}/{claim['timeline_url']}")
    item = page.locator(f".timeline-item#{claim['id']}")
    expect(item).to_have_class(re.compile("is-target"))
    expect(item).to_be_in_viewport()
    item.focus()
    page.keyboard.press("ArrowUp")  # the keys work on every page
    expect(page.locator(".timeline-item:focus")).to_have_count(1)
    assert page.evaluate("document.activeElement.id") != claim["id"]


def on_timeline(data, item_id):
    return next(r["timeline_url"] for kind in data.values() for r in kind if r["id"] == item_id)


def test_the_chart_spans_a_year_and_links_to_the_list(page, server, data):
    year, day = on_timeline(data, "inf-treaty-1987"), on_timeline(data, "geneva-meeting-2019-01-15")
    assert year.split("#")[0] == day.split("#")[0], "the test needs both on one page"
    page.goto(f"{server}/{year}")
    mark = page.locator('.tl-chart a[href="#inf-treaty-1987"] rect').first
    day = page.locator('.tl-chart a[href="#geneva-meeting-2019-01-15"] rect').first
    assert float(mark.get_attribute("width")) > 10 * float(day.get_attribute("width"))


def test_quote_fallback_marks_the_words_where_text_fragments_are_not_run(page, server, data):
    claim = max(data["claims"], key=lambda c: int(c["paragraph_url"].rsplit("-", 1)[1]))
    page.goto(f"{server}/{claim['paragraph_url'].split('#')[0]}")
    page.goto(f"{server}/{claim['url']}")
    href = page.locator(".source-para figcaption a").get_attribute("href")
    page.goto(f"{server}/{claim['paragraph_url'].split('#')[0]}")
    # Chromium runs text fragments itself and hides them from the page; play a browser that
    # does not, which finds the directive still in location.hash
    page.evaluate("h => window.claimsExplorer.markQuote(h)", "#" + href.split("#", 1)[1])
    quote = page.locator("mark.q.lit")  # the words of the quote the link's anchor starts, lit
    expect(quote.first).to_be_in_viewport()
    assert words(" ".join(quote.all_inner_texts())) == words(claim["quote"])


PAGES = ["index.html", "timeline.html", "timeline/page/2.html", "claims/index.html", "claims/page/2.html?party=us",
         "search.html?q=treaty", "contested.html", "articles/us-rejects-russian-offer-inf.html",
         "claims/us-9m729-breaks-inf.html", "parties/russia.html", "parties/us/page/2.html"]


@pytest.mark.parametrize("path", PAGES)
def test_no_console_errors_and_screenshots(page, server, path):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^a-z0-9]+", "-", path.split("?")[0].removesuffix(".html"))
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{server}/{path}")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=ARTIFACTS / f"{name}-{width}.png", full_page=False)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways at {width}px"
    assert errors == []


def test_the_chart_zooms_into_a_year(page, server, data):
    page.goto(f"{server}/{on_timeline(data, 'geneva-meeting-2019-01-15')}")
    mark = page.locator('.tl-chart a[href="#geneva-meeting-2019-01-15"] rect').first
    before = mark.bounding_box()["width"]
    page.get_by_role("button", name="2019", exact=True).click()
    expect(page.get_by_role("button", name="2019", exact=True)).to_have_attribute("aria-pressed", "true")
    assert mark.bounding_box()["width"] > 2 * before
    page.get_by_role("button", name="All years").click()
    assert abs(mark.bounding_box()["width"] - before) < 0.5
