"""A corpus of editors' mistakes in claims.yaml. Each one must stop the build with the exact
`claims.yaml:LINE:COL: message (hint)`, and nothing must ever end in a traceback.

Each case edits the synthetic 'harbour' corpus (tests/fixtures/harbour): `(old, new)` pairs
replace the first occurrence of `old`; a case may instead give the whole file as bytes.
"""

import datetime
import os
import random
import shutil
import subprocess
import sys

import pytest
from pelican.settings import read_settings

from claims_explorer.pelican_adapter import read_articles
from claims_explorer.corpus import load_corpus
from claims_explorer.errors import CorpusError
from claims_explorer.load import MAX_BYTES
from claims_explorer.pelican_adapter import articles_from
from conftest import FIXTURES, PLUGIN_FOLDER, PROJECT, run_explorer

BASE = (FIXTURES / "harbour" / "claims.yaml").read_text(encoding="utf-8")
TODAY = datetime.date(2026, 11, 23)

CASES = {
    # -- YAML syntax
    "tab indentation": (("    speaker: ada-lane\n", "\tspeaker: ada-lane\n"),),
    "unclosed quote": (('quote: The bridge is safe and the money is there', 'quote: "The bridge is safe'),),
    "colon in unquoted text": (("text: Ada Lane says the bridge is safe and funded.", "text: Ada Lane says: safe"),),
    "unclosed flow list": (("topics: [safety]", "topics: [safety"),),
    "comment cuts unquoted text": (("text: Residents say the bridge is not safe.", "text: Residents say the bridge is #1 risk"),),
    # -- YAML features that are not allowed
    "duplicate key": (("    kind: quote\n", "    kind: quote\n    kind: paraphrase\n"),),
    "anchor and alias": (("topics: [safety]", "topics: &t [safety]"), ("topics: [safety]", "topics: *t")),
    "explicit tag": (("date: 2021-03-04", "date: !!timestamp 2021-03-04"),),
    "second document": (("events:", "---\nevents:"),),
    "unquoted year read as a number": (('date: "1950"', "date: 1950"),),
    "unquoted true read as a boolean": (("title: The old ferry pier closes", "title: true"),),
    "billion laughs": None,  # whole file, below
    # -- shape (JSON Schema)
    "top level is a list": None,
    "empty file": None,
    "unknown top-level key": (("events:", "evnets: []\nevents:"),),
    "unknown claim key": (("    speaker: ada-lane\n", "    speeker: ada-lane\n"),),
    "missing required key": (("    text: Ada Lane says the bridge is safe and funded.\n", ""),),
    "topics is text not a list": (("topics: [safety]", "topics: safety"),),
    "source is text": (("    source:\n      article: bridge-vote\n      quote: The bridge is safe and the money is there", "    source: bridge-vote"),),
    "id with spaces and capitals": (("id: lane-bridge-safe", "id: Lane Bridge Safe"),),
    "unknown kind": (("kind: quote", "kind: quotation"),),
    "speaker and party both": (("    speaker: ada-lane\n", "    speaker: ada-lane\n    party: council\n"),),
    "neither speaker nor party": (("    party: residents\n", ""),),
    "empty text": (("text: Residents say the bridge is not safe.", 'text: ""'),),
    "blank text": (("text: Residents say the bridge is not safe.", 'text: "   "'),),
    "topic listed twice": (("topics: [safety]", "topics: [safety, safety]"),),
    "no topics": (("topics: [safety]", "topics: []"),),
    "event without sources": (("    sources:\n      - article: bridge-vote\n        quote: The old ferry pier was built in 1950\n", ""),),
    "party without name": (("    name: Town council\n", ""),),
    # -- references
    "unknown speaker": (("speaker: ada-lane", "speaker: ada-lame"),),
    "unknown party": (("party: residents", "party: resident"),),
    "unknown topic": (("topics: [safety]", "topics: [safty]"),),
    "unknown article": (("article: bridge-vote", "article: bridge-voet"),),
    "unknown disputed claim": (("disputes: [lane-bridge-safe]", "disputes: [lane-bridge-sfe]"),),
    "claim disputes itself": (("disputes: [lane-bridge-safe]", "disputes: [residents-bridge-unsafe]"),),
    "speaker of an unknown party": (("    party: council\ntopics:", "    party: counsel\ntopics:"),),
    "repeated claim id": (("id: council-vote-before-summer", "id: lane-bridge-safe"),),
    "repeated party id": (("id: residents\n", "id: council\n"),),
    "event names an unknown party": (("parties: [council]", "parties: [council, harbour]"),),
    # -- quotes
    "quote not in the article": (("quote: Residents say the bridge is not safe", "quote: Residents say the bridge is unsafe"),),
    "quote found twice": (("quote: the vote would come before the summer", "quote: The council said"),),
    "quote spans two paragraphs": (("quote: The old ferry pier was built in 1950", 'quote: "not safe. The old ferry pier"'),),
    "quote with a straight apostrophe for a curly one": None,
    # -- dates
    "impossible day": (("date: 2021-03-04", "date: 2021-02-30"),),
    "date in words": (("date: 2021-03-04", "date: 4 March 2021"),),
    "month 13": (("date: 2021-03\n", "date: 2021-13\n"),),
    "interval ends before it starts": (("date: 2020-03-20/2020-06-20", "date: 2020-06-20/2020-03-20"),),
    "open at both ends": (("date: 2020-03-20/2020-06-20", "date: ../.."),),
    "claim dated after its article": (("date: 2021-03-04", "date: 2021-03-05"),),
    "event in the future": (('date: "1950"', 'date: "2999"'),),
    # -- encodings and size
    "invisible character": (("text: Residents say the bridge", "text: Residents say\u200b the bridge"),),
    "bidi override": (("title: The old ferry pier is built", "title: The old \u202eferry pier is built"),),
    "not UTF-8": None,
    "file too large": None,
}

WHOLE_FILES = {
    "billion laughs": b"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                      b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
    "top level is a list": b"- parties\n- claims\n",
    "empty file": b"# nothing yet\n",
    "not UTF-8": BASE.replace("Ada Lane says", "Ad\xe9 Lane says").encode("latin-1"),
    "file too large": BASE.encode() + b"#" * MAX_BYTES,
    "quote with a straight apostrophe for a curly one": BASE.replace(
        "quote: the vote would come before the summer", "quote: heard the residents' concerns").encode(),
}


@pytest.fixture(scope="module")
def harbour_articles(tmp_path_factory):
    """The harbour articles, read once by Pelican's reader as the build reads them."""
    project = tmp_path_factory.mktemp("harbour")
    shutil.copytree(FIXTURES / "harbour" / "content", project / "content")
    settings = read_settings(str(PROJECT / "pelicanconf.py"), override={"PATH": str(project / "content")})
    here = os.getcwd()
    os.chdir(project)  # article paths in messages are relative to where the editor runs make
    try:
        return articles_from(read_articles(settings))
    finally:
        os.chdir(here)


def corpus_text(name):
    if name in WHOLE_FILES:
        return WHOLE_FILES[name]
    text = BASE
    for old, new in CASES[name]:
        assert old in text, (name, old)
        text = text.replace(old, new, 1)
    return text.encode("utf-8")


def problems_for(tmp_path, articles, content):
    path = tmp_path / "claims.yaml"
    path.write_bytes(content)
    try:
        load_corpus(path, "claims.yaml", articles, today=TODAY)
    except CorpusError as error:
        return [str(problem) for problem in error.problems]
    return []


def test_the_unedited_fixture_is_valid(tmp_path, harbour_articles):
    assert problems_for(tmp_path, harbour_articles, BASE.encode()) == []


@pytest.mark.parametrize("name", list(CASES))
def test_each_mistake_gets_its_exact_message(name, tmp_path, harbour_articles):
    assert problems_for(tmp_path, harbour_articles, corpus_text(name)) == EXPECTED[name]


EXPECTED = {
    'tab indentation': [
        'claims.yaml:21:1: YAML syntax: a tab character (indent with spaces only)',
    ],
    'unclosed quote': [
        'claims.yaml:29:14: a quoted value starts here and runs on to line 54 (is its closing quote missing?)',
    ],
    'colon in unquoted text': [
        "claims.yaml:25:24: YAML syntax: a ':' where a value was expected (put a value that contains ': ' in double quotes)",
    ],
    'unclosed flow list': [
        "claims.yaml:26:13: YAML syntax: a [list] is not closed (end it with ']' on the same line)",
    ],
    'comment cuts unquoted text': [
        "claims.yaml:35:39: ' #' inside unquoted text starts a comment, so the rest of the line is dropped (put the whole value in double quotes)",
    ],
    'duplicate key': [
        "claims.yaml:25:5: duplicate key 'kind' (first given on line 24)",
    ],
    'anchor and alias': [
        'claims.yaml:26:13: anchors (&name) are not allowed (write each value out in full)',
        'claims.yaml:36:13: aliases (*name) are not allowed (write the value out in full)',
    ],
    'explicit tag': [
        'claims.yaml:33:11: tags (tag:yaml.org,2002:timestamp) are not allowed (remove the tag)',
    ],
    'second document': [
        "claims.yaml:2:1: the file is missing 'events' (required: parties, speakers, topics, claims, events)",
        "claims.yaml:51:1: only one YAML document is allowed (remove the '---' line)",
    ],
    'unquoted year read as a number': [
        'claims.yaml:62:11: 1950 is read as a number by YAML tools, not as text (put it in double quotes: "1950")',
    ],
    'unquoted true read as a boolean': [
        'claims.yaml:70:12: true is read as true or false by YAML tools, not as text (put it in double quotes: "true")',
    ],
    'billion laughs': [
        "claims.yaml:1:1: the file is missing 'parties', 'speakers', 'topics', 'claims', 'events' (required: parties, speakers, topics, claims, events)",
        "claims.yaml:1:1: unknown key 'a' (expected one of: claims, eras, events, parties, speakers, topics)",
        'claims.yaml:1:4: anchors (&name) are not allowed (write each value out in full)',
        "claims.yaml:2:1: unknown key 'b' (expected one of: claims, eras, events, parties, speakers, topics)",
        'claims.yaml:2:4: anchors (&name) are not allowed (write each value out in full)',
        'claims.yaml:2:8: aliases (*name) are not allowed (write the value out in full)',
        "claims.yaml:3:1: unknown key 'c' (expected one of: claims, eras, events, parties, speakers, topics)",
        'claims.yaml:3:4: anchors (&name) are not allowed (write each value out in full)',
        'claims.yaml:3:8: aliases (*name) are not allowed (write the value out in full)',
        "claims.yaml:4:1: unknown key 'd' (expected one of: claims, eras, events, parties, speakers, topics)",
        'claims.yaml:4:5: aliases (*name) are not allowed (write the value out in full)',
    ],
    'top level is a list': [
        'claims.yaml:1:1: the file must be a mapping of keys, not a list',
    ],
    'empty file': [
        "claims.yaml:1:1: the file is empty (start with 'parties:')",
    ],
    'unknown top-level key': [
        "claims.yaml:51:1: unknown key 'evnets' (did you mean 'events'?)",
    ],
    'unknown claim key': [
        "claims.yaml:20:5: claim 'lane-bridge-safe' has neither speaker nor party (give 'speaker' when a person speaks (the party comes from the speaker), or 'party' when none does)",
        "claims.yaml:21:5: unknown key 'speeker' (did you mean 'speaker'?)",
    ],
    'missing required key': [
        "claims.yaml:20:5: claim 'lane-bridge-safe' is missing 'text' (required: id, date, kind, text, topics, source)",
    ],
    'topics is text not a list': [
        "claims.yaml:26:13: 'topics' must be a list, not text",
    ],
    'source is text': [
        "claims.yaml:27:13: 'source' must be a mapping of keys, not text",
    ],
    'id with spaces and capitals': [
        "claims.yaml:20:9: 'id' 'Lane Bridge Safe' is not valid (lowercase letters and digits joined by single hyphens, e.g. us-rejects-offer)",
        "claims.yaml:37:16: no claim has the id 'lane-bridge-safe' (did you mean 'Lane Bridge Safe'?)",
    ],
    'unknown kind': [
        "claims.yaml:24:11: 'kind' 'quotation' is not one of: quote, paraphrase, position, assertion",
    ],
    'speaker and party both': [
        "claims.yaml:20:5: claim 'lane-bridge-safe' has both speaker and party (give 'speaker' when a person speaks (the party comes from the speaker), or 'party' when none does)",
    ],
    'neither speaker nor party': [
        "claims.yaml:30:5: claim 'residents-bridge-unsafe' has neither speaker nor party (give 'speaker' when a person speaks (the party comes from the speaker), or 'party' when none does)",
    ],
    'empty text': [
        "claims.yaml:35:11: 'text' must not be empty",
    ],
    'blank text': [
        "claims.yaml:35:11: 'text' must not be empty",
    ],
    'topic listed twice': [
        "claims.yaml:26:13: 'topics' lists the same id twice",
    ],
    'no topics': [
        "claims.yaml:26:13: 'topics' must not be empty",
    ],
    'event without sources': [
        "claims.yaml:61:5: event 'pier-built' is missing 'sources' (required: id, date, title, parties, sources)",
    ],
    'party without name': [
        "claims.yaml:3:5: party 'council' is missing 'name' (required: id, name)",
    ],
    'unknown speaker': [
        "claims.yaml:21:14: no speaker has the id 'ada-lame' (did you mean 'ada-lane'?)",
    ],
    'unknown party': [
        "claims.yaml:31:12: no party has the id 'resident' (did you mean 'residents'?)",
    ],
    'unknown topic': [
        "claims.yaml:26:14: no topic has the id 'safty' (did you mean 'safety'?)",
    ],
    'unknown article': [
        "claims.yaml:28:16: no article has the slug 'bridge-voet' (did you mean 'bridge-vote'?)",
    ],
    'unknown disputed claim': [
        "claims.yaml:37:16: no claim has the id 'lane-bridge-sfe' (did you mean 'lane-bridge-safe'?)",
    ],
    'claim disputes itself': [
        "claims.yaml:37:16: claim 'residents-bridge-unsafe' cannot dispute itself",
    ],
    'speaker of an unknown party': [
        "claims.yaml:13:12: no party has the id 'counsel' (did you mean 'council'?)",
    ],
    'repeated claim id': [
        "claims.yaml:41:9: id 'lane-bridge-safe' is used twice (first on line 20)",
    ],
    'repeated party id': [
        "claims.yaml:6:9: id 'council' is used twice (first on line 3)",
        "claims.yaml:31:12: no party has the id 'residents' (known: council)",
    ],
    'event names an unknown party': [
        "claims.yaml:56:24: no party has the id 'harbour' (known: council, residents)",
    ],
    'quote not in the article': [
        'claims.yaml:40:14: the quote is not in any paragraph of \'bridge-vote\' (content/articles/bridge-vote.md) (closest is ¶2: after "idents say the bridge is " the quote has "unsafe" where the article has "not safe.")',
    ],
    'quote found twice': [
        "claims.yaml:50:14: the quote is found 2 times in 'bridge-vote' (¶4, ¶4) (quote more words so that it is found once)",
    ],
    'quote spans two paragraphs': [
        "claims.yaml:67:16: the quote runs across two paragraphs of 'bridge-vote' (¶2, ¶3) (quote words from one paragraph only)",
    ],
    'quote with a straight apostrophe for a curly one': [
        'claims.yaml:50:14: the quote is not in any paragraph of \'bridge-vote\' (content/articles/bridge-vote.md) (closest is ¶4: after "heard the residents" the quote has "\' concerns" where the article has "’ concerns.")',
    ],
    'impossible day': [
        "claims.yaml:33:11: '2021-02-30' is not a valid EDTF date (accepted forms: 2019, 2019-02, 2019-02-02, 2019-07? (uncertain), 2018~ (approximate), 198X (a decade), 2019-02-02/2019-08-02 (an interval), ../2019-02 (on or before), 2018-11/.. (on or after))",
    ],
    'date in words': [
        "claims.yaml:33:11: '4 March 2021' is not a valid EDTF date (accepted forms: 2019, 2019-02, 2019-02-02, 2019-07? (uncertain), 2018~ (approximate), 198X (a decade), 2019-02-02/2019-08-02 (an interval), ../2019-02 (on or before), 2018-11/.. (on or after))",
    ],
    'month 13': [
        "claims.yaml:44:11: '2021-13' is not a valid EDTF date (accepted forms: 2019, 2019-02, 2019-02-02, 2019-07? (uncertain), 2018~ (approximate), 198X (a decade), 2019-02-02/2019-08-02 (an interval), ../2019-02 (on or before), 2018-11/.. (on or after))",
    ],
    'interval ends before it starts': [
        "claims.yaml:69:11: '2020-06-20/2020-03-20' ends before it starts (accepted forms: 2019, 2019-02, 2019-02-02, 2019-07? (uncertain), 2018~ (approximate), 198X (a decade), 2019-02-02/2019-08-02 (an interval), ../2019-02 (on or before), 2018-11/.. (on or after))",
    ],
    'open at both ends': [
        "claims.yaml:69:11: '../..' is open at both ends (accepted forms: 2019, 2019-02, 2019-02-02, 2019-07? (uncertain), 2018~ (approximate), 198X (a decade), 2019-02-02/2019-08-02 (an interval), ../2019-02 (on or before), 2018-11/.. (on or after))",
    ],
    'claim dated after its article': [
        'claims.yaml:33:11: the claim is dated after its article (4 March 2021) (a claim is dated when it was said)',
    ],
    'event in the future': [
        'claims.yaml:62:11: the date is in the future (today is 2026-11-23) (date things that have happened, or that an article says are scheduled)',
    ],
    'invisible character': [
        'claims.yaml:35:24: invisible character U+200B (ZERO WIDTH SPACE) is not allowed (delete it)',
    ],
    'bidi override': [
        'claims.yaml:63:20: invisible character U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed (delete it)',
    ],
    'not UTF-8': [
        'claims.yaml:25:13: the file is not UTF-8 text (save it as UTF-8)',
    ],
    'file too large': [
        'claims.yaml:1:1: the file is larger than 32 MiB (split the corpus)',
    ],
}


def test_the_corpus_of_mistakes_is_large_enough():
    assert len(CASES) >= 40 and set(EXPECTED) == set(CASES)


def test_the_command_line_reports_without_a_traceback(harbour):
    (harbour / "claims.yaml").write_bytes(corpus_text("billion laughs"))
    result = run_explorer(harbour, "check")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith("claims.yaml:1:1: the file is missing 'parties'")
    assert "Traceback" not in result.stderr + result.stdout


def mutate(text, rng):
    """One random editing slip: a line deleted, doubled, moved or cut, or stray characters."""
    lines = text.splitlines(keepends=True)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    slip = rng.choice(["delete", "double", "move", "cut", "insert"])
    if slip == "delete":
        del lines[i]
    elif slip == "double":
        lines.insert(i, lines[i])
    elif slip == "move":
        lines.insert(j, lines.pop(i))
    elif slip == "cut":
        lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
    else:
        lines[i] = lines[i][:3] + rng.choice([":", "- ", "[", "{", '"', "'", "&a", "*a", "!", "#", "\t", "%", "@"]) + lines[i][3:]
    return "".join(lines)


def test_no_slip_ends_in_a_traceback(tmp_path, harbour_articles):
    """Two hundred random slips: each either loads or is reported; nothing else escapes."""
    rng = random.Random(20261123)
    text = BASE
    for _ in range(200):
        text = mutate(text if rng.random() < 0.5 else BASE, rng)
        problems = problems_for(tmp_path, harbour_articles, text.encode())
        assert all(p.startswith("claims.yaml:") for p in problems)


# Mistakes in the file's shape, which the JSON Schema alone must catch as our loader does.
SHAPE_CASES = [
    "duplicate key", "unquoted year read as a number", "unquoted true read as a boolean",
    "unknown top-level key", "unknown claim key", "missing required key", "topics is text not a list",
    "source is text", "id with spaces and capitals", "unknown kind", "speaker and party both",
    "neither speaker nor party", "empty text", "blank text", "topic listed twice", "no topics",
    "event without sources", "party without name",
]


@pytest.mark.parametrize("name", ["the unedited fixture"] + SHAPE_CASES)
def test_the_json_schema_agrees_with_the_loader(name, tmp_path):
    """check-jsonschema (YAML 1.2 via ruamel, as editors' tools read it) and our loader give
    the same verdict on the file's shape."""
    path = tmp_path / "claims.yaml"
    path.write_bytes(BASE.encode() if name == "the unedited fixture" else corpus_text(name))
    schema = PROJECT / PLUGIN_FOLDER / "claims_explorer" / "claims.schema.json"
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), str(path)],
                            capture_output=True, text=True, timeout=120)
    expected_valid = name == "the unedited fixture"
    assert (result.returncode == 0) == expected_valid, result.stdout + result.stderr
