"""numbers: the number phrases of a parsed sentence and the intervals they state.

Numbers in words and digits are normalised with text2num ("eight" -> 8, "19 million" ->
19000000); vague quantities ("dozens", "hundreds") become a range and are flagged; a qualifier
("more than", "about") widens the value into the interval (``low``..``high``) that ``conflicts``
compares. A number that names rather than counts ("Flight 990", "767-300") is not a figure.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .nlp import text_of

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token


TENS = frozenset("twenty thirty forty fifty sixty seventy eighty ninety".split())


SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


VAGUE = {
    "dozen": (12, 12),
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "millions": (2_000_000, 9_999_999),
}


# Qualifier -> (low factor, high factor) of the stated value. "more than 1,000" and "about
# 1,000" overlap (compatible); "at least eight" (8..10) and "18" do not (a conflict).
QUALIFIERS: dict[str, tuple[float, float]] = {
    "at least": (1.0, 1.25),
    "more than": (1.0, 1.25),
    "over": (1.0, 1.25),
    "upwards of": (1.0, 1.25),
    "in excess of": (1.0, 1.25),
    "about": (0.9, 1.1),
    "around": (0.9, 1.1),
    "some": (0.9, 1.1),
    "roughly": (0.9, 1.1),
    "approximately": (0.9, 1.1),
    "an estimated": (0.9, 1.1),
    "estimated": (0.9, 1.1),
    "close to": (0.9, 1.0),
    "nearly": (0.9, 1.0),
    "almost": (0.9, 1.0),
    "just under": (0.9, 1.0),
    "as many as": (0.8, 1.0),
    "up to": (0.5, 1.0),
    "at most": (0.5, 1.0),
    "fewer than": (0.5, 1.0),
    "less than": (0.5, 1.0),
    "under": (0.5, 1.0),
}


_QUALIFIER_RE = re.compile(
    r"(?:^|\W)(" + "|".join(sorted(map(re.escape, QUALIFIERS), key=len, reverse=True)) + r")\s*$",
    re.IGNORECASE,
)


#: amounts of money and shares are figures too ("$1.2 billion", "3 percent"); dates, times and
#: ranks are not counts (ages, which spaCy tags as dates, are read apart: ``measures.age_of``)
_SKIP_ENTS = frozenset({"DATE", "TIME", "ORDINAL"})


_NAME_ENTS = frozenset({"PRODUCT", "LAW", "WORK_OF_ART", "EVENT", "FAC"})


_HYPHENED = re.compile(r"(?<![\w-])(\d[\d,]*)-(\d[\d,]*)(?![\d,])")


def parse_number(text: str) -> tuple[float, float, float, bool] | None:
    """(value, low, high, vague) of a number phrase without qualifier: '19 million', 'eight'."""
    words = text.lower().replace(",", "").replace("-", " ").split()
    if not words:
        return None
    if words[-1] in VAGUE or (len(words) >= 2 and words[0] in ("several", "tens", "a")):
        return _vague(words)
    total = 0.0
    current = None
    for word in words:
        if word in SCALES:
            current = (current or 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total += current
                current = None
            continue
        number = _to_number(word)
        if number is None:
            if word in ("and", "a"):
                continue
            return None
        current = (current or 0) + number
    total += current or 0
    if total <= 0:
        return None
    return total, total, total, False


def _vague(words: list[str]) -> tuple[float, float, float, bool] | None:
    last = words[-1]
    if words[:2] == ["tens", "of"] and last in ("thousands", "millions"):
        low = VAGUE[last][0] * 10
        return low, low, low * 10 - 1, True
    if words[0] == "several" and last in SCALES:
        scale = SCALES[last]
        return 3 * scale, 3 * scale, 9 * scale, True
    if last == "dozen" and words[0] == "several":
        return 36, 36, 108, True
    if last == "dozen" and len(words) > 1 and words[0] != "a":
        times = parse_number(" ".join(words[:-1]))  # "two dozen", "3 dozen"
        if times is None:
            return None
        return times[0] * 12, times[0] * 12, times[0] * 12, False
    if words[0] == "a" and last in ("dozen", "hundred", "thousand", "million"):
        value = VAGUE["dozen"][0] if last == "dozen" else SCALES[last]
        return value, value, value, False
    if last in VAGUE:
        low, high = VAGUE[last]
        return low, low, high, low != high
    return None


def _to_number(word: str) -> float | None:
    try:
        return float(word)
    except ValueError:
        pass
    from text_to_num import text2num

    try:
        return float(text2num(word, "en"))
    except ValueError:
        return None


def is_number_token(token: Token) -> bool:
    if token.ent_type_ in _SKIP_ENTS or _is_identifier(token):
        return False
    lower = token.lower_
    if lower == "one" and token.i > 0 and token.doc[token.i - 1].lower_ == "no":
        return False  # "no one was arrested" gives no figure to compare
    if lower in VAGUE or (lower in ("several",) and token.head.lower_ in SCALES):
        return True
    return bool(token.like_num) and not re.fullmatch(r"(?:19|20)\d{2}", token.text)


def _is_identifier(token: Token) -> bool:
    """A number that names rather than counts: part of a product, law or facility name, a number
    after the name it belongs to ("Flight 990", "Valujet 592", "Boeing 767"), or a code joined
    by hyphens ("767-300")."""
    if token.ent_type_ in _NAME_ENTS:
        return True
    head = token.head
    if token.dep_ in ("nummod", "compound", "appos") and head.pos_ == "PROPN" and head.i < token.i:
        return True
    # "767-300": numbers joined by a hyphen, not rising as a range does ("300-400 people")
    text = text_of(token.doc)
    for match in _HYPHENED.finditer(text, max(0, token.idx - 12), token.idx + 24):
        if match.start() <= token.idx < match.end():
            low, high = (float(g.replace(",", "")) for g in match.groups())
            return low >= high
    return False


def number_phrase(token: Token, sentence: SpacySpan) -> list[Token]:
    """The tokens of one number: '19 million', 'two thousand five hundred', 'tens of thousands'."""
    tokens = [token]
    i = token.i + 1
    doc = token.doc
    while i < sentence.end:
        # "Thirty-nine": the tokenizer splits a hyphenated number word at its hyphen
        if (
            doc[i].text == "-"
            and i + 1 < sentence.end
            and tokens[-1].lower_ in TENS
            and doc[i + 1].is_alpha
            and doc[i + 1].like_num
        ):
            tokens += [doc[i], doc[i + 1]]
            i += 2
            continue
        if doc[i].lower_ == "dozen" and tokens[-1].like_num:
            tokens.append(doc[i])  # "two dozen members": one figure, 24
            i += 1
            continue
        if not (doc[i].lower_ in SCALES or (doc[i].like_num and doc[i].lower_ not in ("one",))):
            break
        if doc[i].text[:1].isdigit() and tokens[-1].text[:1].isdigit():
            break  # "2019 2020": two numbers, not one
        tokens.append(doc[i])
        i += 1
    if (
        token.i >= sentence.start + 2
        and doc[token.i - 1].lower_ == "of"
        and doc[token.i - 2].lower_ == "tens"
    ):
        tokens = [doc[token.i - 2], doc[token.i - 1], *tokens]
    if (
        token.i > sentence.start
        and doc[token.i - 1].lower_ in ("several", "a")
        and token.lower_ in (*SCALES, "dozen")
    ):
        tokens = [doc[token.i - 1], *tokens]
    return tokens


def range_end(phrase: list[Token], sentence: SpacySpan) -> list[Token]:
    """The upper number of a range that starts with ``phrase`` ("300-400 people", "300 to 400
    people"): one figure between the two, not two figures that would dispute each other."""
    doc = phrase[0].doc
    joint = phrase[-1].i + 1
    if joint + 1 >= sentence.end or doc[joint].lower_ not in ("-", "–", "to"):
        return []
    if not is_number_token(doc[joint + 1]) or doc[joint + 1].lower_ in VAGUE:
        return []
    upper = number_phrase(doc[joint + 1], sentence)
    low = parse_number(" ".join(t.text for t in phrase))
    high = parse_number(" ".join(t.text for t in upper))
    if low is None or high is None or not low[0] < high[0]:
        return []
    return upper


def qualifier_of(phrase: list[Token], sentence: SpacySpan) -> tuple[str | None, int]:
    doc = phrase[0].doc
    start = max(sentence.start, phrase[0].i - 4)
    if start == phrase[0].i:
        return None, phrase[0].idx
    offset = doc[start].idx
    before = text_of(doc)[offset : phrase[0].idx]
    match = _QUALIFIER_RE.search(before)
    if not match:
        return None, phrase[0].idx
    return match.group(1).lower(), offset + match.start(1)
