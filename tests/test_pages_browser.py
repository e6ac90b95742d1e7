"""Reading pages in a real browser (Debian's chromium): a claim's link lights its own words
and no others', a margin note lights its words on hover and keyboard focus, with and without
JavaScript; notes sit beside the text on a wide screen without opening gaps and fold under
their paragraph on a phone; the contested page stacks with its direction on a phone. Saves
screenshots of every page type touched here to test-artifacts/, at 1280 and 375 px, light
and dark."""

import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

from conftest import words

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"

LIT = """mark => getComputedStyle(mark).backgroundColor !== 'rgba(0, 0, 0, 0)'"""


def crowded_claims(data):
    """Claims whose paragraph quotes other words too: lighting one must not light the others."""
    per_paragraph = Counter(claim["paragraph_url"] for claim in data["claims"])
    crowded = [claim for claim in data["claims"] if per_paragraph[claim["paragraph_url"]] > 1]
    assert crowded, "the corpus has no paragraph with two claims"
    return crowded


def lit_state(page, paragraph_id):
    """[(classes, lit)] for every quote mark in the paragraph."""
    return page.eval_on_selector_all(f"#{paragraph_id} mark.q", f"marks => marks.map(m => [m.className, ({LIT})(m)])")


def assert_only_lit(page, claim, number):
    paragraph_id = claim["paragraph_url"].split("#")[1]
    state = lit_state(page, paragraph_id)
    assert state
    for classes, lit in state:
        assert lit == (number in classes.split()), f"{claim['id']}: mark '{classes}' lit={lit}"
    marked = "".join(page.locator(f"#{paragraph_id} mark.{number}").all_inner_texts())
    assert words(marked) == words(claim["quote"])


def quote_number(page, claim):
    classes = page.get_attribute(f"#claim-{claim['id']}", "class").split()
    return next(c for c in classes if re.fullmatch(r"q\d+", c))


def test_a_claims_link_lights_its_words_and_no_others(page, server, data):
    for claim in crowded_claims(data):
        page.goto(f"{server}/{claim['url']}")
        page.get_by_role("link", name=re.compile(r"^Read paragraph \d+ in context")).click()
        page.wait_for_url(re.compile(re.escape(claim["paragraph_url"].split("#")[0])))
        page.mouse.move(0, 0)  # the pointer is left where the link was: maybe over a note now
        number = quote_number(page, claim)
        assert_only_lit(page, claim, number)
        expect(page.locator(f"#{claim['paragraph_url'].split('#')[1]} mark.{number}").first).to_be_in_viewport()
        # and its margin note, with the same label as the quote's
        note = page.locator(f"#{claim['paragraph_url'].split('#')[1]}").locator("xpath=..").locator(f".n{number[1:]}")
        assert page.evaluate(LIT, note.element_handle())
        assert note.locator(".note-label").inner_text() == page.get_attribute(f"#claim-{claim['id']}", "data-note")


def test_without_javascript_a_quote_anchor_lights_its_words(browser, server, data):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for claim in crowded_claims(data):
        page.goto(f"{server}/{claim['paragraph_url'].split('#')[0]}#claim-{claim['id']}")
        assert_only_lit(page, claim, quote_number(page, claim))
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_hovering_or_focusing_a_margin_note_lights_its_words(browser, server, data, javascript):
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    for claim in crowded_claims(data):
        page.goto(f"{server}/{claim['paragraph_url'].split('#')[0]}")
        number = quote_number(page, claim)
        notes = page.locator(f"#{claim['paragraph_url'].split('#')[1]}").locator("xpath=..").locator(".notes")
        note = notes.locator(f".n{number[1:]}")
        note.hover()
        assert_only_lit(page, claim, number)
        page.mouse.move(0, 0)
        assert not any(lit for _, lit in lit_state(page, claim["paragraph_url"].split("#")[1]))
        note.locator(".note-label").focus()
        assert_only_lit(page, claim, number)
        page.evaluate("document.activeElement.blur()")
    context.close()


def geometry(page):
    """Each paragraph's box, its notes' box and whether a paragraph comes just before it
    (not a heading), and the page's scroll width."""
    return page.evaluate("""() => ({
        width: document.documentElement.scrollWidth,
        paras: [...document.querySelectorAll('.para')].map(d => {
            const p = d.querySelector('p').getBoundingClientRect(), n = d.querySelector('.notes');
            const r = n && n.getBoundingClientRect();
            const after = d.previousElementSibling && d.previousElementSibling.classList.contains('para');
            return {top: p.top, bottom: p.bottom, left: p.left, right: p.right, after,
                    notes: r && {top: r.top, bottom: r.bottom, left: r.left, right: r.right}};
        })})""")


def article_urls(data):
    return sorted({claim["paragraph_url"].split("#")[0] for claim in data["claims"]})


def article_shapes(browser, server, data, width, height):
    """(url, geometry) of every article page with claims, at one viewport size."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        for url in article_urls(data):
            page.goto(f"{server}/{url}")
            yield url, geometry(page)
    finally:
        context.close()


def test_notes_fold_under_their_paragraph_on_a_phone(browser, server, data):
    for url, shape in article_shapes(browser, server, data, 375, 800):
        assert shape["width"] <= 375, f"{url} scrolls sideways"
        for para in shape["paras"]:
            if para["notes"]:
                assert para["notes"]["top"] >= para["bottom"] and para["notes"]["right"] <= 375


def test_notes_sit_beside_the_text_and_open_no_gaps(browser, server, data):
    for url, shape in article_shapes(browser, server, data, 1280, 900):
        paras = shape["paras"]
        gaps = [after["top"] - before["bottom"] for before, after in zip(paras, paras[1:]) if after["after"]]
        assert max(gaps) - min(gaps) < 2, f"{url}: gaps between paragraphs differ: {gaps}"
        for para in paras:
            if para["notes"]:
                assert para["notes"]["left"] >= para["right"], f"{url}: a note over the text"
                assert para["notes"]["top"] >= para["top"] - 1


def test_contested_page_stacks_with_its_direction_on_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(f"{server}/contested.html")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    pair = page.locator(".versus-pair").first
    left, label, right = (pair.locator(s).first.bounding_box() for s in
                          (".versus-side >> nth=0", ".versus-label", ".versus-side >> nth=1"))
    assert left["y"] + left["height"] <= label["y"] and label["y"] + label["height"] <= right["y"]
    expect(pair.locator(".versus-label")).to_be_visible()
    assert "disputes" in pair.locator(".versus-label").inner_text()
    context.close()


SCREENS = {
    "home": lambda data: "index.html",
    "article": lambda data: article_urls(data)[0],
    "article-target": lambda data: crowded_claims(data)[0]["paragraph_url"].split("#")[0]
                                   + f"#claim-{crowded_claims(data)[0]['id']}",
    "claim-quote": lambda data: next(c["url"] for c in data["claims"] if c["kind"] == "quote"),
    "claim-reported": lambda data: max((c for c in data["claims"] if c["kind"] != "quote"),
                                       key=lambda c: len(c["disputes"]) + len(c["answers"]))["url"],
    "contested": lambda data: "contested.html",
    "claims": lambda data: "claims/index.html",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("name", SCREENS)
def test_screenshots(browser, server, data, name, width, scheme):
    """Each page type as a reader sees it, saved to be looked at; none scrolls sideways."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    url = SCREENS[name](data)
    page.goto(f"{server}/{url}")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{url} scrolls sideways"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}-{width}-{scheme}.png", full_page="#" not in url)
    context.close()


def test_the_claims_explorers_cards_say_whose_words_and_name_their_source(page, server, data):
    """Cards the claims page's script draws after a filter read as the page's own do."""
    claims = {claim["id"]: claim for claim in data["claims"]}
    page.goto(f"{server}/claims/index.html")
    boxes = page.locator(".facet input[name=kind]")  # drawn by the script, not the page
    expect(boxes.first).to_be_attached()
    assert boxes.count() >= 2, "the corpus should have direct quotes and other kinds"
    kinds = set()
    for index in range(boxes.count()):
        page.get_by_role("button", name="Clear filters").click()
        boxes.nth(index).check()
        expect(page.locator(".explorer-status")).to_contain_text("match")
        cards = page.locator("#claim-list .claim-card")
        expect(cards.first).to_be_attached()
        shown = [claims[cards.nth(i).get_attribute("id")] for i in range(cards.count())]
        assert len({claim["kind"] for claim in shown}) == 1, "one kind chosen, one kind shown"
        kinds.add(shown[0]["kind"])
        for i, claim in enumerate(shown):
            card = cards.nth(i)
            quoted = card.locator("q")
            if claim["kind"] == "quote":
                assert words(quoted.inner_text()) == words(claim["quote"])
            else:
                assert quoted.count() == 0 and card.locator(".words-whose").inner_text() == "The article:"
            number = claim["paragraph_url"].rsplit("-", 1)[1]
            source = card.locator(".card-links a")
            assert source.inner_text().endswith(f", ¶{number}")
            target = source.get_attribute("href").split(":~:")[0]
            assert target.endswith(f"{claim['paragraph_url'].split('#')[0]}#claim-{claim['id']}")
    assert "quote" in kinds and len(kinds) > 1


# The first match of a text directive in the page's rendered text, as the Text Fragments
# spec finds it ("find a range from a text directive"): each term is matched within one
# block of visible text, case-insensitively, at word bounds; the prefix and the suffix are
# separated from the words only by whitespace. Chromium runs the same search when it follows
# the link, but whether it then sets :target (and how soon) differs between its builds.
FIRST_MATCH = r"""({prefix, start, end, suffix}) => {
  const inline = el => getComputedStyle(el).display.startsWith('inline');
  const block = el => { while (el !== document.body && inline(el)) el = el.parentElement; return el; };
  const fold = t => t.replace(/\s+/g, ' ').toLowerCase();
  let text = '', at = [], last = null;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.checkVisibility()) continue;
    const here = block(node.parentElement);
    if (here !== last) { text += '\0'; at.push(null); last = here; }
    for (let i = 0; i < node.data.length; i++) {
      const ch = /\s/.test(node.data[i]) ? ' ' : node.data[i].toLowerCase();
      if (ch === ' ' && /[ \0]$/.test(text)) continue;
      if (ch.length !== 1) return 'unsupported character';
      text += ch; at.push(node.parentElement);
    }
  }
  const word = i => /[\p{L}\p{N}]/u.test(text[i] || '');
  const bound = i => !(word(i - 1) && word(i));
  const find = (term, from, wordStart, wordEnd) => {
    for (let i = text.indexOf(term, from); i !== -1; i = text.indexOf(term, i + 1))
      if ((!wordStart || bound(i)) && (!wordEnd || bound(i + term.length))) return i;
    return -1;
  };
  const skip = i => { while (text[i] === ' ' || text[i] === '\0') i++; return i; };
  const [p, s, e, x] = [prefix, start, end, suffix].map(t => t && fold(t));
  const endAtWord = e !== null || x === null;
  for (let from = 0; ; ) {
    let first;
    if (p !== null) {
      const pre = find(p, from, true, false);
      if (pre === -1) return null;
      from = pre + 1;
      const after = skip(pre + p.length);
      first = find(s, after, false, endAtWord);
      if (first === -1) return null;
      if (first !== after) continue;
    } else {
      first = find(s, from, true, endAtWord);
      if (first === -1) return null;
      from = first + 1;
    }
    let stop = first + s.length;
    for (;;) {
      if (e !== null) {
        const last = find(e, stop, true, endAtWord);
        if (last === -1) return null;
        stop = last + e.length;
      }
      if (x === null) break;
      const after = skip(stop);
      if (find(x, after, false, true) === after) break;
      if (e === null) { stop = -1; break; }
    }
    if (stop === -1) continue;
    return [first, stop - 1].map(i => {
      const el = at[i];
      return [el.tagName, el.className, el.closest('p') && el.closest('p').id];
    });
  }
}"""


def text_directive(href):
    """{prefix, start, end, suffix} of the link's `:~:text=` directive, decoded."""
    terms = [unquote(term) for term in href.split(":~:text=", 1)[1].split(",")]
    prefix = terms.pop(0)[:-1] if terms[0].endswith("-") else None
    suffix = terms.pop()[1:] if terms[-1].startswith("-") else None
    return {"prefix": prefix, "start": terms[0], "end": terms[1] if len(terms) > 1 else None, "suffix": suffix}


def test_a_claims_text_fragment_finds_its_own_words(browser, server, data):
    """The text fragment of a claim's link (prefix and suffix from its paragraph) finds the
    claim's own words, in its own paragraph, before anything alike on the page (a margin
    note's summary, another paragraph): the directive's first match in the article as
    rendered starts and ends in the claim's quote. A quote is found once in its article (the
    build checks it), so this checks the words around it that the link adds."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for claim in data["claims"]:
        page.goto(f"{server}/{claim['url']}")
        href = page.locator(".source-para figcaption a").get_attribute("href")
        assert ":~:text=" in href
        page.goto(page.evaluate("h => new URL(h, location.href).href", href).split("#")[0])
        number = quote_number(page, claim)
        match = page.evaluate(FIRST_MATCH, text_directive(href))
        paragraph = claim["paragraph_url"].split("#")[1]
        assert match, f"{claim['id']}: {href} finds nothing"
        for tag, classes, where in match:
            assert (tag, where) == ("MARK", paragraph) and number in classes.split(), f"{claim['id']}: {match}"
    context.close()
