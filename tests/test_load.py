"""The strict YAML loader and the schema: text stays text, mistakes carry line and column."""

from claims_explorer.load import read_yaml
from claims_explorer.schema import shape_problems


def load(tmp_path, text):
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    doc, problems = read_yaml(path, "claims.yaml")
    return doc, [str(p) for p in problems]


def test_values_stay_text(tmp_path):
    doc, problems = load(tmp_path, 'a: NO\nb: 12:30\nc: "01234"\nd: "2019"\ne: 2019-02-02\nf: off\n')
    assert problems == []
    assert doc.data == {"a": "NO", "b": "12:30", "c": "01234", "d": "2019", "e": "2019-02-02", "f": "off"}


def test_values_other_yaml_tools_would_not_read_as_text_must_be_quoted(tmp_path):
    _, problems = load(tmp_path, "a: 1987\nb: true\nc: ~\nd: 1.5e3\n")
    assert problems == [
        'claims.yaml:1:4: 1987 is read as a number by YAML tools, not as text (put it in double quotes: "1987")',
        'claims.yaml:2:4: true is read as true or false by YAML tools, not as text (put it in double quotes: "true")',
        'claims.yaml:3:4: ~ is read as nothing (null) by YAML tools, not as text (put it in double quotes: "~")',
        'claims.yaml:4:4: 1.5e3 is read as a number by YAML tools, not as text (put it in double quotes: "1.5e3")',
    ]


def test_duplicate_keys_anchors_aliases_and_tags_are_rejected(tmp_path):
    text = "a: x\na: y\nb: &x [z]\nc: *x\nd: !!int 3\n"
    _, problems = load(tmp_path, text)
    assert problems == [
        "claims.yaml:2:1: duplicate key 'a' (first given on line 1)",
        "claims.yaml:3:4: anchors (&name) are not allowed (write each value out in full)",
        "claims.yaml:4:4: aliases (*name) are not allowed (write the value out in full)",
        "claims.yaml:5:4: tags (tag:yaml.org,2002:int) are not allowed (remove the tag)",
    ]


def test_second_document_and_syntax_errors_have_positions(tmp_path):
    _, problems = load(tmp_path, "a: x\n---\nb: y\n")
    assert problems == ["claims.yaml:2:1: only one YAML document is allowed (remove the '---' line)"]
    _, problems = load(tmp_path, "a: [x, y\nb: z\n")
    assert problems == ["claims.yaml:1:4: YAML syntax: a [list] is not closed (end it with ']' on the same line)"]
    # the line that opened the list, however far the parser read on
    _, problems = load(tmp_path, "a: x\nb: {c: d,\ne: f\n" + "g: h\n" * 50)
    assert problems == ["claims.yaml:2:4: YAML syntax: a {mapping} is not closed (end it with '}' on the same line)"]


def test_a_line_of_invisible_characters_is_one_problem(tmp_path):
    _, problems = load(tmp_path, "a: x\n# " + "\u200b" * 10_000 + "\nb: y\u200b\n")
    assert problems == [
        "claims.yaml:2:3: invisible character U+200B (ZERO WIDTH SPACE) is not allowed "
        "(delete it, and the others after it on this line)",
        "claims.yaml:3:5: invisible character U+200B (ZERO WIDTH SPACE) is not allowed (delete it)",
    ]


def test_invisible_characters_and_bad_encoding(tmp_path):
    _, problems = load(tmp_path, "a: te\u200bxt\n")
    assert problems == ["claims.yaml:1:6: invisible character U+200B (ZERO WIDTH SPACE) is not allowed (delete it)"]
    path = tmp_path / "claims.yaml"
    path.write_bytes(b"a: ok\nb: caf\xe9\n")
    _, problems = read_yaml(path, "claims.yaml")
    assert [str(p) for p in problems] == ["claims.yaml:2:7: the file is not UTF-8 text (save it as UTF-8)"]


def test_text_is_normalised_to_nfc(tmp_path):
    doc, _ = load(tmp_path, "a: Cafe\u0301\n")
    assert doc.data["a"] == "Caf\u00e9"


def test_schema_problems_point_at_the_key_or_value(tmp_path):
    text = "parties:\n  - id: US\n    nmae: United States\nspeakers: []\ntopics: []\nclaims: []\nevents: []\n"
    doc, _ = load(tmp_path, text)
    problems = sorted(str(p) for p in shape_problems(doc))
    assert problems == [
        "claims.yaml:2:5: party 'US' is missing 'name' (required: id, name)",
        "claims.yaml:2:9: 'id' 'US' is not valid (lowercase letters and digits joined by single hyphens, e.g. us-rejects-offer)",
        "claims.yaml:3:5: unknown key 'nmae' (did you mean 'name'?)",
    ]
