"""make audit: every budget, checked on the built site served over loopback HTTP.

Runs each check (weight, axe-core, the Nu HTML checker, linkchecker, Lighthouse) as its own
script against one server, prints each one's table, then a summary; exits 1 if any failed.

    python audit/run.py [--site output] [--skip lighthouse,links,...]
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from pages import OUTPUT, serve, table

HERE = Path(__file__).resolve().parent
CHECKS = [  # (name, script, takes --url)
    ("weight", "weight.py", False),
    ("axe-core", "a11y.py", True),
    ("vnu", "html_check.py", False),
    ("links", "links.py", True),
    ("lighthouse", "lighthouse.py", True),
]


def world_readable(site):
    """linkchecker, run as root, drops to user nobody: let anyone read the site."""
    for path in [site, *site.rglob("*")]:
        mode = path.stat().st_mode
        path.chmod(mode | (0o555 if path.is_dir() else 0o444))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=OUTPUT)
    parser.add_argument("--skip", default="", help="checks to leave out, comma-separated")
    args = parser.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    site = args.site.resolve()
    world_readable(site)
    outcome = []
    with serve(site) as base:
        print(f"Auditing {site} served at {base}\n")
        for name, script, over_http in CHECKS:
            if name in skip:
                outcome.append((name, "skipped", "-"))
                continue
            print(f"=== {name} " + "=" * (60 - len(name)), flush=True)
            command = [sys.executable, str(HERE / script), "--site", str(site)] + (["--url", base] if over_http else [])
            start = time.monotonic()
            code = subprocess.run(command, env={**os.environ, "PYTHONUNBUFFERED": "1"}).returncode
            outcome.append((name, "ok" if code == 0 else f"FAIL (exit {code})", f"{time.monotonic() - start:.0f} s"))
            print(flush=True)
    print("=== summary " + "=" * 52)
    table(["check", "result", "time"], outcome)
    return 0 if all(result in ("ok", "skipped") for _, result, _ in outcome) else 1


if __name__ == "__main__":
    sys.exit(main())
