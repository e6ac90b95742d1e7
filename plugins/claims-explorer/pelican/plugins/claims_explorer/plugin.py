"""The Pelican side: a generator that reads claims.yaml after the articles and writes the
timeline, claim, event, speaker, party and topic pages and the open data (JSON, CSV, Atom
feeds, iCalendar); signal receivers add every page's JSON twin, the sitemap and the search
index. Every list that grows with the corpus is handed to Pelican's writer to paginate
(pagination.py).

Reading (generate_context) is kept apart from writing (generate_output), as in Pelican's
own generators, so the corpus is in the shared context before any article page is written
and article templates can show the claims drawn from each paragraph.
"""

import functools
import gc
import logging
import os

from pelican import signals
from pelican.generators import ArticlesGenerator, Generator

from . import datafiles, digests, parallel, urls
from .annotations import write_annotations
from .article_check import article_problems, rendered_problems, sanitise
from .catalogue import write_catalogue
from .chart import build_chart, build_overview
from .corpus import load_corpus
from .errors import CorpusError, Problem
from .database import write_database, write_datasette_metadata
from .discovery import alternates
from .export import dispute_rows, tables, write_data
from .export_csv import write_csv
from .feeds import feed_list, write_feeds
from .gate import DRY_RUN, Origin, get_writer
from .ical import write_calendar
from .jsonld import json_ld
from .licence import use_default as use_default_licence
from .model import by_period, in_date_order
from .opengraph import open_graph
from .pagination import fit_to_budget, page_of, paginator, place_on_timeline, use_defaults
from .pelican_adapter import articles_from, claims_path, display_path
from .schemas import write_schemas
from .search import build_index, claim_bundles, merged_bundles
from .sitemap import write_sitemap
from .template_cache import cache_templates
from .twins import write_twin

logger = logging.getLogger(__name__)

LISTS = {"claim": "claims", "event": "events", "speaker": "speakers", "party": "parties", "topic": "topics"}
# What each paginated page lists, in its order: the writer cuts it into pages.
INDEX_LISTS = {
    "timeline": lambda corpus: corpus.timeline,
    "claims": lambda corpus: in_date_order(corpus.claims),
    "events": lambda corpus: in_date_order(corpus.events),
    "contested": lambda corpus: corpus.contested,
}
ITEM_LISTS = ("party", "speaker", "topic")  # item pages that list their `timeline`
# Pelican's lists of what it read, each published or not: all are checked and sanitised.
CONTENT_LISTS = ("articles", "drafts", "hidden_articles", "pages", "hidden_pages", "draft_pages")


class ClaimsGenerator(Generator):
    """Builds the corpus from claims.yaml and the articles, then writes its pages."""

    def generate_context(self):
        contents = [item for key in CONTENT_LISTS for item in self.context.get(key, [])]
        problems = article_problems(self.settings)  # for plain `pelican`; the CLI checks first
        problems += rendered_problems(contents, self.settings)
        if problems:
            raise CorpusError(problems)
        sanitise(contents)
        path = claims_path(self.settings)
        corpus = load_corpus(path, display_path(path), articles_from(self.context["articles"]))
        # frozen at once, after the collector has freed what loading left behind: freezing
        # inside load's pause would keep that garbage for the whole build (+31 MB at N = 300)
        freeze_what_was_read([])
        self.context["corpus"] = corpus
        fit_to_budget(self.settings, self.paginated_lists(corpus))
        self.context["timeline_years"] = place_on_timeline(corpus, self.settings)
        self.context["timeline_overview"] = self.overview(corpus)
        self.context.update(self.head_meta(corpus), **self.list_helpers(corpus))
        logger.info("claims_explorer: %s", ", ".join(f"{n} {k}" for k, n in corpus.counts.items()))

    def generate_output(self, writer):
        """Every page and data file, on two cores (parallel.py)."""
        corpus = self.context["corpus"]
        pages = [functools.partial(self.write, writer, url, name, INDEX_LISTS[name](corpus) if name in INDEX_LISTS else None)
                 for name, url in urls.INDEXES.items()]
        for kind, attribute in LISTS.items():
            pages += [functools.partial(self.write, writer, item.url, kind, item.timeline if kind in ITEM_LISTS else None,
                                        **{kind: item}) for item in getattr(corpus, attribute)]
        self.reserve_data_files(writer, corpus)
        pages = getattr(self, "article_pages", []) + pages
        parallel.run(pages, [functools.partial(self.write_open_data, corpus, writer)], writer, self.settings)
        if hasattr(writer, "finish"):  # the gate's writer: every path checked (gate.py)
            writer.finish()
            self.context[digests.KEPT] = writer.pages.reused if writer.pages else 0
        if not self.settings.get(DRY_RUN):
            self.check_all_written(corpus)

    def reserve_data_files(self, writer, corpus):
        """Tell the gate's writer the files written beside the pages, so no page takes one."""
        if not hasattr(writer, "reserve"):
            return
        files = [path for group in urls.open_data().values()
                 for path in (group.values() if isinstance(group, dict) else [group])]
        files += [path for path, *_ in feed_list(corpus, self.settings["SITENAME"])] + [urls.SITEMAP]
        for path in dict.fromkeys(files):
            writer.reserve(path, Origin("the site's open data"))

    def write_open_data(self, corpus, writer):
        """Every data file (README, "Data files"), from one set of records built once, when
        a file needs them: in a rebuild, a file whose inputs did not change is the live
        build's, hard-linked (datafiles.py). Their URLs are absolute under SITEURL and
        relative to the site root in a local build."""
        base, settings, output = urls.base(self.settings["SITEURL"]), self.settings, self.output_path
        fresh = datafiles.fresh(writer, self.context, settings)
        records = Records(lambda: {**tables(corpus, base), "disputes": dispute_rows(corpus.claims)})
        write_data(corpus, records, output, base, fresh)
        write_csv(records, output, fresh)
        if fresh(urls.DATABASE):
            write_database(records, output)
        if fresh(urls.DATASETTE_METADATA):
            write_datasette_metadata(settings, output, base)
        write_schemas(output, base, settings["DATA_LICENSE"], fresh)
        write_catalogue(settings, output, base, fresh)
        if fresh(urls.ANNOTATIONS):
            write_annotations(corpus, settings, output)
        write_feeds(corpus, settings, output, fresh)
        if fresh(urls.CALENDAR):
            write_calendar(corpus, settings, output)

    def paginated_lists(self, corpus):
        """(template, items) of every list written a page at a time, for pagination's weights."""
        for name, items in INDEX_LISTS.items():
            yield name, items(corpus)
        for kind in ITEM_LISTS:
            for item in getattr(corpus, LISTS[kind]):
                yield kind, item.timeline

    def head_meta(self, corpus):
        """What head_meta.html calls on every page, Pelican's included. `site_url` is SITEURL
        as configured: the writer replaces SITEURL with a relative path on each page. The
        search bundles depend on the number of claims (search.py); the claims and search pages
        link results' parties, speakers and sources with `result_links` and `party_badges`."""
        return {"site_url": self.settings["SITEURL"], "open_graph": open_graph, "json_ld": json_ld,
                "alternates": alternates, "data_index": urls.DATA_INDEX,
                "search_bundles": merged_bundles(self.settings, len(corpus.claims)),
                "claim_bundles": claim_bundles(self.settings, len(corpus.claims)),
                "result_links": urls.result_links(self.settings["ARTICLE_URL"]),
                "party_badges": {party.id: party.badge for party in corpus.parties}}

    def overview(self, corpus):
        """The overview strip of the whole timeline, with the window of each of its pages
        (timeline_overview.html, on every timeline page and wherever a theme includes it)."""
        timeline = paginator(self.settings, "timeline", urls.INDEXES["timeline"], corpus.timeline)
        pages = [(number, timeline.page(number).url, timeline.page(number).object_list) for number in timeline.page_range]
        return build_overview([page for page in pages if page[2]], corpus.eras)

    def list_helpers(self, corpus):
        """What the list templates call: the chart of a timeline page's items, the items of a
        page cut under their years, ", page 2 of 5" (the pager's page numbers are a Jinja
        global: pagination.use_defaults)."""
        return {"timeline_chart": functools.partial(build_chart, parties=corpus.parties, eras=corpus.eras),
                "by_period": by_period, "page_of": page_of}

    def check_all_written(self, corpus):
        """Guard: every claim and event has its page; nothing is dropped without a word."""
        missing = [item for item in corpus.claims + corpus.events
                   if not os.path.isfile(os.path.join(self.output_path, item.url))]
        if missing:
            path = display_path(claims_path(self.settings))
            raise CorpusError([Problem(path, 1, 0, f"no page was written for '{item.id}'", "this is a bug")
                               for item in missing])

    def write(self, writer, url, template, listed=None, **extra):
        """Write one page, or with `listed` the pages of a list (the writer's Paginator, by
        PAGINATED_TEMPLATES), each with `items_page` and the rest of Pelican's page variables."""
        writer.write_file(
            url, self.get_template(template), self.context,
            relative_urls=self.settings["RELATIVE_URLS"], paginated=None if listed is None else {"items": listed},
            template_name=template, url=url, page_url=url, **extra,
        )


class Records:
    """Every table's records (export.tables), built at the first look: a rebuild that writes
    no table builds none of them."""

    def __init__(self, build):
        self._build, self._records = build, None

    def __getitem__(self, name):
        if self._records is None:
            self._records = self._build()
        return self._records[name]


def get_generators(pelican):
    return ClaimsGenerator


def share_article_pages(generators):
    """Pelican writes its article pages one after another (ArticlesGenerator.generate_articles),
    before any generator of a plugin, on one core: at 1,000 articles about 3 s while the other
    core waits. Here its `generate_articles` only lists each article's write (sending Pelican's
    signal as it does), and the claims generator makes the writes among its own pages, on
    two cores (parallel.py): the same calls, the same bytes. Left alone if Pelican's generator
    has changed shape."""
    articles = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    claims = next((g for g in generators if isinstance(g, ClaimsGenerator)), None)
    write_all = getattr(articles, "generate_articles", None)
    if claims is None or not callable(write_all):
        return
    claims.article_pages = []

    def listed(write):
        write_all(lambda *args, **kwargs: claims.article_pages.append(functools.partial(write, *args, **kwargs)))

    articles.generate_articles = listed


def register():
    signals.initialized.connect(use_defaults)
    signals.initialized.connect(use_default_licence)
    signals.get_generators.connect(get_generators)
    signals.content_written.connect(write_twin)
    signals.finalized.connect(write_sitemap)
    signals.finalized.connect(index_for_search)
    signals.get_writer.connect(get_writer)
    signals.generator_init.connect(cache_templates)
    signals.initialized.connect(thaw)
    signals.all_generators_finalized.connect(freeze_what_was_read)
    signals.all_generators_finalized.connect(share_article_pages)
    signals.finalized.connect(thaw)


def freeze_what_was_read(generators):
    """Everything read lives until the build ends: set it aside from the cycle collector
    (gc.freeze), so that no collection while pages are written walks it again, and the
    process forked to render (parallel.py) shares its memory pages instead of copying them
    when a collection would touch them."""
    gc.freeze()


def thaw(sender):
    """The build is over (or a new one starts after one that failed): what was read may be
    collected again."""
    gc.unfreeze()


def index_for_search(pelican):
    """The search index, except in `check`'s dry run, which writes no page to index."""
    if not pelican.settings.get(DRY_RUN):
        build_index(pelican)
