"""A reader in a real browser (Debian's chromium): from a claim to its highlighted words in
the article, and from a paragraph back to its claims."""

import re
from pathlib import Path

from playwright.sync_api import expect

from conftest import words

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def deepest_claim(data):
    """The claim cited from the furthest paragraph down, so landing on it needs a scroll."""
    return max(data["claims"], key=lambda c: int(c["paragraph_url"].rsplit("-", 1)[1]))


def test_claim_page_link_lands_on_the_paragraph_with_the_quote_highlighted(page, server, data):
    claim = deepest_claim(data)
    anchor = claim["paragraph_url"].split("#")[1]
    page.goto(f"{server}/{claim['url']}")
    page.get_by_role("link", name=re.compile(r"^Read paragraph \d+ in context")).click()
    page.wait_for_url(re.compile(re.escape(claim["paragraph_url"].split("#")[0])))
    assert page.evaluate("location.hash") == f"#claim-{claim['id']}"  # the quote's anchor, in its paragraph
    paragraph = page.locator(f"#{anchor}")
    expect(paragraph.locator(f"#claim-{claim['id']}")).to_have_count(1)
    expect(paragraph).to_be_in_viewport()
    marked = " ".join(paragraph.locator("mark").all_inner_texts())
    assert words(claim["quote"]) in words(marked)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "claim-in-context.png")


def test_paragraph_lists_its_claims_and_links_to_them(page, server, data):
    claim = deepest_claim(data)
    page.goto(f"{server}/{claim['paragraph_url']}")
    paragraph = page.locator(f"#{claim['paragraph_url'].split('#')[1]}")
    paragraph.locator("xpath=..").get_by_role("link", name=claim["text"], exact=True).click()
    expect(page.locator("h1")).to_have_text(claim["text"])
    expect(page).to_have_url(f"{server}/{claim['url']}")


def test_pages_work_without_javascript(browser, server, data):
    """The timeline's pages are read to the end by their Next links, and an item's link opens its page."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/timeline.html")
    seen = page.locator(".timeline-item").count()
    pager = page.get_by_role("navigation", name="Pages")
    expect(pager.locator('[aria-current="page"]')).to_have_text("1")
    while pager.get_by_role("link", name="Next").count():
        pager.get_by_role("link", name="Next").click()
        seen += page.locator(".timeline-item").count()
    assert seen == len(data["claims"]) + len(data["events"])
    page.goto(f"{server}/timeline.html")
    page.get_by_role("link", name=data["claims"][0]["text"], exact=True).first.click()
    expect(page.locator("h1")).to_have_text(data["claims"][0]["text"])
    context.close()
