"""Lighthouse (npm's lighthouse, pinned in audit/package.json) in Debian's chromium on the
home, timeline, claims index, a claim and an article page: performance, accessibility,
best practices and SEO must each score 100. Lighthouse's default, mobile emulation with
simulated throttling, is used. The pages are run one after another, so that one run does
not slow the next down.

    python audit/lighthouse.py [--url http://127.0.0.1:PORT] [--site output] [--keep DIR]
exit 1 if any score is below 100; the failing audits' titles are printed.
Needs `npm ci --prefix audit` (make audit runs it).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pages import LIGHTHOUSE_TYPES, OUTPUT, one_page_per_type, served, table

LIGHTHOUSE = Path(__file__).resolve().parent / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME = shutil.which("chromium") or "/usr/bin/chromium"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")


def lighthouse(url, report):
    """Run Lighthouse on `url`, writing its JSON report to `report`; return the report."""
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `npm ci --prefix audit` (or make audit)")
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", "--quiet",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
        env={**os.environ, "CHROME_PATH": CHROME}, capture_output=True, text=True, timeout=300,
    )
    if result.returncode or not Path(report).is_file():
        raise SystemExit(f"lighthouse failed on {url} (exit {result.returncode}):\n{result.stderr[-3000:]}")
    return json.loads(Path(report).read_text())


def scores(report):
    """{category: score 0-100}, and [(category, audit title, score, display value)] for every
    weighted audit that did not pass."""
    found, failing = {}, []
    for name in CATEGORIES:
        category = report["categories"][name]
        found[name] = round((category["score"] or 0) * 100)
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                failing.append((name, audit["title"], audit["score"], audit.get("displayValue", "")))
    if report.get("runtimeError"):
        failing.append(("runtime", report["runtimeError"].get("message", ""), 0, ""))
    return found, failing


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="the site's base URL (default: serve --site here)")
    parser.add_argument("--site", type=Path, default=OUTPUT)
    parser.add_argument("--keep", type=Path, help="keep the JSON reports in this folder")
    args = parser.parse_args(argv)
    pages = {kind: path for kind, path in one_page_per_type(args.site).items() if kind in LIGHTHOUSE_TYPES}
    folder = args.keep or Path(tempfile.mkdtemp(prefix="lighthouse-"))
    folder.mkdir(parents=True, exist_ok=True)
    results = {}
    with served(args.url, args.site) as base:
        for kind, path in pages.items():
            report = lighthouse(f"{base}/{path}", folder / f"{kind.replace(' ', '-')}.json")
            results[kind] = (path, *scores(report))
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"Lighthouse {report['lighthouseVersion']} ({report['configSettings']['formFactor']}, "
          f"{report['configSettings']['throttlingMethod']} throttling), every score must be 100")
    table(["type", "page", *CATEGORIES], [(kind, path, *found.values()) for kind, (path, found, _) in results.items()])
    failed = False
    for kind, (path, found, failing) in results.items():
        if any(score < 100 for score in found.values()) or any(c == "runtime" for c, *_ in failing):
            failed = True
            print(f"\n{path}: audits that did not pass")
            for category, title, score, shown in failing:
                print(f"  [{category}] {title} (score {score:.2f}{', ' + shown if shown else ''})")
    print(f"\n{'FAIL: a score below 100' if failed else 'OK: every score is 100'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
