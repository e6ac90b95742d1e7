"""`make devserver`: serve the site, and rebuild it whenever an input changes.

Each build is `python -m claims_explorer build` in a fresh process (the plugin's own code
may have changed), which is atomic (staging.py): a build that fails prints its problems
here and leaves the last good site in place, so the server always serves a whole site. It
is incremental too (digests.py): after an edit of one claim only the pages that show it are
rendered, the rest hard-linked from the live build. And it publishes the pages first
(`build --pages-first`): re-indexing the search bundle that holds an edited claim is the
longest part of such a build at scale (8,500 claim pages, about 6 s at 20,000 claims), so
the new pages are served as soon as they are built, searched with the index of the build
before, and the re-indexed bundle follows in a second atomic swap.

Watched: the content folder, the theme and the plugin folders (recursively), and the
folders holding claims.yaml and the settings file (not recursively, so `.venv/` and the
builds are not watched). Folders, not files: an editor's atomic save, or `sed -i`, replaces
claims.yaml by a rename, and a watch on the file itself would end with its old inode.
"""

import functools
import http.server
import os
import queue
import subprocess
import sys
import threading
import time

import watchfiles

from . import staging
from .pelican_adapter import claims_path, display_path


def watched(settings, settings_file):
    """(folders watched with everything under them, files watched by their folder)."""
    trees = [settings["PATH"], settings["THEME"], *settings.get("PLUGIN_PATHS", [])]
    files = [claims_path(settings), os.path.abspath(settings_file)]
    return sorted({os.path.abspath(t) for t in trees if os.path.isdir(t)}), files


def watch(trees, files, changes):
    """Put every batch of changed paths on `changes`, from two watchers in threads."""
    names = set(files)

    def run(paths, recursive, keep):
        for batch in watchfiles.watch(*paths, recursive=recursive, watch_filter=keep, raise_interrupt=False):
            changes.put({path for _, path in batch})

    usual = watchfiles.DefaultFilter()  # no editor backups, caches or compiled Python

    def inside(change, path):
        return usual(change, path)

    folders = sorted({os.path.dirname(f) for f in files})
    for paths, recursive, keep in ((trees, True, inside), (folders, False, lambda _, path: path in names)):
        threading.Thread(target=run, args=(paths, recursive, keep), daemon=True).start()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the output folder by its path, so each request follows the link to the live
    build; no line per request, the terminal is for the build's messages."""

    def log_message(self, format, *args):
        pass


def build(settings_file, output):
    """Run one build, its messages going straight to this terminal; True if it succeeded."""
    command = [sys.executable, "-m", "claims_explorer", "build", "--pages-first", "-s", settings_file, "-o", output]
    return subprocess.run(command).returncode == 0


def say(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def serve(settings, settings_file, output, port):
    """Build, serve `output` on 127.0.0.1:`port` (0: any free port), rebuild on every change."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(QuietHandler, directory=output))
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    trees, files = watched(settings, settings_file)
    changes = queue.Queue()
    watch(trees, files, changes)
    shown = ", ".join(display_path(p) for p in trees + files)
    say(f"Building {display_path(output)}/ …")
    ok = build(settings_file, output)
    say(f"{'Serving' if ok else 'Fix the problems above and save; serving'} {url} "
        f"(Ctrl-C to stop). Watching {shown}.")
    try:
        while True:
            changed = changes.get()
            time.sleep(0.2)  # a save often touches several files: take them all in one build
            while not changes.empty():
                changed |= changes.get()
            say(f"Changed: {', '.join(sorted(display_path(p) for p in changed))}; rebuilding …")
            started = time.perf_counter()
            if build(settings_file, output):
                say(f"Rebuilt in {time.perf_counter() - started:.1f} s: {url}")
            elif staging.live(output):
                say(f"Still serving the last good site at {url}; fix the problems above and save.")
            else:
                say("No site yet: fix the problems above and save.")
    except KeyboardInterrupt:
        say("Stopped.")
    finally:
        server.shutdown()
