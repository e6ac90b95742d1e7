"""Build the corpus from claims.yaml and the articles, checking everything on the way.

load (strict YAML) → shape (JSON Schema) → references, dates and quotes (here) → model.
Every problem is collected; `load_corpus` raises one CorpusError listing all of them, so a
corpus that builds has no dangling reference, no bad date and no unplaced quote.
"""

import contextlib
import datetime
import difflib
import gc

from .curation import curation_problems
from .dates import ACCEPTED_FORMS, parse_when
from .errors import CorpusError
from .load import read_yaml
from .model import Citation, Claim, Corpus, Era, Event, Party, Speaker, Topic, in_date_order
from .schema import shape_problems
from .text import Haystack, find_all, normalise

LISTS = {"party": "parties", "speaker": "speakers", "topic": "topics", "claim": "claims"}
TIMELINE_LISTS = ("claims", "events")
KNOWN_SHOWN = 5  # a hint lists this many known ids at most
CLOSE_LOOKUPS = 200  # "did you mean" for the first unknown references only (each compares with every id)


def load_corpus(claims_path, display_path, articles, today=None):
    """The checked Corpus, or CorpusError with every problem in claims.yaml."""
    with collector_paused():
        return _load_corpus(claims_path, display_path, articles, today)


@contextlib.contextmanager
def collector_paused():
    """Python's cycle collector off while the corpus is read: reading makes millions of
    objects that all live on, and each collection it would start walks every one of them
    again (a quarter of the time spent reading); the little garbage it leaves is collected after."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _load_corpus(claims_path, display_path, articles, today):
    doc, problems = read_yaml(claims_path, display_path)
    shape = shape_problems(doc) if doc.data is not None else []
    if not isinstance(doc.data, dict):
        raise CorpusError(problems + shape)
    builder = _Builder(doc, articles, today or datetime.date.today())
    corpus = builder.build()
    # where the checks below say more about a value than its shape did, keep theirs
    checked = {(p.line, p.col) for p in builder.problems}
    problems += [p for p in shape if (p.line, p.col) not in checked] + builder.problems
    problems += curation_problems(doc, corpus)  # which words a claim cites, and its date
    if not problems:
        problems = _dropped(doc, corpus)
    if problems:
        raise CorpusError(problems)
    return corpus


def _dropped(doc, corpus):
    """Guard: every record in the file is in the corpus (a builder bug must not lose one)."""
    return [
        doc.problem((key,), f"{len(doc.data[key]) - len(getattr(corpus, key))} of the {key} could not be read",
                    "this is a bug in the explorer; please report it")
        for key in ("parties", "speakers", "topics", "claims", "events", "eras")
        if len(doc.data.get(key) or []) != len(getattr(corpus, key))
    ]


class _Builder:
    """Turns checked-shape data into model objects, noting every broken reference."""

    def __init__(self, doc, articles, today):
        self.doc, self.articles, self.today = doc, articles, today
        self.problems = []
        self.declared = set()  # (list, id) of every record written, built or not
        self.alias_owner = {}  # casefolded topic alias -> id of the topic that lists it
        self.timeline_ids = {}  # id -> (list, line) of every claim and event
        self.unknown = 0  # references to ids that do not exist, so far
        self.haystacks = {}  # slug -> its article's paragraphs, and their Haystack

    def build(self):
        parties = self.collect("parties", self.party)
        self.parties = {p.id: p for p in parties}
        speakers = self.collect("speakers", self.speaker)
        self.speakers = {s.id: s for s in speakers}
        topics = self.collect("topics", self.topic)
        self.topics = {t.id: t for t in topics}
        claims = self.collect("claims", self.claim)
        self.link_claims(claims)
        events = self.collect("events", self.event)
        self.fill_back_references(claims, events)
        eras = in_date_order(self.collect("eras", self.era))
        return Corpus(parties, speakers, topics, claims, events, self.articles, eras)

    # -- one function per kind of record; each returns None when it cannot be built

    def party(self, path, item):
        return Party(item["id"], item["name"], item.get("short", item["name"]), item.get("description", ""), path[1])

    def speaker(self, path, item):
        party = self.ref(path + ("party",), self.parties, "party")
        return party and Speaker(item["id"], item["name"], item.get("role", ""), party)

    def topic(self, path, item):
        aliases = item.get("aliases", [])
        for index, alias in enumerate(aliases):
            if alias.casefold() == item["name"].casefold():
                self.report(path + ("aliases", index), f"alias '{alias}' is the topic's own name", "list only other names")
            elif alias.casefold() in self.alias_owner:
                self.report(path + ("aliases", index), f"alias '{alias}' is also an alias of topic '{self.alias_owner[alias.casefold()]}'",
                            "an alias names one topic, so a search for it finds that topic's claims")
            else:
                self.alias_owner[alias.casefold()] = item["id"]
        return Topic(item["id"], item["name"], item.get("description", ""), list(aliases))

    def claim(self, path, item):
        if "speaker" in item:
            speaker = self.ref(path + ("speaker",), self.speakers, "speaker")
            party = speaker and speaker.party
        else:
            speaker, party = None, self.ref(path + ("party",), self.parties, "party")
        when = self.when(path)
        topics = self.refs(path + ("topics",), self.topics, "topic")
        source = self.citation(path + ("source",))
        if None in (party, when, topics, source):
            return None
        self.check_said_by(path, when, source.article)
        claim = Claim(
            item["id"], item["text"], item["kind"], when, item.get("date_basis", ""), party, speaker,
            item.get("attribution", ""), topics, source,
        )
        claim.path = path
        return claim

    def event(self, path, item):
        when = self.when(path)
        parties = self.refs(path + ("parties",), self.parties, "party")
        topics = self.refs(path + ("topics",), self.topics, "topic") if "topics" in item else []
        sources = [self.citation(path + ("sources", i)) for i in range(len(item["sources"]))]
        if when is None or parties is None or topics is None or None in sources:
            return None
        self.check_not_future(path, when)
        return Event(item["id"], item["title"], when, item.get("date_basis", ""), parties, topics, sources)

    def era(self, path, item):
        """An era needs both ends (a span the articles state) and its evidence: sources,
        or a date_basis saying where its dates come from."""
        when = self.when(path)
        sources = [self.citation(path + ("sources", i)) for i in range(len(item.get("sources") or []))]
        if when is None or None in sources:
            return None
        if not (when.is_interval and when.earliest and when.latest):
            self.report(path + ("date",), f"era '{item['id']}' needs a start and an end, not '{when.edtf}'",
                        "write an interval with both ends, such as 2019-02-02/2019-08-02")
            return None
        if not sources and not item.get("date_basis"):
            self.report(path, f"era '{item['id']}' gives no evidence for its dates",
                        "add 'sources' quoting the article, or a 'date_basis' saying where the dates come from")
            return None
        self.check_not_future(path, when)
        return Era(item["id"], item["title"], when, item.get("date_basis", ""), sources)

    # -- helpers shared by the record builders

    def collect(self, key, make):
        """Build every well-shaped record under `key`, reporting repeated ids. Claims and
        events share one set of ids: both are items of the timeline, anchored by their id."""
        built, seen = [], self.timeline_ids if key in TIMELINE_LISTS else {}
        for index, item in enumerate(self.doc.data.get(key) or []):
            path = (key, index)
            if not _well_shaped(item):
                continue
            if item["id"] in seen:
                other, line = seen[item["id"]]
                where = f"first on line {line}" if other == key else f"line {line} gives it to one of the {other}"
                self.report(path + ("id",), f"id '{item['id']}' is used twice", where)
                continue
            origin = self.doc.where(path + ("id",))
            seen[item["id"]] = key, origin[0]
            self.declared.add((key, item["id"]))
            try:
                record = make(path, item)
            except (KeyError, TypeError, AttributeError):
                record = None  # its shape is already reported by the schema
            if record is not None:
                record.origin = (self.doc.path, *origin)  # for messages about its pages
                built.append(record)
        return built

    def ref(self, path, table, what):
        """The record `path` names; a record that exists but has problems of its own is
        not reported again here."""
        value = self.value(path)
        if value in table:
            return table[value]
        if isinstance(value, str) and (LISTS[what], value) not in self.declared:
            self.unknown += 1  # past a few hundred, no one reads the hints: skip the search
            self.report(path, f"no {what} has the id '{value}'", _suggest(value, table, self.unknown <= CLOSE_LOOKUPS))
        return None

    def refs(self, path, table, what):
        values = self.value(path)
        if not isinstance(values, list):
            return None
        found = [self.ref(path + (i,), table, what) for i in range(len(values))]
        return None if None in found else found

    def when(self, path):
        text = self.value(path + ("date",))
        try:
            return parse_when(text)
        except ValueError as error:  # DateError, or any other date the calendar refuses
            self.report(path + ("date",), str(error), ACCEPTED_FORMS)
        except (TypeError, AttributeError):
            pass
        return None

    def citation(self, path):
        slug, quote = self.value(path + ("article",)), self.value(path + ("quote",))
        if not isinstance(slug, str) or not isinstance(quote, str):
            return None
        article = self.articles.get(slug)
        if article is None:
            self.report(path + ("article",), f"no article has the slug '{slug}'", _suggest(slug, self.articles))
            return None
        if slug not in self.haystacks:
            paragraphs = article.paragraphs
            self.haystacks[slug] = paragraphs, Haystack([p.text for p in paragraphs])
        paragraphs, haystack = self.haystacks[slug]
        hits = [(paragraphs[index], span) for index, span in haystack.find_all(quote)]
        if len(hits) == 1:
            return Citation(article, quote, *hits[0])
        if hits:
            where = ", ".join(f"¶{p.number}" for p, _ in hits)
            self.report(path + ("quote",), f"the quote is found {len(hits)} times in '{slug}' ({where})",
                        "quote more words so that it is found once")
        elif _spans_paragraphs(quote, article.paragraphs):
            first, second = _spans_paragraphs(quote, article.paragraphs)
            self.report(path + ("quote",), f"the quote runs across two paragraphs of '{slug}' (¶{first}, ¶{second})",
                        "quote words from one paragraph only")
        else:
            self.report(path + ("quote",), f"the quote is not in any paragraph of '{slug}' ({article.source_path})",
                        _closest(quote, article.paragraphs))
        return None

    def check_said_by(self, path, when, article):
        """A claim cannot be made after the article reporting it, nor in the future."""
        published = article.when.latest  # None: the article's date is open-ended
        if when.earliest and published and when.earliest > published:
            self.report(path + ("date",), f"the claim is dated after its article ({article.when.words})",
                        "a claim is dated when it was said")
        else:
            self.check_not_future(path, when)

    def check_not_future(self, path, when):
        if when.earliest and when.earliest > self.today:
            self.report(path + ("date",), f"the date is in the future (today is {self.today.isoformat()})",
                        "date things that have happened, or that an article says are scheduled")

    def link_claims(self, claims):
        by_id = {claim.id: claim for claim in claims}
        for claim in claims:
            item = self.value(claim.path)
            for relation in ("disputes", "answers"):
                path = claim.path + (relation,)
                for index, other in enumerate(item.get(relation, [])):
                    if other == claim.id:
                        self.report(path + (index,), f"claim '{other}' cannot {relation[:-1]} itself")
                    else:
                        found = self.ref(path + (index,), by_id, "claim")
                        if found:
                            getattr(claim, relation).append(found)

    def fill_back_references(self, claims, events):
        for claim in sorted(claims, key=lambda c: c.sort_key):
            for target in (claim.party, claim.speaker, claim.source.article, *claim.topics):
                if target is not None:
                    target.claims.append(claim)
            for other in claim.disputes:
                other.disputed_by.append(claim)
            for other in claim.answers:
                other.answered_by.append(claim)
        for event in sorted(events, key=lambda e: e.sort_key):
            for target in (*event.parties, *event.topics, *{c.article for c in event.sources}):
                target.events.append(event)
        for speaker in self.speakers.values():
            speaker.party.speakers.append(speaker)

    def value(self, path):
        """The data at `path`, or None where the path does not exist."""
        node = self.doc.data
        for key in path:
            try:
                node = node[key]
            except (KeyError, IndexError, TypeError):
                return None
        return node

    def report(self, path, message, hint=""):
        self.problems.append(self.doc.problem(path, message, hint))


def _well_shaped(item):
    return isinstance(item, dict) and isinstance(item.get("id"), str)


def _suggest(word, known, look_close=True):
    """The closest known id, else the first few known ids: a hint is one short line even
    when there are thousands of ids (or of unknown references)."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6) if look_close and len(word) <= 200 else []
    if close:
        return f"did you mean '{close[0]}'?"
    names = sorted(known)
    more = f" and {len(names) - KNOWN_SHOWN:,} more" if len(names) > KNOWN_SHOWN else ""
    return f"known: {', '.join(names[:KNOWN_SHOWN]) or 'none'}{more}"


def _spans_paragraphs(quote, paragraphs):
    """(n, n + 1) if the quote is found only across the break between two paragraphs."""
    for first, second in zip(paragraphs, paragraphs[1:]):
        if find_all(quote, f"{first.text} {second.text}"):
            return first.number, second.number
    return None


def _closest(quote, paragraphs):
    """Point at the paragraph closest to a quote that was not found, and where they part."""
    needle = normalise(quote)[0]
    best = None
    for paragraph in paragraphs:
        text = normalise(paragraph.text)[0]
        match = difflib.SequenceMatcher(None, needle, text, autojunk=False).find_longest_match()
        if best is None or match.size > best[1].size:
            best = (paragraph, match, text)
    if best is None or best[1].size < 8:
        return "copy the words exactly from one paragraph of the article"
    paragraph, match, text = best
    if match.a > 0:
        return (f'closest is ¶{paragraph.number}: before "{needle[match.a:match.a + 25]}" the quote has '
                f'"{needle[max(0, match.a - 25):match.a]}" where the article has "{text[max(0, match.b - 25):match.b]}"')
    end_a, end_b = match.a + match.size, match.b + match.size
    return (f'closest is ¶{paragraph.number}: after "{needle[max(0, end_a - 25):end_a]}" the quote has '
            f'"{needle[end_a:end_a + 25]}" where the article has "{text[end_b:end_b + 25]}"')
