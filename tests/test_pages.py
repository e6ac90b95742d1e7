"""Reading pages, checked on the built site: paragraph numbers match every ¶ link, whose words
are whose on every card and claim page, disputes with their direction, the home page's ways
in. Expectations come from the built data (data/claims.json), never from today's counts.
The same pages in a real browser: test_pages_browser.py."""

import json
import re

import pytest

from conftest import list_pages, resolve, soup, words
from pages import html_pages, page_type

PILCROW = re.compile(r"¶(\d+)")


@pytest.fixture(scope="session")
def pages(site):
    """Every HTML page of the built site, parsed once: {path: soup}."""
    return {path: soup(site / path) for path in html_pages(site)}


@pytest.fixture(scope="session")
def claims(data):
    return {claim["id"]: claim for claim in data["claims"]}


def claim_of(card, path):
    """The claim a card shows, from its title's link."""
    return resolve(path, card.select_one(".card-title a")["href"]).removeprefix("claims/").removesuffix(".html")


def paragraph_holding(page, anchor):
    """The numbered paragraph that holds the element `anchor` (the paragraph itself, or a
    quote's anchor inside it)."""
    found = page.find(id=anchor)
    assert found is not None, f"no element #{anchor}"
    return found if found.name == "p" and found.get("id", "").startswith("p-") else found.find_parent("p")


def test_every_pilcrow_link_lands_in_the_paragraph_it_numbers(pages):
    checked = 0
    for path, page in pages.items():
        for link in page.find_all("a", href=True):
            number = PILCROW.search(link.get_text())
            target = path + link["href"] if link["href"].startswith("#") else resolve(path, link["href"])
            if not number or "#" not in target or not target.startswith("articles/"):
                continue
            article, _, anchor = target.partition("#")
            paragraph = paragraph_holding(pages[article], anchor.split(":~:")[0])
            shown = paragraph.select_one(".pilcrow").get_text()
            assert shown == f"¶{number[1]}", f"{path}: {link.get_text()!r} lands in {shown}"
            checked += 1
    assert checked, "no page links to a paragraph by its number"


def test_q_marks_only_a_speakers_own_words(pages, claims):
    """<q> (and quotation marks) only around the words of `kind: quote` claims, on every
    page; every card says whose its words are."""
    said = {words(c["quote"]) for c in claims.values() if c["kind"] == "quote"}
    cards = 0
    for path, page in pages.items():
        for q in page.find_all("q"):
            assert words(q.get_text()) in said, f"{path}: <q> around words no one is quoted saying"
        for card in page.select(".claim-card"):
            claim = claims[claim_of(card, path)]
            shown = card.select_one(".words")
            assert words(claim["quote"]) in words(shown.get_text())
            if claim["kind"] == "quote":
                assert "said" in shown["class"] and words(shown.q.get_text()) == words(claim["quote"])
            else:
                assert "reported" in shown["class"] and not shown.find("q"), f"{path}: {claim['id']}"
                assert shown.select_one(".words-whose").get_text() == "The article:"
            cards += 1
    assert cards


def test_claim_pages_say_whose_words_they_show(pages, claims):
    for claim in claims.values():
        facts = pages[claim["url"]].select_one(".facts")
        shown = facts.select_one(".words")
        assert words(shown.get_text()).startswith(words(claim["quote"]))
        labels = [dt.get_text() for dt in facts.find_all("dt")]
        if claim["kind"] == "quote":
            assert "Their words" in labels and "Said by" in labels and shown.q
        else:
            assert "The article's words" in labels and "Said by" not in labels and not shown.find("q")
            assert shown.select_one(".words-note").get_text().strip()


def test_every_claim_card_names_its_article_and_paragraph(pages, claims):
    titles = {path: page.h1.get_text() for path, page in pages.items() if page_type(path) == "article"}
    for path, page in pages.items():
        for card in page.select(".claim-card"):
            claim = claims[claim_of(card, path)]
            article = claim["paragraph_url"].split("#")[0]
            number = claim["paragraph_url"].rsplit("-", 1)[1]
            link = card.select_one(".card-links a")
            assert words(link.get_text()) == words(f"{titles[article]}, ¶{number}"), f"{path}: {claim['id']}"
            target = resolve(path, link["href"])
            assert target.split("#")[0] == article
            assert paragraph_holding(pages[article], target.split("#")[1].split(":~:")[0])["id"] == f"p-{number}"


RELATIONS = {
    "disputes": lambda claim, claims: set(claim["disputes"]),
    "disputed-by": lambda claim, claims: {c["id"] for c in claims.values() if claim["id"] in c["disputes"]},
    "answers": lambda claim, claims: set(claim["answers"]),
    "answered-by": lambda claim, claims: {c["id"] for c in claims.values() if claim["id"] in c["answers"]},
}


def test_claim_pages_show_disputes_and_answers_with_their_direction(pages, claims):
    for claim in claims.values():
        page = pages[claim["url"]]
        shown_anywhere = set()
        for key, expected in RELATIONS.items():
            section = page.select_one(f".relation-{key}")
            want = expected(claim, claims)
            if not want:
                assert section is None, f"{claim['id']}: an empty '{key}' section"
                continue
            shown = {claim_of(card, claim["url"]) for card in section.select(".claim-card")}
            assert shown == want, f"{claim['id']}: {key}"
            shown_anywhere |= shown
        assert claim["id"] not in shown_anywhere, f"{claim['id']} is shown as its own counterpart"


def test_contested_pages_pair_each_dispute_once_with_its_direction(site, pages, claims):
    disputes = {(c["id"], other) for c in claims.values() for other in c["disputes"]}
    seen = []
    for path in list_pages(site, "contested.html"):
        for pair in pages[path].select(".versus-pair"):
            sides = pair.select(".versus-side")
            assert len(sides) == 2 and pair.select_one(".versus-label").get_text().strip() == "disputes"
            (left,) = [claim_of(card, path) for card in sides[0].select(".claim-card")]
            for right in (claim_of(card, path) for card in sides[1].select(".claim-card")):
                seen.append((left, right))
    # each dispute once: two claims that dispute each other are one pair, either way round
    assert len(seen) == len(set(seen)) and set(seen) <= disputes
    assert len(seen) == len({frozenset(pair) for pair in disputes})
    assert {frozenset(pair) for pair in seen} == {frozenset(pair) for pair in disputes}


def test_home_page_is_a_way_in(site, pages, claims, data):
    home = pages["index.html"]
    site_name = home.select_one(".site-name").get_text()
    assert home.h1.get_text() != site_name and home.main.get_text().count(site_name) == 0
    headings = [h.get_text() for h in home.main.find_all("h2")]
    assert {"Most contested", "Parties", "Latest articles"} <= set(headings)
    disputes = home.select(".home-disputes > li")
    assert disputes and all(d.select_one(".versus-label").get_text() == "disputes" for d in disputes)
    shown = []
    for dispute in disputes:
        left = dispute.select_one(":scope > .dispute-side a:not(.party)")["href"]
        left = claims[resolve("index.html", left).removeprefix("claims/").removesuffix(".html")]
        others = [resolve("index.html", a["href"]).removeprefix("claims/").removesuffix(".html")
                  for a in dispute.select(".dispute-others a:not(.party)")]
        assert others and set(others) <= set(left["disputes"])
        shown.append((left["id"], others))
    twin = json.loads((site / "index.json").read_text())["contested"]
    assert shown == [(pair["claim"]["id"], [c["id"] for c in pair["disputes"]]) for pair in twin]
    for item in home.select(".party-list li"):
        party = resolve("index.html", item.select_one("a.party")["href"]).removeprefix("parties/").removesuffix(".html")
        count = sum(1 for c in claims.values() if c["party"] == party)
        assert f": {count} claim" in item.get_text()
    articles = [resolve("index.html", a["href"]) for a in home.select(".article-list a")]
    assert articles and all(pages[a].select_one(".source-article") for a in articles)


def test_article_lists_mark_an_inferred_outlet_as_inferred(site, pages):
    """An outlet the editors inferred is never shown as a fact: wherever an article is listed
    (the home page, the list of articles), its outlet says "(outlet inferred)" exactly when the
    article record has `outlet_inferred`."""
    records = {a["url"]: a for a in json.loads((site / "data" / "articles.json").read_text())}
    listed = 0
    for path in ["index.html", *list_pages(site, "articles/index.html")]:
        for item in pages[path].select(".article-list li"):
            record = records[resolve(path, item.a["href"])]
            meta = words(item.select_one(".meta").get_text())
            assert ("(outlet inferred)" in meta) == bool(record["outlet"] and record["outlet_inferred"]), (path, meta)
            listed += 1
    assert listed > len(records)  # the list of articles shows every one, the home page the newest


def test_party_speaker_topic_and_claims_lists_are_a_dense_index(site, pages, claims, data):
    """The claims list and each party's, speaker's and topic's list show a row per item, in
    date order: its date in words, its party badges (linked, with the party's colour and
    shape), who (a claim's voice), its kind and its summary or title linked to its page. No
    quoted words and no source on a row (they are on the item's page and the timeline), so
    no quotation marks: the summary is the editors' wording."""
    events = {event["id"]: event for event in data["events"]}
    parties = {p["id"]: p for p in json.loads((site / "data" / "parties.json").read_text())}
    kinds = {claim["kind"]: None for claim in claims.values()}
    claim_pages = {c["url"]: pages[c["url"]] for c in claims.values()}
    lists = ["claims/index.html", *(f"{name}/{record['id']}.html" for name in ("parties", "speakers", "topics")
                                    for record in json.loads((site / "data" / f"{name}.json").read_text()))]
    rows = 0
    for first in lists:
        seen = []
        for path in list_pages(site, first):
            table = pages[path].select_one("main table.index")
            assert [th.get_text() for th in table.select("thead th")][:4] == ["Date", "Party", "Who", "Kind"], path
            assert not table.find("q") and not table.select(".words, .card-links"), path
            for row in table.select("tbody tr"):
                date, badges, who, kind, summary = row.find_all("td")
                target = resolve(path, summary.a["href"])
                folder, item_id = target.removesuffix(".html").split("/")
                item = claims[item_id] if folder == "claims" else events[item_id]
                assert words(date.get_text()) == item["date_label"], (path, item_id)
                shown = [resolve(path, a["href"]) for a in badges.select("a.party")]
                expected = [item["party"]] if folder == "claims" else item["parties"]
                assert shown == [parties[p]["url"] for p in expected], (path, item_id)
                assert all(re.search(r"\bparty-\d\b", " ".join(a["class"])) and any(c.startswith("shape-") for c in a["class"])
                           for a in badges.select("a.party"))
                if folder == "claims":
                    assert words(summary.get_text()) == words(item["text"])
                    facts = claim_pages[item["url"]]  # who and the kind, as the claim's page says them
                    assert words(kind.get_text()) == words(facts.select_one(".eyebrow").get_text()).split(" · ")[1]
                    assert words(who.get_text()) in words(facts.select_one(".facts dd").get_text())
                    kinds[item["kind"]] = words(kind.get_text())
                else:
                    assert words(summary.get_text()) == words(item["title"]) and kind.get_text() == "Event"
                    assert not who.get_text()
                seen.append(item)
                rows += 1
        assert seen and len({i["id"] for i in seen}) == len(seen), first
    assert rows and None not in kinds.values()  # every kind of claim shown on some row
