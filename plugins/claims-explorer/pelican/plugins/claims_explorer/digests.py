"""A digest of every page's inputs, worked out from the model without rendering, so that a
rebuild renders only the pages whose inputs changed and hard-links the rest from the live
build (gate.py's writer does the linking; staging.py keeps builds atomic).

A page's digest has two parts:

- the site-wide part, on every page: the theme's files, the plugin's code and the installed
  packages, the settings (the page sizes fit_to_budget chose included), and everything
  shown on many pages: parties, speakers and topics (with how many claims and events each
  has), eras, every article's metadata and counts, the order of Pelican's articles;
- the page's own part, one small function per template below (`PAGES`): the records of the
  items the page shows (a claim's page: the claim, its source paragraph, the claims it
  disputes or answers and those that dispute or answer it; a list page: its items, its
  number, the number of pages and items; a timeline page: also the overview strip).

An item's record is every field of its dataclass, references to other items by id (`plain`),
so a field added to the model is in the digest without a word here. A template without a
function here has no digest: its pages are rendered every build (the home page, the
indexes of parties, speakers and topics, the search page, Pelican's pages). When in doubt a
function includes more: a stale page is a defect, an extra render only costs time.

The JSON twin of a page is made from the same context as the page, so it is reused with it.
The digests of a build are its manifest, kept in Pelican's cache folder per output folder
with the name of the build it describes; it becomes the live one only once that build is
published (`keep`), so a failed build never vouches for anything.
"""

import dataclasses
import datetime
import hashlib
import json
import logging
import os
import sys
import time
from pathlib import Path

from pelican.contents import Content

from . import inputs, staging
from .inputs import ENVIRONMENT
from .dates import Point, When
from .model import Article, Claim, Era, Event, Party, Speaker, Topic
from .paragraphs import Paragraph

logger = logging.getLogger(__name__)

SHARED = (Paragraph, When, Point)  # made once, shared by many items: `plain` keeps what it makes of each
REFERENCES = {Party: "party", Speaker: "speaker", Topic: "topic", Claim: "claim", Event: "event", Era: "era"}
REUSED = "claims_reused"  # set in a page's context when its live file was linked in: no twin to write
KEPT = "claims_pages_kept"  # set in the site's context once every page is written: how many were the live build's
SETTINGS_FILE = "CLAIMS_SETTINGS_FILE"  # set by the command line: the settings file, whose folder's Python is hashed
# settings that name this build's folder, or say it is `check`'s dry run, not what its pages are
PER_BUILD = ("OUTPUT_PATH", staging.LIVE_SETTING, staging.DRY_RUN)


def plain(value, memo=None):
    """`value` as JSON-able data that changes whenever what it shows could: items it refers
    to by their id (their own records are hashed where a page shows them), dataclasses and
    the plugin's own objects field by field. Raises TypeError on an object it cannot name
    the same way in every build (a default repr with its address). `memo` keeps what is
    made of a paragraph or a date, which many claims share, by the object's identity: its
    digest, so a paragraph is encoded once, not once for each claim quoting it."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    kind = REFERENCES.get(type(value))
    if kind:
        return f"{kind}:{value.id}"
    if isinstance(value, (list, tuple)):
        return [plain(item, memo) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item, memo) for key, item in value.items()}
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, Article):
        return f"article:{value.slug}"
    if isinstance(value, Content):
        return f"{type(value).__name__}:{value.source_path}"
    if isinstance(value, (set, frozenset)):
        return sorted((plain(item, memo) for item in value), key=_dumps)
    if memo is not None and type(value) in SHARED:  # by its digest: hashed once, however many share it
        if id(value) not in memo:
            memo[id(value)] = (value, sha(fields(value)))  # the value kept, so its id is not reused
        return memo[id(value)][1]
    if dataclasses.is_dataclass(value):
        return {"@": type(value).__name__, **fields(value, memo)}
    if type(value).__module__.startswith(__package__ + "."):
        return {"@": type(value).__name__, **{key: plain(item, memo) for key, item in vars(value).items()}}
    text = str(value)
    if " at 0x" in text:
        raise TypeError(f"digests: {type(value).__name__} has no stable text to hash")
    return f"{type(value).__name__}:{text}"


def _dumps(value):
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def sha(value):
    return hashlib.sha256(_dumps(value).encode()).hexdigest()


def fields(item, memo=None):
    """Every field of a dataclass (`plain`): an item's own record, not a reference to it.
    A field left out of comparisons (compare=False) is a cache of what is drawn, not data."""
    names = _FIELDS.get(type(item))
    if names is None:
        names = _FIELDS[type(item)] = [f.name for f in dataclasses.fields(item) if f.compare]  # not a cache
    return {name: plain(getattr(item, name), memo) for name in names}


_FIELDS = {}  # dataclass -> its fields' names


def summary(entity):
    """A party, speaker or topic as every page may show it: its fields, and of its lists of
    claims and events only their length (which items, in which order, is on its own pages)."""
    def field(value):
        if isinstance(value, list) and any(isinstance(item, (Claim, Event)) for item in value):
            return len(value)
        return plain(value)
    return {f.name: field(getattr(entity, f.name)) for f in dataclasses.fields(entity)}


def article_summary(article):
    """An article as every page may show it (a claim's source line, the lists of articles):
    its metadata and how many claims and events it gives; not its text."""
    pelican = article.pelican
    return {"slug": article.slug, "title": article.title, "url": article.url, "date": plain(article.date),
            "when": plain(article.when), "source_path": article.source_path,
            "claims": len(article.claims), "events": len(article.events),
            "metadata": plain(getattr(pelican, "metadata", {})), "save_as": getattr(pelican, "save_as", None)}


def files_digest(folders):
    """SHA-256 of every file under `folders`, path and bytes."""
    hashed = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            hashed.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return hashed.hexdigest()


def settings_code(settings_file):
    """The Python files beside the settings file (publishconf.py imports pelicanconf.py): a
    function in them, a Jinja filter say, is in the settings by its type's name only."""
    if not settings_file:
        return None
    folder = Path(settings_file).resolve().parent
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.glob("*.py"))}


class Digests:
    """Each page's digest in one build, from the context it is rendered with (one per process:
    every record is hashed once, and a forked process inherits what is done)."""

    def __init__(self, settings, context):
        self.settings, self.context, self.corpus = settings, context, context["corpus"]
        self._items, self._site, self._shared, self._memo, self._lists = {}, None, {}, {}, {}

    def site(self):
        """The site-wide part (see the module's docstring)."""
        if self._site is None:
            corpus, context = self.corpus, self.context
            settings = {key: value for key, value in self.settings.items() if key not in PER_BUILD}
            self._site = sha({
                "theme": files_digest([self.settings["THEME"]]),
                "code": files_digest([os.path.dirname(__file__)]), "python": sys.version, "packages": inputs.packages(),
                "settings_code": settings_code(self.settings.get(SETTINGS_FILE)),
                "environment": {name: os.environ.get(name) for name in ENVIRONMENT},
                "settings": json.loads(json.dumps(settings, sort_keys=True, default=lambda v: type(v).__name__)),
                "parties": [summary(p) for p in corpus.parties], "speakers": [summary(s) for s in corpus.speakers],
                "topics": [summary(t) for t in corpus.topics], "eras": [fields(era, self._memo) for era in corpus.eras],
                "articles": [article_summary(a) for a in corpus.articles.values()], "counts": corpus.counts,
                "published": [a.slug for a in context.get("articles", [])],
                "pages": [(p.slug, p.title, p.url, plain(p.metadata)) for p in context.get("pages", [])],
                "bundles": plain([context.get("search_bundles"), context.get("claim_bundles")]),
            })
        return self._site

    def item(self, item):
        """A claim's or event's record: every field of it (`plain`), its cited paragraphs whole."""
        if item not in self._items:
            self._items[item] = sha(fields(item, self._memo))
        return self._items[item]

    def shared(self, name, make):
        """The digest of `make()`, something many pages show (the overview strip), once a build."""
        if name not in self._shared:
            self._shared[name] = sha(plain(make()))
        return self._shared[name]

    def data_file(self, path, inputs):
        """The digest of data file `path` made from `inputs` (datafiles.py), with the site-wide part."""
        return sha(["data", path, self.site(), self.record(inputs)])

    def record(self, value):
        """`value` as a data file's digest reads it: a claim or event by its record's digest
        (`item`: every field), anything else as `plain` makes it. A list of claims or events
        (the corpus's own, which several files are made from) is hashed once a build."""
        if value is None or isinstance(value, (str, int)):
            return value
        if isinstance(value, (Claim, Event)):
            return self.item(value)
        if isinstance(value, list) and value and isinstance(value[0], (Claim, Event)):
            if id(value) not in self._lists:  # the list kept, so its id is not reused
                self._lists[id(value)] = (value, sha([self.record(item) for item in value]))
            return self._lists[id(value)][1]
        if isinstance(value, (list, tuple)):
            return [self.record(item) for item in value]
        return plain(value, self._memo)

    def article(self, article):
        """An article's own part: its paragraphs and its HTML as Pelican made it."""
        return sha({"blocks": plain(article.blocks, self._memo), "content": getattr(article.pelican, "_content", None)})

    def shown(self, entry):
        """What a list page shows of one entry: a claim's or event's record, a contested pair's
        records, Pelican's article by slug (its metadata is site-wide)."""
        if isinstance(entry, (Claim, Event)):
            return self.item(entry)
        if isinstance(entry, tuple):
            return [self.shown(part) for part in (entry[0], *entry[1])]
        if isinstance(entry, Content):
            return entry.slug
        raise TypeError(f"digests: a list of {type(entry).__name__}")

    def page(self, template, context):
        """The digest of the page `context` renders with `template`, or None (always rendered)."""
        own = PAGES.get(template.removesuffix(".html"))
        if own is None or self.corpus is None:
            return None
        parts = own(self, context)
        return None if parts is None else sha([template, context["output_file"], self.site(), parts])


# -- what each kind of page shows, by template

def listed(digests, context):
    """A page of a paginated list: its place in the list and the records of its entries."""
    page = next((context[key] for key in ("items_page", "articles_page") if key in context), None)
    if page is None:
        return None
    paginator = page.paginator
    return {"number": page.number, "pages": paginator.num_pages, "count": paginator.count,
            "per_page": paginator.per_page, "save_as": page.save_as, "url": page.url,
            "entries": [digests.shown(entry) for entry in page.object_list]}


def claim_page(digests, context):
    """The claim, and the cards of the claims it disputes or answers and that dispute or answer it."""
    claim = context["claim"]
    return [digests.item(claim), [digests.item(other) for other in claim.counterparts + claim.responses]]


def event_page(digests, context):
    return [digests.item(context["event"])]


def article_page(digests, context):
    """Pelican's article page: its text, and the notes of every claim and event drawn from it."""
    article = digests.corpus.articles.get(context["article"].slug)
    if article is None:
        return None
    return [digests.article(article), [digests.item(item) for item in article.claims + article.events]]


def item_page(kind):
    """A party's, speaker's or topic's page: the entity (site-wide) and its page of items."""
    def own(digests, context):
        return [f"{kind}:{context[kind].id}", listed(digests, context)]
    return own


def timeline_page(digests, context):
    """A page of the timeline: its items, the overview strip of the whole timeline (whose tabs
    name the dates of every page's items) and the links to its years."""
    overview = context.get("timeline_overview")
    return [listed(digests, context), digests.shared("overview", lambda: overview),
            digests.shared("overview's dates", lambda: [[item.when for item in window.items]
                                                       for window in getattr(overview, "windows", [])]),
            digests.shared("years", lambda: context.get("timeline_years"))]


def claims_page(digests, context):
    """A page of the claims list: its claims and the facets' counts over every claim."""
    return [listed(digests, context), digests.shared("facets", lambda: digests.corpus.claim_facets)]


PAGES = {
    "claim": claim_page, "event": event_page, "article": article_page,
    "party": item_page("party"), "speaker": item_page("speaker"), "topic": item_page("topic"),
    "timeline": timeline_page, "claims": claims_page, "events": listed, "contested": listed, "articles": listed,
}


# -- the manifest: this build's digests, and the live build's

def manifest_file(settings, output, suffix=""):
    key = hashlib.sha256(os.path.abspath(output).encode()).hexdigest()[:16]
    return Path(settings["CACHE_PATH"]) / f"pages-{key}{suffix}.json"


class Pages:
    """The pages of a staged build: which the live build has with the same digest (reused,
    hard-linked), which were rendered, and every page's digest for the next build."""

    def __init__(self, settings):
        self.settings = settings
        self.output = settings[staging.LIVE_SETTING]
        self.live_folder = staging.live(self.output)
        live = self.load()
        self.live, self.live_files = live.get("pages", {}), live.get("files", {})
        self.digests, self.made, self.rendered, self.reused, self.seconds = None, {}, [], 0, 0.0
        self.files, self.written = {}, []  # data files (datafiles.py): path -> digest; those written anew

    def load(self):
        """The live build's manifest, if it is the live build's; else an empty one."""
        path = manifest_file(self.settings, self.output)
        try:
            manifest = json.loads(path.read_text())
        except (OSError, ValueError):
            return {}
        live = self.live_folder
        sound = isinstance(manifest, dict) and all(isinstance(manifest.get(k, {}), dict) for k in ("pages", "files"))
        return manifest if sound and live and manifest.get("build") == live.name else {}

    def digest(self, template, page, context):
        """The digest of `page` (what it is written with), `context` being the site's."""
        started = time.perf_counter()
        if self.digests is None:
            self.digests = Digests(self.settings, context)
        digest = self.digests.page(template, page)
        self.seconds += time.perf_counter() - started
        return digest

    def unchanged(self, name, digest):
        """Whether the live build has page `name` with this digest."""
        return digest is not None and self.live.get(name) == digest

    def file_digest(self, path, inputs, context):
        """The digest of data file `path` made from `inputs` (datafiles.py), kept for the next
        build; whether the live build has it with the same digest."""
        started = time.perf_counter()
        if self.digests is None:
            self.digests = Digests(self.settings, context)
        digest = self.files[path] = self.digests.data_file(path, inputs)
        self.seconds += time.perf_counter() - started
        return self.live_files.get(path) == digest

    def mark(self):
        """Where this build is, for `since`."""
        return len(self.made), len(self.rendered), self.reused, self.seconds, len(self.files), len(self.written)

    def since(self, mark):
        """What was done after `mark` (in a second rendering process), for `absorb`."""
        made, rendered, reused, seconds, files, written = mark
        return (dict(list(self.made.items())[made:]), self.rendered[rendered:], self.reused - reused,
                self.seconds - seconds, dict(list(self.files.items())[files:]), self.written[written:])

    def absorb(self, made, rendered, reused, seconds, files, written):
        """What a second rendering process did (parallel.py)."""
        self.made.update(made)
        self.rendered += rendered
        self.reused += reused
        self.seconds += seconds
        self.files.update(files)
        self.written += written

    def save(self, stage):
        """This build's manifest, kept aside until the build is published (`keep`)."""
        path = manifest_file(self.settings, self.output, ".next")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_dumps({"build": Path(stage).resolve().name, "pages": self.made,
                                "rendered": sorted(self.rendered), "reused": self.reused,
                                "files": self.files, "written": sorted(self.written)}))
        logger.info("claims_explorer: %d pages rendered, %d unchanged kept from the live build; "
                    "%d data files written, %d kept (digests: %.1f s of processor time)", len(self.rendered),
                    self.reused, len(self.written), len(self.files) - len(self.written), self.seconds)


def keep(settings, output):
    """Once a build is published: its manifest becomes the live one."""
    pending = manifest_file(settings, output, ".next")
    if pending.is_file():
        os.replace(pending, manifest_file(settings, output))


def moved(settings, output, before):
    """Once a build that only re-indexed the search (cli.build, pages first) is published: its
    pages are the build `before`'s, hard-linked, so that build's manifest is the live one's."""
    path = manifest_file(settings, output)
    try:
        manifest = json.loads(path.read_text())
    except (OSError, ValueError):
        return
    if isinstance(manifest, dict) and manifest.get("build") == before:
        manifest["build"] = staging.live(output).name
        path.write_text(_dumps(manifest))
