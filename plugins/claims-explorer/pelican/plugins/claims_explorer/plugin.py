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
import logging
import os

from pelican import signals
from pelican.generators import Generator

from . import urls
from .annotations import write_annotations
from .article_check import article_problems
from .catalogue import write_catalogue
from .chart import build_chart, build_overview
from .corpus import load_corpus
from .errors import CorpusError, Problem
from .database import write_database
from .discovery import alternates
from .export import dispute_rows, tables, write_data
from .export_csv import write_csv
from .feeds import write_feeds
from .ical import write_calendar
from .jsonld import json_ld
from .licence import use_default as use_default_licence
from .model import by_period, in_date_order
from .opengraph import open_graph
from .pagination import page_numbers, page_of, paginator, place_on_timeline, use_defaults
from .pelican_adapter import articles_from, claims_path, display_path
from .schemas import write_schemas
from .search import build_index, merged_bundles
from .sitemap import write_sitemap
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


class ClaimsGenerator(Generator):
    """Builds the corpus from claims.yaml and the articles, then writes its pages."""

    def generate_context(self):
        problems = article_problems(self.settings)  # for plain `pelican`; the CLI checks first
        if problems:
            raise CorpusError(problems)
        path = claims_path(self.settings)
        corpus = load_corpus(path, display_path(path), articles_from(self.context["articles"]))
        self.context["corpus"] = corpus
        self.context["timeline_years"] = place_on_timeline(corpus, self.settings)
        self.context["timeline_overview"] = self.overview(corpus)
        self.context.update(self.head_meta(), **self.list_helpers(corpus))
        logger.info("claims_explorer: %s", ", ".join(f"{n} {k}" for k, n in corpus.counts.items()))

    def generate_output(self, writer):
        corpus = self.context["corpus"]
        for name, url in urls.INDEXES.items():
            listed = INDEX_LISTS[name](corpus) if name in INDEX_LISTS else None
            self.write(writer, url, name, listed)
        for kind, attribute in LISTS.items():
            for item in getattr(corpus, attribute):
                listed = item.timeline if kind in ITEM_LISTS else None
                self.write(writer, item.url, kind, listed, **{kind: item})
        self.write_open_data(corpus)
        self.check_all_written(corpus)

    def write_open_data(self, corpus):
        """Every data file (README, "Data files"), from one set of records built once. Their
        URLs are absolute under SITEURL and relative to the site root in a local build."""
        base = urls.base(self.settings["SITEURL"])
        records = {**tables(corpus, base), "disputes": dispute_rows(corpus.claims)}
        write_data(corpus, records, self.output_path, base)
        write_csv(records, self.output_path)
        write_database(records, self.output_path)
        write_schemas(self.output_path, base, self.settings["DATA_LICENSE"])
        write_catalogue(self.settings, self.output_path, base)
        write_annotations(corpus, self.settings, self.output_path)
        write_feeds(corpus, self.settings, self.output_path)
        write_calendar(corpus, self.settings, self.output_path)

    def head_meta(self):
        """What head_meta.html calls on every page, Pelican's included. `site_url` is SITEURL
        as configured: the writer replaces SITEURL with a relative path on each page."""
        return {"site_url": self.settings["SITEURL"], "open_graph": open_graph, "json_ld": json_ld,
                "alternates": alternates, "data_index": urls.DATA_INDEX,
                "search_bundles": merged_bundles(self.settings)}

    def overview(self, corpus):
        """The overview strip of the whole timeline, with the window of each of its pages
        (timeline_overview.html, on every timeline page and wherever a theme includes it)."""
        timeline = paginator(self.settings, "timeline", urls.INDEXES["timeline"], corpus.timeline)
        pages = [(number, timeline.page(number).url, timeline.page(number).object_list) for number in timeline.page_range]
        return build_overview([page for page in pages if page[2]], corpus.eras)

    def list_helpers(self, corpus):
        """What the list templates call: the chart of a timeline page's items, the items of a
        page cut under their years, the page numbers a pager shows, ", page 2 of 5"."""
        return {"timeline_chart": functools.partial(build_chart, parties=corpus.parties, eras=corpus.eras),
                "by_period": by_period, "page_numbers": page_numbers, "page_of": page_of}

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


def get_generators(pelican):
    return ClaimsGenerator


def register():
    signals.initialized.connect(use_defaults)
    signals.initialized.connect(use_default_licence)
    signals.get_generators.connect(get_generators)
    signals.content_written.connect(write_twin)
    signals.finalized.connect(write_sitemap)
    signals.finalized.connect(build_index)
