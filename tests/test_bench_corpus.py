"""The benchmark's corpus generator keeps producing corpora that pass the project's checks.

Only the generator is tested here (a few seconds); the benchmark itself is `make bench`,
and its timings are written down in docs/benchmarks.md, never asserted in a test.
"""

import shutil
import subprocess
import sys

from conftest import PROJECT, copy_project, run_explorer

GENERATOR = PROJECT / "bench" / "make_corpus.py"


def generate(folder, articles=3, seed=1):
    result = subprocess.run([sys.executable, str(GENERATOR), str(folder), "--articles", str(articles),
                             "--seed", str(seed)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_generated_corpus_passes_check(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "content")
    (project / "claims.yaml").unlink()
    assert "3 articles, 60 claims, 9 events" in generate(project)
    assert (project / "claims.yaml").read_text().startswith(
        "# yaml-language-server: $schema=plugins/claims-explorer/pelican/plugins/claims_explorer/claims.schema.json\n")

    result = run_explorer(project, "check")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK: 3 articles, 60 claims, 9 events" in result.stdout


def test_generator_is_deterministic(tmp_path):
    generate(tmp_path / "a")
    generate(tmp_path / "b")
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert len(files) == 5  # 3 articles, about.md, claims.yaml
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


REPEATER = PROJECT / "bench" / "repeat_corpus.py"


def test_repeated_real_corpus_passes_check(tmp_path):
    """The real corpus repeated: every copy's ids and references suffixed alike, quotes
    verbatim. Expected counts come from the real corpus as it is today."""
    import yaml  # the real corpus's counts, whatever the curators make of it

    real = yaml.safe_load((PROJECT / "claims.yaml").read_text(encoding="utf-8"))
    originals = sorted((PROJECT / "content" / "articles").glob("*.md"))
    copies = 3
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "content")
    (project / "claims.yaml").unlink()
    result = subprocess.run([sys.executable, str(REPEATER), str(project), "--articles",
                             str(len(originals) * (copies - 1) + 1)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    claims, events = len(real["claims"]) * copies, len(real["events"]) * copies
    assert f"{len(originals) * copies} articles, {claims} claims, {events} events" in result.stdout

    repeated = yaml.safe_load((project / "claims.yaml").read_text(encoding="utf-8"))
    ids = [record["id"] for record in repeated["claims"] + repeated["events"]]
    assert len(set(ids)) == len(ids)
    for original, copy in zip(real["claims"], repeated["claims"][len(real["claims"]):]):
        assert copy["id"] == original["id"] + "-r0002"
        assert copy["source"] == {"article": original["source"]["article"] + "-r0002",
                                  "quote": original["source"]["quote"]}
        for relation in ("disputes", "answers"):
            if relation in original:
                assert copy[relation] == [f"{other}-r0002" for other in original[relation]]
    for original, copy in zip(real["events"], repeated["events"][len(real["events"]):]):
        assert copy["id"] == original["id"] + "-r0002"
        assert copy["sources"] == [{**source, "article": source["article"] + "-r0002"} for source in original["sources"]]

    checked = run_explorer(project, "check")

    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"OK: {len(originals) * copies} articles, {claims} claims, {events} events" in checked.stdout
