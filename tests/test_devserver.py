"""`make devserver` (devserver.py), run for real in a project copy: it rebuilds after every
save of claims.yaml, including saves by rename (an editor's atomic save, `sed -i`), prints
a build's problems and keeps serving the last good site until the mistake is fixed."""

import gzip
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from conftest import PLUGIN_FOLDER

CLAIM_TEXT = "Washington vows to quit the INF Treaty."


class Devserver:
    """The devserver in its own process; its terminal read line by line in a thread."""

    def __init__(self, project):
        env = {**os.environ, "PYTHONPATH": str(project / PLUGIN_FOLDER), "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "claims_explorer", "devserver", "--port", "0"], cwd=project, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines, self.terminal = queue.Queue(), []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for(self, pattern, timeout=180):
        """The terminal's lines up to the first that matches `pattern`."""
        seen, deadline = [], time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no line matching {pattern!r}; the terminal said:\n{''.join(seen)}") from None
            seen.append(line)
            self.terminal.append(line)
            if re.search(pattern, line):
                return seen

    def stop(self):
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
def devserver(project):
    server = Devserver(project)
    yield server
    server.stop()


def get(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def claim_page(url, text):
    """The claim page's HTML for the claim whose text is `text`, found through data/claims.json."""
    [claim] = [c for c in json.loads(get(url + "data/claims.json")) if c["text"] == text]
    return claim["url"], get(url + claim["url"])


def indexed_texts(site, bundle):
    """The title of every page a search bundle holds, read from its fragments (gzip, JSON)."""
    texts = set()
    for fragment in (site / bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        texts.add(json.loads(data[len(b"pagefind_dcd"):])["meta"]["title"])
    return texts


def builds(project):
    """The builds kept beside the output: the live one and the one before."""
    return sorted(p.name for p in (project / ".output.builds").iterdir() if not p.name.startswith("."))


def rename_save(path, old, new):
    """Save as editors do: write a new file beside it, then rename it over the old one."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    temporary = path.with_name(f".{path.name}.swp-new")
    temporary.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.replace(temporary, path)


def test_rename_saves_rebuild_and_a_broken_save_keeps_the_last_good_site(project, devserver):
    url = re.search(r"Serving (http://\S+/)", devserver.wait_for(r"Serving http://")[-1]).group(1)
    page, html = claim_page(url, CLAIM_TEXT)
    claims = project / "claims.yaml"

    rename_save(claims, CLAIM_TEXT, "Washington vows to leave the INF Treaty.")
    said = "".join(devserver.wait_for(r"Rebuilt in"))
    assert "vows to leave the INF Treaty." in get(url + page)
    # the pages were published first, then the claims' search bundle indexed again
    assert re.search(r"Published the pages in [\d.]+ s; search answers from the build before until "
                     r"pagefind-claims/ is indexed again", said), said
    assert indexed_texts(project / "output", "pagefind-claims") >= {"Washington vows to leave the INF Treaty."}
    assert CLAIM_TEXT not in indexed_texts(project / "output", "pagefind-claims")
    # the second swap hard-linked the first one's pages: none was written twice
    second = (project / "output").resolve()
    [first] = [project / ".output.builds" / name for name in builds(project) if name != second.name]
    assert (first / page).stat().st_ino == (second / page).stat().st_ino
    assert not (first / "pagefind-claims").samefile(second / "pagefind-claims")

    # sed -i writes a temporary file and renames it over claims.yaml: the second rename-save
    subprocess.run(["sed", "-i", "s/vows to leave the INF/vows to exit the INF/", str(claims)], check=True)
    devserver.wait_for(r"Rebuilt in")
    good = get(url + page)
    assert "vows to exit the INF Treaty." in good

    rename_save(claims, "text: Washington vows to exit the INF Treaty.", "text: [Washington vows")
    said = "".join(devserver.wait_for(r"Still serving the last good site"))
    assert re.search(r"claims\.yaml:\d+", said), said  # the problem, with its line, in the terminal
    assert "The build failed; output still holds the last good site, unchanged." in said
    assert get(url + page) == good

    rename_save(claims, "text: [Washington vows", "text: Washington vows to stay in the INF Treaty.")
    devserver.wait_for(r"Rebuilt in")
    assert "vows to stay in the INF Treaty." in get(url + page)
