"""Worst cases of bad input (issue 11): how long `check` takes on each, how much memory, how
many lines it prints. Bad input must cost seconds, not minutes (target: at most 10 s and
500 MB for any file under the size limit); the tests assert the messages, not the time.

    .venv/bin/python bench/bad_inputs.py [--case NAME ...] [--keep]

Each case edits a fresh copy of the synthetic 'harbour' corpus (tests/fixtures/harbour) and
runs `python -m claims_explorer check` in a subprocess, timed with perf_counter; memory is
the peak resident size of that subprocess (RUSAGE_CHILDREN, a new wrapper per case).
"""

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HARBOUR = ROOT / "tests" / "fixtures" / "harbour"
PROJECT_FILES = ["themes", "plugins", "pelicanconf.py", "publishconf.py"]
# Runs one command and prints its time (s) and the peak memory (KiB) of its process tree.
WRAPPER = """
import resource, subprocess, sys, time
start = time.perf_counter()
result = subprocess.run(sys.argv[1:], capture_output=True)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stdout.buffer.write(b"%f %d %d\\n" % (seconds, peak, result.returncode) + result.stderr)
"""


def claims_yaml(project):
    return project / "claims.yaml"


def invisible_line(project):
    """A 9 MB file: the corpus, then one comment line of 3 million zero-width spaces."""
    path = claims_yaml(project)
    path.write_text(path.read_text() + "# " + "\u200b" * 3_000_000 + "\n", encoding="utf-8")


def unknown_references(project):
    """One claim whose topics are 10,000 ids that do not exist."""
    path = claims_yaml(project)
    ids = ", ".join(f"missing-topic-{n}" for n in range(10_000))
    path.write_text(path.read_text().replace("topics: [safety]", f"topics: [{ids}]", 1))


def bracket_markdown(project):
    """An article whose body is 40 KB of '[a(' (Markdown's link parser backtracks on it)."""
    article = next((project / "content" / "articles").glob("*.md"))
    article.write_text(article.read_text() + "\n" + "[a(" * 13_700 + "\n")


def unclosed_bracket(project):
    """A flow list opened on line N and never closed: the message must point at line N."""
    path = claims_yaml(project)
    path.write_text(path.read_text().replace("topics: [safety]", "topics: [safety", 1))


CASES = {
    "invisible characters, 9 MB": invisible_line,
    "10,000 unknown references": unknown_references,
    "40 KB of '[a(' Markdown": bracket_markdown,
    "unclosed '[' in YAML": unclosed_bracket,
}


def copy_project(target):
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target / name)
    shutil.copytree(HARBOUR / "content", target / "content")
    shutil.copy(HARBOUR / "claims.yaml", target / "claims.yaml")
    return target


def run_case(name, edit, workdir):
    project = copy_project(Path(tempfile.mkdtemp(prefix="bad-input-", dir=workdir)))
    edit(project)
    size = claims_yaml(project).stat().st_size
    command = [sys.executable, "-c", WRAPPER, sys.executable, "-m", "claims_explorer", "check"]
    env = {"PYTHONPATH": str(project / "plugins/claims-explorer/pelican/plugins"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(command, cwd=project, env=env, capture_output=True, check=True).stdout
    head, _, stderr = out.partition(b"\n")
    seconds, peak_kib, code = head.split()
    lines = stderr.decode("utf-8", "replace").splitlines()
    return {
        "case": name, "claims.yaml bytes": size, "exit": int(code), "seconds": round(float(seconds), 2),
        "peak MB": round(int(peak_kib) / 1024), "lines printed": len(lines), "bytes printed": len(stderr),
        "first lines": [line[:160] for line in lines[:3]], "last line": lines[-1][:160] if lines else "",
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="run only this case (repeatable)")
    parser.add_argument("--keep", action="store_true", help="keep the project copies")
    args = parser.parse_args(argv)
    workdir = tempfile.mkdtemp(prefix="bench-bad-inputs-")
    try:
        for name, edit in CASES.items():
            if not args.case or name in args.case:
                print(json.dumps(run_case(name, edit, workdir), ensure_ascii=False, indent=1), flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(workdir)
        else:
            print(f"projects kept in {workdir}", file=sys.stderr)


if __name__ == "__main__":
    main()
