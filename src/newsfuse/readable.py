"""readable: whether a sentence reads on its own once lifted out of its report.

A brief shows sentences away from their context (a fact's text, a summary sentence); one that
opens with a pronoun or a connective ("It imposes a curfew", "But with protests escalating") or is
a piece of a quotation misleads there, so the stages that pick a sentence to show prefer those
that score 1 here.
"""

from __future__ import annotations

import re

# openers that point back at something the reader of a lifted sentence never saw: pronouns,
# connectives, "another"/"both"/"such", "the two"/"the latter", "four of those" (not "us", which
# is also "US")
_DANGLING = re.compile(
    r"^(?:he|she|it|they|this|that|these|those|his|her|its|their|him|them|we|our|my|you|i(?=['’\s])|"
    r"let['’]s|but|and|also|however|meanwhile|still|yet|so|then|there|thus|moreover|furthermore|"
    r"nevertheless|instead|besides|otherwise|another|others|both|such|actually|indeed|likewise|"
    r"similarly|in addition|as a result|in fact|after all|even so|for (?:example|instance)|"
    r"the (?:two|three|four|latter|former|same|others?)|[\w,]+ of (?:them|those|these))\b"
    r"|^(?:first|second|third|finally|again),"
    # a pronoun subject after a short opening phrase: "Like other beetles, they are ..."
    r"|^[^,\"“”`]{1,40},\s+(?:he|she|it|they|this|these|those)\b",
    re.IGNORECASE,
)
# the reporter does not speak in the first person: a sentence that does is part of a quote whose
# marks its segmenting lost ("Last year we had 150,000.")
_FIRST_PERSON = re.compile(
    r"\b(?:we|our|ours|us|my|me|mine)\b|\bI['’](?:m|ve|d|ll)\b|\bI\s+(?:am|was|have|had|think|"
    r"thought|know|knew|can|could|will|would|do|did|don['’]t|didn['’]t|want|wanted|said|say|"
    r"believe|feel|felt|told|went|got|saw|see|guess|hope|mean|never|just|really)\b"
)
_QUOTES = re.compile(r"[\"“”]")
_QUOTED = re.compile(r"``.*?''|“[^”]*”|\"[^\"]*\"", re.DOTALL)
_LONG = 45  # words: past this a sentence is hard to take in at once


def clarity(text: str) -> float:
    """1 for a sentence that reads on its own; less for a dangling start, a quote fragment, a
    question or the first person outside quotation marks."""
    value = 1.0
    if _DANGLING.match(text):
        value -= 0.5
    if (
        text[:1] in "\"“”'‘’`"
        or len(_QUOTES.findall(text)) % 2
        or text.count("``") != text.count("''")
    ) or _FIRST_PERSON.search(_QUOTED.sub("", text)):
        value -= 0.5
    if len(text.split()) > _LONG:
        value -= 0.3
    stripped = text.rstrip()
    if not stripped.endswith((".", "!", "?", '"', "”", "’", "''")):
        value -= 0.5
    elif stripped.rstrip("\"”’'").endswith("?"):
        value -= 0.5  # a question reports nothing
    return max(value, 0.0)
