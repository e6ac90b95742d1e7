"""The reader's tools in a real browser: facets, search, the timeline, deep links, the
quote fallback, and no console errors anywhere. Screenshots go to test-artifacts/."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import words

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


# the claims page's filters and search's results: tests/test_search.py


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
    events = data["events"]
    year = next(e for e in events if re.fullmatch(r"\d{4}", e["date"]))
    day = next(e for e in events if re.fullmatch(r"\d{4}-\d{2}-\d{2}", e["date"]) and on_page(e) == on_page(year))
    page.goto(f"{server}/{year['timeline_url']}")
    year_mark = page.locator(f'.tl-chart a[href="#{year["id"]}"] rect').first
    day_mark = page.locator(f'.tl-chart a[href="#{day["id"]}"], .tl-chart a[data-ids~="{day["id"]}"]').first
    assert year_mark.bounding_box()["width"] > 3 * day_mark.locator("rect").bounding_box()["width"]


def on_page(record):
    return record["timeline_url"].split("#")[0]


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


PAGES = ["index.html", "timeline.html", "timeline/page/2.html", "claims/index.html", "claims/page/2.html?party=Russia",
         "search.html?q=treaty", "contested.html", "articles/us-rejects-russian-offer-inf.html",
         "claims/us-9m729-breaks-inf.html", "parties/russia.html", "topics/inf-treaty.html", "speakers/andrea-thompson.html"]


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
    wide = next(e for e in data["events"] if re.fullmatch(r"\d{4}", e["date"]))
    page.goto(f"{server}/{wide['timeline_url']}")
    mark = page.locator(f'.tl-chart a[href="#{wide["id"]}"] rect').first
    before = mark.bounding_box()["width"]
    button = page.get_by_role("button", name=wide["date"], exact=True)
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    assert mark.bounding_box()["width"] > 2 * before
    page.get_by_role("button", name="All", exact=True).click()
    assert abs(mark.bounding_box()["width"] - before) < 0.5
