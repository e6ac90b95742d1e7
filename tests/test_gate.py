"""One gate: `check` is the build short of writing, so they never disagree. A corpus of bad
inputs (article headers, ids, paths, markup) is run through both; Hypothesis mutates
claims.yaml and an article and asserts there is never a traceback and never a `check` that
passes before a build that fails. And `make find` runs nothing it is given."""

import re
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PROJECT, line_of, run_explorer

ARTICLE = "content/articles/bridge-vote.md"
LOCATED = re.compile(r"^(content/\S+\.md|claims\.yaml|pelicanconf\.py):\d+(:\d+)?: \S")
SUMMARY = re.compile(r"^(\.\.\. and [\d,]+ more|[\d,]+ problems? found; nothing was built\.)$")


def edit(project, name, old, new):
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def add_article(project, text, name="content/articles/extra.md"):
    (project / name).write_text(text, encoding="utf-8")


EXTRA = "Title: Extra\nDate: 2021-03-01\nSlug: {slug}\n\nText.\n"

# Each case breaks the harbour corpus in a way the build rejects (or once did not).
CASES = {
    "article Save_as over the home page": lambda p: edit(p, ARTICLE, "Slug:", "Save_as: index.html\nSlug:"),
    "article Url": lambda p: edit(p, ARTICLE, "Slug:", "Url: javascript:alert(1)\nSlug:"),
    "article Template of another page": lambda p: edit(p, ARTICLE, "Slug:", "Template: claim\nSlug:"),
    "article Status hidden": lambda p: edit(p, ARTICLE, "Slug:", "Status: hidden\nSlug:"),
    "article slug of the articles list": lambda p: add_article(p, EXTRA.format(slug="index")),
    "page slug of the timeline": lambda p: add_article(p, "Title: Timeline\n\nText.\n", "content/pages/timeline.md"),
    "page slug of the search page": lambda p: add_article(p, "Title: About\nSlug: search\n\nText.\n",
                                                          "content/pages/search.md"),
    "topic id of the topics list": lambda p: edit(p, "claims.yaml", "  - id: schedule\n", "  - id: index\n"),
    "claim id of the page's main landmark": lambda p: edit(p, "claims.yaml", "  - id: lane-bridge-safe\n",
                                                         "  - id: main\n"),
    "claim and event with one id": lambda p: edit(p, "claims.yaml", "  - id: pier-closed\n",
                                                  "  - id: lane-bridge-safe\n"),
    "id with a trailing newline": lambda p: edit(p, "claims.yaml", "  - id: lane-bridge-safe\n",
                                                 '  - id: "lane-bridge-safe\\n"\n'),
    "29 February in a common year": lambda p: edit(p, "claims.yaml", 'date: "1950"', 'date: "2021-02-29/2021-03-01"'),
    "reference definition in a block quote": lambda p: add_article(
        p, EXTRA.format(slug="extra") + "\nSee [this][1].\n\n> [1]: javascript:alert(1)\n"),
    "remote image": lambda p: add_article(p, EXTRA.format(slug="extra") + "\n![x](https://example.org/x.png)\n"),
}


def outcome(project, command):
    result = run_explorer(project, command, "-o", str(project / "out"))
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    return result.returncode, result.stderr.strip().splitlines()


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_check_and_build_reject_the_same_input_with_the_same_lines(harbour, case):
    case(harbour)
    check_code, check_lines = outcome(harbour, "check")
    build_code, build_lines = outcome(harbour, "build")
    assert check_code == build_code == 1, check_lines + build_lines
    problems = [line for line in check_lines if not SUMMARY.match(line)]
    assert problems and all(LOCATED.match(line) for line in problems), check_lines
    assert [line for line in build_lines if LOCATED.match(line)] == problems


def in_contributing(line):
    """The message of a problem line is a row of CONTRIBUTING.md's table of site messages."""
    message = line.split(": ", 1)[1]
    text = (PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    table = text.split("<!-- messages: site -->")[0].rsplit("\n### ", 1)[1]
    return f"| `{message}` |" in table


def test_an_item_colliding_with_a_site_page_is_blamed_on_its_id(harbour):
    path = harbour / "claims.yaml"
    path.write_text(re.sub(r"\bschedule\b", "index", path.read_text()))
    _, lines = outcome(harbour, "check")
    assert lines[0] == (f"claims.yaml:{line_of(path, '- id: index')}:9: 'topics/index.html' would be written twice: "
                        "by the site's topics page and by the topic 'index' (choose another Slug or id)")
    assert in_contributing(lines[0])


def test_an_item_id_the_pages_use_is_blamed_on_its_id(harbour):
    path = harbour / "claims.yaml"
    path.write_text(re.sub(r"\blane-bridge-safe\b", "main", path.read_text()))
    _, lines = outcome(harbour, "check")
    assert lines == [f"claims.yaml:{line_of(path, '- id: main')}:9: the id 'main' is given twice on one of the "
                     "site's pages (an id names one thing on a page: choose another id)",
                     "1 problem found; nothing was built."]
    assert in_contributing(lines[0])


def test_an_article_saved_over_another_page_is_refused_where_it_says_so(harbour):
    path = edit(harbour, ARTICLE, "Slug:", "Save_as: index.html\nSlug:")
    _, lines = outcome(harbour, "check")
    assert lines == [f"{ARTICLE}:{line_of(path, 'Save_as')}: 'Save_as' is not supported: it changes where "
                     "Pelican writes the page (the site names every page from its Slug)",
                     "1 problem found; nothing was built."]


def test_a_page_error_names_the_page_and_its_source(harbour):
    """Whatever fails while a page is made is one line naming it, in check as in build."""
    template = harbour / "themes/explorer/templates/event.html"
    template.write_text(template.read_text().replace("{% block content %}", "{% block content %}{{ event.nope.deeper }}", 1))
    for command in ("check", "build"):
        code, lines = outcome(harbour, command)
        assert code == 1
        assert any(re.match(r"claims\.yaml:\d+:\d+: the page events/[a-z0-9-]+\.html could not be made: "
                            r"UndefinedError: ", line) for line in lines), lines


def test_the_real_corpus_checks_and_builds(project):
    assert outcome(project, "check")[0] == 0
    assert outcome(project, "build")[0] == 0


# -- Hypothesis: mutate the inputs, never a traceback, never check OK and build failing

HEADER_LINES = ["Save_as: index.html", "Slug: index", "Slug: timeline", "Template: x", "Status: draft",
                "Date: 2021-02-29", "Url: x.html", "Lang: fr", "Modified: 2021-02-30", "Title:", "Slug: Bad Slug"]
BODY_TEXT = ["[a(", "[x][1]\n\n> [1]: javascript:x", "![i](//example.org/i.png)", "<b>b</b>", "\u200b",
             "[y]({filename}missing.md)", "# Heading", "`code`", "\n\n", "\u202e", "&#106;avascript:"]
YAML_VALUES = ["index", "main", "timeline", '"2021-02-29"', '"x\\n"', "[", "{", "&a x", "*a", "!!str x",
               "''", "constructor", "lane-bridge-safe", "pier-closed", "safety", '"1950"', "~", "\u200b"]


@st.composite
def mutations(draw):
    """A list of (file, kind, line number seed, value) edits."""
    edit = st.tuples(
        st.sampled_from(["claims.yaml", ARTICLE]),
        st.sampled_from(["replace value", "delete line", "duplicate line", "insert"]),
        st.integers(min_value=0, max_value=10_000),
        st.one_of(st.sampled_from(YAML_VALUES + HEADER_LINES + BODY_TEXT), st.text(max_size=8)),
    )
    return draw(st.lists(edit, min_size=1, max_size=3))


def apply(project, edits):
    for name, kind, seed, value in edits:
        path = project / name
        lines = path.read_text(encoding="utf-8").split("\n")
        index = seed % len(lines)
        if kind == "delete line":
            del lines[index]
        elif kind == "duplicate line":
            lines.insert(index, lines[index])
        elif kind == "insert":
            lines.insert(index, value)
        elif ": " in lines[index]:
            key = lines[index].split(": ", 1)[0]
            lines[index] = f"{key}: {value}"
        else:
            lines[index] += value
        path.write_text("\n".join(lines), encoding="utf-8")


@settings(max_examples=24, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(edits=mutations())
def test_mutated_inputs_never_pass_check_then_fail_the_build(harbour_copy, edits):
    project = harbour_copy()
    apply(project, edits)
    check_code, check_lines = outcome(project, "check")
    for line in check_lines:
        assert LOCATED.match(line) or SUMMARY.match(line) or line.startswith(("OK: ", "pelican: ")), check_lines
    if check_code == 0:
        build_code, build_lines = outcome(project, "build")
        assert build_code == 0, (edits, build_lines)


@pytest.fixture
def harbour_copy(tmp_path_factory, request):
    """A fresh harbour project for each Hypothesis example."""
    import shutil

    from conftest import FIXTURES, copy_project

    def make():
        folder = copy_project(tmp_path_factory.mktemp("mutated"))
        shutil.rmtree(folder / "content")
        shutil.copytree(FIXTURES / "harbour" / "content", folder / "content")
        shutil.copy(FIXTURES / "harbour" / "claims.yaml", folder / "claims.yaml")
        return folder
    return make


# -- make find runs nothing it is given

@pytest.mark.parametrize("phrase", ["$(shell touch {marker})", "`touch {marker}`", "$$(touch {marker})",
                                    "it's '; touch {marker}; '", "-x $(touch {marker})"])
def test_make_find_runs_nothing_it_is_given(tmp_path, phrase):
    marker = tmp_path / "ran"
    phrase = phrase.format(marker=marker)
    make = ["make", "--no-print-directory", "-o", ".venv/.installed", "find", f"Q={phrase}"]
    result = subprocess.run(make, cwd=PROJECT, capture_output=True, text=True, timeout=120)
    assert not marker.exists(), result.stdout + result.stderr
    assert f'contains "{phrase}"' in result.stdout, result.stdout + result.stderr


@pytest.mark.parametrize("variable", ["Q", "BASE"])
def test_no_text_given_to_make_runs(tmp_path, variable):
    """Every variable of USER_TEXT in the Makefile: make would export it, expanded, into every
    recipe's environment, running a $(shell …) in it before any recipe quotes it."""
    assert variable in re.search(r"^USER_TEXT := (.*)$", (PROJECT / "Makefile").read_text(), re.M)[1].split()
    marker = tmp_path / "ran"
    target = {"Q": "find", "BASE": "review"}[variable]
    make = ["make", "--no-print-directory", "-o", ".venv/.installed", target, f"{variable}=$(shell touch {marker})"]
    result = subprocess.run(make, cwd=PROJECT, capture_output=True, text=True, timeout=300)
    assert not marker.exists(), result.stdout + result.stderr


# -- ids exactly as the rule says, and bad input costs lines, not megabytes

def test_both_schema_validators_refuse_an_id_that_ends_in_a_newline():
    import fastjsonschema

    from claims_explorer.schema import _explaining_validator, _fast_check, claims_schema, is_id

    data = {"parties": [{"id": "us\n", "name": "U"}], "speakers": [], "topics": [], "claims": [], "events": []}
    with pytest.raises(fastjsonschema.JsonSchemaException):
        _fast_check()(data)
    assert not _explaining_validator()(claims_schema()).is_valid(data)  # Python's `$` would take "us\n"
    assert is_id("us") and not is_id("us\n") and not is_id("us\n\n")


def test_ten_thousand_unknown_references_print_a_hundred_short_lines(harbour):
    path = harbour / "claims.yaml"
    ids = ", ".join(f"missing-topic-{n}" for n in range(10_000))
    path.write_text(path.read_text().replace("topics: [safety]", f"topics: [{ids}]", 1))
    code, lines = outcome(harbour, "check")
    assert code == 1
    assert len(lines) == 102 and lines[-2:] == ["... and 9,900 more", "10,000 problems found; nothing was built."]
    line = line_of(path, "missing-topic-0")
    assert lines[0] == f"claims.yaml:{line}:14: no topic has the id 'missing-topic-0' (known: safety, schedule)"
    assert max(len(text) for text in lines) < 200


def test_an_id_given_twice_on_a_page_is_found_as_an_attribute_after_white_space(tmp_path):
    """check_ids finds `id=` by its literal prefix and keeps those after white space: data-id,
    aria-describedby and the like are not ids; quoted either way or not, after a tab or a
    line break, they are."""
    from claims_explorer.gate import GuardedWriter

    def repeated(html):
        writer = GuardedWriter(str(tmp_path), settings={"THEME_STATIC_DIR": "theme"})
        writer.check_ids(html, writer.origin, "page.html")
        return [problem.message for problem in writer.problems]

    assert repeated('<p id="a"></p><p data-id="a" data-ids="a a"></p><p aria-describedby="a"></p>') == []
    assert repeated('<p id="a"></p><p\tid=\'a\'></p>') == ["the id 'a' is given twice on page.html"]
    assert repeated('<p id=b>\n<a\nid="b">') == ["the id 'b' is given twice on page.html"]
    assert repeated('id="d" <p id="d">') == []  # the first is not after white space


KEPT = re.compile(r"\(([\d,]+) pages, unchanged since the last build, were not rendered again\)")


def kept_by_check(project):
    """How many pages `check` found unchanged since the live build of `out` (0: it said none)."""
    result = run_explorer(project, "check", "-o", str(project / "out"))
    assert result.returncode == 0, result.stdout + result.stderr
    found = KEPT.search(result.stdout)
    return int(found.group(1).replace(",", "")) if found else 0


def test_check_renders_only_what_the_build_would_render_again(harbour):
    """After a build, `check` skips the pages whose inputs the live build rendered them from
    (digests.py), as the next build would: fewer after an edit, none after a template change."""
    assert kept_by_check(harbour) == 0, "no build yet: every page rendered"
    assert run_explorer(harbour, "build", "-o", str(harbour / "out")).returncode == 0
    pages = sum(1 for _ in (harbour / "out").rglob("*.html"))
    everything = kept_by_check(harbour)
    assert pages - 10 < everything < pages
    edit(harbour, "claims.yaml", "text: ", "text: Edited, ")
    assert 0 < kept_by_check(harbour) < everything
    edit(harbour, "themes/explorer/templates/base.html", "<body", "<body ")
    assert kept_by_check(harbour) == 0


@pytest.mark.parametrize("case", ["claim id of the page's main landmark", "claim and event with one id",
                                  "29 February in a common year"])
def test_after_a_build_check_and_build_still_reject_the_same_input_with_the_same_lines(harbour, case):
    assert run_explorer(harbour, "build", "-o", str(harbour / "out")).returncode == 0
    CASES[case](harbour)
    check_code, check_lines = outcome(harbour, "check")
    build_code, build_lines = outcome(harbour, "build")
    assert check_code == build_code == 1, check_lines + build_lines
    problems = [line for line in check_lines if not SUMMARY.match(line)]
    assert problems and [line for line in build_lines if LOCATED.match(line)] == problems
