"""Quotes are matched word for word (white space aside), highlighted and linked."""

from urllib.parse import unquote

from claims_explorer.paragraphs import split_blocks
from claims_explorer.text import find_all, text_fragment


def test_quotes_match_across_line_breaks_and_no_break_spaces_only():
    text = "The USA\u00a0 blamed Russia’s alleged\nbreach."
    [(start, end)] = find_all("The USA blamed Russia’s alleged breach", text)
    assert text[start:end] == "The USA\u00a0 blamed Russia’s alleged\nbreach"
    assert find_all("The USA blamed Russia's alleged breach", text) == []  # ' is not ’


def test_paragraphs_are_numbered_and_marks_respect_inline_markup():
    blocks = split_blocks('<p>One &amp; <em>two\nthree</em> four</p>\n<h2>Head</h2>\n<p>Five</p>')
    first, heading, second = blocks
    assert (first.id, second.id, heading.html()) == ("p-1", "p-2", "<h2>Head</h2>")
    assert first.text == "One & two\nthree four"
    spans = find_all("& two three", first.text)
    assert first.html(spans) == "One <mark>&amp; </mark><em><mark>two\nthree</mark></em> four"


def test_text_fragments_encode_the_reserved_characters():
    assert text_fragment("so-called static display") == ":~:text=so%2Dcalled%20static%20display"
    long = text_fragment("one two three four five six seven eight nine, ten")
    start, end = long.removeprefix(":~:text=").split(",")
    assert (unquote(start), unquote(end)) == ("one two three four", "seven eight nine, ten")
