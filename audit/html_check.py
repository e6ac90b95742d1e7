"""HTML: the Nu HTML checker (vnu.jar from npm's vnu-jar, pinned in audit/package.json) on
every page of the built site; zero errors allowed (warnings are not counted).

    python audit/html_check.py [--site output]     exit 1 on any error
Needs Java and `npm ci --prefix audit` (make audit runs it).
"""

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from pages import OUTPUT, html_pages, table

VNU = Path(__file__).resolve().parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def check(site=OUTPUT):
    """[(file relative to the site, line, message)] for every error vnu reports."""
    if not VNU.is_file():
        raise SystemExit(f"{VNU} is missing: run `npm ci --prefix audit` (or make audit)")
    site = Path(site).resolve()
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json",
                             str(site)], capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = []
    for m in messages:
        url = m.get("url", "")
        name = url.split(site.as_posix() + "/", 1)[-1] if url else "?"
        errors.append((name, m.get("lastLine", m.get("firstLine", 0)), f"{m['type']}: {m['message']}"))
    if result.returncode and not errors:
        raise SystemExit(f"vnu failed: {result.stderr or result.stdout}")
    return errors


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    errors = check(args.site)
    pages = html_pages(args.site)
    per_file = Counter(name for name, _, _ in errors)
    print(f"Nu HTML checker: {len(pages)} pages, {len(errors)} error(s)")
    if errors:
        table(["page", "errors"], sorted(per_file.items(), key=lambda kv: (-kv[1], kv[0])))
        print()
        for name, line, message in errors:
            print(f"{name}:{line}: {message}")
        print(f"\nFAIL: {len(errors)} error(s) in {len(per_file)} page(s)")
        return 1
    print(f"OK: no errors in {len(pages)} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
