"""`find_phrase`: where a phrase is in the real articles, and a source block the build accepts."""

import re

import pytest
import yaml
from pelican.settings import read_settings

from claims_explorer.find import find_in_articles, find_phrase, source_yaml
from claims_explorer.load import read_yaml
from claims_explorer.model import Article
from claims_explorer.paragraphs import split_blocks
from claims_explorer.text import find_all
from conftest import PROJECT

NATO = "nato-russia-rare-talks-drills-inf"
GENEVA = "us-rejects-russian-offer-inf"


@pytest.fixture(scope="module")
def settings():
    return read_settings(str(PROJECT / "pelicanconf.py"))


def snippets(report):
    """Every `source:` block in a report, parsed."""
    blocks = re.findall(r"^    source:\n(?:      .*\n){2}", report, re.M)
    return [yaml.safe_load(block)["source"] for block in blocks]


def test_a_phrase_found_once_gives_slug_paragraph_marked_text_and_yaml(settings):
    report = find_phrase(settings, "Washington vows to quit")
    assert f"{NATO} p-1 (" in report
    assert "a Cold War-era missile treaty that »Washington vows to quit« over accusations" in report
    assert f'    source:\n      article: {NATO}\n      quote: "Washington vows to quit"\n' in report
    assert snippets(report) == [{"article": NATO, "quote": "Washington vows to quit"}]
    assert "WARNING" not in report
    assert report.rstrip().endswith("Found in 1 paragraph of 1 article.")


def test_white_space_in_the_phrase_does_not_matter_and_the_quote_is_the_articles_words(settings):
    report = find_phrase(settings, "  Washington\n vows   to quit ")
    assert snippets(report) == [{"article": NATO, "quote": "Washington vows to quit"}]


def test_quotation_marks_in_the_quote_are_escaped_for_yaml(settings):
    report = find_phrase(settings, '"open exchange" of views')
    assert 'quote: "\\"open exchange\\" of views"' in report
    (source,) = snippets(report)
    assert source == {"article": NATO, "quote": '"open exchange" of views'}


def test_a_phrase_found_in_several_paragraphs_warns_that_the_build_needs_one(settings):
    report = find_phrase(settings, "Thompson said")
    assert [s["article"] for s in snippets(report)] == [GENEVA] * 3
    assert re.search(rf"WARNING: the phrase occurs 3 times in '{GENEVA}' \(p-\d+, p-\d+, p-\d+\)", report)
    assert "exactly once" in report


def test_a_phrase_once_in_each_of_two_articles_needs_no_warning(settings):
    report = find_phrase(settings, "Russia denies")
    assert sorted(s["article"] for s in snippets(report)) == [NATO, GENEVA]
    assert "WARNING" not in report
    assert "Found in 2 paragraphs of 2 articles." in report


def test_no_match_says_so_and_suggests_a_shorter_phrase_that_is_found(settings):
    report = find_phrase(settings, "Washington vows to leave the pact")
    assert report.startswith('No paragraph of the 3 articles contains "Washington vows to leave the pact".')
    assert 'make find Q="Washington vows to"' in report
    assert "source:" not in report


def test_no_match_and_nothing_close(settings):
    report = find_phrase(settings, "zebra crossings in Lisbon")
    assert "No paragraph" in report and "shorter phrase" in report


def test_an_empty_phrase_asks_for_words(settings):
    assert "Give the words to look for" in find_phrase(settings, "  ")


def test_every_snippet_passes_the_strict_loader_and_is_found_once(settings, tmp_path):
    report = find_phrase(settings, '"We weren\'t able to break any new ground yesterday with Russia,"')
    (source,) = snippets(report)
    block = re.search(r"^    source:\n(?:      .*\n){2}", report, re.M)[0]
    path = tmp_path / "claim.yaml"
    path.write_text(f"claims:\n  - id: x\n{block}", encoding="utf-8")
    doc, problems = read_yaml(path, "claim.yaml")
    assert problems == []
    assert doc.data["claims"][0]["source"] == source


def article(slug, *paragraphs):
    html = "".join(f"<p>{p}</p>" for p in paragraphs)
    return Article(slug=slug, title=slug, url=f"articles/{slug}.html", date=None, when=None,
                   source_path=f"content/articles/{slug}.md", blocks=split_blocks(html))


def test_yaml_special_characters_stay_text():
    for quote in ("1987", "no", "a: b", "x #1", "it’s “curly”", "back\\slash", "'single'"):
        (source,) = snippets(source_yaml("s", quote))
        assert source == {"article": "s", "quote": quote}


def test_several_occurrences_in_one_paragraph_are_all_marked_and_counted():
    report = find_in_articles({"a": article("a", "the bridge and the bridge", "no")}, "the bridge")
    assert "»the bridge« and »the bridge«" in report
    assert "occurs 2 times in 'a' (p-1, p-1)" in report
    assert len(find_all("the bridge", "the bridge and the bridge")) == 2  # what the build counts


def test_html_entities_and_markup_are_matched_as_the_reader_sees_the_text():
    report = find_in_articles({"a": article("a", "Tom &amp; <em>Jerry</em> said")}, "Tom & Jerry")
    assert "»Tom & Jerry« said" in report
    assert snippets(report) == [{"article": "a", "quote": "Tom & Jerry"}]
