"""Links: linkchecker, with anchor checking, over every page reachable from the home page
of the served site; zero broken links or anchors allowed.

URLs on other hosts are not checked (see audit/linkcheckerrc). A paragraph link that carries
a text fragment (`#p-4:~:text=...`) is checked for its element id, `p-4`; linkchecker does
not know text fragments, and tests/test_site.py checks that the quoted words are in that
paragraph.

    python audit/links.py [--url http://127.0.0.1:PORT] [--site output]   exit 1 on any problem
"""

import argparse
import csv
import io
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

from pages import OUTPUT, served, table

CONFIG = Path(__file__).with_name("linkcheckerrc")
ANCHOR = re.compile(r"Anchor `.*?' \(decoded: `(?P<anchor>.*?)'\) not found\. Available anchors: (?P<available>.*)\.$", re.S)


def linkchecker():
    here = Path(sys.executable).with_name("linkchecker")
    return str(here) if here.exists() else shutil.which("linkchecker") or "linkchecker"


def run(base):
    """linkchecker's verdict on every URL it met: a list of dicts (its CSV columns)."""
    # linkchecker 10.6 stops with an internal error ("unquoted parent URL", an assert) on a
    # URL with an apostrophe (%27), as some quotes in text fragments have (linkchecker issue
    # #745); run without asserts, as the check itself is sound.
    env = {**os.environ, "PYTHONOPTIMIZE": "1"}
    result = subprocess.run([linkchecker(), "-f", str(CONFIG), "--no-status", "-v", "-o", "csv/utf-8",
                             f"{base}/index.html"], capture_output=True, text=True, env=env, timeout=900)
    if "Oops" in result.stderr or result.returncode not in (0, 1):
        raise SystemExit(f"linkchecker failed (exit {result.returncode}):\n{result.stderr[-3000:]}")
    lines = [line for line in result.stdout.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";"))


def problems(rows):
    """(broken, anchors, text fragments checked): broken links, missing anchors, and how many
    text-fragment links were found to name an element that exists."""
    broken, anchors, fragments = [], [], 0
    for row in rows:
        if row["valid"] != "True":
            broken.append(row)
            continue
        for warning in filter(None, row["warningstring"].split("\n")):
            match = ANCHOR.match(warning)
            if match:
                element = match["anchor"].split(":~:", 1)[0]
                available = re.findall(r"`(.*?)'", match["available"])
                if ":~:" in match["anchor"] and element in available:
                    fragments += 1
                    continue
            anchors.append({**row, "warningstring": warning})
    return broken, anchors, fragments


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="the site's base URL (default: serve --site here)")
    parser.add_argument("--site", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    with served(args.url, args.site) as base:
        rows = run(base)
    broken, anchors, fragments = problems(rows)
    local = [r for r in rows if r["url"].startswith(base) or r["url"].startswith("http://127.0.0.1")]
    print(f"linkchecker: {len(rows)} URLs met, {len(local)} on the site checked "
          f"(with anchors; {fragments} text-fragment links checked for their element), "
          f"{len(rows) - len(local)} on other hosts not checked")
    table(["result", "count"], [("broken links", len(broken)), ("missing anchors", len(anchors))])
    if broken:
        print("\nBroken links (url, status, linked from):")
        table(["url", "status", "from", "line"],
              [(r["url"].removeprefix(base + "/"), r["result"], r["parentname"].removeprefix(base + "/"), r["line"])
               for r in broken])
    if anchors:
        print("\nMissing anchors (url, from, what linkchecker says):")
        for r in anchors:
            print(f"  {r['url'].removeprefix(base + '/')}  from {r['parentname'].removeprefix(base + '/')}:{r['line']}"
                  f"\n      {r['warningstring'][:300]}")
    if broken or anchors:
        kinds = Counter(Path(r["url"].split("#")[0]).suffix or "(none)" for r in broken)
        print(f"\nFAIL: {len(broken)} broken link(s) {dict(kinds)}, {len(anchors)} missing anchor(s)")
        return 1
    print("OK: no broken links or anchors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
