"""Check the articles and pages before Pelican reads them.

Pelican is lenient where editors need it strict: it skips an article with no title and
still exits 0, fills a partial date such as `2019-02` with today's day, and Python-Markdown
passes raw HTML, `<script>` and `javascript:` links straight through to the page. So every
Markdown file under ARTICLE_PATHS and PAGE_PATHS is read here first, and each mistake is a
`Problem` printed as `content/…md:LINE: what is wrong (hint)` (no column), all in one run.

The metadata header is read as Python-Markdown's meta extension reads it: `Key: value`
lines from the top to the first blank line, a line indented by 4 or more spaces continuing
the previous key. Raw HTML and unsafe links are rejected everywhere, even inside code blocks
and code spans: telling code from text would need a Markdown parser, and news articles have
no code. To show a literal tag, write it with entities (`&lt;div&gt;`).
"""

import codecs
import datetime
import difflib
import fnmatch
import hashlib
import html
import os
import re
import unicodedata
from dataclasses import dataclass

import markdown
from urllib.parse import unquote, urlsplit

from pelican.utils import slugify

from . import html_policy
from .errors import Problem
from .dates import ACCEPTED_FORMS, DateError, parse_when
from .pelican_adapter import display_path
from .schema import claims_schema, is_id

ID_RULE = claims_schema()["definitions"]["id"]["description"]

# Pelican's keys this site supports: an allowlist. The others change where a page is written
# or how it is made, or are shown nowhere, so they are refused with the reason (REFUSED_KEYS).
PELICAN_KEYS = ("Title", "Date", "Modified", "Status", "Slug")
_PATHS = "the site names every page from its Slug"
REFUSED_KEYS = {
    "Save_as": ("changes where Pelican writes the page", _PATHS),
    "Url": ("changes the page's address, and the links to it", _PATHS),
    "Template": ("changes the template the page is made with", "every article is made the same way"),
    "Lang": ("makes Pelican write the page elsewhere, as a translation", "the site has one language"),
    "Translation": ("makes Pelican hide the page as a translation", "the site has one language"),
    "Summary": ("is not shown by this site", "delete it"),
    "Author": ("is not shown by this site", "write the byline as printed under Byline"),
    "Authors": ("is not shown by this site", "write the byline as printed under Byline"),
    "Category": ("is not shown by this site", "delete it"),
    "Tags": ("is not shown by this site", "delete it; claims.yaml gives each claim its topics"),
}
# This project's keys, shown by the theme; README.md ("Articles") documents each one.
PROJECT_KEYS = (
    "Title_inferred",   # why the title is the editors' summary, where the source has no headline
    "Date_inferred",    # how the date was worked out, where the source does not state it
    "Date_edtf",        # the date as sure as the text makes it (EDTF), when less sure than Date
    "Outlet",           # the publication
    "Outlet_inferred",  # how the outlet was worked out, where the source does not name it
    "Byline",           # the byline as printed
    "Source_url",       # the original URL, only where the source gives one
    "Photo_caption",    # a photo caption moved out of the body
    "Related",          # teaser lines ("Related article: …") moved out of the body
    "Source_file",      # the seed file the text came from
    "Editing",          # every change made to the source text
)
KNOWN_KEYS = {key.lower(): key for key in PELICAN_KEYS + PROJECT_KEYS + tuple(REFUSED_KEYS)}  # Pelican lowercases keys
REQUIRED_KEYS = {"article": ("Title", "Date"), "page": ("Title",)}
DATE_KEYS = ("Date", "Modified")
MAX_PARAGRAPH = 5_000  # characters; news paragraphs are under 1,000 (cost_findings)
STATUSES = ("published",)  # a draft or hidden article would leave its claims without a page
MARKDOWN_KEYS = ()  # keys Pelican renders as Markdown (FORMATTED_FIELDS): Summary, refused
ALLOWED_CONTROLS = {"\t", "\n", "\r"}
BIDI_CONTROLS = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
PELICAN_LINKS = ("filename", "static", "attach")

# Python-Markdown's meta extension, after its tabs-to-spaces step
META_BEGIN = re.compile(r"-{3}(\s.*)?$")
META_END = re.compile(r"(-{3}|\.{3})(\s.*)?$")
META_LINE = re.compile(r" {0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
META_MORE = re.compile(r" {4,}(?P<value>.*)")

FULL_DATE = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})( (?P<H>\d{2}):(?P<M>\d{2}))?")
PARTIAL_DATES = {  # what Pelican takes from today when the date stops early
    re.compile(r"\d{4}-\d{2}"): "today's day",
    re.compile(r"\d{4}"): "today's month and day",
}
TAG_START = re.compile(r"<(?:/?[A-Za-z]|!|\?)")  # a tag, end tag, comment, declaration or PI
SCRIPT_TAG = re.compile(r"</?script", re.IGNORECASE)
AUTOLINK = re.compile(r"<https?://[^<>]*>", re.IGNORECASE)
_NOT_PLAIN_ASCII = re.compile(r"[^\t\n\r\x20-\x7e]")  # where an invisible character may be
_BRACKET_OR_ESCAPE = re.compile(r"\\.|[\[\]()]", re.DOTALL)
PELICAN_LINK = re.compile(r"[{|](?P<what>[^|}]*)[|}](?P<rest>.*)", re.DOTALL)


@dataclass(frozen=True)
class Entry:
    """One line of the metadata header: a key's value, or a continuation of the key above."""

    line: int
    key: str  # as written
    value: str
    continued: bool = False

    @property
    def name(self):
        """The key as documented ('Title'), or as written if unknown."""
        return KNOWN_KEYS.get(self.key.lower(), self.key)


@dataclass
class Source:
    """One Markdown file, decoded and split into its header and body."""

    path: str  # absolute
    display: str
    kind: str  # "article" or "page"
    lines: list
    header: list
    body_start: int  # index in `lines` of the first body line
    findings: list  # (line, message, hint) found while reading

    @property
    def body(self):
        return "\n".join(self.lines[self.body_start:])

    def value(self, name):
        """The first value of a key (by its documented name), or None."""
        return next((e.value for e in self.header if e.name == name and not e.continued), None)


# Settings that decide whether article_problems finds anything, beside the files it reads
# (MARKDOWN does not: files are rendered only to say more about files already found wrong;
# and Pelican's reader adds its own extensions to it).
CHECKED_SETTINGS = ("PATH", "ARTICLE_PATHS", "PAGE_PATHS", "IGNORE_FILES", "SLUGIFY_SOURCE",
                    "SLUG_REGEX_SUBSTITUTIONS", "SLUGIFY_PRESERVE_CASE", "SLUGIFY_USE_UNICODE")
_PASSED = set()  # digests of the inputs of every check that found nothing, in this process


def article_problems(settings):
    """Every mistake in the articles and pages, sorted; empty when Pelican may read them.

    The command line checks before Pelican runs, and the plugin again for a plain `pelican`
    run: the second check of the same files with the same settings is not made again."""
    files = [(path, kind, _read(path)) for path, kind in content_files(settings)]
    digest = _digest(settings, files)
    if digest in _PASSED:
        return []
    sources = [read_source(path, kind, data) for path, kind, data in files]
    problems = _problems(sources, settings)
    if not problems:
        _PASSED.add(digest)
    return problems


def _read(path):
    with open(path, "rb") as file:
        return file.read()


def _digest(settings, files):
    """What the check's result depends on: the files' paths and bytes, the settings it
    reads, and the working directory (messages name files relative to it)."""
    digest = hashlib.sha256(repr((os.getcwd(), [settings.get(key) for key in CHECKED_SETTINGS])).encode())
    for path, kind, data in files:
        digest.update(f"\0{path}\0{kind}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def _problems(sources, settings):
    problems = []
    for source in sources:
        findings = source.findings + header_findings(source) + body_findings(source, settings)
        problems += [Problem(source.display, line, 0, message, hint) for line, message, hint in findings]
    problems += slug_problems(sources, settings)
    if problems:  # Pelican will not read them: render each here, so every mistake shows in one run
        taken = {(p.path, p.line) for p in problems}  # raw HTML there is already reported
        rendered = rendered_problems(_rendered(sources, problems, settings), settings)
        problems += [p for p in rendered if (p.path, p.line) not in taken]
    return sorted(set(problems))


def _rendered(sources, problems, settings):
    """(source path, HTML) of each file's body as Pelican's Markdown reader, with the same
    MARKDOWN settings, renders it; not a file whose Markdown would be slow (cost_findings)."""
    slow = {p.path for p in problems if "paragraph of" in p.message or "never closed" in p.message}
    config = dict(settings["MARKDOWN"])
    config["extensions"] = list(config.get("extensions", [])) + list(config.get("extension_configs", {}))
    for source in sources:
        if source.display not in slow:
            yield _Rendered(source.path, markdown.Markdown(**config).convert(source.body))


@dataclass
class _Rendered:
    source_path: str
    _content: str


def content_files(settings):
    """(absolute path, "article" or "page") of every .md file Pelican would read, sorted."""
    pages = _markdown_files(settings, settings["PAGE_PATHS"])
    articles = _markdown_files(settings, settings["ARTICLE_PATHS"]) - pages
    return sorted([(path, "article") for path in articles] + [(path, "page") for path in pages])


def _markdown_files(settings, folders):
    ignores = settings.get("IGNORE_FILES", [])
    found = set()
    for folder in folders:
        root = os.path.abspath(os.path.join(settings["PATH"], folder))
        for dirpath, dirs, files in os.walk(root, followlinks=True):
            dirs[:] = [d for d in dirs if not any(fnmatch.fnmatch(d, pattern) for pattern in ignores)]
            found.update(
                os.path.join(dirpath, name) for name in files
                if name.endswith(".md") and not any(fnmatch.fnmatch(name, pattern) for pattern in ignores)
            )
    return found


# -- reading


def read_source(path, kind, data=None):
    """One file read and split; `data`: its bytes, if already read."""
    lines, findings = decode(_read(path) if data is None else data)
    findings += character_findings(lines)
    header, body_start, header_end = split_header(lines)
    if header_end:
        findings.append(header_end)
    return Source(path, display_path(path), kind, lines, header, body_start, findings)


def decode(data):
    """The file's lines as text, and a finding for each line with bytes that are not UTF-8.
    A UTF-8 byte-order mark is dropped, as Pelican drops it."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    lines, findings = [], []
    for number, raw in enumerate(data.split(b"\n"), 1):  # a UTF-8 sequence never holds b"\n"
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            findings.append((number, f"byte 0x{raw[error.start]:02X} is not valid UTF-8", "save the file as UTF-8"))
            line = raw.decode("utf-8", errors="replace")
        lines.append(line.removesuffix("\r"))
    return lines, findings


def character_findings(lines):
    """Invisible and bidi control characters, each with its line; the first line not in NFC."""
    findings = []
    for number, line in enumerate(lines, 1):
        if not _NOT_PLAIN_ASCII.search(line):  # most lines: nothing invisible to look for
            continue
        for char in dict.fromkeys(line):  # each character once, in order
            if unicodedata.category(char) in ("Cc", "Cf") and char not in ALLOWED_CONTROLS:
                findings.append((number, *_invisible(char)))
    not_nfc = next((n for n, line in enumerate(lines, 1) if not unicodedata.is_normalized("NFC", line)), None)
    if not_nfc:
        findings.append((not_nfc, "the text is not in Unicode NFC form",
                         "a letter and its accent are stored as two characters; type them again, "
                         "or save the file as NFC"))
    return findings


def _invisible(char):
    name = unicodedata.name(char, "")
    if char in BIDI_CONTROLS:
        what, hint = "bidi control character", "delete it; it can change the order in which the text is shown"
    else:
        what = "control character" if unicodedata.category(char) == "Cc" else "character"
        hint = "delete it; most editors do not show it"
    return f"invisible {what} U+{ord(char):04X}{' ' + name if name else ''}", hint


def split_header(lines):
    """(entries, index of the first body line, finding or None), as the meta extension reads
    the header: it ends at a blank line, at '---' or '...', or at a line that is not
    'Key: value', which then starts the body."""
    entries, index = [], 0
    if lines and META_BEGIN.match(lines[0]):
        index = 1
    while index < len(lines):
        line = lines[index].expandtabs(4)
        if not line.strip() or META_END.match(line):
            return entries, index + 1, None
        key_value, more = META_LINE.match(line), META_MORE.match(line)
        if key_value:
            entries.append(Entry(index + 1, key_value["key"], key_value["value"].strip()))
        elif more and entries:
            entries.append(Entry(index + 1, entries[-1].key, more["value"].strip(), continued=True))
        else:
            ended = (index + 1, "not a 'Key: value' line, so the metadata header ends here",
                     "leave one blank line between the header and the text") if entries else None
            return entries, index, ended
        index += 1
    return entries, index, None


# -- the header


def header_findings(source):
    findings = key_findings(source) + date_edtf_findings(source)
    for entry in source.header:
        findings += value_findings(entry)
    return findings


def date_edtf_findings(source):
    """Date_edtf must be EDTF, and Pelican's Date (the day it sorts by) must lie within it."""
    entry = next((e for e in source.header if e.name == "Date_edtf" and not e.continued), None)
    if entry is None or not entry.value:
        return []
    try:
        when = parse_when(entry.value)
    except DateError as error:
        return [(entry.line, f"Date_edtf: {error}", ACCEPTED_FORMS)]
    match = FULL_DATE.fullmatch(source.value("Date") or "")
    try:
        day = datetime.date(int(match["y"]), int(match["m"]), int(match["d"])) if match else None
    except ValueError:
        day = None  # reported with Date itself
    if day and not ((when.earliest or day) <= day <= (when.latest or day)):
        return [(entry.line, f"Date {day.isoformat()} is not within Date_edtf '{entry.value}'",
                 "Date is the day the site sorts the article by: one day Date_edtf allows")]
    return []


def key_findings(source):
    """Unknown, repeated and missing keys, and values continued on a second line."""
    findings, first_line = [], {}
    for entry in source.header:
        key = entry.key.lower()
        if entry.continued:
            if entry.name not in MARKDOWN_KEYS:
                findings.append((entry.line, f"'{entry.name}' continues on an indented line",
                                 "Pelican would show the value as a list; write it on one line"))
        elif key not in KNOWN_KEYS:
            findings.append((entry.line, f"unknown metadata key '{entry.key}'", _suggest_key(entry.key)))
        elif entry.name in REFUSED_KEYS:
            why, hint = REFUSED_KEYS[entry.name]
            findings.append((entry.line, f"'{entry.name}' is not supported: it {why}", hint))
        elif key in first_line:
            findings.append((entry.line, f"'{entry.name}' is given twice", f"first on line {first_line[key]}"))
        else:
            first_line[key] = entry.line
    required = REQUIRED_KEYS[source.kind]
    for name in required:
        value = source.value(name)
        if value is None:
            findings.append((1, f"missing '{name}' in the metadata header",
                             f"every {source.kind} needs {' and '.join(required)}"))
        elif not value:
            findings.append((first_line[name.lower()], f"'{name}' is empty", f"every {source.kind} needs a {name}"))
    return findings


def _suggest_key(key):
    allowed = [k for k, name in KNOWN_KEYS.items() if name not in REFUSED_KEYS]
    close = difflib.get_close_matches(key.lower(), allowed, n=1, cutoff=0.6)
    return f"did you mean '{KNOWN_KEYS[close[0]]}'?" if close else "the keys are listed in README.md, under Articles"


def value_findings(entry):
    """What is wrong with one header line's value."""
    line, name, value = entry.line, entry.name, entry.value
    if name == "Title":
        return [(line, message, "a title is plain text") for message in title_problems(value)]
    findings = [(line, message, hint) for message, hint in html_problems(value)]
    if entry.continued or not value:
        return findings
    if name in DATE_KEYS:
        findings += [(line, message, hint) for message, hint in date_problems(name, value)]
    elif name == "Status" and value.lower() not in STATUSES:
        close = difflib.get_close_matches(value.lower(), STATUSES, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "keep an unfinished article out of content/ until it is ready"
        findings.append((line, f"Status '{value}' is not supported: only 'published' is", hint))
    elif name == "Source_url" and not is_web_url(value):
        findings.append((line, f"Source_url '{value}' is not an absolute http: or https: URL",
                         "copy the whole address, starting https://"))
    return findings


def title_problems(title):
    problems = ["the title contains HTML"] if TAG_START.search(title) else []
    if "javascript:" in _squeezed(title):
        problems.append("the title contains 'javascript:'")
    return problems


def date_problems(name, value):
    """A Date or Modified must be YYYY-MM-DD or YYYY-MM-DD HH:MM, and a real day."""
    for partial, filled in PARTIAL_DATES.items():
        if partial.fullmatch(value):
            return [(f"{name} '{value}' is a partial date", f"write YYYY-MM-DD; Pelican would fill in {filled}")]
    match = FULL_DATE.fullmatch(value)
    if not match:
        return [(f"{name} '{value}' is ambiguous or not ISO", "write YYYY-MM-DD, or YYYY-MM-DD HH:MM")]
    try:
        datetime.date(int(match["y"]), int(match["m"]), int(match["d"]))
        if match["H"]:
            datetime.time(int(match["H"]), int(match["M"]))
    except ValueError as error:
        return [(f"{name} '{value}' is not a real date", str(error))]
    return []


def is_web_url(value):
    try:
        url = urlsplit(value)
    except ValueError:
        return False
    return url.scheme in html_policy.URL_SCHEMES and bool(url.netloc)


# -- the body


def body_findings(source, settings):
    """Raw HTML in the text below the header: an article is written in Markdown. Links and
    images are checked in what Markdown renders (`rendered_problems`), not here."""
    body_line = source.body_start + 1
    return [
        (body_line + offset, message, hint)
        for offset, text in enumerate(source.lines[source.body_start:])
        for message, hint in html_problems(text)
    ] + cost_findings(source)


def cost_findings(source):
    """What would make Python-Markdown slow: it looks for the end of every '[' and of every
    link's '(' to the end of the paragraph, so 40 KB of '[a(' took minutes. An unclosed one
    is reported (a literal bracket is written \\[), and a paragraph has at most
    MAX_PARAGRAPH characters, which bounds what is left."""
    findings, start = [], source.body_start
    for index in range(source.body_start, len(source.lines) + 1):
        if index < len(source.lines) and source.lines[index].strip():
            continue
        block = "\n".join(source.lines[start:index])
        if len(block) > MAX_PARAGRAPH:
            findings.append((start + 1, f"a paragraph of {len(block):,} characters is too long (at most {MAX_PARAGRAPH:,})",
                             "split it where the source starts a new paragraph"))
        else:
            at = _unclosed_bracket(block)
            if at is not None:
                char = block[at]
                what = "'[' is never closed by ']'" if char == "[" else "link's '(' is never closed by ')'"
                hint = "write \\[ for a bracket that starts no link" if char == "[" else "end the link's address with ')'"
                findings.append((start + 1 + block.count("\n", 0, at), f"a {what}", hint))
        start = index + 1
    return findings


def _unclosed_bracket(block):
    """Index of the first '[' with no ']', or of a link's '(' with no ')', in one pass."""
    closes, brackets, parens = {}, [], []
    for match in _BRACKET_OR_ESCAPE.finditer(block):  # an escape is skipped with its character
        char, index = match.group(), match.start()
        if char in "[(":
            (brackets if char == "[" else parens).append(index)
        elif char == "]" and brackets:
            closes[brackets.pop()] = index
        elif char == ")" and parens:
            closes[parens.pop()] = index
    if brackets:
        return brackets[0]
    links = [end + 1 for end in closes.values() if block[end] == "]" and block[end + 1:end + 2] == "("]
    return next((start for start in sorted(links) if start not in closes), None)


def rendered_problems(contents, settings):
    """What each article's or page's rendered HTML has that the HTML policy does not allow
    (html_policy.py), at the line of the Markdown it came from; and every Pelican
    {filename}/{static}/{attach} link to a file that does not exist."""
    problems = []
    for content in contents:
        found_here = html_policy.problems(content._content)
        if not found_here:  # most files: no need to read the source to place a problem
            continue
        source = read_source(content.source_path, "article")
        body, first_line = source.lines[source.body_start:], source.body_start + 1
        for message, hint, needle in found_here:
            line = html_policy.source_line(body, first_line, needle)
            if message == "pelican-link":
                found = pelican_link_problems(_unwrapped(hint), source, settings)
            else:
                found = [(message, hint)]
            problems += [Problem(source.display, line, 0, message, hint) for message, hint in found]
    return sorted(set(problems))


def sanitise(contents):
    """Publish only what the policy allows, whatever the checks above missed."""
    for content in contents:
        content._content = html_policy.clean(content._content)
        getattr(content.get_content, "cache", {}).clear()  # Pelican memoizes the page's HTML


def html_problems(text):
    """(message, hint) for each tag, comment or declaration in one line; http(s) autolinks pass."""
    problems = []
    for match in TAG_START.finditer(text):
        start = match.start()
        if AUTOLINK.match(text, start):
            continue
        if SCRIPT_TAG.match(text, start):
            problems.append(("<script> is not allowed", "an article cannot run scripts; write Markdown"))
        else:
            problems.append(("raw HTML is not allowed", "write Markdown"))
    return problems


def pelican_link_problems(target, source, settings):
    match = PELICAN_LINK.match(target)
    what = match["what"] if match else ""
    if what not in PELICAN_LINKS:
        return [(f"'{{{what}}}' links are not supported", "use {filename}, {static} or {attach}")]
    path = re.split(r"[?#]", match["rest"], maxsplit=1)[0]
    if path.startswith("/"):
        file = os.path.join(settings["PATH"], unquote(path).lstrip("/"))
    else:
        file = os.path.join(os.path.dirname(source.path), unquote(path))
    if path and os.path.isfile(file):
        return []
    content = display_path(os.path.abspath(settings["PATH"]))
    return [(f"broken link: {{{what}}}{path} does not exist",
             f"a path starting with / is taken from {content}/, any other from this file's folder")]


def _unwrapped(target):
    """A link target as Markdown reads it: without <…> and with entities decoded."""
    target = target.strip()
    if target.startswith("<") and target.endswith(">"):
        target = target[1:-1]
    return html.unescape(target).strip()


def _squeezed(text):
    """Text as a browser reads a URL's scheme: entities decoded, no spaces or control
    characters anywhere, lowercase; so ' JaVa&#83;cript:' is 'javascript:'."""
    return re.sub(r"[\x00-\x20\x7f]", "", html.unescape(text.strip().lstrip("<"))).lower()


# -- across files


def slug_problems(sources, settings):
    """A slug that breaks the id rule (claims cite an article by it, and it names the page),
    and two articles with one slug: Pelican would warn, then fail writing the second."""
    problems, first = [], {}
    for source in sources:
        slug, line = article_slug(source, settings)
        if slug is not None and not is_id(slug):
            how = "" if any(e.name == "Slug" for e in source.header) else " (made from the title)"
            problems.append(Problem(source.display, line, 0, f"slug '{slug}'{how} is not a valid id",
                                    f"write a Slug line: {ID_RULE}"))
    for article in sources:
        if article.kind != "article":
            continue
        slug, line = article_slug(article, settings)
        if slug is None:
            continue
        if slug in first:
            problems.append(Problem(article.display, line, 0, f"slug '{slug}' is also used by {first[slug]}",
                                    "each article needs its own Slug: its id in claims.yaml and its URL"))
        else:
            first[slug] = article.display
    return problems


def article_slug(article, settings):
    """(slug, line) as Pelican would make it: the Slug key, else from the title or file name."""
    for entry in article.header:
        if entry.name == "Slug" and not entry.continued:
            return entry.value, entry.line
    if settings.get("SLUGIFY_SOURCE", "title") == "title":
        source = article.value("Title")
    else:
        source = os.path.splitext(os.path.basename(article.path))[0]
    if not source:
        return None, 1
    slug = slugify(
        source, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    )
    return slug, 1
