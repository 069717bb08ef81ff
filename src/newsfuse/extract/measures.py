"""measures: what a figure measures when no closed event names it, read from the parse.

A figure is a count of something (``unit`` None: "118 crew members", "98 members of the
council"), an amount of money ("$1.2 billion", "dlrs 30 million", "6.4 million ecu"), a share
("almost 3 percent") or a measure with a unit ("700 tons", "32 square miles", "180 mph"). What it
measures is the noun it counts or quantifies, or, for money and shares, the thing the amount is
of ("$30 million in aid", "3 percent of the vote") or the subject whose change it gives ("exports
declined 3 percent"). ``relation`` is the word that governs it (any verb or preposition: "sink",
"aboard", "cost", "approve"), and ``about`` the named entity the clause is about (the subject or
the possessor: "the Kursk", "Mexico"). Conflicts compare figures whose unit, measure and entity
agree, so these are read for every figure, not from a list of events.

Measures are converted to one base unit per dimension (feet and metres to metres, miles and
kilometres to kilometres, ...) so that "100 feet" and "30 metres" can be compared.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

#: currency words and signs -> the currency they name
CURRENCIES = {
    "$": "USD",
    "us$": "USD",
    "dlrs": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "£": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "€": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "ecu": "ECU",
    "ecus": "ECU",
    "yen": "JPY",
    "¥": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "ruble": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "roubles": "RUB",
    "rupee": "INR",
    "rupees": "INR",
    "mark": "DEM",
    "marks": "DEM",
    "franc": "FRF",
    "francs": "FRF",
    "peso": "MXN",
    "pesos": "MXN",
    "real": "BRL",
    "reais": "BRL",
    "tenge": "KZT",
}
#: unit lemma -> (base unit, factor to it); a count of these is a measure, not a tally
UNITS: dict[str, tuple[str, float]] = {
    "percent": ("percent", 1.0),
    "%": ("percent", 1.0),
    "point": ("point", 1.0),
    "meter": ("m", 1.0),
    "metre": ("m", 1.0),
    "m": ("m", 1.0),
    "foot": ("m", 0.3048),
    "feet": ("m", 0.3048),
    "yard": ("m", 0.9144),
    "inch": ("m", 0.0254),
    "kilometer": ("km", 1.0),
    "kilometre": ("km", 1.0),
    "km": ("km", 1.0),
    "mile": ("km", 1.609344),
    "mph": ("km/h", 1.609344),
    "kph": ("km/h", 1.0),
    "knot": ("km/h", 1.852),
    "ton": ("t", 1.0),
    "tonne": ("t", 1.0),
    "kilogram": ("t", 0.001),
    "kg": ("t", 0.001),
    "barrel": ("barrel", 1.0),
    "acre": ("ha", 0.404686),
    "hectare": ("ha", 1.0),
    "degree": ("degree", 1.0),
    "hour": ("h", 1.0),
    "minute": ("h", 1 / 60),
    "second": ("h", 1 / 3600),
    "day": ("day", 1.0),
    "week": ("day", 7.0),
    "month": ("month", 1.0),
    "year": ("year", 1.0),
    "cent": ("cent", 1.0),
    "square": ("area", 1.0),
    "magnitude": ("magnitude", 1.0),
}
_UNIT_ADJECTIVES = frozenset({"nautical", "statute", "metric", "short", "long", "cubic"})
_AREA = {"mile": ("km2", 2.589988), "kilometer": ("km2", 1.0), "kilometre": ("km2", 1.0)}
_HOLDERS = frozenset({"man", "member", "strong", "person", "people"})


def unit_of(phrase: list[Token], sentence: SpacySpan) -> tuple[str | None, float]:
    """(unit, factor to its base) of the figure ``phrase``: a currency ('USD'), a base unit
    ('m', 'percent'), or None for a count."""
    doc = phrase[0].doc
    before = doc[phrase[0].i - 1] if phrase[0].i > sentence.start else None
    if before is not None and before.lower_ in CURRENCIES:
        return CURRENCIES[before.lower_], 1.0
    after = phrase[-1].i + 1
    # "16-inch", "19 nautical miles", "a 630-nautical-mile race": the unit may follow a hyphen
    # or an adjective
    while after < min(sentence.end, phrase[-1].i + 4) and (
        doc[after].text == "-" or doc[after].lower_ in _UNIT_ADJECTIVES
    ):
        after += 1
    if after < sentence.end:
        word = doc[after]
        lower = word.lower_
        if lower in CURRENCIES and lower not in ("mark", "marks", "real", "pound", "pounds"):
            return CURRENCIES[lower], 1.0
        if lower in ("pound", "pounds"):
            return ("GBP", 1.0) if word.ent_type_ == "MONEY" else ("t", 0.000453592)
        lemma = word.lemma_.lower()
        if lemma == "square" and after + 1 < sentence.end:
            area = _AREA.get(doc[after + 1].lemma_.lower())
            if area:
                return area
        if lower == "per" and after + 1 < sentence.end and doc[after + 1].lower_ == "cent":
            return "percent", 1.0
        if lemma == "mile" and doc[after - 1].lower_ == "nautical":
            return "km", 1.852
        if lemma in UNITS and word.pos_ in ("NOUN", "PROPN", "SYM", "X", "ADJ"):
            return UNITS[lemma]
    if phrase[-1].ent_type_ == "PERCENT":
        return "percent", 1.0
    if phrase[-1].ent_type_ == "MONEY":
        return "money", 1.0
    return None, 1.0


def measure_of(anchor: Token, counted: list[Token], unit: str | None) -> str | None:
    """What the figure measures, as lemmas: the counted noun with the words that narrow it
    ("remaining concorde", "government troop"; "crew" in "118 crew members" and in "the
    118-man crew"), or the thing an amount or share is of or for."""
    if unit is None:
        if not counted:
            return None
        noun = counted[0]
        if noun.lemma_.lower() in _HOLDERS:
            # "118 crew members": the holder noun stands for its compound
            compound = [c for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"]
            if compound:
                return compound[-1].lemma_.lower()
        if noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN") and _joined(anchor):
            # "the 118-man crew", "the 115-yacht fleet": the figure sizes the noun it modifies
            return noun.head.lemma_.lower()
        narrowing = [
            c.lemma_.lower()
            for c in noun.lefts
            if c.dep_ in ("amod", "compound")
            and c.pos_ in ("ADJ", "NOUN", "VERB")
            and not c.like_num
            and not _describes_a_name(c)
            and c.lower_ not in _NOT_NARROWING
        ]
        return " ".join([*narrowing, noun.lemma_.lower()])
    return _thing_of(anchor) or _DIMENSIONS.get(unit)


#: what a measure of a named thing measures when no noun says ("the 13-meter Sword of Orion"):
#: its dimension, so that two lengths of one yacht meet in one slot (``conflicts`` requires the
#: entity). Only what a thing has once: a hurricane's speed and a town's distance from another
#: change with the time and the place they are measured from
_DIMENSIONS = {"m": "length", "t": "weight"}


def _describes_a_name(word: Token) -> bool:
    """A name, or a word qualifying the name after it: "ethnic Albanian refugees" are refugees,
    "Russian servicemen" servicemen (which ones, the names do not narrow)."""
    doc = word.doc
    following = doc[word.i + 1] if word.i + 1 < len(doc) else None
    return word.text[:1].isupper() or (following is not None and following.text[:1].isupper())


def _joined(anchor: Token) -> bool:
    """'118-man': the number is joined to the next word by a hyphen."""
    doc = anchor.doc
    return anchor.i + 1 < len(doc) and doc[anchor.i + 1].text == "-"


#: adjectives that say how sure or how many, not which ones
_NOT_NARROWING = frozenset(
    "more other some estimated reported confirmed total least about nearly almost only "
    "just full entire".split()
)


def _thing_of(anchor: Token) -> str | None:
    """What an amount or share is of: 'of the vote', 'in aid', 'worth' -> its subject, or the
    subject of the verb that the amount changes ('exports declined 3 percent')."""
    head = anchor
    while head.dep_ in ("compound", "quantmod", "nummod", "amod") and head.head.i != head.i:
        head = head.head
        lemma = head.lemma_.lower()
        if head.pos_ == "NOUN" and lemma not in UNITS and head.lower_ not in CURRENCIES:
            return lemma  # "a 5 percent tax", "the $2 billion package"
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "in", "for"):
            objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
            if objects:
                return objects[0].lemma_.lower()
    verb = head.head
    while verb.pos_ not in ("VERB", "AUX", "ADJ") and verb.head.i != verb.i:
        verb = verb.head
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects and subjects[0].pos_ == "NOUN" and subjects[0].lemma_.lower() not in UNITS:
        return subjects[0].lemma_.lower()
    return None


def is_toll(anchor: Token) -> bool:
    """A figure a toll states: 'the death toll rose to 357', 'stood at 248', 'a toll of 247',
    'bringing the toll to 12'. A toll counts the dead (an injury toll says so)."""
    token = anchor
    if token.dep_ == "pobj" and token.head.lower_ in ("to", "at", "of"):
        token = token.head
        if token.head.lemma_.lower() == "toll":
            return not _injury(token.head)
    if token.dep_ in ("attr", "dobj", "npadvmod", "prep", "oprd"):
        verb = token.head
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass", "dobj") and child.lemma_.lower() == "toll":
                return not _injury(child)
    return False


def _injury(toll: Token) -> bool:
    return any(
        c.lemma_.lower() in ("injury", "casualty", "injure", "injured", "wound", "wounded")
        for c in toll.lefts
    )


def relation_of(anchor: Token) -> str | None:
    """The word that governs the figure: the nearest verb above it that is not an auxiliary, or
    the preposition or particle that places it ('aboard', 'with')."""
    token, steps = anchor, 0
    while token.head.i != token.i and steps < 6:
        token = token.head
        steps += 1
        if token.pos_ == "VERB" and token.lemma_.lower() not in ("be", "have"):
            return token.lemma_.lower()
        if token.pos_ == "ADP" and token.lower_ not in ("of", "to", "from", "by"):
            return token.lower_
    # nothing governs it, but a participle qualifies what it counts ("one of 120 crows tested")
    noun = anchor.head if anchor.dep_ == "nummod" else anchor
    for child in noun.children:
        if child.dep_ == "acl" and child.pos_ == "VERB":
            return child.lemma_.lower()
    return None


def about_of(anchor: Token, sentence: SpacySpan) -> tuple[str, str] | None:
    """The named entity the figure's clause is about: the subject of the verb that governs it,
    the possessor or 'of' object of the counted noun ('the Kursk's crew', 'crew of the Kursk'),
    as (lower-case text, entity label), else None."""
    noun = anchor.head if anchor.dep_ in ("nummod", "compound") else anchor
    for child in noun.children:
        if child.dep_ == "poss" and child.ent_type_ in _NAMED:
            return _entity(child)
        if child.dep_ == "prep" and child.lower_ in ("of", "aboard", "on"):
            named = [c for c in child.children if c.dep_ == "pobj" and c.ent_type_ in _NAMED]
            if named:
                return _entity(named[0])
    verb = noun
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.i != noun.i:
            if child.ent_type_ in _NAMED:
                return _entity(child)
            named = [c for c in child.subtree if c.ent_type_ in _NAMED]
            if named and sentence.start <= named[0].i < sentence.end:
                return _entity(named[0])
    return None


_NAMED = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)


def _entity(token: Token) -> tuple[str, str]:
    """The whole entity a token is part of, lower case, with its label."""
    doc = token.doc
    start = end = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    return doc[start : end + 1].text.lower(), token.ent_type_


_AGE_WORDS = frozenset({"aged", "age"})


def age_of(token: Token, sentence: SpacySpan) -> str | None:
    """The person whose age the number gives, lower case, or None: 'Wang Youcai, 32,', 'a
    44-year-old activist' beside a name, 'aged 45'."""
    doc = token.doc
    if not token.like_num:
        return None
    person = None
    if token.dep_ == "appos" and token.head.ent_type_ == "PERSON":
        person = token.head
    elif token.i > sentence.start and doc[token.i - 1].lower_ in _AGE_WORDS:
        person = _person_near(doc[token.i - 1])
    elif (
        token.i + 4 < sentence.end
        and doc[token.i + 1 : token.i + 5].text.replace(" ", "") == "-year-old"
    ):  # "6-year-old Elian Gonzalez": the tokenizer splits it at the hyphens
        person = _person_near(doc[token.i + 4])
    return _entity(person)[0] if person is not None else None


def _person_near(token: Token) -> Token | None:
    """The PERSON that an age phrase qualifies: its head, or what that head is in apposition
    to ('Qin Yongmin, a 44-year-old activist')."""
    for candidate in (token, token.head, token.head.head):
        if candidate.ent_type_ == "PERSON":
            return candidate
        if candidate.dep_ == "appos" and candidate.head.ent_type_ == "PERSON":
            return candidate.head
    return None
