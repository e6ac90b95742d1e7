"""A wrong line in claims.yaml stops the build with file:line:col and what was expected."""

import json

from conftest import line_of, run_explorer, soup


def edit(project, old, new):
    path = project / "claims.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return path


def test_a_different_corpus_builds_with_no_code_change(harbour):
    result = run_explorer(harbour, "build", "-o", str(harbour / "out"))
    assert result.returncode == 0, result.stderr
    claims = json.loads((harbour / "out/data/claims.json").read_text())
    assert {c["party"] for c in claims} == {"council", "residents"}
    assert (harbour / "out/claims/lane-bridge-safe.html").is_file()
    assert "INF" not in (harbour / "out/index.html").read_text().replace("INF Treaty", "")


def test_quote_not_in_the_article_fails_with_file_and_line(harbour):
    path = edit(harbour, "quote: The bridge is safe and the money is there", "quote: The bridge is safe and funded")
    line = line_of(path, "quote: The bridge is safe and funded")
    for command in ("check", "build"):
        result = run_explorer(harbour, command, "-o", str(harbour / "out"))
        assert result.returncode == 1
        assert f"claims.yaml:{line}:14: the quote is not in any paragraph of 'bridge-vote'" in result.stderr
        assert 'the quote has "funded" where the article has "the money is there' in result.stderr
        assert "Traceback" not in result.stderr + result.stdout
    assert not (harbour / "out/index.html").exists()


def test_quote_found_twice_fails_with_file_and_line(harbour):
    path = edit(harbour, "quote: the vote would come before the summer", "quote: The council said")
    line = line_of(path, "quote: The council said")
    result = run_explorer(harbour, "check")
    assert result.returncode == 1
    assert f"claims.yaml:{line}:14: the quote is found 2 times in 'bridge-vote' (¶4, ¶4)" in result.stderr


def test_every_problem_is_reported_in_one_run(harbour):
    edit(harbour, "speaker: ada-lane", "speaker: ada-lame")
    edit(harbour, "kind: position", "kind: positon")
    edit(harbour, "date: 2021-03\n", "date: 2021-13\n")
    path = edit(harbour, "article: bridge-vote", "article: bridge-voet")
    result = run_explorer(harbour, "check")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    expected = [
        f"claims.yaml:{line_of(path, 'speaker: ada-lame')}:14: no speaker has the id 'ada-lame' (did you mean 'ada-lane'?)",
        f"claims.yaml:{line_of(path, 'article: bridge-voet')}:16: no article has the slug 'bridge-voet' (did you mean 'bridge-vote'?)",
        f"claims.yaml:{line_of(path, 'kind: positon')}:11: 'kind' 'positon' is not one of: quote, paraphrase, position, assertion (did you mean 'position'?)",
        f"claims.yaml:{line_of(path, 'date: 2021-13')}:11: '2021-13' is not a valid EDTF date",
    ]
    for message in expected:
        assert any(line.startswith(message) for line in lines), (message, lines)
    assert lines[-1] == "4 problems found; nothing was built."
    numbers = [int(line.split(":")[1]) for line in lines[:-1]]
    assert numbers == sorted(numbers)


def test_a_topic_alias_that_repeats_a_name_or_another_topics_alias_fails_with_file_and_line(harbour):
    edit(harbour, "    name: Bridge safety\n", "    name: Bridge safety\n    aliases: [bridge safety, Lane bridge]\n")
    path = edit(harbour, "    name: Schedule\n", "    name: Schedule\n    aliases: [Timetable, LANE BRIDGE]\n")
    result = run_explorer(harbour, "check")
    assert result.returncode == 1
    assert f"claims.yaml:{line_of(path, 'aliases: [bridge safety')}:" in result.stderr
    assert "alias 'bridge safety' is the topic's own name" in result.stderr
    assert f"claims.yaml:{line_of(path, 'aliases: [Timetable')}:" in result.stderr
    assert "alias 'LANE BRIDGE' is also an alias of topic 'safety'" in result.stderr
    assert "Timetable" not in result.stderr


def test_a_topic_alias_is_found_by_search_on_the_claims_of_that_topic(harbour):
    """Any corpus: the alias is on each tagged claim's page, inside what the index reads."""
    edit(harbour, "    name: Bridge safety\n", "    name: Bridge safety\n    aliases: [Span integrity]\n")
    result = run_explorer(harbour, "build", "-o", str(harbour / "out"))
    assert result.returncode == 0, result.stderr
    claims = json.loads((harbour / "out/data/claims.json").read_text())
    tagged = [c for c in claims if "safety" in c["topics"]]
    assert tagged
    for claim in tagged:
        page = soup(harbour / "out" / claim["url"])
        for ignored in page.select("[data-pagefind-ignore]"):
            ignored.decompose()
        indexed = " ".join(" ".join(b.get_text(" ").split()) for b in page.select("[data-pagefind-body]"))
        assert "Span integrity" in indexed
