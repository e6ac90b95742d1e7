"""The real site, built from the real content: every claim and event is there, linked to a
paragraph that holds its quote, and every paragraph lists what was drawn from it."""

import re
from urllib.parse import unquote

import pytest

from conftest import list_pages, resolve, soup, words

CLAIM_KEYS = {"id", "text", "quote", "kind", "party", "speaker", "date", "article",
              "paragraph_url", "url", "topics", "disputes"}
EVENT_KEYS = {"id", "date", "title", "parties", "paragraph_urls", "url"}


def element(site, paragraph_url):
    page, _, anchor = paragraph_url.partition("#")
    found = soup(site / page).find(id=anchor)
    assert found is not None, f"{paragraph_url}: no element with that id"
    return found


def test_every_claim_and_event_is_exported_and_has_a_page(site, data, source_yaml):
    for kind in ("claims", "events"):
        exported = [record["id"] for record in data[kind]]
        assert sorted(exported) == sorted(item["id"] for item in source_yaml[kind])
        for record in data[kind]:
            assert (site / record["url"]).is_file(), record["url"]


def test_claims_follow_the_data_contract(data, source_yaml):
    parties = {party["id"] for party in source_yaml["parties"]}
    speakers = {speaker["name"] for speaker in source_yaml["speakers"]}
    claim_ids = {claim["id"] for claim in data["claims"]}
    for claim in data["claims"]:
        assert CLAIM_KEYS <= claim.keys(), claim["id"]
        assert claim["party"] in parties
        assert claim["speaker"] is None or claim["speaker"] in speakers
        assert claim["kind"] in {"quote", "paraphrase", "position", "assertion"}
        assert re.fullmatch(r"articles/[a-z0-9-]+\.html#p-\d+", claim["paragraph_url"])
        assert claim["paragraph_url"].startswith(f"articles/{claim['article']}.html#")
        assert claim["url"] == f"claims/{claim['id']}.html"
        assert set(claim["disputes"]) <= claim_ids and claim["topics"]


def test_events_follow_the_data_contract(data, source_yaml):
    parties = {party["id"] for party in source_yaml["parties"]}
    for event in data["events"]:
        assert EVENT_KEYS <= event.keys(), event["id"]
        assert set(event["parties"]) <= parties and event["parties"]
        assert event["paragraph_urls"] and event["url"] == f"events/{event['id']}.html"


def test_every_paragraph_url_holds_its_quote(site, data):
    for claim in data["claims"]:
        assert words(claim["quote"]) in words(element(site, claim["paragraph_url"]).get_text())
    for event in data["events"]:
        for source, url in zip(event["sources"], event["paragraph_urls"]):
            assert words(source["quote"]) in words(element(site, url).get_text())


def quote_marks(paragraph, anchor_id):
    """The quote a paragraph marks under `anchor_id`: its anchor, and the text of every run
    marked with its number (runs of other quotes may overlap it)."""
    anchor = paragraph.find(id=anchor_id)
    assert anchor is not None and "qa" in anchor["class"], f"{anchor_id}: no quote anchor in {paragraph['id']}"
    number = next(c for c in anchor["class"] if re.fullmatch(r"q\d+", c))
    return anchor, number, "".join(m.get_text() for m in paragraph.select(f"mark.{number}"))


def test_each_quote_is_marked_with_its_own_number_in_the_article(site, data):
    for claim in data["claims"]:
        paragraph = element(site, claim["paragraph_url"])
        anchor, number, marked = quote_marks(paragraph, f"claim-{claim['id']}")
        assert words(marked) == words(claim["quote"]), claim["id"]
        note = paragraph.find_previous_sibling("ul", class_="notes").select_one(f"li.n{number[1:]}")
        assert note.select_one(".note-label").get_text() == anchor["data-note"]
        assert note.select_one(".note-label")["href"] == f"#claim-{claim['id']}"
        assert note.find("a", href=f"../{claim['url']}"), claim["id"]


def test_every_paragraph_has_an_id_and_a_visible_number(site):
    for page in (site / "articles").glob("*.html"):
        if page.name == "index.html":
            continue
        paragraphs = soup(page).select(".article-body p")
        assert paragraphs
        for number, paragraph in enumerate(paragraphs, start=1):
            assert paragraph["id"] == f"p-{number}"
            pilcrow = paragraph.find("a", class_="pilcrow")
            assert pilcrow["href"] == f"#p-{number}" and pilcrow.get_text() == f"¶{number}"


def test_claim_page_shows_the_highlighted_source_and_a_text_fragment_link(site, data):
    for claim in data["claims"]:
        page = soup(site / claim["url"])
        source = page.select_one(".source-para")
        assert words(claim["quote"]) == words(" ".join(m.get_text() for m in source.find_all("mark")))
        link = source.find("a")["href"]
        article = claim["paragraph_url"].split("#")[0]
        assert link.startswith(f"../{article}#claim-{claim['id']}:~:text="), claim["id"]
        assert element(site, claim["paragraph_url"]).find(id=f"claim-{claim['id']}")
        terms = [unquote(t) for t in link.split(":~:text=")[1].split(",") if not t.startswith("-") and not t.endswith("-")]
        assert words(claim["quote"]).startswith(terms[0]) and words(claim["quote"]).endswith(terms[-1])


def test_disputes_are_shown_on_both_sides(site, data):
    disputes = [(c["id"], other) for c in data["claims"] for other in c["disputes"]]
    assert disputes, "the corpus should pair claims with counter-claims"
    contested = {element["id"] for page in list_pages(site, "contested.html")
                 for element in soup(site / page).select(".versus-pair [id]")}
    for claim_id, other_id in disputes:
        for this, that in ((claim_id, other_id), (other_id, claim_id)):
            links = {a["href"] for a in soup(site / f"claims/{this}.html").select(".relation .card-title a")}
            assert f"../claims/{that}.html" in links
        assert {claim_id, other_id} <= contested


@pytest.mark.parametrize("page", ["index.html", "timeline.html", "claims/index.html", "events/index.html",
                                  "contested.html", "speakers/index.html", "parties/index.html",
                                  "topics/index.html", "articles/index.html", "about.html"])
def test_every_list_page_is_built(site, page):
    assert soup(site / page).find("h1")


def test_timeline_lists_every_item_once_in_date_order_at_its_permalink(site, data):
    pages = list_pages(site, "timeline.html")
    assert len(pages) > 1, "the real corpus fills more than one page of the timeline"
    placed = [(page, item["id"]) for page in pages for item in soup(site / page).select(".timeline-item")]
    ids = [item_id for _, item_id in placed]
    assert sorted(ids) == sorted([c["id"] for c in data["claims"]] + [e["id"] for e in data["events"]])
    by_id = {record["id"]: record for kind in data.values() for record in kind}
    starts = [by_id[i]["earliest"] or by_id[i]["latest"] for i in ids]
    assert starts == sorted(starts)
    assert [by_id[item_id]["timeline_url"] for _, item_id in placed] == [f"{page}#{item_id}" for page, item_id in placed]


def test_claim_and_event_pages_link_their_place_on_the_timeline(site, data):
    for record in data["claims"] + data["events"]:
        link = soup(site / record["url"]).find("a", string="See it on the timeline")
        assert resolve(record["url"], link["href"]) == record["timeline_url"], record["id"]


def test_a_timeline_page_charts_only_its_own_items(site):
    for page in list_pages(site, "timeline.html"):
        html = soup(site / page)
        listed = {item["id"] for item in html.select(".timeline-item")}
        charted = {i for a in html.select(".tl-chart a.tl-mark") for i in (a.get("data-ids") or a["href"][1:]).split()}
        assert charted == listed, page


def test_dates_are_shown_at_their_precision(site, data):
    for event in data["events"]:
        text = words(soup(site / event["url"]).select_one(".facts .date").get_text())
        date = event["date"]
        if re.fullmatch(r"\d{4}", date):
            assert text == date
        elif re.fullmatch(r"\d{4}-\d{2}", date):
            assert re.fullmatch(r"[A-Z][a-z]+ \d{4}", text), text
        elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", text), text


def test_article_pages_show_provenance(site):
    page = soup(site / "articles/nato-russia-rare-talks-drills-inf.html")
    provenance = words(page.select_one(".provenance").get_text())
    assert "The Moscow Times" in provenance and "Reuters" in provenance
    assert page.select_one('.provenance a[href^="https://www.themoscowtimes.com/"]')
    inferred = soup(site / "articles/us-rejects-russian-offer-inf.html")
    assert "Title inferred" in inferred.get_text()
    assert "inferred" in words(inferred.select_one(".provenance").get_text())
    assert not inferred.select('.provenance a[href^="http"]')  # the seed gives no URL


@pytest.mark.parametrize("record_id, date, earliest, latest, label", [
    ("inf-treaty-1987", "1987", "1987-01-01", "1987-12-31", "1987"),
    ("us-missiles-in-europe-1980s", "198X", "1980-01-01", "1989-12-31", "the 1980s"),
    ("trident-juncture-launched", "2018-10", "2018-10-01", "2018-10-31", "October 2018"),
    ("inf-withdrawal-period", "2019-02-02/2019-08-02", "2019-02-02", "2019-08-02", "2 February – 2 August 2019"),
    ("bolton-visits-moscow", "../2019-02", None, "2019-02-28", "on or before February 2019"),
    ("us-mission-blames-russia-for-demise", "2019-07?", "2019-07-01", "2019-07-31", "July 2019, uncertain"),
])
def test_each_date_form_is_exported_and_shown(site, data, record_id, date, earliest, latest, label):
    """EDTF stays in `date`; `earliest`/`latest` bound it; the page says it in words."""
    record = next(r for kind in data.values() for r in kind if r["id"] == record_id)
    assert (record["date"], record["earliest"], record["latest"], record["date_label"]) == (date, earliest, latest, label)
    page = soup(site / record["url"])
    assert words(page.select_one(".facts .date").get_text()) == label
    if record["date_basis"]:
        assert words(record["date_basis"]) in words(page.select_one(".date-basis").get_text())


def test_an_article_date_can_be_less_sure_than_a_day(site):
    provenance = words(soup(site / "articles/pentagon-missiles-after-inf-expiry.html").select_one(".provenance").get_text())
    assert "Published 2 August – 31 August 2019, uncertain (inferred:" in provenance
