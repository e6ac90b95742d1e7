"""Curation checks: a claim's words are its speaker's, and it says no more than they do.

The loader (corpus.py) proves every quote is in its article; these checks look at *which*
words a claim cites and how it is dated, the mistakes a careful second reading finds:

- quotation: a `kind: quote` claim's words lie inside one quotation of their paragraph;
- quote-marks: no claim's words run across a quotation mark into, or out of, a quotation
  (a speaker's words are not continued with the reporter's);
- word-boundary: a quote starts and ends on whole words;
- same-words: no two claims cite the same words (one's quote lies within the other's): for
  one party that is one statement counted twice; for two parties, narration given to both,
  or one side's claim read off the other side's words;
- date-precision: a claim dated within its article's own date, but more precisely, has a
  date the text does not give (words reported without a date are dated as the article is,
  or on or before it).

A claim may waive a check with `allow: {check-name: "reason"}`; the reason is for the
reviewer. An `allow` that waives nothing is reported, so none outlives its reason.
CONTRIBUTING.md ("Curation checks") states each rule for editors.
"""

from .quotations import quotations

CHECKS = ("quotation", "quote-marks", "word-boundary", "same-words", "date-precision")


def curation_problems(doc, corpus):
    """Every curation Problem of the built corpus, at the claims.yaml value it is about."""
    findings = []  # (claim, check, path below the claim, message, hint)
    for claim in corpus.claims:
        findings += _quote_findings(claim) + _date_findings(claim)
    findings += _same_words(corpus.claims)
    problems, used = [], set()
    for claim, check, where, message, hint in findings:
        if check in _allowed(doc, claim):
            used.add((claim.id, check))
        else:
            problems.append(doc.problem(claim.path + where, message, hint))
    for claim in corpus.claims:
        for check in _allowed(doc, claim):
            if (claim.id, check) not in used:
                problems.append(doc.problem(claim.path + ("allow", check), f"allow: '{check}' waives nothing here",
                                            "the check finds nothing to waive in this claim; remove it"))
    return problems


def _allowed(doc, claim):
    allow = doc.data["claims"][claim.path[1]].get("allow")
    return [check for check in allow if check in CHECKS] if isinstance(allow, dict) else []


QUOTE = ("source", "quote")


def _quote_findings(claim):
    citation = claim.source
    text, span, number = citation.paragraph.text, citation.span, citation.paragraph.number
    found = []
    around = quotations(text)
    if claim.kind == "quote" and not any(q.holds(span) for q in around):
        found.append((claim, "quotation", QUOTE, f"the claim is a direct quote, but its words are not inside one "
                      f"quotation of ¶{number}", _quotation_hint(text, span, around)))
    else:
        for quotation in around:
            edge = quotation.crossed_by(span)
            if edge:
                found.append((claim, "quote-marks", QUOTE, _crossing(text, quotation, edge, number),
                              "cite the speaker's words alone, or the whole quotation with the words around it"))
                break
    for side, inside in (("starts", _cuts(text, span[0])), ("ends", _cuts(text, span[1]))):
        if inside:
            found.append((claim, "word-boundary", QUOTE, f"the quote {side} inside the word '{inside}' (¶{number})",
                          "start and end a quote on whole words"))
    return found


def _quotation_hint(text, span, around):
    crossed = [(q, q.crossed_by(span)) for q in around if q.crossed_by(span)]
    if crossed:
        quotation, edge = crossed[0]
        return _crossing(text, quotation, edge, None) + "; end the quote at the mark, or make the claim a paraphrase"
    return "its words are the reporter's, not in quotation marks: make it a paraphrase, position or assertion"


def _crossing(text, quotation, edge, number):
    """Which mark the quote runs across, shown with the three quoted words beside it."""
    where = f" of ¶{number}" if number else ""
    words = text[quotation.start:quotation.end].split()
    if edge == "closing":
        mark = text[quotation.end:quotation.outer_end]
        return f"the quote runs past the closing quotation mark{where} (after '…{' '.join(words[-3:])}{mark}') into the reporter's words"
    mark = text[quotation.outer_start:quotation.start]
    return f"the quote runs from the reporter's words into a quotation{where} (at '{mark}{' '.join(words[:3])}…')"


def _cuts(text, index):
    """The word that `index` falls inside (not at either end of), or ''."""
    if 0 < index < len(text) and _in_word(text, index - 1) and _in_word(text, index):
        start, end = index, index
        while start > 0 and _in_word(text, start - 1):
            start -= 1
        while end < len(text) and _in_word(text, end):
            end += 1
        return text[start:end]
    return ""


def _in_word(text, index):
    """A letter or digit, or an apostrophe between two of them (weren't, Moscow’s)."""
    char = text[index]
    if char.isalnum():
        return True
    return char in "'’" and 0 < index < len(text) - 1 and text[index - 1].isalnum() and text[index + 1].isalnum()


def _same_words(claims):
    """Pairs of claims whose quotes lie one within the other, in one paragraph; reported at
    the claim written later in the file."""
    found = []
    by_paragraph = {}
    for claim in claims:
        key = (claim.source.article.slug, claim.source.paragraph.number)
        by_paragraph.setdefault(key, []).append(claim)
    for group in by_paragraph.values():
        group.sort(key=lambda c: c.path[1])
        for index, later in enumerate(group):
            for earlier in group[:index]:
                (a, b), (c, d) = earlier.source.span, later.source.span
                if not ((a <= c and d <= b) or (c <= a and b <= d)):
                    continue
                found.append(_same_words_finding(earlier, later))
    return found


def _same_words_finding(earlier, later):
    number = later.source.paragraph.number
    if earlier.party is later.party:
        message = (f"claim '{later.id}' cites the same words as claim '{earlier.id}' of the same party "
                   f"({later.party.name}, ¶{number})")
        hint = "one statement is one claim: merge the two, or cite only the words each rests on"
    else:
        message = (f"claim '{later.id}' ({later.party.name}) cites the same words as claim '{earlier.id}' "
                   f"({earlier.party.name}, ¶{number})")
        hint = ("words have one speaker: narration is no one's claim, and one side's claim is not read off "
                "the other side's words")
    return (later, "same-words", QUOTE, message, hint + f"; if both are right, say why with allow: {{same-words: …}}")


def _date_findings(claim):
    said, published = claim.when, claim.source.article.when
    if None in (said.earliest, said.latest, published.earliest, published.latest):
        return []
    within = published.earliest <= said.earliest and said.latest <= published.latest
    narrower = (said.latest - said.earliest) < (published.latest - published.earliest)
    if not (within and narrower):
        return []
    message = (f"the claim is dated {said.words}, more precisely than its article ({published.words}), "
               f"which is all the text gives for words it reports without a date")
    hint = (f"date words reported as current ('says') as the article is, \"{published.edtf}\", and words said "
            f"at a time not given ('said', 'pointed out') on or before it, \"../{_end(published)}\"; if the "
            f"text dates them itself, say where in date_basis and add allow: {{date-precision: …}}")
    return [(claim, "date-precision", ("date",), message, hint)]


def _end(when):
    return when.edtf.split("/")[-1]
