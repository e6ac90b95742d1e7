"""Read claims.yaml strictly: every value stays text and remembers its line and column.

PyYAML follows YAML 1.1, where `NO` is False, `12:30` is 750 and a repeated key silently
wins. Editors' tools read YAML 1.2. Rather than pick either set of surprises we walk the
parser's events ourselves: scalars are kept as the text that was written (the JSON Schema
decides what is valid), and anchors, aliases, tags, repeated keys and extra documents are
reported as problems with their position.
"""

import re
import unicodedata
from dataclasses import dataclass, field

import yaml
from yaml import events as ev

from .errors import Problem

MAX_BYTES = 32 * 1024 * 1024
# libyaml's parser gives the same events and marks ten times faster; PyYAML's own parser
# is kept for files with a syntax error, whose messages SYNTAX_MESSAGES translates.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# YAML 1.2 core schema (what editors' tools read): plain values that are not text there.
NOT_TEXT_IN_YAML_12 = {
    "a number": re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
                           r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"),
    "true or false": re.compile(r"true|True|TRUE|false|False|FALSE"),
    "nothing (null)": re.compile(r"~|null|Null|NULL"),
}
SYNTAX_MESSAGES = {  # PyYAML's words -> (what is wrong, what to do)
    "found character '\\t'": ("a tab character", "indent with spaces only"),
    "mapping values are not allowed here": (
        "a ':' where a value was expected", "put a value that contains ': ' in double quotes"),
    "expected ',' or ']'": ("a [list] is not closed", "end it with ']' on the same line"),
    "expected ',' or '}'": ("a {mapping} is not closed", "end it with '}' on the same line"),
    "expected <block end>": ("this line does not line up with the lines above", "check its indentation"),
    "could not find expected ':'": ("a line has no 'key: value' colon", "check the line and its indentation"),
    "found unexpected end of stream": ("the file ends inside a quoted value", "close the quote"),
}
OPENED_EARLIER = ("expected ',' or ']'", "expected ',' or '}'")  # the context mark is the opening
ALLOWED_CONTROLS = {"\t", "\n", "\r"}
_NOT_PLAIN_ASCII = re.compile(r"[^\t\n\r\x20-\x7e]")


@dataclass
class Document:
    """The YAML as dicts, lists and strings, plus where each value and key was written."""

    path: str
    data: object = None
    marks: dict = field(default_factory=dict)
    key_marks: dict = field(default_factory=dict)

    def where(self, path, key=False):
        """(line, col) of the value at `path` (or of its key), else of its nearest parent."""
        path = tuple(path)
        table = self.key_marks if key else self.marks
        while path not in table and path:
            path = path[:-1]
            table = self.marks
        return table.get(path, (1, 1))

    def problem(self, path, message, hint="", key=False):
        line, col = self.where(path, key=key)
        return Problem(self.path, line, col, message, hint)


def read_yaml(file_path, display_path):
    """Return (Document, problems); the document's data is None when it could not be read."""
    doc = Document(display_path)
    try:
        raw = open(file_path, "rb").read(MAX_BYTES + 1)
    except OSError as error:
        return doc, [Problem(display_path, 1, 1, f"cannot read the file: {error.strerror}")]
    if len(raw) > MAX_BYTES:
        limit = f"{MAX_BYTES // (1024 * 1024)} MiB"
        return doc, [Problem(display_path, 1, 1, f"the file is larger than {limit}", "split the corpus")]
    text, problems = _decode(raw, display_path)
    if text is None:
        return doc, problems
    text, hidden = _hide_invisible(text, display_path)
    problems += hidden
    before = len(problems)
    try:
        doc.data = _Walker(text, doc, problems, FAST_LOADER).document()
    except yaml.MarkedYAMLError:  # again with PyYAML's parser, whose messages we translate
        del problems[before:]
        doc.marks.clear()
        doc.key_marks.clear()
        try:
            doc.data = _Walker(text, doc, problems, yaml.SafeLoader).document()
        except yaml.MarkedYAMLError as error:
            problems.append(_syntax_problem(error, text, display_path))
            doc.data = None
    if doc.data is None and not problems:
        problems.append(Problem(display_path, 1, 1, "the file is empty", "start with 'parties:'"))
    return doc, problems


def _decode(raw, display_path):
    try:
        return raw.decode("utf-8").removeprefix("\ufeff"), []
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        message = "the file is not UTF-8 text"
        return None, [Problem(display_path, line, col, message, "save it as UTF-8")]


def _hide_invisible(text, display_path):
    """Report the first invisible or bidi control character of each line (a pasted line can
    hold millions), then blank them all so parsing can go on."""
    problems, line, seen, index = [], 1, 0, 0
    while match := _NOT_PLAIN_ASCII.search(text, index):  # the regex skips the ASCII text quickly
        char, index = match.group(), match.end()
        if unicodedata.category(char) not in ("Cc", "Cf") or char in ALLOWED_CONTROLS:
            continue
        line, seen = line + text.count("\n", seen, match.start()), match.start()
        col = match.start() - text.rfind("\n", 0, match.start())
        name = unicodedata.name(char, "control character")
        message = f"invisible character U+{ord(char):04X} ({name}) is not allowed"
        hint = "delete it" if not _invisible_after(text, index) else "delete it, and the others after it on this line"
        problems.append(Problem(display_path, line, col, message, hint))
        index = text.find("\n", index) % (len(text) + 1)  # on to the next line
    if not problems:
        return text, problems
    blank = {ord(c): " " for c in set(text) if unicodedata.category(c) in ("Cc", "Cf") and c not in ALLOWED_CONTROLS}
    return text.translate(blank), problems


def _invisible_after(text, start):
    """Whether an invisible character follows `start` on its line."""
    end = text.find("\n", start)
    rest = text[start:end if end >= 0 else len(text)]
    return any(unicodedata.category(c) in ("Cc", "Cf") and c not in ALLOWED_CONTROLS for c in set(rest))


def _syntax_problem(error, text, display_path):
    """One sentence an editor can act on, instead of the parser's own words."""
    mark = error.problem_mark or error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    runaway = _runaway_quote(text, line)
    if runaway:
        start = runaway.start_mark
        message = f"a quoted value starts here and runs on to line {runaway.end_mark.line + 1}"
        return Problem(display_path, start.line + 1, start.column + 1, message, "is its closing quote missing?")
    for known, (message, hint) in SYNTAX_MESSAGES.items():
        if known in (error.problem or ""):
            opened = error.context_mark if known in OPENED_EARLIER else None
            if opened:  # point at the '[' or '{' left open, not where the parser gave up
                line, col = opened.line + 1, opened.column + 1
            return Problem(display_path, line, col, f"YAML syntax: {message}", hint)
    hint = "check the indentation, and quote values that contain ': ' or ' #'"
    return Problem(display_path, line, col, f"YAML syntax: {error.problem}", hint)


def _runaway_quote(text, error_line):
    """The last quoted value before the error that spans lines: usually a missing quote."""
    tokens = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            tokens.append(token)
    except yaml.MarkedYAMLError:
        pass
    for token in reversed(tokens):
        if token.start_mark.line + 1 > error_line:
            continue
        multi_line = token.end_mark.line > token.start_mark.line
        if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"') and multi_line:
            return token
        if token.start_mark.line + 1 < error_line - 50:
            return None
    return None


class _Walker:
    """Builds plain data from PyYAML's event stream, recording marks and problems.

    Each function is handed the event that starts its node (the loop that reads the
    events of a list or mapping takes the next one and sees whether it ends it): one call
    into the parser an event, which is most of what reading a large file costs here."""

    def __init__(self, text, doc, problems, loader):
        self.loader = loader(text)
        self.next = self.loader.get_event
        self.lines = text.splitlines()
        self.alias_lines = set()
        self.doc = doc
        self.marks = doc.marks
        self.problems = problems

    def document(self):
        self.next()  # StreamStart
        event = self.next()
        if type(event) is ev.StreamEndEvent:
            return None
        data = self.node(self.next(), ())  # after DocumentStart
        self.next()  # DocumentEnd
        if self.loader.check_event(ev.DocumentStartEvent):
            extra = self.loader.peek_event()
            self.report(extra, "only one YAML document is allowed", "remove the '---' line")
        return data

    def node(self, event, path):
        mark = event.start_mark
        self.marks[path] = (mark.line + 1, mark.column + 1)
        kind = type(event)
        if kind is ev.AliasEvent:
            if mark.line not in self.alias_lines:  # one per line: a bomb has thousands
                self.alias_lines.add(mark.line)
                self.report(event, "aliases (*name) are not allowed", "write the value out in full")
            return None
        if event.anchor:
            self.report(event, "anchors (&name) are not allowed", "write each value out in full")
        if event.tag is not None:
            self.report(event, f"tags ({event.tag}) are not allowed", "remove the tag")
        if kind is ev.ScalarEvent:
            value = event.value
            if not event.style:  # None or '' if plain: quoted text can hold anything
                if " " in value:
                    self.check_cut_by_comment(event)
                if event.tag is None and path[-1:] != ("<key>",):
                    self.check_typed(event)
            return unicodedata.normalize("NFC", value)
        if kind is ev.SequenceStartEvent:
            return self.sequence(path)
        return self.mapping(path)

    def sequence(self, path):
        items = []
        while type(event := self.next()) is not ev.SequenceEndEvent:
            items.append(self.node(event, path + (len(items),)))
        return items

    def mapping(self, path):
        result, key_path, key_marks = {}, path + ("<key>",), self.doc.key_marks
        while type(key_event := self.next()) is not ev.MappingEndEvent:
            key = self.node(key_event, key_path)
            if not isinstance(key, str):
                self.report(key_event, "a key must be a plain name", "write 'name: value'")
                self.node(self.next(), path + ("<value>",))
                continue
            if key in result:
                first_line = key_marks[path + (key,)][0]
                self.report(key_event, f"duplicate key '{key}'", f"first given on line {first_line}")
                self.node(self.next(), path + ("<duplicate>",))
                continue
            key_marks[path + (key,)] = _position(key_event)
            result[key] = self.node(self.next(), path + (key,))
        return result

    def check_typed(self, event):
        """Every value is text here, but YAML 1.2 tools read `1987` as a number and `true`
        as a boolean; asking for quotes keeps this loader and the editors' tools agreeing."""
        typed = _NOT_TEXT.fullmatch(event.value)
        if typed:
            reading = _READINGS[typed.lastindex]
            message = f"{event.value} is read as {reading} by YAML tools, not as text"
            self.report(event, message, f'put it in double quotes: "{event.value}"')

    def check_cut_by_comment(self, event):
        """`text: a #1 priority` is 'a' plus a comment: report unquoted prose cut by ' #'."""
        end = event.end_mark
        line = self.lines[end.line] if end.line < len(self.lines) else ""
        rest = line[end.column:]
        if rest.lstrip().startswith("#"):
            line_no, col = end.line + 1, end.column + 1 + len(rest) - len(rest.lstrip())
            message = "' #' inside unquoted text starts a comment, so the rest of the line is dropped"
            self.problems.append(Problem(self.doc.path, line_no, col, message, "put the whole value in double quotes"))

    def report(self, event, message, hint):
        line, col = _position(event)
        self.problems.append(Problem(self.doc.path, line, col, message, hint))


def _one_pattern(patterns):
    """NOT_TEXT_IN_YAML_12 as one pattern, matched once a value, and which reading each of
    its groups stands for (a match's `lastindex` is the outer group that matched)."""
    readings, number = {}, 1
    for reading, pattern in patterns.items():
        readings[number] = reading
        number += 1 + pattern.groups
    return re.compile("|".join(f"({p.pattern})" for p in patterns.values())), readings


_NOT_TEXT, _READINGS = _one_pattern(NOT_TEXT_IN_YAML_12)


def _position(event):
    return event.start_mark.line + 1, event.start_mark.column + 1
