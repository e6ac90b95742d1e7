"""Check the shape of claims.yaml against its JSON Schema, one clear sentence per mistake.

The schema (claims.schema.json, beside this file) is the one statement of the format: the
build reads it, and editors' YAML tools read it through the `$schema` line of claims.yaml.
Here jsonschema's findings become `Problem`s at the line and column of the offending value.
"""

import difflib
import json
import re
from functools import cache
from importlib.resources import files

import fastjsonschema

SCHEMA_FILE = files(__package__) / "claims.schema.json"
SINGULAR = {"parties": "party", "speakers": "speaker", "topics": "topic", "claims": "claim", "events": "event", "eras": "era"}
TYPE_NAMES = {"array": "a list", "object": "a mapping of keys", "string": "text"}


@cache
def claims_schema():
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@cache
def _fast_check():
    """The schema compiled to Python by fastjsonschema: it checks a valid file (what nearly
    every build reads) ~13 times faster than jsonschema, which is kept to explain mistakes."""
    return fastjsonschema.compile(claims_schema())


@cache
def _explaining_validator():
    """jsonschema's validator, which says where and why: imported only for a file with a
    mistake (importing it is a tenth of a second of every build)."""
    import jsonschema

    def ecma_pattern(validator, pattern, instance, schema):
        """JSON Schema patterns are ECMA-262 regular expressions, where `$` ends the text.
        In Python's `re` it also matches before a final newline, so jsonschema's own check
        would take the id 'us\\n'; here `$` means the end, as in editors' tools and
        fastjsonschema."""
        if isinstance(instance, str) and not re.search(_END_OF_TEXT.sub(r"\\Z", pattern), instance):
            yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")

    return jsonschema.validators.extend(jsonschema.Draft7Validator, {"pattern": ecma_pattern})


_END_OF_TEXT = re.compile(r"(?<!\\)\$")


def is_id(text):
    """Whether `text` follows the schema's rule for ids (article slugs follow it too)."""
    pattern = claims_schema()["definitions"]["id"]["pattern"]
    return isinstance(text, str) and re.search(_END_OF_TEXT.sub(r"\\Z", pattern), text) is not None


def shape_problems(doc):
    """Every way `doc.data` breaks the schema, as Problems."""
    try:
        _fast_check()(doc.data)
        return []
    except fastjsonschema.JsonSchemaException as error:
        fast_error = error
    problems = []
    for error in _explaining_validator()(claims_schema()).iter_errors(doc.data):
        if error.instance is not None:  # None stands for an alias, reported by the loader
            problems += _explain(doc, error)
    if not problems and not _has_alias(doc.data):  # the two validators must never disagree
        problems.append(doc.problem((), f"the file does not match its schema: {fast_error.message}"))
    return problems


def _has_alias(data):
    if data is None:
        return True
    if isinstance(data, dict):
        return any(_has_alias(value) for value in data.values())
    if isinstance(data, list):
        return any(_has_alias(value) for value in data)
    return False


def _explain(doc, error):
    path = tuple(error.absolute_path)
    name, kind, schema = _name(path, error.instance), error.validator, error.schema
    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed))
        return [doc.problem(path + (key,), f"unknown key '{key}'", _suggest(key, allowed), key=True) for key in extra]
    if kind == "required":
        missing = [key for key in error.validator_value if key not in error.instance]
        keys = ", ".join(f"'{key}'" for key in missing)
        return [doc.problem(path, f"{name} is missing {keys}", f"required: {', '.join(schema['required'])}")]
    if kind == "type":
        wanted = TYPE_NAMES.get(error.validator_value, error.validator_value)
        return [doc.problem(path, f"{name} must be {wanted}, not {_kind_of(error.instance)}")]
    if kind == "enum":
        options = [str(option) for option in error.validator_value]
        hint = _suggest(str(error.instance), options, fallback=False)
        return [doc.problem(path, f"{name} '{error.instance}' is not one of: {', '.join(options)}", hint)]
    if kind in ("minLength", "minItems") or (kind == "pattern" and error.validator_value == "\\S"):
        return [doc.problem(path, f"{name} must not be empty")]
    if kind == "uniqueItems":
        return [doc.problem(path, f"{name} lists the same id twice")]
    if kind == "oneOf" and "x-message" in schema:
        keys = [option["required"][0] for option in error.validator_value]
        given = [key for key in keys if key in error.instance]
        said = f"has both {' and '.join(given)}" if given else f"has neither {' nor '.join(keys)}"
        return [doc.problem(path, f"{name} {said}", schema["x-message"])]
    hint = schema.get("description", "")
    return [doc.problem(path, f"{name} '{error.instance}' is not valid", hint)]


def _name(path, instance):
    """How an editor would point at `path`: ('claims', 3) → "claim 'x'" or "item 4 of 'claims'"."""
    if not path:
        return "the file"
    if not isinstance(path[-1], int):
        return f"'{path[-1]}'"
    parent = path[-2] if len(path) > 1 else "list"
    if isinstance(instance, dict) and isinstance(instance.get("id"), str) and parent in SINGULAR:
        return f"{SINGULAR[parent]} '{instance['id']}'"
    return f"item {path[-1] + 1} of '{parent}'"


def _kind_of(value):
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "a mapping of keys"


def _suggest(word, options, fallback=True):
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"expected one of: {', '.join(options)}" if fallback else ""
