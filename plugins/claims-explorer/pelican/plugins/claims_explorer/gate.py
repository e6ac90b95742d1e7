"""One pipeline for `check` and `build`: Pelican's own run, through a writer that guards
every output path.

`check` is the build short of writing files: the same readers, generators, plugin context
and templates, with `DRY_RUN` set, so each page is rendered (a template error surfaces in
`check` too) and then discarded. What the build would reject, `check` rejects first, because
it is the same code; and like the build, it does not render again a page whose digest
(digests.py) is the live build's: made from the same inputs by the same code, it rendered
then, and the next build would link it, not render it. The guard adds what Pelican leaves open:

- a real containment check: every path resolved (symbolic links included) must lie inside
  the output folder; Pelican only compares the path's prefix, so `output-evil/` passes it;
- every path is written once: Pelican lets an article's `Save_as` silently replace another
  page, or fails with FileOverwriteFailedError and no location; here both writers are named;
- the folders other tools fill (the theme's files, the search index) are not for pages;
- on every page, every HTML id is given once: claims and events share the timeline's ids.

In a staged build (staging.py) a page whose digest (digests.py) is the live build's is not
rendered: it and its JSON twin are hard-linked from the live build, and its path is checked
as any other; so is a data file whose digest is the live build's (`carry`, datafiles.py). A
file is never written into in place (it may be a link to the live build's): it is replaced.

Each problem names the file and line that asked for the path: an article's header, an
item's id in claims.yaml, or the site's own page (a bug, not an editor's mistake).
"""

import os
import posixpath
import re

from pelican.utils import sanitised_join
from pelican.writers import Writer

from . import staging, urls
from .digests import REUSED, Pages
from .errors import CorpusError, Problem
from .pelican_adapter import claims_path, display_path

DRY_RUN = staging.DRY_RUN  # setting: render every page, write none (`check`)
PATH_KEYS = ("save_as", "url", "template", "slug", "title")  # header keys that decide a page's path, first
ITEM_KINDS = ("claim", "event", "speaker", "party", "topic")
# id="…" after a space: the pattern starts with its literal `id=`, which the regex engine finds
# fast; check_ids keeps only the matches after whitespace (not data-id=), as \sid= would.
_HTML_ID = re.compile(r"""id=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""")


class Origin:
    """Who asked for a path: a place in an input file, or the site itself."""

    def __init__(self, description, path=None, line=1, col=0):
        self.description, self.path, self.line, self.col = description, path, line, col

    def __str__(self):
        if self.path and self.path not in self.description:
            return f"{self.description} ({self.path}:{self.line})"
        return self.description


def origin_of(kwargs, template_name, settings):
    """The origin of a page from the variables it is written with."""
    for kind in ("article", "page"):
        content = kwargs.get(kind)
        if content is not None and getattr(content, "source_path", None):
            path = display_path(content.source_path)
            return Origin(path, path, _header_line(content.source_path, PATH_KEYS))
    for kind in ITEM_KINDS:
        item = kwargs.get(kind)
        if item is not None:
            file, line, col = getattr(item, "origin", None) or (display_path(claims_path(settings)), 1, 0)
            return Origin(f"the {kind} '{item.id}'", file, line, col)
    return Origin(f"the site's {template_name or 'own'} page")


def _header_line(source_path, keys):
    """The line of the first of `keys` in a Markdown file's metadata header, else 1."""
    try:
        with open(source_path, encoding="utf-8", errors="replace") as file:
            for number, line in enumerate(file, 1):
                if not line.strip():
                    break
                if line.split(":", 1)[0].strip().lower() in keys:
                    return number
    except OSError:
        pass
    return 1


class GuardedWriter(Writer):
    """Pelican's writer with the gate's rules (above); in a dry run it writes no page."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.dry_run = bool(self.settings.get(DRY_RUN))
        self.root = os.path.realpath(output_path)
        self.absolute = os.path.join(os.path.abspath(output_path), "")  # as Pelican's writer joins paths
        self.planned = {}  # path from the site root -> Origin
        self.folders = {}  # folder -> its real path (_resolved)
        self.inside = set()  # paths found inside the output folder (_inside)
        self.problems = []
        self.origin = Origin("the site")
        self.context_corpus, self._by_id = None, None  # the corpus, once a page is written with it
        self.reported_ids = set()
        theme = self.settings.get("THEME_STATIC_DIR", "theme")
        self.reserved_folders = {f"{theme}/": "the theme's files", "pagefind/": "the search index",
                                 "pagefind-claims/": "the search index"}
        staged = self.settings.get(staging.LIVE_SETTING)
        self.pages = Pages(self.settings) if staged else None  # None: render every page
        self.linked = set()  # paths hard-linked from the live build
        self._folders_made = set()

    # -- what generators call

    def write_file(self, name, template, context, *args, **kwargs):
        if not name:
            return None
        self.origin = origin_of(kwargs, kwargs.get("template_name"), self.settings)
        self.context_corpus = self.context_corpus or context.get("corpus")
        if not self._inside(name):
            return None
        kept = self._kept(name, template, context, kwargs)
        if kept:
            return None
        try:
            return super().write_file(name, _IdChecked(template, self, reuse=kept is None), context, *args, **kwargs)
        except CorpusError:
            raise
        except Exception as error:  # a template or Pelican failing on this page: say which page
            origin = self.origin
            self.problems.append(Problem(origin.path or "(the site)", origin.line, origin.col,
                                         f"the page {name} could not be made: {type(error).__name__}: {error}",
                                         f"from {origin}" if not origin.path else ""))
            raise CorpusError(self.problems) from None

    def write_feed(self, *args, **kwargs):
        self.origin = Origin("a Pelican feed")
        return super().write_feed(*args, **kwargs)

    def reserve(self, path, origin):
        """Claim `path` for a file written outside the writer (data files, feeds)."""
        return self._plan(path, origin)

    def absorb(self, planned, problems, pages=None):
        """What a second rendering process planned, found and rendered (parallel.py)."""
        for path, origin in planned.items():
            self._plan(path, origin)
        self.problems += problems
        if pages:
            self.pages.absorb(*pages)

    def finish(self):
        """Raise every problem found; called once all pages are written. Then keep the
        digest of every page for the next build (digests.py)."""
        if self.problems:
            raise CorpusError(self.problems)
        if self.pages and not self.dry_run:
            self.pages.save(self.output_path)

    def _kept(self, name, template, context, kwargs):
        """A page of its own (not a page of a list) that the live build has unchanged: its
        path checked and planned, it and its twin linked in, without Pelican's writer. None
        for the pages of a list, decided page by page as each is rendered (_IdChecked)."""
        if self.pages is None:
            return False
        if kwargs.get("paginated") or "articles" in kwargs or "dates" in kwargs:
            return None
        if not self.reuse(template.name, {**kwargs, "output_file": name}, context, inside=True):
            return False
        path = posixpath.normpath(name)
        if self._plan(path, self.origin) and path.endswith(".html"):
            self._plan(urls.json_twin(path), self.origin)
        self._written_files.add(sanitised_join(self.output_path, name))
        return True

    def reuse(self, template, page, context, inside=False):
        """Whether the page about to be written (`page`: what it is written with, as far as
        digests.py reads it) is the live build's, unchanged: then it and its twin are
        hard-linked into this build, and it is not rendered."""
        pages = self.pages
        if pages is None:
            return False
        name = posixpath.normpath(page["output_file"])
        digest = pages.digest(template, page, context)
        if digest is not None:
            pages.made[name] = digest
        if pages.unchanged(name, digest) and (self.dry_run or self._link_live(name, inside)):
            page[REUSED] = True
            pages.reused += 1
            return True
        pages.rendered.append(name)
        return False

    def carry(self, path, inputs, context):
        """Whether data file `path`, made from `inputs` (datafiles.py), is the live build's
        unchanged: then it is hard-linked into this build, and not written."""
        pages = self.pages
        if pages is None:
            return False
        if pages.file_digest(path, inputs, context) and (self.dry_run or self._link_live(path)):
            return True
        pages.written.append(path)
        return False

    def _link_live(self, name, inside=False):
        """Hard-link page `name` and its twin from the live build; False (and nothing linked)
        if either is missing or the path is not one a page may take (`inside`: write_file
        has just checked that it lies inside the output folder)."""
        folder = posixpath.dirname(name)
        if not inside and os.path.commonpath([self.root, self._resolved(os.path.join(self.output_path, name))]) != self.root:
            return False
        if any(name.startswith(f) for f in self.reserved_folders):
            return False
        done = []
        try:
            for path in [name, urls.json_twin(name)] if name.endswith(".html") else [name]:
                made = os.path.join(self.output_path, path)
                if folder not in self._folders_made:
                    os.makedirs(os.path.dirname(made), exist_ok=True)
                    self._folders_made.add(folder)
                os.link(os.path.join(self.pages.live_folder, path), made)
                done.append(made)
        except OSError:
            for made in done:
                os.unlink(made)
            return False
        self.linked.add(name)
        return True

    # -- Pelican's writer calls these

    def _open_w(self, filename, encoding, override=False):
        # Pelican's writer passes the absolute, normalised path: what follows the output folder
        inside = filename.startswith(self.absolute) and filename[len(self.absolute):]
        path = (inside or os.path.relpath(filename, self.output_path)).replace(os.sep, "/")
        if self._inside(path) and self._plan(path, self.origin) and path.endswith(".html"):
            self._plan(urls.json_twin(path), self.origin)
        self._written_files.add(filename)
        if self.dry_run or path in self.linked:
            return open(os.devnull, "w", encoding=encoding)
        replace(filename)
        return open(filename, "w", encoding=encoding)

    # -- the rules

    def _inside(self, name):
        """Whether `name` resolves inside the output folder (symbolic links followed). A page's
        path is asked twice (by write_file, then by _open_w): once found inside, it is known."""
        if name in self.inside:
            return True
        target = self._resolved(os.path.join(self.output_path, name))
        if os.path.isabs(name) or not target.startswith(os.path.join(self.root, "")):  # target is normalised
            self._report(self.origin, f"'{name}' would be written outside the output folder",
                         "every page is named from its Slug or id; leave out Save_as and Url")
            return False
        self.inside.add(name)
        return True

    def _resolved(self, path):
        """os.path.realpath(path), each folder resolved once a build: pages come by the
        thousand into a few folders, and the writer makes them as real folders."""
        folder, leaf = os.path.split(path)
        if leaf in ("", os.curdir, os.pardir):
            return os.path.realpath(path)
        if folder not in self.folders:
            self.folders[folder] = os.path.realpath(folder)
        target = os.path.join(self.folders[folder], leaf)
        return os.path.realpath(target) if os.path.islink(target) else target

    def _plan(self, path, origin):
        path = posixpath.normpath(path)
        folder = next((f for f in self.reserved_folders if path.startswith(f)), None)
        if folder:
            self._report(origin, f"'{path}' is inside {folder}, which holds {self.reserved_folders[folder]}",
                         "choose another Slug or id")
        elif path in self.planned:
            first = self.planned[path]
            located = origin if origin.path or not first.path else first
            other = first if located is origin else origin
            # the same words whichever process rendered which page first (parallel.py)
            self._report(located, f"'{path}' would be written twice: by {other} and by {located.description}",
                         "choose another Slug or id" if located.path else "this is a bug")
        else:
            self.planned[path] = origin
            return True
        return False

    def check_ids(self, html, origin, name):
        """Every id on a page is given once: an item's id must not be an id the page uses."""
        seen = set()
        position = 0
        while match := _HTML_ID.search(html, position):
            start, position = match.start(), match.end()
            if not start or not html[start - 1].isspace():  # data-id=: look again from the next character
                position = start + 1
                continue
            value = next(group for group in match.groups() if group is not None)
            if value in seen:
                item = self._items().get(value)
                blamed = getattr(item, "gate_origin", origin)
                if (value, blamed.path, blamed.line) not in self.reported_ids:  # once, whatever the page
                    where = "one of the site's pages" if item else name
                    self._report(blamed, f"the id '{value}' is given twice on {where}",
                                 "an id names one thing on a page: choose another id")
                self.reported_ids.add((value, blamed.path, blamed.line))
            seen.add(value)

    def _items(self):
        """Every item of the corpus by id, to blame an id on the item that brought it."""
        if self._by_id is None:
            corpus = self.context_corpus
            self._by_id = {}
            for item in (corpus.parties + corpus.speakers + corpus.topics + corpus.claims + corpus.events
                         if corpus else []):
                file, line, col = getattr(item, "origin", (None, 1, 0))
                item.gate_origin = Origin(f"the id '{item.id}'", file, line, col)
                self._by_id[item.id] = item
        return self._by_id

    def _report(self, origin, message, hint):
        path = origin.path or display_path(self.settings.get("CONFIGFILE", "") or "pelicanconf.py")
        self.problems.append(Problem(path, origin.line, origin.col, message, hint))


class _IdChecked:
    """A template whose every rendering is checked for repeated HTML ids."""

    def __init__(self, template, writer, reuse=True):
        self.template, self.writer, self.reuse = template, writer, reuse

    def render(self, context):
        if self.reuse and self.writer.reuse(self.template.name, context, context):
            return ""  # the live build's page, linked in (GuardedWriter.reuse)
        html = self.template.render(context)
        self.writer.check_ids(html, self.writer.origin, context.get("output_file", ""))
        return html

    def __getattr__(self, name):
        return getattr(self.template, name)


def replace(filename):
    """Remove `filename` before it is written: it may be a hard link to the live build's
    file, which writing in place would change."""
    if os.path.lexists(filename):
        os.unlink(filename)


def get_writer(pelican):
    return GuardedWriter
