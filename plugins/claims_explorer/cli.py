"""`python -m claims_explorer check`: validate articles and claims.yaml without building.

The same loader as the build; the articles are read by Pelican's own reader, so what
passes here builds. Problems are printed one per line as file:line:col, exit status 1.
"""

import argparse
import logging
import sys

from pelican.generators import ArticlesGenerator
from pelican.settings import read_settings

from .corpus import load_corpus
from .errors import CorpusError
from .pelican_adapter import articles_from, claims_path, display_path


def read_articles(settings):
    """Pelican's published articles, read as a build would read them, nothing written."""
    context = settings.copy()
    context.update(generated_content={}, static_links=set(), static_content={}, localsiteurl=settings["SITEURL"])
    generator = ArticlesGenerator(
        context=context, settings=settings, path=settings["PATH"], theme=settings["THEME"], output_path=None,
    )
    generator.generate_context()
    return generator.articles


def check(settings_file):
    settings = read_settings(settings_file)
    path = claims_path(settings)
    try:
        corpus = load_corpus(path, display_path(path), articles_from(read_articles(settings)))
    except CorpusError as error:
        print(error, file=sys.stderr)
        count = len(error.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found; nothing was built.", file=sys.stderr)
        return 1
    print("OK: " + ", ".join(f"{n} {k}" for k, n in corpus.counts.items()))
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m claims_explorer")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="validate articles and claims.yaml without building")
    check_parser.add_argument("-s", "--settings", default="pelicanconf.py")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    return check(args.settings)
