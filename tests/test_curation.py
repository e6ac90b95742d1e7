"""The curation checks (claims_explorer/curation.py): a claim's words are its speaker's and
its date no more precise than its text. Each check passes on the harbour corpus as it is,
and fails on a mistake made in it with the exact `claims.yaml:LINE:COL: message (hint)`;
`allow:` waives a check with a reason, and an `allow:` that waives nothing is reported.
The real corpus passes, and the kinds of mistake issue 14 found in it are caught there too.
"""

import os
import shutil

import pytest
from pelican.settings import read_settings

from claims_explorer.corpus import load_corpus
from claims_explorer.errors import CorpusError
from claims_explorer.pelican_adapter import articles_from, read_articles
from claims_explorer.quotations import quotations
from conftest import FIXTURES, PROJECT

BASE = (FIXTURES / "harbour" / "claims.yaml").read_text(encoding="utf-8")
ARTICLE = FIXTURES / "harbour" / "content" / "articles"
EXTRA_CLAIM = """  - id: {id}
    {who}
    date: 2021-03-04
    kind: {kind}
    text: A claim added for the test.
    topics: [safety]
    source:
      article: bridge-vote
      quote: {quote}
{extra}events:"""


def read(folder, settings_path=PROJECT / "pelicanconf.py"):
    settings = read_settings(str(settings_path), override={"PATH": str(folder / "content")})
    here = os.getcwd()
    os.chdir(folder)
    try:
        return articles_from(read_articles(settings))
    finally:
        os.chdir(here)


@pytest.fixture(scope="module")
def harbour(tmp_path_factory):
    folder = tmp_path_factory.mktemp("harbour")
    shutil.copytree(FIXTURES / "harbour" / "content", folder / "content")
    return read(folder)


@pytest.fixture(scope="module")
def harbour_dated_loosely(tmp_path_factory):
    """The harbour article dated only as 'from 4 March 2021, probably that month'."""
    folder = tmp_path_factory.mktemp("loose")
    shutil.copytree(FIXTURES / "harbour" / "content", folder / "content")
    path = folder / "content" / "articles" / next(p.name for p in ARTICLE.glob("*.md"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Date: 2021-03-04\n", "Date: 2021-03-04\nDate_edtf: 2021-03-04/2021-03-31?\n"), "utf-8")
    return read(folder)


def problems(tmp_path, articles, text):
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_corpus(path, "claims.yaml", articles)
    except CorpusError as error:
        return [str(problem) for problem in error.problems]
    return []


def edited(*edits, extra_claim=None):
    text = BASE
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    if extra_claim:
        text = text.replace("events:", EXTRA_CLAIM.format(**extra_claim), 1)
    return text


LANE_QUOTE = "quote: The bridge is safe and the money is there"
COUNCIL_QUOTE = "quote: the vote would come before the summer"

CASES = {
    "a direct quote of the reporter's words": (
        edited(("kind: position", "kind: quote")),
        ["claims.yaml:40:14: the claim is a direct quote, but its words are not inside one quotation of ¶2 "
         "(its words are the reporter's, not in quotation marks: make it a paraphrase, position or assertion)"]),
    "a direct quote running past the closing mark": (
        edited((LANE_QUOTE, "quote: 'the money is there,\" council leader Ada Lane'")),
        ["claims.yaml:29:14: the claim is a direct quote, but its words are not inside one quotation of ¶2 "
         "(the quote runs past the closing quotation mark (after '…money is there,\"') into the reporter's "
         "words; end the quote at the mark, or make the claim a paraphrase)"]),
    "a paraphrase running past the closing mark": (
        edited(("kind: quote", "kind: paraphrase"), (LANE_QUOTE, "quote: 'money is there,\" council leader'")),
        ["claims.yaml:29:14: the quote runs past the closing quotation mark of ¶2 (after '…money is there,\"') "
         "into the reporter's words (cite the speaker's words alone, or the whole quotation with the words around it)"]),
    "quotes cut inside words": (
        edited((COUNCIL_QUOTE, "quote: he vote would come before the summ")),
        ["claims.yaml:50:14: the quote ends inside the word 'summer' (¶4) (start and end a quote on whole words)",
         "claims.yaml:50:14: the quote starts inside the word 'the' (¶4) (start and end a quote on whole words)"]),
    "one party citing the same words twice": (
        edited(extra_claim={"id": "council-vote-soon", "who": "party: council", "kind": "paraphrase",
                            "quote": "vote would come before the summer", "extra": ""}),
        ["claims.yaml:59:14: claim 'council-vote-soon' cites the same words as claim 'council-vote-before-summer' "
         "of the same party (Town council, ¶4) (one statement is one claim: merge the two, or cite only the words "
         "each rests on; if both are right, say why with allow: {same-words: …})"]),
    "two parties citing the same words": (
        edited(extra_claim={"id": "residents-bridge-safe", "who": "party: residents", "kind": "quote",
                            "quote": "The bridge is safe", "extra": ""}),
        ["claims.yaml:59:14: claim 'residents-bridge-safe' (Residents' group) cites the same words as claim "
         "'lane-bridge-safe' (Town council, ¶2) (words have one speaker: narration is no one's claim, and one "
         "side's claim is not read off the other side's words; if both are right, say why with allow: "
         "{same-words: …})"]),
    "the same words, allowed with a reason": (
        edited(extra_claim={"id": "council-vote-soon", "who": "party: council", "kind": "paraphrase",
                            "quote": "vote would come before the summer",
                            "extra": '    allow:\n      same-words: "A reason the reviewer reads."\n'}),
        []),
    "an allow that waives nothing": (
        edited((LANE_QUOTE, LANE_QUOTE + '\n    allow:\n      same-words: "No other claim cites these words."')),
        ["claims.yaml:31:19: allow: 'same-words' waives nothing here "
         "(the check finds nothing to waive in this claim; remove it)"]),
    "an allow naming no check": (
        edited((LANE_QUOTE, LANE_QUOTE + '\n    allow:\n      same-word: "A typo."')),
        ["claims.yaml:31:7: unknown key 'same-word' (did you mean 'same-words'?)"]),
    "words inside a quotation, an apostrophe and a curly one": (
        edited((LANE_QUOTE, "quote: The bridge is safe"), (COUNCIL_QUOTE, "quote: heard the residents’ concerns")),
        []),
}


def test_the_harbour_corpus_passes_every_check(tmp_path, harbour):
    assert problems(tmp_path, harbour, BASE) == []


@pytest.mark.parametrize("name", list(CASES))
def test_each_curation_mistake_gets_its_exact_message(name, tmp_path, harbour):
    text, expected = CASES[name]
    assert problems(tmp_path, harbour, text) == expected


DATE = "    date: 2021-03-04\n    kind: position"


@pytest.mark.parametrize("date, expected", [
    ("2021-03-04", ["claims.yaml:33:11: the claim is dated 4 March 2021, more precisely than its article "
                    "(4 March – 31 March 2021, uncertain), which is all the text gives for words it reports without "
                    "a date (date words reported as current ('says') as the article is, \"2021-03-04/2021-03-31?\", "
                    "and words said at a time not given ('said', 'pointed out') on or before it, "
                    "\"../2021-03-31?\"; if the text dates them itself, say where in date_basis and add "
                    "allow: {date-precision: …})"]),
    ("2021-03-04/2021-03-31?", []),  # as the article is dated: reported as current
    ("../2021-03-31?", []),  # on or before it: said at a time the text does not give
    ("2021-03-02", []),  # before the article's first possible day: dated by something else in the text
])
def test_a_claim_is_no_more_precise_than_its_article(date, expected, tmp_path, harbour_dated_loosely):
    text = edited((DATE, f'    date: "{date}"\n    kind: position'))
    assert problems(tmp_path, harbour_dated_loosely, text) == expected


def test_date_precision_allowed_with_a_reason(tmp_path, harbour_dated_loosely):
    reason = '\n    allow:\n      date-precision: "The text says the residents spoke on the day of the vote."'
    text = edited((DATE, '    date: "2021-03-04"\n    kind: position'),
                  ("quote: Residents say the bridge is not safe", "quote: Residents say the bridge is not safe" + reason))
    assert problems(tmp_path, harbour_dated_loosely, text) == []


# -- the quotations of a paragraph, as the articles write them

def quoted(text):
    return [(text[q.start:q.end], q.depth) for q in quotations(text)]


@pytest.mark.parametrize("text, expected", [
    ('"Straight," he said. "Two."', [("Straight,", 0), ("Two.", 0)]),
    ("“Curly ‘nested words’ here,” she said.", [("Curly ‘nested words’ here,", 0), ("nested words", 1)]),
    ("It's Moscow’s and the residents’ view.", []),  # apostrophes, not marks
    ("was prohibited” under the INF", [("was prohibited", 0)]),  # its opening mark is missing
    ("“A quotation that runs on to the next paragraph", [("A quotation that runs on to the next paragraph", 0)]),
    ("posed \"a serious risk.\"", [("a serious risk.", 0)]),
    ("the “new strategic reality” that included", [("new strategic reality", 0)]),
    ("Russia 'Not Interested' in Arms Race", [("Not Interested", 0)]),
])
def test_quotations_are_found_as_print_marks_them(text, expected):
    assert quoted(text) == expected


# -- the real corpus

def test_every_direct_quote_of_the_corpus_is_inside_a_quotation():
    """Independent of the checks' own code path: each kind: quote claim's words, found in
    its article's paragraphs, lie inside one of that paragraph's quotations."""
    import yaml

    data = yaml.safe_load((PROJECT / "claims.yaml").read_text(encoding="utf-8"))
    articles = read(PROJECT)
    direct = [c for c in data["claims"] if c["kind"] == "quote"]
    assert direct
    for claim in direct:
        article = articles[claim["source"]["article"]]
        (paragraph,) = [p for p in article.paragraphs if claim["source"]["quote"] in p.text]
        start = paragraph.text.index(claim["source"]["quote"])
        span = (start, start + len(claim["source"]["quote"]))
        assert any(q.holds(span) for q in quotations(paragraph.text)), claim["id"]


def test_the_mistakes_issue_14_found_are_caught_in_the_real_corpus(tmp_path):
    """The Pentagon quote past its closing mark, and a claim dated 2 August in the piece
    dated 2–31 August 2019?: put back, each is reported at its line."""
    text = (PROJECT / "claims.yaml").read_text(encoding="utf-8")
    pentagon = "      quote: Russia was producing and fielding an offensive capability that was prohibited\n"
    assert text.count(pentagon) == 1
    text = text.replace(pentagon, pentagon.rstrip("\n") + "” under the INF, thus endangering the US regime and its allies\n")
    marker = "  - id: russia-9m729-perfectly-compliant\n"
    start = text.index(marker)
    date_line = text.index("    date: ", start)
    end = text.index("\n", date_line)
    text = text[:date_line] + '    date: "2019-08-02"' + text[end:]
    found = problems(tmp_path, read(PROJECT), text)
    lines = text.splitlines()
    quote_line = lines.index(pentagon.rstrip("\n") + "” under the INF, thus endangering the US regime and its allies") + 1
    date_line_number = text[:date_line].count("\n") + 1
    assert len(found) == 2, found
    assert found[0].startswith(f"claims.yaml:{quote_line}:14: the quote runs past the closing quotation mark of ¶4 "
                               "(after '…that was prohibited”') into the reporter's words")
    assert found[1].startswith(f"claims.yaml:{date_line_number}:11: the claim is dated 2 August 2019, more precisely "
                               "than its article")


def test_a_paraphrase_running_from_the_reporters_words_into_a_quotation(tmp_path):
    text = (PROJECT / "claims.yaml").read_text(encoding="utf-8")
    bolton = "      quote: ill-suited for the “new strategic reality” that included China, Iran and North Korea\n"
    assert text.count(bolton) == 1
    text = text.replace(bolton, "      quote: ill-suited for the “new strategic\n")
    line = text[:text.index("      quote: ill-suited for the “new strategic\n")].count("\n") + 1
    message = ("the quote runs from the reporter's words into a quotation of ¶8 (at '“new strategic reality…') "
               "(cite the speaker's words alone, or the whole quotation with the words around it)")
    assert problems(tmp_path, read(PROJECT), text) == [f"claims.yaml:{line}:14: {message}"]
    assert f"| `{message}` |" in (PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8")  # its row, as printed
