"""Atomic builds: the site is built into a fresh folder and swapped in only when the whole
build, search index included, succeeded; a failed build leaves the last good site as it was.

The output folder (`output/`) is a symbolic link to the live build, kept in a hidden folder
beside it (`.output.builds/`). Publishing a build repoints the link with one rename, which is
atomic: a server reading `output/` sees the old site or the new one, never a half-built or a
missing one. The build before the live one is kept, so a reader's request that resolved the
old link just before the swap still finds its file; older builds are removed.

An output folder that is a real folder (from a build before this scheme, or an empty folder
made for the build) is moved into `.output.builds/` once, and a link put in its place.
One build at a time per output folder: a second waits for the first (a lock file). Old
builds are deleted by a process of their own, so no build waits for the disk.
"""

import contextlib
import datetime
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

LIVE_SETTING = "CLAIMS_LIVE_OUTPUT_PATH"  # set while staging: the output folder readers see
DRY_RUN = "CLAIMS_DRY_RUN"  # set by `check`: every page rendered (or found unchanged), none written


def builds_folder(output):
    """The hidden folder beside `output` that holds its builds."""
    output = Path(output)
    return output.parent / f".{output.name}.builds"


def live(output):
    """The folder `output` shows today (its link's target, or itself), or None."""
    output = Path(output)
    return output.resolve() if output.is_dir() else None


@contextlib.contextmanager
def staged(output):
    """Yield a fresh, empty folder to build into, holding the output folder's lock.

    The caller publishes the folder with `publish(stage, output)` when the build succeeded;
    otherwise (an exception, or no publish) it is removed and `output` is left untouched."""
    builds = builds_folder(output)
    builds.mkdir(parents=True, exist_ok=True)
    with open(builds / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%S")
        stage = Path(tempfile.mkdtemp(prefix=f"{stamp}-", dir=builds))
        try:
            yield stage
        finally:
            if stage.exists() and not _is_live(output, stage):
                _discard([stage], builds)
            if live(output) is None:
                shutil.rmtree(builds, ignore_errors=True)


def publish(stage, output):
    """Point `output` at `stage` with one atomic rename, keep the build it replaces, and
    remove any older one."""
    output, builds = Path(output), builds_folder(output)
    os.chmod(stage, 0o755)  # mkdtemp makes it private; a site is world-readable
    previous = live(output)
    link = builds / ".link"
    with contextlib.suppress(FileNotFoundError):
        link.unlink()
    link.symlink_to(os.path.relpath(stage, output.parent))
    if output.exists() and not output.is_symlink():  # once: a real folder becomes a kept build
        previous = builds / f"{stage.name}-before"
        os.rename(output, previous)
    os.replace(link, output)
    keep = {stage.resolve(), previous and previous.resolve()}
    _discard([old for old in builds.iterdir() if not old.name.startswith(".") and old.resolve() not in keep], builds)


def left_as_is(output):
    """The one line a failed build ends with: what became of the output folder."""
    if live(output) is None:
        return f"The build failed; nothing was written to {output}."
    return f"The build failed; {output} still holds the last good site, unchanged."


def link_tree(source, target, leave_out=()):
    """Carry a folder of the live site into a build: hard links (no copy, no write), or a copy
    where the two cannot share files; without the entries of `source` named in `leave_out`.
    Nothing may later write into a linked file in place."""
    top = os.path.abspath(source)
    shutil.copytree(source, target, copy_function=_link, dirs_exist_ok=True,
                    ignore=lambda folder, names: [n for n in names if n in leave_out]
                    if os.path.abspath(folder) == top else [])


def _link(source, target):
    try:
        os.link(source, target)
    except FileExistsError:  # never written over: it may be a live build's file
        raise
    except OSError:
        shutil.copy2(source, target)


def _is_live(output, folder):
    return live(output) == folder.resolve()


def _discard(folders, builds):
    """Move `folders` into a hidden folder of `builds` at once (a rename each) and delete them there in a
    process of their own: unlinking tens of thousands of files takes seconds, and the build
    need not wait for it."""
    if not folders:
        return
    trash = Path(tempfile.mkdtemp(prefix=".trash-", dir=builds))
    for folder in folders:
        os.rename(folder, trash / folder.name)
    subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                      str(trash)], start_new_session=True, stdin=subprocess.DEVNULL,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
