"""Read claims.yaml strictly: every value stays text and remembers its line and column.

PyYAML follows YAML 1.1, where `NO` is False, `12:30` is 750 and a repeated key silently
wins. Editors' tools read YAML 1.2. Rather than pick either set of surprises we walk the
parser's events ourselves: scalars are kept as the text that was written (the JSON Schema
decides what is valid), and anchors, aliases, tags, repeated keys and extra documents are
reported as problems with their position.
"""

import unicodedata
from dataclasses import dataclass, field

import yaml
from yaml import events as ev

from .errors import Problem

MAX_BYTES = 32 * 1024 * 1024
ALLOWED_CONTROLS = {"\t", "\n", "\r"}


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
    try:
        doc.data = _Walker(text, doc, problems).document()
    except yaml.MarkedYAMLError as error:
        problems.append(_syntax_problem(error, display_path))
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
    """Report invisible and bidi control characters; blank them so parsing can go on."""
    problems, chars, line, col = [], list(text), 1, 1
    for index, char in enumerate(text):
        if char == "\n":
            line, col = line + 1, 1
            continue
        if unicodedata.category(char) in ("Cc", "Cf") and char not in ALLOWED_CONTROLS:
            name = unicodedata.name(char, "control character")
            message = f"invisible character U+{ord(char):04X} ({name}) is not allowed"
            problems.append(Problem(display_path, line, col, message, "delete it"))
            chars[index] = " "
        col += 1
    return "".join(chars), problems


def _syntax_problem(error, display_path):
    mark = error.problem_mark or error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = f"YAML syntax: {error.problem}"
    hint = error.context or "check the indentation and quote values that contain ': ' or ' #'"
    return Problem(display_path, line, col, message, hint)


class _Walker:
    """Builds plain data from PyYAML's event stream, recording marks and problems."""

    def __init__(self, text, doc, problems):
        self.loader = yaml.SafeLoader(text)
        self.doc = doc
        self.problems = problems

    def document(self):
        self.loader.get_event()  # StreamStart
        if self.loader.check_event(ev.StreamEndEvent):
            return None
        self.loader.get_event()  # DocumentStart
        data = self.node(())
        self.loader.get_event()  # DocumentEnd
        if self.loader.check_event(ev.DocumentStartEvent):
            extra = self.loader.peek_event()
            self.report(extra, "only one YAML document is allowed", "remove the '---' line")
        return data

    def node(self, path):
        event = self.loader.get_event()
        self.doc.marks[path] = _position(event)
        if isinstance(event, ev.AliasEvent):
            self.report(event, "aliases (*name) are not allowed", "write the value out in full")
            return None
        if event.anchor:
            self.report(event, "anchors (&name) are not allowed", "write each value out in full")
        if event.tag is not None:
            self.report(event, f"tags ({event.tag}) are not allowed", "remove the tag")
        if isinstance(event, ev.ScalarEvent):
            return unicodedata.normalize("NFC", event.value)
        if isinstance(event, ev.SequenceStartEvent):
            return self.sequence(path)
        return self.mapping(path)

    def sequence(self, path):
        items = []
        while not self.loader.check_event(ev.SequenceEndEvent):
            items.append(self.node(path + (len(items),)))
        self.loader.get_event()
        return items

    def mapping(self, path):
        result = {}
        while not self.loader.check_event(ev.MappingEndEvent):
            key_event = self.loader.peek_event()
            key = self.node(path + ("<key>",))
            if not isinstance(key, str):
                self.report(key_event, "a key must be a plain name", "write 'name: value'")
                self.node(path + ("<value>",))
                continue
            if key in result:
                first_line = self.doc.key_marks[path + (key,)][0]
                self.report(key_event, f"duplicate key '{key}'", f"first given on line {first_line}")
                self.node(path + ("<duplicate>",))
                continue
            self.doc.key_marks[path + (key,)] = _position(key_event)
            result[key] = self.node(path + (key,))
        self.loader.get_event()
        return result

    def report(self, event, message, hint):
        line, col = _position(event)
        self.problems.append(Problem(self.doc.path, line, col, message, hint))


def _position(event):
    return event.start_mark.line + 1, event.start_mark.column + 1
