"""The benchmark (`make bench`): build corpora of N articles and measure the build.

    python bench/run.py [--corpus synthetic|repeat|both] [--sizes 100 1000] [--seed 1]
                        [--steps full baseline rebuild edit devedit check] [--source worktree|REV]
                        [--profile N] [--profile-corpus repeat|synthetic]
                        [--workdir DIR] [--keep] [--doc docs/benchmarks.md] [--no-doc]

Two corpora, each at every N: `synthetic` (bench/make_corpus.py: invented words, 20 claims
and 3 events an article) and `repeat` (bench/repeat_corpus.py: the real corpus repeated to
N articles, ids suffixed: its long quotes, disputes and events with several sources). For
each: a temp project (themes, plugins, pelicanconf.py, publishconf.py, Makefile and
requirements.txt from the repo, `.venv` a symlink to the repo's) with the corpus, then, each
in a fresh subprocess:

  full      `make html`, the real build, whatever steps the Makefile's html target has,
            from a clean project (Pelican's content cache empty)
  baseline  plain Pelican on the same articles: no plugin, its default theme, the same URLs
  rebuild   `make html` again on the unchanged corpus: the content cache is warm
  edit      one claim's text changed in claims.yaml, then `make html` again
  devedit   another claim's text changed, then the devserver's build (`build --pages-first`):
            when the pages were published, and when the search index was done
  check     a third claim's text changed, then `make check` (with a live build to compare with)

Each step runs under a small Python wrapper that times it (perf_counter around the
subprocess) and reads RUSAGE_CHILDREN's ru_maxrss: the peak of the largest single process of
that step (the wrapper is new for every step, so no earlier step's peak leaks in). A sampler
also sums the resident memory of the step's whole process tree every 0.1 s: the build's
Python process and Pagefind run at the same time, and the machine must hold both.

`--profile N` also builds N once under bench/profile_build.py (phase and per-template
timers) and once under cProfile. The results go into docs/benchmarks.md between the
`bench:results` (and `bench:profile`) markers; everything else in that file is kept.
"""

import argparse
import datetime
import io
import json
import os
import platform
import pstats
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import make_corpus  # noqa: E402
import repeat_corpus  # noqa: E402

PROJECT_FILES = ["themes", "plugins", "pelicanconf.py", "publishconf.py", "Makefile", "requirements.txt"]
BUDGET_KB = 60  # every page, HTML + the CSS and JS it loads
TARGET_MARGINAL_MS = 1.0  # (full - baseline) per claim or event
TARGET_EDIT_SHARE = 0.10  # a one-claim edit, against a cold build
TARGET_MEMORY_MB = 1024  # at 1,000 articles / 20,000 claims, the whole process tree
TARGET_OUTPUT_MB = 300  # the published site at that size
TARGET_FILES = 60_000
CORPORA = ("synthetic", "repeat")
STAMP = ".venv/.installed"  # make must never reinstall the shared venv from a temp project
MARKERS = {
    "results": ("<!-- bench:results:start (written by bench/run.py; edits here are lost) -->",
                "<!-- bench:results:end -->"),
    "profile": ("<!-- bench:profile:start (written by bench/run.py --profile; edits here are lost) -->",
                "<!-- bench:profile:end -->"),
}

BASELINE_CONF = '''"""Plain Pelican on the same articles: no plugin, Pelican's default theme, the same URLs
and the same pages switched off as pelicanconf.py. Written by bench/run.py."""

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = []
SITENAME = "Baseline"
SITEURL = ""
RELATIVE_URLS = True
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
PLUGINS = []
THEME = "simple"  # notmyidea needs categories, which this site turns off
MARKDOWN = {"extension_configs": {}, "output_format": "html5"}
ARTICLE_URL = ARTICLE_SAVE_AS = "articles/{slug}.html"
PAGE_URL = PAGE_SAVE_AS = "{slug}.html"
DIRECT_TEMPLATES = ["index"]  # the theme has no articles.html
DEFAULT_PAGINATION = False
CATEGORY_SAVE_AS = TAG_SAVE_AS = AUTHOR_SAVE_AS = ""
CATEGORIES_SAVE_AS = TAGS_SAVE_AS = AUTHORS_SAVE_AS = ARCHIVES_SAVE_AS = ""
DRAFT_SAVE_AS = DRAFT_PAGE_SAVE_AS = ""
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
DELETE_OUTPUT_DIRECTORY = True
LOAD_CONTENT_CACHE = False
'''

# Runs one step: its wall time, and the peak RSS of the largest process it started.
WRAPPER = r'''
import json, resource, subprocess, sys, time
report, log, command = sys.argv[1], sys.argv[2], sys.argv[3:]
pages_s = None  # when a pages-first build said its pages were published
with open(log, "w") as out:
    start = time.perf_counter()
    step = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    for line in step.stdout:
        if pages_s is None and line.startswith(b"Published the pages in"):
            pages_s = time.perf_counter() - start
        out.write(line.decode(errors="replace"))
    code = step.wait()
    wall = time.perf_counter() - start
with open(report, "w") as out:
    json.dump({"code": code, "wall_s": wall, "pages_s": pages_s,
               "maxrss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}, out)
'''


# -- measuring


class TreePeak(threading.Thread):
    """Samples the summed RSS of every descendant of `pid` until stopped; keeps the peak."""

    def __init__(self, pid, interval=0.1):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_mb = 0.0
        self.done = threading.Event()
        self.page_mb = os.sysconf("SC_PAGE_SIZE") / 2**20

    def run(self):
        while not self.done.is_set():
            self.peak_mb = max(self.peak_mb, self.sample())
            self.done.wait(self.interval)

    def sample(self):
        children, rss = defaultdict(list), {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            pid = int(entry.name)
            children[int(fields[1])].append(pid)  # fields[0] is field 3 of stat(5): ppid is 4
            rss[pid] = int(fields[21])  # rss is field 24
        total, stack = 0, list(children[self.pid])  # the wrapper itself is not counted
        while stack:
            pid = stack.pop()
            total += rss.get(pid, 0)
            stack += children[pid]
        return total * self.page_mb


def measure(name, command, cwd, logs):
    """Run `command` in `cwd` as one step; return its figures."""
    report, log = logs / f"{name}.json", logs / f"{name}.log"
    process = subprocess.Popen([sys.executable, "-c", WRAPPER, str(report), str(log), *command], cwd=cwd)
    sampler = TreePeak(process.pid)
    sampler.start()
    process.wait()
    sampler.done.set()
    sampler.join()
    result = json.loads(report.read_text()) if report.exists() else {"code": process.returncode, "wall_s": None}
    result.update(step=name, tree_peak_mb=round(sampler.peak_mb), log=str(log))
    if result["code"] != 0:
        tail = log.read_text(errors="replace").strip().splitlines()[-5:] if log.exists() else []
        result["error"] = " / ".join(line.strip() for line in tail)
    status = f"{result['wall_s']:.1f} s" if result["code"] == 0 else f"FAILED ({result.get('error', '')})"
    print(f"  {name:<13} {status}, peak {result.get('maxrss_mb', 0):.0f} MB (largest process), "
          f"{result['tree_peak_mb']} MB (process tree)", flush=True)
    return result


# -- the temp project


def copy_sources(source, target):
    """The project files from the working tree, or from a git revision."""
    if source == "worktree":
        for name in PROJECT_FILES:
            path = REPO / name
            if path.is_dir():
                shutil.copytree(path, target / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(path, target / name)  # keep requirements.txt's mtime
        return
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", source, *PROJECT_FILES],
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")


def make_project(root, corpus, articles, seed, source):
    root.mkdir(parents=True)
    copy_sources(source, root)
    (root / ".venv").symlink_to(REPO / ".venv")
    if corpus == "repeat":
        counts = repeat_corpus.make_corpus(root, articles)
    else:
        counts = make_corpus.make_corpus(root, articles, seed)
    (root / "baseline.py").write_text(BASELINE_CONF)
    return counts


TEXT = re.compile(r'^(\s+text:[ \t]*)(.*?)[ \t]*$', re.MULTILINE)


def edit_one_claim(claims_yaml, nth=1):
    """Change the `nth` claim's text, as an editor fixing a word would: one word added."""
    text = claims_yaml.read_text(encoding="utf-8")
    start = text.index("\nclaims:")
    for _ in range(nth):
        match = TEXT.search(text, start)
        start = match.end()
    key, value = match.group(1), match.group(2)
    if value[:1] in "\"'":  # a quoted scalar: the word goes inside the quotes
        value = f"{value[:-1]} (edited){value[-1]}"
    else:
        value = f"{value} (edited)"
    claims_yaml.write_text(text[:match.start()] + key + value + text[match.end():], encoding="utf-8")


# what `make devserver` runs after each save (devserver.py)
DEVSERVER_BUILD = ["env", "PYTHONPATH=plugins/claims-explorer/pelican/plugins", ".venv/bin/python", "-m",
                   "claims_explorer", "build", "--pages-first", "-s", "pelicanconf.py", "-o", "output"]


def make_html(*variables):
    # -o: never remake the venv stamp from here (a newer requirements.txt would reinstall)
    return ["make", "--no-print-directory", "-o", STAMP, "html", *variables]


# -- the output


ASSET = re.compile(r"""<(?:link[^>]*\brel=["']?stylesheet["']?[^>]*\bhref|script[^>]*\bsrc)=["']([^"']+)["']""")


def page_group(relative):
    """'claims/index.html' stays; 'claims/x.html' becomes 'claims/*.html'."""
    parts = relative.split("/")
    if len(parts) == 1 or parts[-1] == "index.html":
        return relative
    return "/".join(parts[:-1]) + "/*.html"


LIST_PAGES = re.compile(r"(^|/)page/\d+\.(html|json)$|(^|/)index\.(html|json)$|^(timeline|contested)\.(html|json)$")
ITEM_FOLDERS = {"claims": "claim", "events": "event", "articles": "article", "parties": "party",
                "speakers": "speaker", "topics": "topic"}


def file_kind(relative):
    """What a published file is, for the table of what each kind costs."""
    parts = relative.split("/")
    if parts[0].startswith("pagefind"):
        inner = parts[1] if len(parts) > 2 else "entry, scripts, styles"
        return f"search: {parts[0]}/{inner}"
    if parts[0] == "feeds":
        return f"feeds: {parts[1]}" if len(parts) > 2 else "feeds: all claims"
    if parts[0] in ("data", "theme"):
        return parts[0] + " files"
    extension = relative.rsplit(".", 1)[-1]
    what = {"html": "pages", "json": "twins"}.get(extension)
    if what is None:
        return "other files"
    if LIST_PAGES.search(relative):
        return f"list {what} (every page of a list)"
    if len(parts) >= 2 and parts[0] in ITEM_FOLDERS:
        if len(parts) > 2:  # parties/us/page/2.html: a party's list continued
            return f"list {what} (every page of a list)"
        return f"{ITEM_FOLDERS[parts[0]]} {what}"
    return f"other {what}"


def site_stats(output):
    """HTML pages, the largest, every page over the budget with the CSS and JS it loads, and
    what each kind of file costs (count and bytes)."""
    sizes, asset_sizes, pages = {}, {}, []
    kinds = defaultdict(lambda: [0, 0])
    for path in output.rglob("*"):
        if path.is_file():
            kind = kinds[file_kind(path.relative_to(output).as_posix())]
            kind[0] += 1
            kind[1] += path.stat().st_size
    for path in output.rglob("*.html"):
        relative = path.relative_to(output).as_posix()
        if relative.startswith("pagefind/"):
            continue
        html_bytes = path.stat().st_size
        with open(path, encoding="utf-8", errors="replace") as page:
            head = page.read(16384)
        assets = 0
        for href in ASSET.findall(head):
            if re.match(r"^[a-z][a-z0-9+.-]*:|^//", href, re.I):
                continue
            target = (path.parent / href.split("#")[0].split("?")[0]).resolve()
            if target not in asset_sizes:
                asset_sizes[target] = target.stat().st_size if target.is_file() else 0
            assets += asset_sizes[target]
        pages.append((html_bytes + assets, html_bytes, relative))
        sizes[relative] = html_bytes
    over = sorted((p for p in pages if p[0] > BUDGET_KB * 1024), reverse=True)
    groups = defaultdict(list)
    for weight, html_bytes, relative in over:
        groups[page_group(relative)].append(weight)
    largest = max(pages, key=lambda p: p[1]) if pages else (0, 0, "")
    return {
        "html_pages": len(pages),
        "largest_html_kb": round(largest[1] / 1024, 1),
        "largest_page": largest[2],
        "over_budget": len(over),
        "over_groups": sorted(((g, len(w), round(max(w) / 1024)) for g, w in groups.items()), key=lambda g: -g[2]),
        "output_mb": round(sum(size for _, size in kinds.values()) / 2**20, 1),
        "files": sum(count for count, _ in kinds.values()),
        "kinds": sorted(((kind, count, size) for kind, (count, size) in kinds.items()), key=lambda k: -k[2]),
    }


# -- one corpus size


def bench_size(corpus, articles, args, workdir):
    print(f"{corpus} N={articles}: generating the corpus", flush=True)
    root = workdir / f"{corpus}-n{articles}"
    logs = workdir / f"logs-{corpus}-{articles}"
    shutil.rmtree(root, ignore_errors=True)
    logs.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    counts = make_project(root, corpus, articles, args.seed, args.source)
    result = {"corpus": corpus, "articles": articles, "counts": counts,
              "generate_s": round(time.perf_counter() - start, 1),
              "claims_yaml_mb": round((root / "claims.yaml").stat().st_size / 2**20, 1), "steps": {}}
    steps = result["steps"]
    steps["full"] = measure("full", make_html(), root, logs)
    if steps["full"]["code"] != 0:
        print(f"  the full build failed; see {steps['full']['log']}", flush=True)
        return result
    result["site"] = site_stats(root / "output")
    if "baseline" in args.steps:
        steps["baseline"] = measure("baseline", [".venv/bin/pelican", "content", "-s", "baseline.py", "-o",
                                                 "output-baseline"], root, logs)
        result["baseline_pages"] = sum(1 for _ in (root / "output-baseline").rglob("*.html"))
    if "rebuild" in args.steps:
        steps["rebuild"] = measure("rebuild", make_html(), root, logs)
    if "edit" in args.steps:
        edit_one_claim(root / "claims.yaml")
        steps["edit"] = measure("edit", make_html(), root, logs)
    if "devedit" in args.steps:
        edit_one_claim(root / "claims.yaml", nth=2)
        steps["devedit"] = measure("devedit", DEVSERVER_BUILD, root, logs)
    if "check" in args.steps:
        edit_one_claim(root / "claims.yaml", nth=3)
        steps["check"] = measure("check", ["make", "--no-print-directory", "-o", STAMP, "check"], root, logs)
    return result


# -- profiling


def profile(articles, args, workdir):
    """Phase timers, then cProfile, on one build of N articles."""
    root = workdir / f"{args.profile_corpus}-n{articles}"
    if not root.exists():
        make_project(root, args.profile_corpus, articles, args.seed, args.source)
    env = {**os.environ, "PYTHONPATH": "plugins/claims-explorer/pelican/plugins"}
    python = str(root / ".venv" / "bin" / "python")
    driver = str(HERE / "profile_build.py")
    # in one process: a forked renderer's time and calls would be lost to the timers and cProfile
    (root / "profileconf.py").write_text((root / "pelicanconf.py").read_text() + "\nCLAIMS_RENDER_PROCESSES = 1\n")
    build = ["--", "build", "-s", "profileconf.py", "-o", "output-profile"]
    print(f"N={articles}: timing the phases", flush=True)
    subprocess.run([python, driver, "--report", str(workdir / "phases.json"), *build], cwd=root, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    phases = json.loads((workdir / "phases.json").read_text())
    if args.no_cprofile:
        return {"articles": articles, "corpus": args.profile_corpus, "phases": phases}
    print(f"N={articles}: under cProfile (slow)", flush=True)
    subprocess.run([python, driver, "--report", str(workdir / "phases-cprofile.json"),
                    "--cprofile", str(workdir / "build.prof"), *build], cwd=root, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    cprofiled = json.loads((workdir / "phases-cprofile.json").read_text())
    return {"articles": articles, "corpus": args.profile_corpus, "phases": phases, "cprofile_total_s": cprofiled["total_s"],
            "hotspots": hotspots(workdir / "build.prof", root)}


def function_name(key, root):
    filename, line, name = key
    for prefix in (str(root / ".venv" / "lib"), str(REPO / ".venv" / "lib"), str(root) + "/"):
        if filename.startswith(prefix):
            filename = filename[len(prefix):]
    filename = re.sub(r"^/?python3\.\d+/site-packages/", "", filename)
    filename = re.sub(r"^.*/lib/python3\.\d+/", "", filename)
    if filename.startswith("~") or filename.startswith("<"):
        return name
    return f"{filename}:{line} {name}"


SKIP = re.compile(r"runpy|<string>|profile_build|builtins.exec|__main__|cli\.py.*(main|build)$|"
                  r"pelican/__init__\.py.*run$")


def hotspots(path, root, cumulative=25, own=15):
    stats = pstats.Stats(str(path)).stats
    rows = [(function_name(key, root), calls, total, cum) for key, (calls, _, total, cum, _) in stats.items()]
    # the project's own functions, and each library's entry point only (its highest row):
    # pyparsing alone would fill the table with its recursion
    by_cum, libraries = [], set()
    for row in sorted(rows, key=lambda r: -r[3]):
        if SKIP.search(row[0]):
            continue
        library = None if row[0].startswith("plugins/") else row[0].split("/")[0].split(":")[0]
        if library in libraries:
            continue
        if library:
            libraries.add(library)
        by_cum.append(row)
    by_cum = by_cum[:cumulative]
    by_own = sorted(rows, key=lambda r: -r[2])[:own]
    return {"cumulative": by_cum, "own": by_own}


# -- the report


def command_output(command):
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def machine(args):
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"model name\s*:\s*(.+)", cpuinfo)
    meminfo = re.search(r"MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text())
    python = str(REPO / ".venv" / "bin" / "python")
    versions = command_output([python, "-c", "import platform, importlib.metadata as m; print(platform.python_version(), "
                               "*(m.version(p) for p in ('pelican', 'markdown', 'jinja2', 'pyyaml', 'edtf', 'pagefind')))"])
    versions = dict(zip(("python", "pelican", "markdown", "jinja2", "pyyaml", "edtf", "pagefind"), versions.split()))
    if args.source == "worktree":
        source = f"working tree at {command_output(['git', '-C', str(REPO), 'describe', '--always', '--dirty'])}"
    else:
        source = f"commit {args.source}"
    return {
        "nproc": command_output(["nproc"]),
        "cpu": model.group(1).strip() if model else platform.processor() or "?",
        "memory_gb": round(int(meminfo.group(1)) / 2**20, 1) if meminfo else "?",
        "kernel": platform.release(),
        "versions": versions,
        "source": source,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "load_before": os.getloadavg()[0],
    }


def seconds(step):
    return step["wall_s"] if step and step.get("code") == 0 else None


def fmt(value, pattern="{:.1f}", missing="–"):
    return missing if value is None else pattern.format(value)


def marginal_ms(result, per="claims"):
    """(full − baseline) per claim, or per claim or event with per="items"."""
    full, baseline = seconds(result["steps"]["full"]), seconds(result["steps"].get("baseline"))
    counts = result["counts"]
    items = counts["claims"] + (counts["events"] if per == "items" else 0)
    return None if full is None or baseline is None else 1000 * (full - baseline) / items


def corpus_table(results):
    """The table of one corpus at every size."""
    out = ["| | " + " | ".join(f"N = {r['articles']:,}" for r in results) + " |",
           "|---|" + "---:|" * len(results)]

    def row(label, values):
        out.append(f"| {label} | " + " | ".join(values) + " |")

    def per(result, fn):
        try:
            return fn(result) if "site" in result else "–"
        except (TypeError, ZeroDivisionError, KeyError):  # a step failed
            return "–"

    def step_s(result, key):
        step = result["steps"].get(key)
        return "–" if step is None else "failed" if step["code"] != 0 else fmt(step["wall_s"])

    row("articles / claims / events", [f"{r['counts']['articles']:,} / {r['counts']['claims']:,} / "
                                       f"{r['counts']['events']:,}" for r in results])
    row("claims.yaml", [f"{r['claims_yaml_mb']} MB" for r in results])
    row("HTML pages written (full / baseline)",
        [per(r, lambda r: f"{r['site']['html_pages']:,} / {r['baseline_pages']:,}") for r in results])
    row("files published / output folder",
        [per(r, lambda r: f"{r['site']['files']:,} / {r['site']['output_mb']:,} MB") for r in results])
    row("**full** build (`make html`), cold content cache, s", [step_s(r, "full") for r in results])
    row("baseline: plain Pelican on the same articles, same run, s", [step_s(r, "baseline") for r in results])
    row("rebuild, unchanged corpus, warm content cache, s", [step_s(r, "rebuild") for r in results])
    row("rebuild after one claim's text changed, s", [step_s(r, "edit") for r in results])
    row("one-claim edit / cold build", [per(r, lambda r: fmt(100 * seconds(r["steps"]["edit"])
                                                             / seconds(r["steps"]["full"]), "{:.0f}%"))
                                        for r in results])
    row("devserver's build after another claim's text changed (`build --pages-first`): pages published / "
        "search index done, s", [per(r, lambda r: f"{fmt(r['steps']['devedit']['pages_s'])} / "
                                 f"{fmt(r['steps']['devedit']['wall_s'])}") for r in results])
    row("devserver's edit, pages published / cold build",
        [per(r, lambda r: fmt(100 * r["steps"]["devedit"]["pages_s"] / seconds(r["steps"]["full"]), "{:.0f}%"))
         for r in results])
    row("`make check` after a third claim's text changed, s", [step_s(r, "check") for r in results])
    row("full / baseline", [per(r, lambda r: fmt(seconds(r["steps"]["full"]) / seconds(r["steps"]["baseline"]),
                                                 "{:.0f}×")) for r in results])
    row("marginal cost per claim, (full − baseline) / claims, ms",
        [per(r, lambda r: fmt(marginal_ms(r), "{:.2f}")) for r in results])
    row("**marginal cost per claim or event**, ms", [per(r, lambda r: fmt(marginal_ms(r, "items"), "{:.2f}"))
                                                     for r in results])
    row("peak memory, full build, process tree (sampled), MB",
        [fmt(r["steps"]["full"].get("tree_peak_mb"), "{:,.0f}") for r in results])
    row("peak memory, full build, largest process, MB",
        [fmt(r["steps"]["full"].get("maxrss_mb"), "{:,.0f}") for r in results])
    row("peak memory, baseline, MB", [per(r, lambda r: fmt(r["steps"]["baseline"].get("maxrss_mb"), "{:,.0f}"))
                                      for r in results])
    row("largest HTML page", [per(r, lambda r: f"{r['site']['largest_html_kb']:,} KB (`{r['site']['largest_page']}`)")
                              for r in results])
    row(f"pages over {BUDGET_KB} KiB (HTML + CSS + JS)",
        [per(r, lambda r: f"{r['site']['over_budget']:,}") for r in results])
    done = [r for r in results if "site" in r]
    for small, large in zip(done, done[1:]):
        try:
            full = seconds(large["steps"]["full"]) / seconds(small["steps"]["full"])
            base = seconds(large["steps"]["baseline"]) / seconds(small["steps"]["baseline"])
        except TypeError:
            continue
        out += ["", f"Scaling {small['articles']:,} → {large['articles']:,} articles: full build {full:.1f}×, "
                    f"baseline {base:.1f}×."]
    for r in done:
        if r["site"]["over_groups"]:
            groups = ", ".join(f"`{g}` ({n:,}{'' if n == 1 else ' pages'}, up to {kb:,} KB)"
                               for g, n, kb in r["site"]["over_groups"])
            out += ["", f"Over {BUDGET_KB} KiB at N = {r['articles']:,}: {groups}."]
    for r in results:
        if "site" not in r:
            out += ["", f"N = {r['articles']:,}: the full build failed: {r['steps']['full'].get('error', '?')}"]
    return out


def kinds_table(result):
    """What each kind of published file costs, at one size of one corpus."""
    site = result["site"]
    out = [f"| kind of file | files | MB | share of bytes |", "|---|---:|---:|---:|"]
    total = sum(size for _, _, size in site["kinds"]) or 1
    for kind, count, size in site["kinds"]:
        out.append(f"| {kind} | {count:,} | {size / 2**20:,.1f} | {100 * size / total:.0f}% |")
    out.append(f"| **all** | **{site['files']:,}** | **{site['output_mb']:,}** | |")
    return out


def targets(results):
    """Each target, met or missed, with its figure."""
    out = []

    def line(met, text):
        out.append(f"- {'met' if met else '**missed**'}: {text}")

    for r in results:
        if "site" not in r:
            out.append(f"- not measured at {r['corpus']} N = {r['articles']:,}: the full build failed.")
            continue
        where = f"{r['corpus']} corpus, N = {r['articles']:,}"
        marginal = marginal_ms(r, "items")
        if marginal is not None:
            line(marginal <= TARGET_MARGINAL_MS, f"marginal cost ≤ {TARGET_MARGINAL_MS:g} ms per claim or event, "
                 f"{where}: {marginal:.2f} ms ({marginal_ms(r):.2f} ms per claim).")
        edit, full = seconds(r["steps"].get("edit")), seconds(r["steps"]["full"])
        if edit is not None:
            line(edit <= TARGET_EDIT_SHARE * full, f"a one-claim edit ≤ {100 * TARGET_EDIT_SHARE:.0f}% of a cold "
                 f"build, {where}: {edit:.1f} s against {full:.1f} s ({100 * edit / full:.0f}%).")
        dev = r["steps"].get("devedit") or {}
        if dev.get("pages_s") is not None:
            line(dev["pages_s"] <= TARGET_EDIT_SHARE * full, f"a one-claim edit in the devserver shows its pages in "
                 f"≤ {100 * TARGET_EDIT_SHARE:.0f}% of a cold build, {where}: {dev['pages_s']:.1f} s "
                 f"({100 * dev['pages_s'] / full:.0f}%; the search index {dev['wall_s']:.1f} s).")
        rebuild = seconds(r["steps"].get("rebuild"))
        if rebuild is not None:
            line(rebuild < full, f"an unchanged rebuild is faster than a cold one, {where}: {rebuild:.1f} s.")
        over = r["site"]["over_budget"]
        line(not over, f"every page ≤ {BUDGET_KB} KiB HTML + CSS + JS, {where}: {over:,} of "
             f"{r['site']['html_pages']:,} over; the largest HTML {r['site']['largest_html_kb']:,} KB.")
        if r["articles"] >= 1000:
            tree, largest = r["steps"]["full"]["tree_peak_mb"], r["steps"]["full"]["maxrss_mb"]
            line(max(tree, largest) <= TARGET_MEMORY_MB, f"peak memory ≤ 1 GB, {where}: {tree:,} MB for the "
                 f"build's processes together ({largest:,.0f} MB the largest one).")
            line(r["site"]["output_mb"] <= TARGET_OUTPUT_MB and r["site"]["files"] <= TARGET_FILES,
                 f"published site ≤ {TARGET_OUTPUT_MB} MB and ≤ {TARGET_FILES:,} files, {where}: "
                 f"{r['site']['output_mb']:,} MB, {r['site']['files']:,} files.")
    return out


def results_markdown(info, results, args):
    corpora = list(dict.fromkeys(r["corpus"] for r in results))
    out = [
        f"Run {info['date']} with `python bench/run.py --corpus {args.corpus} --sizes "
        f"{' '.join(map(str, args.sizes))} --seed {args.seed}"
        f"{'' if args.source == 'worktree' else ' --source ' + args.source}`; plugin, theme and settings from the "
        f"{info['source']}; the whole run took {info.get('took_min', '?')} minutes.",
        "",
        f"Machine: {info['nproc']} cores ({info['cpu']}), {info['memory_gb']} GB memory, Linux {info['kernel']}; "
        + ", ".join(f"{k.capitalize() if k != 'pyyaml' else 'PyYAML'} {v}" for k, v in info["versions"].items()) + ".",
        "",
        f"Load average (1 min) before the run {info['load_before']:.2f}, after {os.getloadavg()[0]:.2f}: other "
        "work on the machine slows the steps down and adds noise; compare each build with its baseline, "
        "measured minutes apart in the same run.",
    ]
    for corpus in corpora:
        mine = [r for r in results if r["corpus"] == corpus]
        out += ["", f"### The {corpus} corpus", ""] + corpus_table(mine)
    for corpus in corpora:
        largest = max((r for r in results if r["corpus"] == corpus and "site" in r), key=lambda r: r["articles"],
                      default=None)
        if largest:
            out += ["", f"### What is published, {corpus} corpus, N = {largest['articles']:,}", ""]
            out += kinds_table(largest)
    out += ["", "### Targets", ""] + targets(results)
    return "\n".join(out)


def profile_markdown(info, prof):
    phases = prof["phases"]
    total = phases["total_s"]
    out = [
        f"Profiled {info['date']}, {prof['corpus']} corpus, N = {prof['articles']:,} articles, plugin from the "
        f"{info['source']}, with `bench/run.py --profile {prof['articles']} --profile-corpus {prof['corpus']}`.",
        "",
        f"**Phases** (wall clock, timers around each function: no profiler overhead; rendered in one process, "
        f"CLAIMS_RENDER_PROCESSES = 1, so that every page is timed). Total {total:.1f} s; "
        f"the build's own Python process peaked at {phases['python_peak_mb']:,} MB, Pagefind at "
        f"{phases['pagefind_peak_mb'] or 0:,} MB, and Pagefind runs while the build process still holds its memory.",
        "",
        "| phase | seconds | share | calls | RSS after, MB |",
        "|---|---:|---:|---:|---:|",
    ]
    for phase in phases["phases"]:
        out.append(f"| {phase['phase'].strip() if not phase['phase'].startswith(' ') else '↳ ' + phase['phase'].strip()} "
                   f"| {phase['seconds']:.2f} | {100 * phase['seconds'] / total:.0f}% | {phase['calls']:,} "
                   f"| {fmt(phase['rss_after_mb'], '{:,}')} |")
    out += ["", "**Pages by template** (render + write, the same run).", "",
            "| template | pages | seconds | ms per page | slowest page |", "|---|---:|---:|---:|---|"]
    for t in phases["templates"]:
        out.append(f"| `{t['template']}` | {t['pages']:,} | {t['seconds']:.2f} | {1000 * t['seconds'] / t['pages']:.1f} "
                   f"| {t['slowest_s']:.2f} s `{t['slowest_page']}` |")
    if "hotspots" not in prof:
        return "\n".join(out)
    out += ["", f"**cProfile**, cumulative seconds (under cProfile the build took {prof['cprofile_total_s']:.0f} s "
            f"instead of {total:.0f} s: the profiler inflates code with many small calls, such as pyparsing, "
            "the most).", "", "| function | calls | own s | cumulative s |", "|---|---:|---:|---:|"]
    for name, calls, own, cum in prof["hotspots"]["cumulative"]:
        out.append(f"| `{name}` | {calls:,} | {own:.1f} | {cum:.1f} |")
    out += ["", "Own time (tottime), the top functions:", "", "| function | calls | own s |", "|---|---:|---:|"]
    for name, calls, own, cum in prof["hotspots"]["own"]:
        out.append(f"| `{name}` | {calls:,} | {own:.1f} |")
    return "\n".join(out)


DOC_TEMPLATE = """# Benchmarks

## Results

{results_start}
{results_end}

## Where the time goes

{profile_start}
{profile_end}
"""


def write_doc(path, blocks):
    if path.exists():
        text = path.read_text(encoding="utf-8")
    else:
        text = DOC_TEMPLATE.format(results_start=MARKERS["results"][0], results_end=MARKERS["results"][1],
                                   profile_start=MARKERS["profile"][0], profile_end=MARKERS["profile"][1])
    for name, body in blocks.items():
        start, end = MARKERS[name]
        if start not in text or end not in text:
            text = text.rstrip("\n") + f"\n\n{start}\n{end}\n"
        before, rest = text.split(start, 1)
        _, after = rest.split(end, 1)
        text = f"{before}{start}\n{body}\n{end}{after}"
    path.write_text(text, encoding="utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", choices=("synthetic", "repeat", "both"), default="both",
                        help="which corpus: synthetic (bench/make_corpus.py), repeat (bench/repeat_corpus.py) or both")
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000],
                        help="corpus sizes in articles (default: 100 1000; 5000 takes over an hour, see docs)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--steps", nargs="+", choices=("full", "baseline", "rebuild", "edit", "devedit", "check"),
                        default=["full", "baseline", "rebuild", "edit", "devedit", "check"],
                        help="the steps after the full build (always run): default all")
    parser.add_argument("--source", default="worktree",
                        help="where the plugin, theme and settings come from: 'worktree' (default) or a git revision")
    parser.add_argument("--profile", type=int, metavar="N", help="also profile one build of N articles")
    parser.add_argument("--profile-corpus", choices=CORPORA, default="repeat", help="the corpus to profile")
    parser.add_argument("--no-cprofile", action="store_true", help="profile with the phase timers only")
    parser.add_argument("--workdir", type=Path, help="keep the temp projects here (default: a temp folder, removed)")
    parser.add_argument("--keep", action="store_true", help="do not remove the temp folder")
    parser.add_argument("--doc", type=Path, default=REPO / "docs" / "benchmarks.md")
    parser.add_argument("--no-doc", action="store_true", help="print the results, do not write the doc")
    args = parser.parse_args(argv)

    if args.source != "worktree":  # one commit for every size, even if HEAD moves meanwhile
        args.source = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", args.source],
                                     capture_output=True, text=True, check=True).stdout.strip()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="claims-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    info = machine(args)
    started = time.perf_counter()
    try:
        corpora = CORPORA if args.corpus == "both" else (args.corpus,)
        results = [bench_size(corpus, n, args, workdir) for corpus in corpora for n in args.sizes]
        prof = profile(args.profile, args, workdir) if args.profile else None
        info["took_min"] = round((time.perf_counter() - started) / 60)
    finally:
        if not (args.keep or args.workdir):
            shutil.rmtree(workdir, ignore_errors=True)
    blocks = {"results": results_markdown(info, results, args)} if results else {}
    if prof:
        blocks["profile"] = profile_markdown(info, prof)
    for body in blocks.values():
        print("\n" + body)
    if not args.no_doc:
        write_doc(args.doc, blocks)
        print(f"\nwritten to {args.doc}")
    print(f"benchmark took {time.perf_counter() - started:.0f} s")
    return 0 if all("site" in r for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
