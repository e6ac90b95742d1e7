"""Build one corpus with two versions of the plugin and theme, and list the files that differ.

    python bench/compare_builds.py [--base main] [--corpus repeat|synthetic] [--articles 30]
                                   [--real] [--workdir DIR] [--search]

A speed change must leave the output byte for byte as it was, apart from what it changes on
purpose: this builds the same corpus from `--base` (a git revision) and from the working
tree, then prints every file only in one output, and every file in both whose bytes differ
(grouped by folder, with a count). Exits 0 when the outputs are identical. Without
`--search` Pagefind is off in both builds (its index holds no dates or paths, and it is the
engine's).
"""

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_corpus  # noqa: E402
import repeat_corpus  # noqa: E402
from run import REPO, copy_sources  # noqa: E402


def build(root, source, args):
    root.mkdir(parents=True)
    copy_sources(source, root)
    if args.real:
        shutil.copytree(REPO / "content", root / "content")
        shutil.copy2(REPO / "claims.yaml", root / "claims.yaml")
    elif args.corpus == "repeat":
        repeat_corpus.make_corpus(root, args.articles)
    else:
        make_corpus.make_corpus(root, args.articles, 1)
    if not args.search:
        with open(root / "pelicanconf.py", "a", encoding="utf-8") as settings:
            settings.write("\nCLAIMS_SEARCH_INDEX = False\n")
    env = {**os.environ, "PYTHONPATH": str(root / "plugins/claims-explorer/pelican/plugins")}
    subprocess.run([str(REPO / ".venv/bin/python"), "-m", "claims_explorer", "build", "-s", "pelicanconf.py",
                    "-o", "output"], cwd=root, env=env, check=True, stdout=subprocess.DEVNULL)
    return root / "output"


def files(folder):
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def group(path):
    parts = path.split("/")
    return "/".join(parts[:-1]) + "/*" + os.path.splitext(parts[-1])[1] if len(parts) > 1 else path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="main", help="the git revision to compare with (default: main)")
    parser.add_argument("--corpus", choices=("repeat", "synthetic"), default="repeat")
    parser.add_argument("--articles", type=int, default=30)
    parser.add_argument("--real", action="store_true", help="the project's own corpus instead")
    parser.add_argument("--search", action="store_true", help="build the search index too")
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="claims-compare-"))
    shutil.rmtree(workdir / "base", ignore_errors=True)
    shutil.rmtree(workdir / "new", ignore_errors=True)
    base = build(workdir / "base", args.base, args)
    new = build(workdir / "new", "worktree", args)
    before, after = files(base), files(new)
    differ = sorted(p for p in before & after if not filecmp.cmp(base / p, new / p, shallow=False))
    report = [("only in the base", sorted(before - after)), ("only in the working tree", sorted(after - before)),
              ("different bytes", differ)]
    for title, paths in report:
        print(f"{title}: {len(paths)} files")
        for name, count in Counter(group(p) for p in paths).most_common():
            example = next(p for p in paths if group(p) == name)
            print(f"  {count:6,}  {name}  (e.g. {example})")
    print(f"outputs in {workdir}")
    return 0 if not any(paths for _, paths in report) else 1


if __name__ == "__main__":
    sys.exit(main())
