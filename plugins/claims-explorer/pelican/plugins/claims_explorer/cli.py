"""The editors' commands: `check` validates articles and claims.yaml without building,
`build` runs Pelican. Both print problems one per line as file:line:col and exit 1,
never with a traceback.

`check` uses the build's own loader and reads the articles with Pelican's reader, so what
passes here builds. Both first check the article files themselves (`article_check`), and
both fail on any warning Pelican logs, which it otherwise only prints.
"""

import argparse
import contextlib
import logging
import multiprocessing
import sys
import tempfile
import time

from pelican import Pelican, signals
from pelican.log import console, init as init_logging
from pelican.settings import read_settings

from . import digests, inputs, search, staging
from .article_check import article_problems
from .errors import CorpusError
from .find import find_phrase
from .gate import DRY_RUN
from .pelican_adapter import display_path
from .review import ReviewError, review as review_markdown


def check_articles(settings):
    """Stop before Pelican reads anything if an article file has a mistake. claims.yaml is
    then not checked at all: its quotes are matched against the articles' text."""
    problems = article_problems(settings)
    if problems:
        raise CorpusError(problems)


def check(settings, settings_file):
    """validate articles and claims.yaml: the build, every page rendered, none written"""
    check_articles(settings)
    console.quiet = True  # Pelican's "Done: Processed…": nothing was written
    kept = []
    with tempfile.TemporaryDirectory(prefix="claims-check-") as scratch:  # data files land here
        counts = run_pipeline({**as_built(settings, settings_file, scratch), DRY_RUN: True}, kept)
    skipped = f" ({kept[0]:,} pages, unchanged since the last build, were not rendered again)" if kept and kept[0] else ""
    print("OK: " + ", ".join(f"{n} {k}" for k, n in counts.items()) + skipped)


def as_built(settings, settings_file, folder):
    """The settings a build renders into `folder` with. `check` renders with them too, so that
    its pages have the digests a build would give them (digests.py) and a page the live build
    has unchanged is not rendered again, as the build would not render it."""
    return {**settings, "OUTPUT_PATH": str(folder), staging.LIVE_SETTING: settings["OUTPUT_PATH"],
            search.DEFERRED: True, digests.SETTINGS_FILE: settings_file}


def run_pipeline(settings, kept=None):
    """Pelican's run, with the plugin's guarded writer; the corpus's counts. `kept` gets the
    number of pages the live build had unchanged (digests.py)."""
    seen = []
    def keep_corpus(generators):
        seen.extend(g.context for g in generators if "corpus" in getattr(g, "context", {}))
    signals.all_generators_finalized.connect(keep_corpus)
    try:
        Pelican(settings).run()
    finally:
        signals.all_generators_finalized.disconnect(keep_corpus)
    if kept is not None and seen:
        kept.append(seen[0].get(digests.KEPT, 0))
    return seen[0]["corpus"].counts if seen else {}


class Unpublished(Exception):
    """The build failed after it began writing (here, on a Pelican warning): its files were
    dropped and the site left as it was. Any error raised while staging carries the same
    one-line `unpublished` sentence, printed last."""

    def __init__(self, unpublished, warnings=()):
        super().__init__(unpublished)
        self.unpublished = unpublished
        self.warnings = list(warnings)  # logged in the build's own process (in_child)


def build(settings, settings_file, pages_first=False):
    """build the site with Pelican"""
    check_articles(settings)  # before anything is staged: a mistake there builds nothing
    output = settings["OUTPUT_PATH"]
    digest = inputs.digest(settings, settings_file)
    if inputs.up_to_date(settings, output, digest):
        print(f"Nothing changed since the last build: {display_path(output)} is up to date.")
        return
    started = time.perf_counter()
    left = staging.left_as_is(display_path(output))
    with staging.staged(output) as stage:
        try:
            warned = in_child(render, as_built(settings, settings_file, stage))
            stale = [] if warned else search.index(settings, stage, live=output, pages_first=pages_first)
        except Exception as caught:
            caught.unpublished = left
            raise
        if warned:
            raise Unpublished(left, warned)
        staging.publish(stage, output)
        digests.keep(settings, output)
        if not stale:
            inputs.record(settings, output, digest)
            return
    bundles = ", ".join(folder + "/" for folder in stale)
    print(f"Published the pages in {time.perf_counter() - started:.1f} s; search answers from the build before "
          f"until {bundles} {'is' if len(stale) == 1 else 'are'} indexed again …", flush=True)
    index_again(settings, output, digest)


def index_again(settings, output, digest):
    """The pages-first build's second step: the published build again, hard-linked, with its
    stale search bundles indexed; if that fails, the site keeps its new pages and the search
    index of the build before, and the next build indexes again (no inputs are recorded)."""
    left = (f"The search index could not be brought up to date; {display_path(output)} holds the new pages, "
            "searched with the index of the build before.")
    before = staging.live(output)
    with staging.staged(output) as stage:
        try:
            staging.link_tree(before, stage, leave_out=search.bundle_folders(before))
            search.index(settings, stage, live=output)
        except Exception as caught:
            caught.unpublished, caught.outcome = left, "the pages were published, not the search index"
            raise
        staging.publish(stage, output)
        digests.moved(settings, output, before.name)
        inputs.record(settings, output, digest)


def render(settings):
    """Pelican's run: the messages of the warnings it logged."""
    with pelican_warnings() as warned:
        run_pipeline(settings)
    return warned


class Failed(Exception):
    """An error of the build's process, sent back as its type's name and its message, for
    the one line `main` prints (the error itself may not survive pickling)."""

    def __init__(self, message, name="Error"):
        super().__init__(message)
        self.name = name


APART = True  # False: render in this process (bench/profile_build.py, whose timers live here)


def in_child(function, settings):
    """`function(settings)` in a forked process, whose memory (the corpus, every page's
    records) is all given back when it exits, before Pagefind needs its own; its result, or
    its error raised here."""
    if not APART:
        return function(settings)
    receive, send = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(target=_child, args=(function, settings, send))
    child.start()
    send.close()
    try:
        outcome, value = receive.recv()
    except EOFError:  # it died (killed, out of memory) before it could say why
        outcome, value = "error", None
    child.join()
    if value is None and outcome == "error":
        value = Failed(f"the build's process stopped (exit code {child.exitcode})", "BuildStopped")
    if outcome == "error":
        raise value
    return value


def _child(function, settings, send):
    try:
        send.send(("ok", function(settings)))
    except CorpusError as error:  # pickled with its problems
        send.send(("error", error))
    except Exception as error:  # noqa: BLE001: any failure, as one line
        send.send(("error", Failed(str(error), type(error).__name__)))


def find(settings, phrase):
    """show where a phrase occurs in the articles, with the YAML to quote it"""
    print(find_phrase(settings, phrase), end="")


def review(settings, base, summary=None):
    """what the working tree changes since git revision BASE, in Markdown (make review)"""
    try:
        report = review_markdown(settings, base)
    except ReviewError as error:
        print(f"review: {error}", file=sys.stderr)
        raise SystemExit(2) from None
    print(report, end="")
    if summary:  # e.g. $GITHUB_STEP_SUMMARY, which GitHub shows on the run's page
        with open(summary, "a", encoding="utf-8") as out:
            out.write(report)


COMMANDS = {"check": check, "build": build, "find": find, "review": review}


class _Recorder(logging.Handler):
    """Keeps the message of every record it is given."""

    def __init__(self, level):
        super().__init__(level)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def pelican_warnings():
    """The messages of every WARNING-or-above record Pelican logs while the block runs."""
    recorder = _Recorder(logging.WARNING)
    logger = logging.getLogger("pelican")
    logger.addHandler(recorder)
    try:
        yield recorder.messages
    finally:
        logger.removeHandler(recorder)


MAX_SHOWN = 100  # problems printed; the rest are counted: 10,000 lines help no one


def report(error):
    shown = error.problems[:MAX_SHOWN]
    print("\n".join(str(problem) for problem in shown), file=sys.stderr)
    count = len(error.problems)
    if count > len(shown):
        print(f"... and {count - len(shown):,} more", file=sys.stderr)
    outcome = getattr(error, "outcome", "nothing was built")
    print(f"{count:,} problem{'s' if count != 1 else ''} found; {outcome}.", file=sys.stderr)


def report_warnings(messages):
    for message in messages[:MAX_SHOWN]:
        print("pelican: " + " ".join(line.strip() for line in message.splitlines()), file=sys.stderr)
    if len(messages) > MAX_SHOWN:
        print(f"... and {len(messages) - MAX_SHOWN:,} more", file=sys.stderr)
    count = len(messages)
    print(f"{count} Pelican warning{'s' if count != 1 else ''}; the build fails on any warning.", file=sys.stderr)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m claims_explorer")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, command in COMMANDS.items():
        sub = commands.add_parser(name, help=command.__doc__)
        sub.add_argument("-s", "--settings", default="pelicanconf.py")
        if name == "find":
            sub.add_argument("phrase", help="words copied from an article")
        elif name == "review":
            sub.add_argument("--base", required=True, help="the git revision to compare with, e.g. origin/main")
            sub.add_argument("--summary", help="also append the report to this file")
        else:
            sub.add_argument("-o", "--output", help="output folder (default: the settings' OUTPUT_PATH)")
        if name == "build":
            sub.add_argument("--pages-first", action="store_true",
                             help="publish the pages before re-indexing the search (the devserver's builds)")
    serve = commands.add_parser("devserver", help="serve the site and rebuild it whenever an input changes")
    serve.add_argument("-s", "--settings", default="pelicanconf.py")
    serve.add_argument("-o", "--output", default="output")
    serve.add_argument("-p", "--port", type=int, default=8000, help="0: any free port")
    args = parser.parse_args(argv)
    if args.command == "devserver":  # watchfiles only here: a build never needs it
        from . import devserver
        devserver.serve(read_settings(args.settings), args.settings, args.output, args.port)
        return 0
    output = getattr(args, "output", None)
    extra = {"find": lambda: [args.phrase], "review": lambda: [args.base, args.summary],
             "build": lambda: [args.settings, args.pages_first],
             "check": lambda: [args.settings]}.get(args.command, list)()
    init_logging(level=logging.WARNING)
    logging.getLogger(__package__).setLevel(logging.INFO if args.command == "build" else logging.WARNING)  # the build's counts
    error = None
    with pelican_warnings() as warnings:
        try:
            settings = read_settings(args.settings, override={"OUTPUT_PATH": output} if output else None)
            COMMANDS[args.command](settings, *extra)
        except (CorpusError, Unpublished) as caught:
            error = caught
        except Exception as caught:  # Pelican's own failures: one line, not a traceback
            error = caught
            print(f"pelican: {getattr(caught, 'name', type(caught).__name__)}: {caught}", file=sys.stderr)
    if isinstance(error, CorpusError):
        report(error)
    warnings += getattr(error, "warnings", [])
    if warnings:
        report_warnings(warnings)
    if getattr(error, "unpublished", None):
        print(error.unpublished, file=sys.stderr)
    return 1 if error or warnings else 0
