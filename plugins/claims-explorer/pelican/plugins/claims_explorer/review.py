"""`review`: what a change to the corpus does, in Markdown a reviewer reads without the YAML.

`make review BASE=<rev>` compares the working tree with the git revision BASE (in CI, the
pull request's base commit; the workflow writes the report to the job summary). Both sides
are read by the build's own readers (`load.read_yaml` for claims.yaml, Pelican's reader for
the articles), so the review sees what the build sees. It lists claims and events added,
removed, renamed (the same record under a new id) and changed (field by field, old → new),
shows every quote in its paragraph with the words in bold, lists article text changes with
the claims and events they move to another paragraph or leave without their words, and
ends with what `make check` says of the change.
"""

import difflib
import io
import os
import re
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from html import escape

from .article_check import article_problems
from .corpus import load_corpus
from .dates import DateError, parse_when
from .errors import CorpusError
from .load import read_yaml
from .model import KINDS
from .pelican_adapter import articles_from, claims_path, display_path, read_articles
from .text import find_all

RECORDS = {"claims": "claim", "events": "event", "eras": "era"}  # records with an id and cited words
NAMED = ("parties", "speakers", "topics")
HEADER_KEYS = ("title", "date", "date_inferred", "date_edtf", "outlet", "outlet_inferred", "byline", "source_url",
               "title_inferred", "editing")


class ReviewError(Exception):
    """The base revision cannot be read (a git error); the message says why."""


@dataclass
class Snapshot:
    """One side of the comparison: claims.yaml's records by id, and the articles by slug."""

    label: str
    records: dict = field(default_factory=dict)  # "claims"/"events" -> {id: record}
    names: dict = field(default_factory=dict)  # "parties"/"speakers"/"topics" -> {id: name}
    named: dict = field(default_factory=dict)  # "parties"/"speakers"/"topics" -> {id: record}
    articles: dict = field(default_factory=dict)  # slug -> model.Article
    unreadable: list = field(default_factory=list)  # problems that stopped claims.yaml being read


def review(settings, base):
    """The Markdown review of the working tree against git revision `base`."""
    head = _snapshot(settings, "this change")
    with tempfile.TemporaryDirectory(prefix="review-") as folder:
        old = _snapshot(_settings_at(settings, base, folder), base)
    out = [f"# Review: what this change does to the corpus\n",
           f"Compared with {_code(base)} ({_md(_describe(base))}).\n"]
    for key, noun in RECORDS.items():
        out += _records_section(key, noun, old, head)
    out += _named_section(old, head)
    out += _articles_section(old, head)
    out += _checks_section(settings, head)
    return "\n".join(out)


# -- reading the two sides

def _snapshot(settings, label):
    snapshot = Snapshot(label)
    path = claims_path(settings)
    doc, problems = read_yaml(path, display_path(path))
    data = doc.data if isinstance(doc.data, dict) else {}
    snapshot.unreadable = problems if doc.data is None else []
    for key in RECORDS:
        items = data.get(key) if isinstance(data.get(key), list) else []
        snapshot.records[key] = {item["id"]: item for item in items if isinstance(item, dict) and "id" in item}
    for key in NAMED:
        items = data.get(key) if isinstance(data.get(key), list) else []
        snapshot.named[key] = {i["id"]: i for i in items if isinstance(i, dict) and "id" in i}
        snapshot.names[key] = {i: record.get("name", i) for i, record in snapshot.named[key].items()}
    snapshot.articles = articles_from(read_articles(settings))
    return snapshot


def _settings_at(settings, revision, folder):
    """Settings that read the content folder and claims file as they are at `revision`,
    written into `folder`; Pelican's content cache stays out of it."""
    top = _git("rev-parse", "--show-toplevel").strip()
    wanted = {name: os.path.relpath(path, top) for name, path in
              (("PATH", settings["PATH"]), ("CLAIMS_FILE", claims_path(settings)))}
    for relative in wanted.values():
        try:
            archive = _git("archive", "--format=tar", revision, "--", relative, text=False, cwd=top)
        except ReviewError:
            if not _git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", check=False).strip():
                raise
            continue  # the revision has no such file yet: that side is empty
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
    os.makedirs(os.path.join(folder, wanted["PATH"]), exist_ok=True)
    return {**settings, "PATH": os.path.join(folder, wanted["PATH"]),
            "CLAIMS_FILE": os.path.join(folder, wanted["CLAIMS_FILE"]),
            "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False}


def _git(*args, text=True, cwd=None, check=True):
    result = subprocess.run(["git", *args], capture_output=True, text=text, cwd=cwd)
    if check and result.returncode != 0:
        error = result.stderr if text else result.stderr.decode("utf-8", "replace")
        raise ReviewError(f"git {args[0]}: {error.strip()}")
    return result.stdout


def _describe(revision):
    return _git("log", "-1", "--format=%h %s", revision).strip()


# -- claims and events

def _records_section(key, noun, old, new):
    before, after = old.records[key], new.records[key]
    if key == "eras" and not (before or after):
        return []  # a corpus without eras: nothing to say
    added = sorted(after.keys() - before.keys())
    removed = sorted(before.keys() - after.keys())
    renamed = []
    for gone in list(removed):
        twin = next((a for a in added if _without_id(after[a]) == _without_id(before[gone])), None)
        if twin:
            renamed.append((gone, twin))
            added.remove(twin)
            removed.remove(gone)
    changed = sorted(i for i in before.keys() & after.keys() if before[i] != after[i])
    title = key.capitalize()
    if not (added or removed or renamed or changed):
        return [f"## {title}\n", f"No {key} added, removed, renamed or changed.\n"]
    out = [f"## {title}\n", _summary_line(added, removed, renamed, changed) + "\n"]
    for record_id in added:
        out += [f"### Added {noun} {_code(record_id)}\n", *_record(after[record_id], new)]
    for record_id in removed:
        out += [f"### Removed {noun} {_code(record_id)}\n", *_record(before[record_id], old)]
    for gone, twin in renamed:
        out += [f"### Renamed {noun} {_code(gone)} → {_code(twin)}\n",
                "The same record under a new id: its page moves to the new address, and links to the old id break.\n"]
    for record_id in changed:
        out += [f"### Changed {noun} {_code(record_id)}\n", *_changes(before[record_id], after[record_id], old, new)]
    return out


def _summary_line(added, removed, renamed, changed):
    parts = [(len(added), "added"), (len(removed), "removed"), (len(renamed), "renamed"), (len(changed), "changed")]
    return ", ".join(f"{count} {what}" for count, what in parts if count) + "."


def _without_id(record):
    return {k: v for k, v in record.items() if k != "id"}


def _record(record, side):
    """A claim or event as a reader sees it: who, when, what, and its words in context."""
    lines = []
    who = _who(record, side)
    if who:
        lines.append(f"- **Who:** {who}")
    if "kind" in record:
        lines.append(f"- **Kind:** {_md(KINDS.get(record['kind'], record['kind']))}")
    lines.append(f"- **Date:** {_date(record.get('date'))}")
    if record.get("date_basis"):
        lines.append(f"- **How dated:** {_md(record['date_basis'])}")
    for label in ("text", "title"):
        if label in record:
            lines.append(f"- **{'Summary' if label == 'text' else 'Title'}:** {_md(record[label])}")
    for relation in ("disputes", "answers"):
        if record.get(relation):
            lines.append(f"- **{relation.capitalize()}:** {', '.join(f'{_code(i)}' for i in record[relation])}")
    if isinstance(record.get("allow"), dict):
        for check, reason in record["allow"].items():
            lines.append(f"- **Excused from {_code(check)}:** {_md(reason)}")
    for source in _sources(record):
        lines.append("")
        lines.append(_in_context(source, side))
    return lines + [""]


def _who(record, side):
    names = side.names
    if record.get("speaker"):
        return _md(names["speakers"].get(record["speaker"], record["speaker"]))
    if record.get("party"):
        party = _md(names["parties"].get(record["party"], record["party"]))
        voice = record.get("attribution")
        return f"{party} (“{_md(voice)}”)" if voice and voice != names["parties"].get(record["party"]) else party
    if record.get("parties"):
        return ", ".join(_md(names["parties"].get(p, p)) for p in record["parties"])
    return ""


def _date(text):
    try:
        return f"{_md(parse_when(text).words)} ({_code(text)})"
    except (DateError, TypeError, AttributeError):
        return f"{_code(str(text))} (not a date the site can read)"


def _sources(record):
    if isinstance(record.get("source"), dict):
        return [record["source"]]
    return [s for s in record.get("sources") or [] if isinstance(s, dict)]


def _locate(source, side):
    """(article, paragraph, span), or (article or None, None, number of places found)."""
    article = side.articles.get(source.get("article"))
    quote = source.get("quote")
    if article is None or not isinstance(quote, str):
        return None, None, 0
    hits = [(p, span) for p in article.paragraphs for span in find_all(quote, p.text)]
    if len(hits) == 1:
        return article, *hits[0]
    return article, None, len(hits)


def _in_context(source, side):
    """The paragraph a source's words are in, as a blockquote with the words in bold."""
    article, paragraph, span = _locate(source, side)
    if article is None:
        return f"> ⚠ no article has the slug {_code(str(source.get('article')))}"
    if paragraph is None:
        found = "is not in" if span == 0 else f"is found {span} times in"
        return f"> ⚠ the quote “{_md(str(source.get('quote')))}” {found} *{_md(article.title)}*"
    text = paragraph.text
    marked = f"{_md(text[:span[0]])}<b>{_md(text[span[0]:span[1]])}</b>{_md(text[span[1]:])}"
    return f"> ¶{paragraph.number} of *{_md(article.title)}* ({_code(article.slug)}): {marked}"


def _changes(before, after, old, new):
    """Field by field, old → new; then the words in context before and after, if they moved."""
    flat_before, flat_after = _flatten(before), _flatten(after)
    rows = ["| field | before | after |", "| --- | --- | --- |"]
    for name in sorted(flat_before.keys() | flat_after.keys(), key=_field_order):
        was, now = flat_before.get(name), flat_after.get(name)
        if was != now:
            show = _date if name == "date" else _cell
            rows.append(f"| {_code(name)} | {show(was) if was is not None else _cell(was)} | "
                        f"{show(now) if now is not None else _cell(now)} |")
    lines = rows + [""]
    for name in sorted(flat_before.keys() & flat_after.keys(), key=_field_order):
        was, now = flat_before[name], flat_after[name]
        if was != now and isinstance(was, str) and isinstance(now, str) and len(was.split()) > 3:
            lines += [f"{_code(name)}, word by word: {_word_diff(was, now)}", ""]
    old_sources, new_sources = _sources(before), _sources(after)
    if old_sources != new_sources or any(_located_text(s, old) != _located_text(s, new) for s in new_sources):
        lines += ["Before:", ""] + [_in_context(s, old) for s in old_sources] + [""]
        lines += ["After:", ""] + [_in_context(s, new) for s in new_sources] + [""]
    else:
        lines += [_in_context(s, new) for s in new_sources] + [""]
    return lines


FIELD_ORDER = ("speaker", "party", "attribution", "parties", "kind", "date", "date_basis", "text", "title",
               "topics", "source", "sources", "disputes", "answers", "allow")


def _field_order(name):
    head = name.split(".")[0].split("[")[0]
    return (FIELD_ORDER.index(head) if head in FIELD_ORDER else len(FIELD_ORDER), name)


def _flatten(value, prefix=""):
    """{dotted field name: text} for a record: source.quote, sources[2].article, topics."""
    if isinstance(value, dict):
        flat = {}
        for key, item in value.items():
            flat.update(_flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value):
        flat = {}
        for index, item in enumerate(value, 1):
            flat.update(_flatten(item, f"{prefix}[{index}]"))
        return flat
    if isinstance(value, list):
        return {prefix: "[" + ", ".join(str(item) for item in value) + "]"}
    return {prefix: value}


def _located_text(source, side):
    article, paragraph, _ = _locate(source, side)
    return (article.slug, paragraph.number, paragraph.text) if paragraph else None


def _named_section(old, new):
    """Parties, speakers and topics added, removed or changed, field by field."""
    out = []
    for key, noun in (("parties", "party"), ("speakers", "speaker"), ("topics", "topic")):
        before, after = old.named[key], new.named[key]
        for record_id in sorted(after.keys() - before.keys()):
            out.append(f"- Added {noun} {_code(record_id)}: {_md(after[record_id].get('name', ''))}")
        for record_id in sorted(before.keys() - after.keys()):
            out.append(f"- Removed {noun} {_code(record_id)}: {_md(before[record_id].get('name', ''))}")
        for record_id in sorted(i for i in before.keys() & after.keys() if before[i] != after[i]):
            was, now = _flatten(before[record_id]), _flatten(after[record_id])
            fields = "; ".join(f"{_code(name)}: {_cell(was.get(name))} → {_cell(now.get(name))}"
                               for name in sorted(was.keys() | now.keys()) if was.get(name) != now.get(name))
            out.append(f"- Changed {noun} {_code(record_id)}: {fields}")
    if not out:
        return []
    return ["## Parties, speakers and topics\n", *out, ""]


# -- articles

def _articles_section(old, new):
    out = ["## Articles\n"]
    slugs = sorted(old.articles.keys() | new.articles.keys())
    changed = False
    for slug in slugs:
        before, after = old.articles.get(slug), new.articles.get(slug)
        if before is None:
            out += [f"### Added article {_code(slug)}: *{_md(after.title)}*\n",
                    f"{len(after.paragraphs)} paragraphs.\n"]
        elif after is None:
            out += [f"### Removed article {_code(slug)}: *{_md(before.title)}*\n"]
        else:
            lines = _header_changes(before, after) + _text_changes(before, after)
            moved = _moved_citations(slug, old, new)
            if not (lines or moved):
                continue
            out += [f"### Changed article {_code(slug)}: *{_md(after.title)}*\n", *lines, *moved]
        changed = True
        orphans = [] if after is not None else _citing(slug, new)
        if orphans:
            out += ["Claims and events still citing it:", ""] + [f"- {_code(i)}" for i in orphans] + [""]
    if not changed:
        out.append("No article added, removed or changed.\n")
    return out


def _header_changes(before, after):
    rows = []
    for key in HEADER_KEYS:
        was, now = _header(before, key), _header(after, key)
        if was != now:
            rows.append(f"| `{key.capitalize()}` | {_cell(was)} | {_cell(now)} |")
    return ["| header | before | after |", "| --- | --- | --- |", *rows, ""] if rows else []


def _header(article, key):
    value = getattr(article.pelican, key, None) if article.pelican is not None else None
    if key == "date" and value is not None:
        return value.date().isoformat()
    return value if value is None else str(value)


def _text_changes(before, after):
    """Paragraphs added, removed and changed, the changed ones word by word."""
    old = [p.text for p in before.paragraphs]
    new = [p.text for p in after.paragraphs]
    lines = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        pairs = list(zip(range(a1, a2), range(b1, b2))) if op == "replace" else []
        for a, b in pairs:
            lines.append(f"- ¶{a + 1} → ¶{b + 1}, changed: {_word_diff(old[a], new[b])}")
        for a in range(a1 + len(pairs), a2):
            lines.append(f"- ¶{a + 1} removed: <del>{_md(old[a])}</del>")
        for b in range(b1 + len(pairs), b2):
            lines.append(f"- ¶{b + 1} added: <ins>{_md(new[b])}</ins>")
    return lines + [""] if lines else []


def _moved_citations(slug, old, new):
    """Unchanged claims and events of this article whose words now sit elsewhere, or nowhere,
    in the order of the paragraphs they were in."""
    found = []
    for key, noun in RECORDS.items():
        for record_id, record in new.records[key].items():
            if old.records[key].get(record_id) != record:
                continue  # added or changed: shown with its record above
            sources = _sources(record)
            for index, source in enumerate(sources, 1):
                if source.get("article") != slug:
                    continue
                was, now = _locate(source, old), _locate(source, new)
                if now[1] is None and was[1] is None:
                    continue  # had no place before either: the checks report it
                name = f"{noun} {_code(record_id)}" + (f" (source {index})" if len(sources) > 1 else "")
                if now[1] is None:
                    where = "is no longer in" if now[2] == 0 else f"is now found {now[2]} times in"
                    line = f"- {name} loses its words: the quote “{_md(source['quote'])}” {where} the article"
                elif was[1] is None or was[1].number != now[1].number:
                    line = f"- {name} moves: " + (f"¶{was[1].number} → ¶{now[1].number}" if was[1] else f"now ¶{now[1].number}")
                elif was[1].text != now[1].text:
                    line = f"- {name}: its paragraph ¶{now[1].number} changed around its words"
                else:
                    continue
                found.append(((was[1].number if was[1] else 0, record_id, index), line))
    lines = [line for _, line in sorted(found)]
    return ["Citations this moves or breaks:", "", *lines, ""] if lines else []


def _citing(slug, side):
    return sorted(record_id for key in RECORDS for record_id, record in side.records[key].items()
                  if any(s.get("article") == slug for s in _sources(record)))


# -- checks

def _checks_section(settings, head):
    out = ["## Checks\n"]
    if head.unreadable:
        return out + ["claims.yaml cannot be read:", "", "```text", *map(str, head.unreadable), "```", ""]
    try:
        problems = article_problems(settings)
        if problems:
            raise CorpusError(problems)
        path = claims_path(settings)
        corpus = load_corpus(path, display_path(path), head.articles)
    except CorpusError as error:
        count = len(error.problems)
        return out + [f"❌ `make check` finds {count} problem{'s' if count != 1 else ''}:", "", "```text",
                      *map(str, error.problems), "```", ""]
    counts = ", ".join(f"{n} {k}" for k, n in corpus.counts.items())
    return out + [f"✅ `make check` passes, the curation checks included: {counts}.\n"]


# -- Markdown

_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]|#~"})


def _md(text):
    """Plain text as Markdown that shows it as it is (HTML escaped, Markdown inert)."""
    return re.sub(r"\s+", " ", escape(str(text), quote=False).translate(_SPECIAL))


def _code(text):
    """Text as a Markdown code span (shown exactly, HTML and Markdown inert)."""
    text = re.sub(r"\s+", " ", str(text))
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def _cell(value):
    return "*(none)*" if value is None else _md(value)


def _word_diff(old, new):
    a, b = old.split(), new.split()
    out = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(_md(" ".join(a[a1:a2])))
            continue
        if a1 < a2:
            out.append(f"<del>{_md(' '.join(a[a1:a2]))}</del>")
        if b1 < b2:
            out.append(f"<ins>{_md(' '.join(b[b1:b2]))}</ins>")
    return " ".join(out)
