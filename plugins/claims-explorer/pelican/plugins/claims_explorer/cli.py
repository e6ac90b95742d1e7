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
import sys

from pelican import Pelican
from pelican.log import init as init_logging
from pelican.settings import read_settings

from .article_check import article_problems
from .corpus import load_corpus
from .errors import CorpusError
from .find import find_phrase
from .pelican_adapter import articles_from, claims_path, display_path, read_articles
from .review import ReviewError, review as review_markdown


def check_articles(settings):
    """Stop before Pelican reads anything if an article file has a mistake. claims.yaml is
    then not checked at all: its quotes are matched against the articles' text."""
    problems = article_problems(settings)
    if problems:
        raise CorpusError(problems)


def check(settings):
    """validate articles and claims.yaml without building"""
    check_articles(settings)
    path = claims_path(settings)
    corpus = load_corpus(path, display_path(path), articles_from(read_articles(settings)))
    print("OK: " + ", ".join(f"{n} {k}" for k, n in corpus.counts.items()))


def build(settings):
    """build the site with Pelican"""
    check_articles(settings)
    Pelican(settings).run()


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


def report(error):
    print(error, file=sys.stderr)
    count = len(error.problems)
    print(f"{count} problem{'s' if count != 1 else ''} found; nothing was built.", file=sys.stderr)


def report_warnings(messages):
    for message in messages:
        print("pelican: " + " ".join(line.strip() for line in message.splitlines()), file=sys.stderr)
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
    args = parser.parse_args(argv)
    output = getattr(args, "output", None)
    extra = {"find": lambda: [args.phrase], "review": lambda: [args.base, args.summary]}.get(args.command, list)()
    init_logging(level=logging.WARNING)
    logging.getLogger(__package__).setLevel(logging.INFO)  # the build's counts
    error = None
    with pelican_warnings() as warnings:
        try:
            settings = read_settings(args.settings, override={"OUTPUT_PATH": output} if output else None)
            COMMANDS[args.command](settings, *extra)
        except CorpusError as caught:
            error = caught
        except Exception as caught:  # Pelican's own failures: one line, not a traceback
            error = caught
            print(f"pelican: {type(caught).__name__}: {caught}", file=sys.stderr)
    if isinstance(error, CorpusError):
        report(error)
    if warnings:
        report_warnings(warnings)
    return 1 if error or warnings else 0
