"""`make review` (claims_explorer/review.py): what a change does to the corpus, as a reviewer
reads it. A copy of the project becomes a git repository; a second commit adds, changes,
renames and removes claims and edits an article; the review of that commit against the
first must say each of these things in words, with the quotes in their paragraphs."""

import re
import subprocess

import pytest
import yaml

from conftest import copy_project, run_explorer

NOV = "nato-russia-rare-talks-drills-inf"
NEW_PARAGRAPH = "A paragraph added by the test, before the second one."
ADDED = """  - id: test-added-claim
    party: us
    attribution: The test
    date: "2019-01-16"
    kind: paraphrase
    text: "A claim the test adds, with <em>markup</em> | and a pipe."
    topics: [inf-treaty]
    source:
      article: us-rejects-russian-offer-inf
      quote: reduced their ability to launch a nuclear strike at short notice
"""


def git(folder, *args):
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True).stdout


def record_block(text, record_id):
    match = re.search(rf"^  - id: {re.escape(record_id)}\n(?:    .*\n)*", text, re.M)
    assert match, record_id
    return match


def paragraphs(markdown):
    """The body paragraphs of an article file, as the reader numbers them (no headings here)."""
    body = markdown.split("\n\n", 1)[1]
    return [block for block in body.split("\n\n") if block.strip() and not block.startswith("#")]


@pytest.fixture(scope="module")
def change(tmp_path_factory):
    """(folder, base commit, the claims before, the review's stdout, the summary file's text)."""
    folder = copy_project(tmp_path_factory.mktemp("review"))
    git(folder, "init", "-q")
    git(folder, "config", "user.email", "test@example.invalid")
    git(folder, "config", "user.name", "Test")
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "base")
    base = git(folder, "rev-parse", "HEAD").strip()
    claims_path = folder / "claims.yaml"
    before = claims_path.read_text(encoding="utf-8")
    text = before
    # remove one claim, rename one, change one, add one
    text = text.replace(record_block(text, "us-9m729-could-strike-europe").group(), "")
    text = text.replace("  - id: thompson-only-static-display\n", "  - id: thompson-static-display-only\n")
    block = record_block(text, "thompson-no-new-ground").group()
    changed = re.sub(r"^    text: .*$", "    text: Thompson says the talks broke no new ground.", block, flags=re.M)
    text = text.replace(block, changed)
    text = text.replace("\nevents:\n", "\n" + ADDED + "events:\n", 1)
    claims_path.write_text(text, encoding="utf-8")
    # the article: a paragraph inserted before the second, and the words of one claim edited away
    article = next((folder / "content" / "articles").glob("2018-11-01-*.md"))
    markdown = article.read_text(encoding="utf-8")
    first = paragraphs(markdown)[0]
    markdown = markdown.replace(first + "\n\n", first + "\n\n" + NEW_PARAGRAPH + "\n\n", 1)
    markdown = markdown.replace("Russia denies violating it.", "Russia denies breaching it.")
    article.write_text(markdown, encoding="utf-8")
    git(folder, "commit", "-qam", "the change")
    summary = folder / "summary.md"
    result = run_explorer(folder, "review", "--base", base, "--summary", str(summary))
    assert result.returncode == 0, result.stderr
    return folder, base, yaml.safe_load(before), result.stdout, summary.read_text(encoding="utf-8")


def section(report, heading):
    """The text under a ### heading, up to the next heading."""
    start = report.index(heading + "\n")
    following = re.search(r"^#{2,3} ", report[start + len(heading):], re.M)
    return report[start:start + len(heading) + (following.start() if following else len(report))]


def test_the_report_names_its_base(change):
    folder, base, _, report, _ = change
    assert report.startswith("# Review")
    assert f"Compared with `{base}` ({base[:7]} base)" in report


def test_an_added_claim_is_shown_with_its_words_in_their_paragraph(change):
    *_, report, _ = change
    added = section(report, "### Added claim `test-added-claim`")
    assert "- **Who:** United States (“The test”)" in added
    assert "- **Date:** 16 January 2019 (`2019-01-16`)" in added
    assert "<b>reduced their ability to launch a nuclear strike at short notice</b>" in added
    assert "> ¶3 of *U.S. rejects Russian offer to save the INF Treaty*" in added
    # the summary's text is shown as text: its markup escaped, its pipe inert
    assert "&lt;em&gt;markup&lt;/em&gt; \\| and a pipe" in added and "<em>" not in report


def test_a_removed_claim_is_shown_as_it_was(change):
    _, _, before, report, _ = change
    (old,) = [c for c in before["claims"] if c["id"] == "us-9m729-could-strike-europe"]
    removed = section(report, "### Removed claim `us-9m729-could-strike-europe`")
    assert f"- **Summary:** {old['text']}" in removed
    assert f"<b>{old['source']['quote']}</b>" in removed


def test_a_renamed_claim_is_one_rename_not_an_addition_and_a_removal(change):
    *_, report, _ = change
    assert "### Renamed claim `thompson-only-static-display` → `thompson-static-display-only`" in report
    assert "Added claim `thompson-static-display-only`" not in report
    assert "Removed claim `thompson-only-static-display`" not in report


def test_a_changed_claim_is_shown_field_by_field(change):
    _, _, before, report, _ = change
    (old,) = [c for c in before["claims"] if c["id"] == "thompson-no-new-ground"]
    changed = section(report, "### Changed claim `thompson-no-new-ground`")
    assert f"| `text` | {old['text']} | Thompson says the talks broke no new ground. |" in changed
    assert changed.count("\n| `") == 1  # nothing else changed
    assert "`text`, word by word:" in changed and "<del>" in changed
    assert f"<b>{old['source']['quote']}</b>" in changed


def test_an_article_edit_lists_the_claims_it_moves_and_those_it_leaves_without_words(change):
    folder, _, before, report, _ = change
    article = section(report, f"### Changed article `{NOV}`: *NATO and Russia Hold Rare Talks on Military Drills, INF Missile Treaty*")
    assert f"- ¶2 added: <ins>{NEW_PARAGRAPH}</ins>" in article
    assert "<del>violating</del> <ins>breaching</ins>" in article
    assert "- claim `russia-denies-violating-inf-2018` loses its words: the quote “Russia denies violating it.” is no longer in the article" in article
    # every other unchanged claim of the article after the first paragraph moves down by one
    original = paragraphs(git(folder, "show", f"HEAD~1:{next((folder / 'content' / 'articles').glob('2018-11-01-*.md')).relative_to(folder)}"))
    moved = 0
    for claim in before["claims"]:
        if claim["source"]["article"] != NOV or claim["id"] == "russia-denies-violating-inf-2018":
            continue
        (number,) = [i + 1 for i, p in enumerate(original) if claim["source"]["quote"].replace('\\"', '"') in p]
        line = f"- claim `{claim['id']}` moves: ¶{number} → ¶{number + 1}"
        assert (line in article) == (number > 1), line
        moved += number > 1
    assert moved >= 5


def test_the_checks_results_close_the_report(change):
    *_, report, _ = change
    checks = report[report.index("## Checks\n"):]
    assert "❌ `make check` finds" in checks
    assert "the quote is not in any paragraph of 'nato-russia-rare-talks-drills-inf'" in checks
    assert checks.count("\nclaims.yaml:") == 1  # that one problem, at its line


def test_the_summary_file_gets_the_same_report(change):
    *_, report, summary = change
    assert summary == report


def test_an_unchanged_tree_says_nothing_changed(change):
    folder, *_ = change
    result = run_explorer(folder, "review", "--base", "HEAD")
    assert result.returncode == 0, result.stderr
    assert "No claims added, removed, renamed or changed." in result.stdout
    assert "No events added, removed, renamed or changed." in result.stdout
    assert "No article added, removed or changed." in result.stdout


def test_a_base_that_is_not_a_revision_is_one_line_and_status_2(change):
    folder, *_ = change
    result = run_explorer(folder, "review", "--base", "no-such-branch")
    assert result.returncode == 2
    assert result.stderr.startswith("review: git ") and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
