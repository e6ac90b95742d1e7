"""Any address works: a malformed escape in the hash or the query (`#%`), or an id that is a
name in JavaScript (`constructor`, `__proto__`), raises no error on any kind of page, in
real Chromium. One uncaught error stops every script on the page."""

from pathlib import Path

import pytest

HASHES = ["#%", "#%E0%A4%A", "#p-1:~:text=%", "#p-1:~:text=%25,%", "#constructor", "#__proto__",
          "#%3Cimg%20src%3Dx%3E", "#" + "x" * 2000]
QUERIES = ["?q=%", "?%=%&q=%zz", "?topic=constructor&party=__proto__&speaker=toString", "?q=%E0%A4%A&page=-1"]


def page_types(site, data):
    """One page of every kind the site has, found in the built site."""
    claim, event = data["claims"][0], data["events"][0]
    pages = {
        "home": "index.html", "timeline": "timeline.html", "claims list": "claims/index.html",
        "events list": "events/index.html", "contested": "contested.html", "search": "search.html",
        "claim": claim["url"], "event": event["url"], "article": claim["paragraph_url"].split("#")[0],
        "about": "about.html",
    }
    for folder in ("parties", "speakers", "topics"):
        pages[f"{folder} list"] = f"{folder}/index.html"
        pages[folder[:-1] if folder != "parties" else "party"] = min(
            str(p.relative_to(site)) for p in Path(site, folder).glob("*.html") if p.name != "index.html")
    second = sorted(Path(site, "timeline").rglob("*.html")) if Path(site, "timeline").is_dir() else []
    if second:
        pages["timeline, page 2"] = str(second[0].relative_to(site))
    return {name: url for name, url in pages.items() if (Path(site) / url).is_file()}


def test_every_page_type_is_there(site, data):
    assert len(page_types(site, data)) >= 15


@pytest.mark.parametrize("kind", ["hash", "query"])
def test_malformed_addresses_raise_no_error_on_any_page(page, server, site, data, kind):
    errors = []
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    for name, url in page_types(site, data).items():
        for suffix in (HASHES if kind == "hash" else QUERIES):
            page.goto(f"{server}/{url}{suffix}")
            page.wait_for_load_state("load")
        if kind == "hash":  # and a hash changed after the page loaded (the hashchange handlers)
            for suffix in HASHES:
                page.evaluate("hash => { location.hash = hash; }", suffix)
        page.wait_for_timeout(50)
    assert errors == []
