"""quantities: every figure with what it counts, the event, the place, who gave it, and when.

Read from the dependency parse, not from word windows: the counted noun is the head a number
modifies ("eight police officers") or the object of its "of" ("dozens of protesters"); the event
is the verb that governs the counted noun ("were killed", "killing", "had been detained") or the
participle that qualifies it ("317 injured", "people detained"); the source of the figure is the
"according to" phrase, the subject of a reporting verb ("police said"), or what a report cites.

Numbers in words and digits are normalised with text2num ("eight" -> 8, "19 million" ->
19000000); vague quantities ("dozens", "hundreds") become a range and are flagged. Each figure
carries an interval (``low``..``high``) that its qualifier implies, which ``conflicts`` compares.

measured on the example corpus: spaCy's CARDINAL entities plus the noun they attach to gave
(2,500, troops), (more than 1,000, people), (19 million, people), (eight, officers); quantulum3
found the numbers but dropped the nouns (and read "an AFP" as a unit), so it is not used.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from ..model import QuantityMention, Span, TimeMention
from .lookup import index_of
from .nlp import text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

_TENS = frozenset("twenty thirty forty fifty sixty seventy eighty ninety".split())
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_VAGUE = {
    "dozen": (12, 12),
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "millions": (2_000_000, 9_999_999),
}
# Qualifier -> (low factor, high factor) of the stated value. "more than 1,000" and "about
# 1,000" overlap (compatible); "at least eight" (8..10) and "18" do not (a conflict).
_QUALIFIERS: dict[str, tuple[float, float]] = {
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
    r"(?:^|\W)(" + "|".join(sorted(map(re.escape, _QUALIFIERS), key=len, reverse=True)) + r")\s*$",
    re.IGNORECASE,
)

# Event words (lemmas) -> the event a figure counts.
_EVENTS = {
    "killed": "kill die dead death eliminate behead slay perish murder fatality massacre execute drown",
    "wounded": "wound injure hurt injured wounded injury",
    "detained": "detain arrest jail imprison detention arrested detained custody",
    "hospitalised": "hospitalise hospitalize hospitalised hospitalized",
    "deployed": "deploy send dispatch arrive station deployment",
    "evacuated": "evacuate evacuation flee displace",
    "missing": "missing",
}
_EVENT_OF = {lemma: event for event, words in _EVENTS.items() for lemma in words.split()}
_POPULATION_HEADS = frozenset("nation country population city state region republic".split())
_GROUPS = {
    "security forces": "police officer policeman policemen serviceman servicemen soldier troop "
    "force personnel guard gendarme enforcement military security",
    "protesters": "protester demonstrator assailant rioter militant extremist terrorist insurgent",
    "people": "people person civilian resident citizen inhabitant individual",
}
_GROUP_OF = {lemma: group for group, words in _GROUPS.items() for lemma in words.split()}
_REPORTING = frozenset(
    "say report tell announce state confirm add quote claim estimate write accuse allege".split()
)
# Units measure, they do not count people or things that an event befalls.
_UNITS = frozenset(
    "kilometer kilometre km mile meter metre foot feet yard inch hour minute second day week "
    "month year percent dollar euro pound ton tonne kilogram kg barrel acre hectare degree "
    "cent yuan yen ruble rouble".split()
)
_SKIP_ENTS = frozenset({"DATE", "TIME", "ORDINAL", "MONEY", "PERCENT"})
_NAME_ENTS = frozenset({"PRODUCT", "LAW", "WORK_OF_ART", "EVENT", "FAC"})
# a figure per period or per head is a rate ("2,000 die each year", "55 per 100,000"), and one
# under these modals a projection ("would lead to thousands of deaths"): neither counts an event
_RATE_RE = re.compile(
    r"\b(?:(?:each|every|a|per)\s+(?:year|month|week|day)|annually|yearly|monthly|weekly|daily"
    r"|a\s+year|per\s+capita)\b",
    re.IGNORECASE,
)
_PROJECTING = frozenset("would could might may should".split())
_HYPHENED = re.compile(r"(?<![\w-])(\d[\d,]*)-(\d[\d,]*)(?![\d,])")


def parse_number(text: str) -> tuple[float, float, float, bool] | None:
    """(value, low, high, vague) of a number phrase without qualifier: '19 million', 'eight'."""
    words = text.lower().replace(",", "").replace("-", " ").split()
    if not words:
        return None
    if words[-1] in _VAGUE or (len(words) >= 2 and words[0] in ("several", "tens", "a")):
        return _vague(words)
    total = 0.0
    current = None
    for word in words:
        if word in _SCALES:
            current = (current or 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
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
        low = _VAGUE[last][0] * 10
        return low, low, low * 10 - 1, True
    if words[0] == "several" and last in _SCALES:
        scale = _SCALES[last]
        return 3 * scale, 3 * scale, 9 * scale, True
    if words[0] == "a" and last in ("dozen", "hundred", "thousand", "million"):
        value = _VAGUE["dozen"][0] if last == "dozen" else _SCALES[last]
        return value, value, value, False
    if last in _VAGUE:
        low, high = _VAGUE[last]
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


def _is_number_token(token: Token) -> bool:
    if token.ent_type_ in _SKIP_ENTS or _is_identifier(token):
        return False
    lower = token.lower_
    if lower == "one" and token.i > 0 and token.doc[token.i - 1].lower_ == "no":
        return False  # "no one was arrested" gives no figure to compare
    if lower in _VAGUE or (lower in ("several",) and token.head.lower_ in _SCALES):
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


#: Figures read in one sentence. Reading a figure scans its sentence (for who gave it, where,
#: and as of when), so a "sentence" that is a list of hundreds of numbers (a table or a phone
#: list run together) cost the square of its length: 5 KB of phone numbers took 110 s. Prose
#: gives a handful of figures a sentence; past this many the rest are not read.
MAX_FIGURES_PER_SENTENCE = 24


def find_quantities(
    source_id: str,
    doc: Doc,
    times: Sequence[TimeMention] = (),
    published: dt.date | None = None,
) -> list[QuantityMention]:
    """Every figure in a parsed source, with its reading."""
    found: list[QuantityMention] = []
    consumed: set[int] = set()
    sentences = list(doc.sents)  # Token.sent walks the whole document: look sentences up once
    # the time expressions near a sentence, found by bisection: a figure reads those of its
    # sentence and the one before, and all of a long text's for every figure grew with its square
    times = sorted(times, key=lambda t: t.span.start)
    time_starts = [t.span.start for t in times]
    for number, sentence in enumerate(sentences):
        prior = sentences[number - 1] if number else None
        window_start = sentence.start_char
        if prior is not None and "\n" not in text_of(doc)[prior.end_char : sentence.start_char]:
            window_start = prior.start_char
        nearby = times[
            bisect_left(time_starts, window_start) : bisect_left(time_starts, sentence.end_char)
        ]
        previous: QuantityMention | None = None
        read = 0
        for token in sentence:
            if token.i in consumed or not _is_number_token(token):
                continue
            read += 1
            if read > MAX_FIGURES_PER_SENTENCE:
                break
            phrase = _number_phrase(token, sentence)
            upper = _range_end(phrase, sentence)
            consumed.update(t.i for t in (*phrase, *upper))
            mention = _read(
                source_id, doc, sentence, phrase, previous, nearby, published, window_start, upper
            )
            if mention is not None and (mention.counted or mention.event or mention.value != 1):
                found.append(mention)
                previous = mention
    return found


def _number_phrase(token: Token, sentence: SpacySpan) -> list[Token]:
    """The tokens of one number: '19 million', 'two thousand five hundred', 'tens of thousands'."""
    tokens = [token]
    i = token.i + 1
    doc = token.doc
    while i < sentence.end:
        # "Thirty-nine": the tokenizer splits a hyphenated number word at its hyphen
        if (
            doc[i].text == "-"
            and i + 1 < sentence.end
            and tokens[-1].lower_ in _TENS
            and doc[i + 1].is_alpha
            and doc[i + 1].like_num
        ):
            tokens += [doc[i], doc[i + 1]]
            i += 2
            continue
        if not (doc[i].lower_ in _SCALES or (doc[i].like_num and doc[i].lower_ not in ("one",))):
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
        and token.lower_ in (*_SCALES, "dozen")
    ):
        tokens = [doc[token.i - 1], *tokens]
    return tokens


def _range_end(phrase: list[Token], sentence: SpacySpan) -> list[Token]:
    """The upper number of a range that starts with ``phrase`` ("300-400 people", "300 to 400
    people"): one figure between the two, not two figures that would dispute each other."""
    doc = phrase[0].doc
    joint = phrase[-1].i + 1
    if joint + 1 >= sentence.end or doc[joint].lower_ not in ("-", "–", "to"):
        return []
    if not _is_number_token(doc[joint + 1]) or doc[joint + 1].lower_ in _VAGUE:
        return []
    upper = _number_phrase(doc[joint + 1], sentence)
    low = parse_number(" ".join(t.text for t in phrase))
    high = parse_number(" ".join(t.text for t in upper))
    if low is None or high is None or not low[0] < high[0]:
        return []
    return upper


def _qualifier(phrase: list[Token], sentence: SpacySpan) -> tuple[str | None, int]:
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


def _read(
    source_id: str,
    doc: Doc,
    sentence: SpacySpan,
    phrase: list[Token],
    previous: QuantityMention | None,
    times: Sequence[TimeMention],
    published: dt.date | None,
    window_start: int,
    upper: list[Token] | None = None,
) -> QuantityMention | None:
    parsed = parse_number(" ".join(t.text for t in phrase))
    if parsed is None:
        return None
    value, low, high, vague = parsed
    qualifier, start = _qualifier(phrase, sentence)
    if qualifier and not vague:
        lo_f, hi_f = _QUALIFIERS[qualifier]
        low, high = value * lo_f, value * hi_f
    if upper:
        # "300-400 people": the range is the interval, its upper figure is the one counting
        parsed_upper = parse_number(" ".join(t.text for t in upper))
        if parsed_upper is not None:
            high = max(high, parsed_upper[2])
        phrase = [*phrase, *upper]
    anchor = phrase[-1]
    counted_tokens = _counted(anchor)
    counted = _noun_phrase(counted_tokens) if counted_tokens else None
    group = _group(counted_tokens)
    if counted_tokens and counted_tokens[0].lemma_.lower() in _UNITS:
        return None
    event = "population" if _population(anchor, counted_tokens) else _event(anchor, counted_tokens)
    if counted is None and previous is not None and event is not None and previous.counted:
        # "eight officers had been killed and 317 wounded": the second figure counts the same
        counted, group = previous.counted, previous.group
    if event is not None and (_is_rate(phrase, sentence) or _projected(anchor)):
        event = None
    if event == "population":
        event, group = "population", "people"
        counted = counted or "people"
    if (
        group is None
        and counted is None
        and event in ("killed", "wounded", "detained", "hospitalised")
    ):
        group = "people"
    end = phrase[-1].idx + len(phrase[-1].text)
    return QuantityMention(
        span=Span(source=source_id, start=start, end=end),
        text=text_of(doc)[start:end],
        value=value,
        low=low,
        high=high,
        vague=vague,
        qualifier=qualifier,
        counted=counted,
        group=group,
        event=event,
        place=_place(anchor, sentence),
        attributed_to=_attribution(sentence, anchor),
        as_of=_as_of(sentence, times, source_id),
        partitive=_partitive(anchor),
        past=_recalls_the_past(sentence, times, source_id, published, window_start),
        sentence=Span(source=source_id, start=sentence.start_char, end=_end_char(sentence)),
        context=text_of(doc)[sentence.start_char : _end_char(sentence)],
    )


def _end_char(sentence: SpacySpan) -> int:
    tokens = [t for t in sentence if not t.is_space]
    last = tokens[-1] if tokens else sentence[-1]
    return last.idx + len(last.text)


def _counted(anchor: Token) -> list[Token]:
    """The noun(s) a number counts: its head ('eight officers'), the object of its 'of'
    ('dozens of protesters'), or a group named with 'among' ('317 injured among the forces')."""
    head = anchor
    while head.dep_ in ("compound", "quantmod", "nummod") and head.head.like_num:
        head = head.head
    among = _among(head)
    if among:
        return among
    if head.dep_ == "nummod" and head.head.pos_ in ("NOUN", "PROPN"):
        noun = head.head
        if noun.lemma_.lower() in _EVENT_OF:  # "317 injured among ...", "18 dead"
            return _among(noun)
        return _with_conjuncts(noun)
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [
                c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")
            ]
            if objects:
                return _with_conjuncts(objects[0])
    return []


def _among(token: Token) -> list[Token]:
    """The group in 'among the security forces', on the token or a participle qualifying it."""
    holders = [token, *(c for c in token.children if c.dep_ in ("acl", "amod", "relcl"))]
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ == "among":
                objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ != "PRON"]
                if objects:
                    return _with_conjuncts(objects[0])
    return []


def _with_conjuncts(noun: Token) -> list[Token]:
    nouns = [noun]
    for conj in noun.conjuncts:
        if conj.pos_ in ("NOUN", "PROPN") and conj.i > noun.i:
            nouns.append(conj)
    return nouns


def _noun_phrase(nouns: list[Token]) -> str:
    first, last = nouns[0], nouns[-1]
    left = first
    for child in first.lefts:
        if child.dep_ in ("compound", "amod") and child.i < first.i:
            left = child if child.i < left.i else left
            break
    return first.doc[left.i : last.i + 1].text


def _group(nouns: list[Token]) -> str | None:
    if not nouns:
        return None
    lemmas = []
    for noun in nouns:
        lemmas.append(noun.lemma_.lower())
        lemmas += [c.lemma_.lower() for c in noun.lefts if c.dep_ in ("compound", "amod")]
    for lemma in lemmas:
        if lemma in _GROUP_OF and _GROUP_OF[lemma] == "security forces":
            return "security forces"
    for lemma in lemmas:
        if lemma in _GROUP_OF:
            return _GROUP_OF[lemma]
    return nouns[0].lemma_.lower()


def _event(anchor: Token, nouns: list[Token]) -> str | None:
    """The event the figure counts, from the words that govern or qualify the counted noun."""
    starts = nouns[:1] or [anchor]
    for start in starts:
        # a participle or event noun right on the number or noun: "317 injured", "people detained"
        for token in (start, anchor, anchor.head):
            if token.lemma_.lower() in _EVENT_OF and token.pos_ in ("NOUN", "ADJ", "VERB"):
                return _EVENT_OF[token.lemma_.lower()]
        for child in [*start.children, *anchor.children]:
            if child.dep_ in ("acl", "relcl", "amod") and child.lemma_.lower() in _EVENT_OF:
                return _EVENT_OF[child.lemma_.lower()]
        token, steps = start, 0
        while token.head.i != token.i and steps < 4 and token.dep_ != "conj":
            token = token.head
            steps += 1
            if token.pos_ in ("VERB", "AUX", "ADJ"):
                lemma = token.lemma_.lower()
                if lemma in _EVENT_OF:
                    return _EVENT_OF[lemma]
                for child in token.children:  # "leaving 750 injured"
                    if (
                        child.dep_ in ("oprd", "acomp", "xcomp")
                        and child.lemma_.lower() in _EVENT_OF
                    ):
                        return _EVENT_OF[child.lemma_.lower()]
                if lemma not in ("be", "have", "have been"):
                    break
    return None


def _population(anchor: Token, nouns: list[Token]) -> bool:
    """'the nation of 19 million', 'a country with more than 18 million inhabitants'."""
    counted = {n.lemma_.lower() for n in nouns} | {
        c.lemma_.lower() for n in nouns for c in n.children if c.dep_ == "compound"
    }
    if counted & {"inhabitant", "population"}:
        return True
    if counted and not counted & {"people", "resident", "citizen", "person"}:
        return False
    token = nouns[0] if nouns else anchor
    if token.dep_ == "pobj" and token.head.lower_ in ("of", "with"):
        return token.head.head.lemma_.lower() in _POPULATION_HEADS
    return False


def _clause(anchor: Token) -> Token:
    clause = anchor
    while clause.head.i != clause.i and clause.pos_ not in ("VERB", "AUX"):
        clause = clause.head
    return clause


def _is_rate(phrase: list[Token], sentence: SpacySpan) -> bool:
    """'2,000 Americans die each year', '55 per 100,000': a figure per period or per head."""
    doc = phrase[0].doc
    if phrase[0].i > sentence.start and doc[phrase[0].i - 1].lower_ == "per":
        return True
    if phrase[-1].i + 1 < sentence.end and doc[phrase[-1].i + 1].lower_ == "per":
        return True
    clause = _clause(phrase[-1])
    subtree = list(clause.subtree)
    return bool(_RATE_RE.search(doc[subtree[0].i : subtree[-1].i + 1].text))


def _projected(anchor: Token) -> bool:
    """'would lead to thousands of deaths': the event is a projection, not a report."""
    clause = _clause(anchor)
    return any(c.dep_ == "aux" and c.lower_ in _PROJECTING for c in clause.children)


# prepositions that place an event: "killed in Almaty", "clashes near the border", "a blast at"
_PLACING = frozenset("in at near outside across inside".split())


def _place(anchor: Token, sentence: SpacySpan) -> str | None:
    """The place of the figure's event, named in its own clause: '2,000 detained in Almaty', 'in
    the western province of Xinjiang', "Quebec's 7 million people". A town or country comes
    before a building ("at the U.S. Embassy in Tanzania": Tanzania), the nearest before the
    farther ("5,400 injured in Kenya and 70 in Dar es Salaam"); places joined by "and" are
    one place together ("in Tanzania and Nairobi": a total over both)."""
    clause = _clause(anchor)
    placed = [
        ent
        for ent in index_of(sentence.doc).ents_within(sentence.start, sentence.end)
        if ent.label_ in ("GPE", "LOC", "FAC") and _places_event(ent.root, clause, anchor)
    ]
    own = [e for e in placed if anchor in e.root.ancestors]  # "70 in Dar es Salaam"
    if own:
        placed = own
    else:  # not a place another figure of the clause carries
        others = [t for t in clause.subtree if t.like_num and t.i != anchor.i]
        placed = [e for e in placed if not any(o in e.root.ancestors for o in others)]
    if not placed:
        return None
    rank = {"GPE": 0, "LOC": 1, "FAC": 2}
    best = min(placed, key=lambda e: (rank[e.label_], abs(e.root.i - anchor.i)))
    same_kind = sorted((e for e in placed if e.label_ == best.label_), key=lambda e: e.start)
    text = text_of(sentence.doc)
    together = [best]
    for before, after in pairwise(same_kind):
        if re.search(r"\band\b", text[before.end_char : after.start_char]):
            together += [before, after]
    if len(together) == 1:
        return best.text
    return " + ".join(sorted({e.text for e in together}))


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _places_event(token: Token, clause: Token, anchor: Token) -> bool:
    """Whether ``token`` is introduced by a placing preposition within ``clause`` (not in a
    clause nested in it that has its own subject), or is the possessor of the counted noun."""
    if token.dep_ == "poss" and token.head.i == anchor.head.i:
        return True
    placing = False
    step = token
    while step.i != clause.i:
        if step.head.i == step.i:
            return False  # not inside the clause at all
        if step is not token and step.pos_ in ("VERB", "AUX") and _has_subject(step):
            # a nested clause with its own subject tells of another event ("..., while the
            # bombing in Kenya killed 224"); one without says where this one happened ("sent
            # 700 police to clear the protesters in Tianmashan")
            return False
        placing = placing or step.lower_ in _PLACING
        step = step.head
    return placing


def _chunk(token: Token) -> str:
    """The noun phrase headed by ``token``, without a leading article."""
    left = token.left_edge
    right = token
    for child in token.rights:
        if child.dep_ in ("compound",) or (child.dep_ == "prep" and child.lower_ == "of"):
            right = child.right_edge
    words = token.doc[left.i : right.i + 1]
    text = words.text
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)


def _attribution(sentence: SpacySpan, anchor: Token) -> str | None:
    """Who the text says gave the figure: 'according to X', 'X said', 'citing X'."""
    for token in sentence:
        if token.lower_ == "according":
            to = next((c for c in token.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
            if obj is not None:
                return _chunk(obj)
    reporters = [
        t for t in sentence if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in _REPORTING
    ]
    # the reporting verb whose clause holds the figure, else any reporting verb in the sentence
    reporters.sort(key=lambda t: (anchor not in list(t.subtree), abs(t.i - anchor.i)))
    for verb in reporters:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        holder = verb
        while not subjects and holder.dep_ == "conj" and holder.head.i != holder.i:
            holder = holder.head  # "Police opened fire ... but also accused them of killing 18"
            subjects = [c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and subjects[0].pos_ != "PRON":
            return _chunk(subjects[0])
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is not None:
            obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _chunk(obj)
    for token in sentence:
        if token.lower_ == "citing":
            obj = next((c for c in token.children if c.dep_ in ("dobj", "pobj")), None)
            if obj is not None:
                return _chunk(obj)
    return None


def _as_of(sentence: SpacySpan, times: Sequence[TimeMention], source_id: str) -> dt.date | None:
    inside = [
        t
        for t in times
        if t.span.source == source_id
        and sentence.start_char <= t.span.start < sentence.end_char
        and t.precision == "day"
        and t.date
    ]
    if not inside:
        return None
    text = text_of(sentence.doc)
    for t in inside:  # "As of late last night", "By Thursday"
        before = text[max(0, t.span.start - 7) : t.span.start].lower()
        if "as of" in before or before.rstrip().endswith("by"):
            return dt.date.fromisoformat(t.date)
    return dt.date.fromisoformat(inside[0].date)


def _recalls_the_past(
    sentence: SpacySpan,
    times: Sequence[TimeMention],
    source_id: str,
    published: dt.date | None,
    window_start: int,
) -> bool:
    """A figure recalled from an earlier event ('since 1978, when 20 people died'; 'another jet
    crashed in 1991. The crash killed all 223 people'): its sentence, or the one before it in the
    paragraph (from ``window_start``), is dated more than a year before publication and its own
    sentence names no recent date."""
    if published is None:
        return False
    recent = old = False
    for t in times:
        if t.span.source != source_id or t.date is None:
            continue
        year = int(t.date[:4])
        if sentence.start_char <= t.span.start < sentence.end_char and year >= published.year - 1:
            recent = True
        elif window_start <= t.span.start < sentence.end_char and year < published.year - 1:
            old = True
    return old and not recent


def _partitive(anchor: Token) -> bool:
    """A part of a group already counted: 'two of the members', 'including two', 'some of them'."""
    for child in anchor.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and (
                obj.pos_ == "PRON"
                or any(c.lower_ in ("the", "those", "these") for c in obj.children)
            ):
                return True
    return anchor.head.lower_ == "including" or (
        anchor.dep_ == "pobj" and anchor.head.lower_ == "including"
    )
