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
