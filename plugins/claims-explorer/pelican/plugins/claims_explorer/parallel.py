"""Render on two cores: the plugin's pages shared between this process and one forked from it.

Pelican renders on one core. Once the context is built (the corpus, every URL, the timeline
pages), each page depends only on it, so a process forked at that point renders the same
bytes. The child inherits the context, the templates and the writer; each process takes the
next page to write from a counter they share, so the work divides itself evenly (a page's
JSON twin follows from the `content_written` signal, in whichever process writes the page).
What the parent must know comes back through a pipe: the files the child wrote (so that two
pages claiming one path still fail the build, as Pelican's writer would in one process), its
warnings (re-logged here, so a warning in either process fails the build) and its error.

CLAIMS_RENDER_PROCESSES: 2 by default; 1 renders everything in this process (and on a
machine of one core, or where there is no fork, that is what happens).
"""

import logging
import multiprocessing
import os
import pickle
import signal
import sys
import traceback

from pelican.writers import FileOverwriteFailedError

from .errors import CorpusError

SETTING = "CLAIMS_RENDER_PROCESSES"


def processes(settings):
    """How many processes render: the setting, at most the cores there are."""
    wanted = settings.get(SETTING, 2)
    return 2 if wanted >= 2 and (os.cpu_count() or 1) >= 2 and hasattr(os, "fork") else 1


def run(pages, rest, writer, settings):
    """Run the callables in `pages` (each writes its pages) and those in `rest`: with two
    processes, the forked one runs `rest` first, and both take the next page from a counter
    they share until none is left, so neither waits long for the other. Returns when both
    are done; raises what either raised."""
    if processes(settings) == 1:
        for job in pages + rest:
            job()
        return
    before = set(writer._written_files)
    counter = multiprocessing.Value("q", 0)  # the next page to render, in shared memory

    def share():
        while True:
            with counter.get_lock():
                index = counter.value
                counter.value += 1
            if index >= len(pages):
                return
            pages[index]()

    sys.stdout.flush()
    sys.stderr.flush()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its share, then its report, then out without any cleanup
        os.close(read_end)
        _child(rest + [share], writer, before, write_end)
    os.close(write_end)
    try:
        share()
    except BaseException:
        os.kill(pid, signal.SIGKILL)  # the build has failed: no need to wait for the rest
        raise
    finally:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
    report = pickle.loads(data) if data else {"error": ("RuntimeError", f"the second process ended ({status})", None)}
    for name, level, message in report.get("records", []):
        logging.getLogger(name).log(level, "%s", message)
    _raise(report.get("error"))
    both = (writer._written_files - before) & report["written"]
    if hasattr(writer, "absorb"):  # the gate's writer (gate.py): both processes' paths, named
        writer.absorb(report.get("planned", {}), report.get("problems", []), report.get("pages"))
    elif both:
        raise FileOverwriteFailedError(
            f'Failed to overwrite "{min(both)}" as Pelican has already written to it previously')
    writer._written_files |= report["written"]


class _Collector(logging.Handler):
    """The child's warnings and errors, kept to be logged by the parent (printed once)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append((record.name, record.levelno, record.getMessage()))


def _child(jobs, writer, before, write_end):
    collector = _Collector()
    root = logging.getLogger()
    for logger in [root] + [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]:
        for handler in list(getattr(logger, "handlers", [])):
            if handler.level <= logging.WARNING:
                handler.setLevel(logging.ERROR + 10)  # the parent prints what the child warns
    root.addHandler(collector)
    report = {"written": set(), "error": None}
    planned, problems = set(getattr(writer, "planned", ())), len(getattr(writer, "problems", ()))
    pages = getattr(writer, "pages", None)  # the gate's digests of pages (digests.py), if it keeps them
    mark = pages.mark() if pages else None
    try:
        for job in jobs:
            job()
        report["written"] = set(writer._written_files) - before
        if hasattr(writer, "absorb"):  # what the gate's writer found here, for the parent
            report["planned"] = {path: origin for path, origin in writer.planned.items() if path not in planned}
            report["problems"] = writer.problems[problems:]
            report["pages"] = pages.since(mark) if pages else None
    except CorpusError as error:
        report["error"] = ("CorpusError", str(error), error.problems)
    except BaseException as error:  # noqa: BLE001 — carried to the parent, which raises it
        report["error"] = (type(error).__name__, str(error), traceback.format_exc())
    report["records"] = collector.records
    try:
        with os.fdopen(write_end, "wb") as pipe:
            pickle.dump(report, pipe)
    finally:
        os._exit(0)


def _raise(error):
    if error is None:
        return
    kind, message, detail = error
    if kind == "CorpusError":
        raise CorpusError(detail)
    if kind == "FileOverwriteFailedError":
        raise FileOverwriteFailedError(message)
    logging.getLogger(__name__).debug("in the second process:\n%s", detail)
    raise type(kind, (RuntimeError,), {})(message)  # named as in one process: "UndefinedError: …"
