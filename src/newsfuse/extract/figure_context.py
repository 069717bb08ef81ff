"""figure_context: what the words around a figure say about it.

Where its event happened, who the text says gave it, the date it refers to, whether it recalls an
earlier event, is a part of a larger count, a rate or a projection. All read from the dependency
parse of the figure's own sentence (and, for the past, the sentence before it).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from ..model import TimeMention
from .lookup import index_of
from .nlp import text_of

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token


_REPORTING = frozenset(
    "say report tell announce state confirm add quote claim estimate write accuse allege".split()
)


# a figure per period or per head is a rate ("2,000 die each year", "55 per 100,000"), and one
# under these modals a projection ("would lead to thousands of deaths"): neither counts an event
_RATE_RE = re.compile(
    r"\b(?:(?:each|every|a|per)\s+(?:year|month|week|day)|annually|yearly|monthly|weekly|daily"
    r"|a\s+year|per\s+capita)\b",
    re.IGNORECASE,
)


_PROJECTING = frozenset("would could might may should".split())


def clause_of(anchor: Token) -> Token:
    clause = anchor
    while clause.head.i != clause.i and clause.pos_ not in ("VERB", "AUX"):
        clause = clause.head
    return clause


def is_rate(phrase: list[Token], sentence: SpacySpan) -> bool:
    """'2,000 Americans die each year', '55 per 100,000': a figure per period or per head."""
    doc = phrase[0].doc
    if phrase[0].i > sentence.start and doc[phrase[0].i - 1].lower_ == "per":
        return True
    if phrase[-1].i + 1 < sentence.end and doc[phrase[-1].i + 1].lower_ == "per":
        return True
    clause = clause_of(phrase[-1])
    subtree = list(clause.subtree)
    return bool(_RATE_RE.search(doc[subtree[0].i : subtree[-1].i + 1].text))


def projected(anchor: Token) -> bool:
    """'would lead to thousands of deaths': the event is a projection, not a report."""
    clause = clause_of(anchor)
    return any(c.dep_ == "aux" and c.lower_ in _PROJECTING for c in clause.children)


# verbs that put what they govern in the future: "scheduled to execute eight more", "plans to
# send 2,000 troops", "expected to draw 10,000 athletes"
_PLANNING = frozenset(
    "schedule plan expect intend propose aim hope want seek project forecast predict set "
    "promise pledge offer threaten consider".split()
)


def planned(anchor: Token) -> bool:
    """A projection, a plan or a schedule: no tally of something that happened."""
    if projected(anchor):
        return True
    clause = clause_of(anchor)
    for verb in (clause, *clause.ancestors):
        if verb.pos_ not in ("VERB", "AUX", "ADJ"):
            continue
        if verb.lemma_.lower() in _PLANNING or any(
            c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall") for c in verb.children
        ):
            return True
        if verb.dep_ not in ("xcomp", "ccomp", "advcl", "conj"):
            break
    return False


def is_ratio(phrase: list[Token], sentence: SpacySpan) -> bool:
    """'one out of 10 children', 'one in five', '141 per 1,000', 'two-to-one', '50 times more
    likely': a ratio."""
    doc = phrase[0].doc
    first, last = phrase[0].i, phrase[-1].i
    before = doc[max(sentence.start, first - 2) : first].text.lower()
    if before.endswith(("out of", "in every", "of every")) or (
        before.split()[-1:] == ["in"] and first >= sentence.start + 2 and doc[first - 2].like_num
    ):
        return True
    after = doc[last + 1 : min(sentence.end, last + 4)].text.lower()
    if after.startswith("times "):  # "50 times more likely", "three times as many"
        return True
    return after.startswith(("out of", "in every", "of every", "in ", "-to-", "to one")) and any(
        t.like_num and not re.fullmatch(r"(?:1[89]|20)\d\d", t.text)
        for t in doc[last + 2 : min(sentence.end, last + 4)]
    )


# prepositions that place an event: "killed in Almaty", "clashes near the border", "a blast at"
_PLACING = frozenset("in at near outside across inside throughout within".split())


def place_of(anchor: Token, sentence: SpacySpan) -> str | None:
    """The place of the figure's event, named in its own clause: '2,000 detained in Almaty', 'in
    the western province of Xinjiang', "Quebec's 7 million people". A town or country comes
    before a building ("at the U.S. Embassy in Tanzania": Tanzania), the nearest before the
    farther ("5,400 injured in Kenya and 70 in Dar es Salaam"); places joined by "and" are
    one place together ("in Tanzania and Nairobi": a total over both)."""
    clause = clause_of(anchor)
    ents = [
        ent
        for ent in index_of(sentence.doc).ents_within(sentence.start, sentence.end)
        if ent.label_ in ("GPE", "LOC", "FAC")
    ]
    placed = [ent for ent in ents if _places_event(ent.root, clause, anchor)]
    if not placed and clause.dep_ == "relcl":
        # "the terrorist act in Argun, which killed more than 20": the event the clause
        # qualifies is placed on its noun, or is the place ("El Salvador _ where 140 died")
        antecedent = clause.head
        placed = [
            ent
            for ent in ents
            if ent.root.i == antecedent.i or _places_event(ent.root, antecedent, anchor)
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


def chunk(token: Token) -> str:
    """The noun phrase headed by ``token``, without a leading article."""
    left = token.left_edge
    right = token
    for child in token.rights:
        if child.dep_ in ("compound",) or (child.dep_ == "prep" and child.lower_ == "of"):
            right = child.right_edge
    words = token.doc[left.i : right.i + 1]
    text = words.text
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)


def attribution(sentence: SpacySpan, anchor: Token) -> str | None:
    """Who the text says gave the figure: 'according to X', 'X said', 'citing X'."""
    for token in sentence:
        if token.lower_ == "according":
            to = next((c for c in token.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
            if obj is not None:
                return chunk(obj)
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
            return chunk(subjects[0])
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is not None:
            obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return chunk(obj)
    for token in sentence:
        if token.lower_ == "citing":
            obj = next((c for c in token.children if c.dep_ in ("dobj", "pobj")), None)
            if obj is not None:
                return chunk(obj)
    return None


def as_of(sentence: SpacySpan, times: Sequence[TimeMention], source_id: str) -> dt.date | None:
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


# the past that a sentence names by its event rather than its year ("40,000 East Timorese were
# killed by Japanese soldiers during World War II"): the wars news most often recalls ("the
# worst since World War II" measures today's figure against it)
_HISTORIC = re.compile(
    r"(?<!since\s)(?<!since\sthe\s)\b(?:(?:First|Second)\s+World\s+War|World\s+War\s+(?:I{1,2}|One|Two|1|2)|"
    r"(?:Korean|Vietnam)\s+War|the\s+Holocaust)\b",
    re.IGNORECASE,
)


def recalls_the_past(
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
    if _HISTORIC.search(sentence.text):
        return True
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


def partitive(anchor: Token) -> bool:
    """A part of a group already counted: 'two of the members', 'including two', 'some of them'."""
    for child in anchor.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and (
                obj.pos_ == "PRON"
                or any(c.lower_ in ("the", "those", "these") for c in obj.children)
            ):
                return True
    if anchor.head.lower_ == "including" or (
        anchor.dep_ == "pobj" and anchor.head.lower_ == "including"
    ):
        return True
    return _increment(anchor)


# "six more crows", "three other organizers", "another 20 people", "12 additional troops": a
# count added to one given before, not a total of its own
_ADDING_AFTER = frozenset("more other additional further".split())
_ADDING_BEFORE = frozenset("another additional further".split())


def _increment(anchor: Token) -> bool:
    doc = anchor.doc
    after = doc[anchor.i + 1] if anchor.i + 1 < len(doc) else None
    before = doc[anchor.i - 1] if anchor.i > 0 else None
    if after is not None and after.lower_ in _ADDING_AFTER:
        than = after.i + 1 < len(doc) and doc[after.i + 1].lower_ == "than"
        return not (after.lower_ == "more" and than)  # "20 more than": a margin
    return before is not None and before.lower_ in _ADDING_BEFORE


# a figure after these is what another is measured against: "twice as many as the 19 crew
# members on a 747", "compared with 5,000 a year before"
_COMPARING = re.compile(
    r"(?:\b(?:than|compared (?:with|to)|versus|vs\.?|up from|down from)\s+(?:\w+\s+){0,3}"
    r"|\bfrom\s+(?:an?\s+|the\s+)?|\bas\s+(?:\w+\s+){1,3}as\s+the\s+)$",
    re.IGNORECASE,
)


# "more than 275,000": a qualifier of the figure, not a comparison with it
_QUALIFYING_THAN = re.compile(r"\b(?:more|less|fewer|greater|no more|no fewer)\s+than\s+$", re.I)


# a figure before these is a margin over another figure, not a value: "10 percent to 30 percent
# ahead of his nearest challenger", "12 points behind", "500 more than a year before"
_MARGIN = re.compile(
    r"\s*(?:-?\s*(?:percent(?:age)?|per\s+cent|%|points?)\s*)*"
    r"(?:ahead\s+of|behind|more\s+than|fewer\s+than|less\s+than|higher\s+than|lower\s+than)\b",
    re.IGNORECASE,
)


def compared(phrase: list[Token], sentence: SpacySpan) -> bool:
    """A figure set as the term of a comparison or as a margin, not a value of its own slot."""
    doc = phrase[0].doc
    text = text_of(doc)
    before = text[sentence.start_char : phrase[0].idx][-80:]
    end = phrase[-1].idx + len(phrase[-1].text)
    if _MARGIN.match(text, end, min(sentence.end_char, end + 40)):
        return True
    return bool(_COMPARING.search(before)) and not _QUALIFYING_THAN.search(before)


def aboard_or_aground(anchor: Token, counted: list[Token], sentence: SpacySpan) -> str | None:
    """'four on the ground', and '109 on board' beside it: parts of a crash's toll. Those
    aboard are the whole toll where nobody on the ground died ("killing all 217 aboard")."""
    noun = (counted or [anchor])[0]  # not a conjunct: "109 people on board and four people"
    after = [t.lower_ for t in noun.doc[noun.i + 1 : noun.i + 4]]
    if after == ["on", "the", "ground"]:
        return "people on the ground"
    aboard = after[:1] == ["aboard"] or after[:2] == ["on", "board"]
    if aboard and "on the ground" in sentence.text.lower():
        return "people aboard"
    return None
