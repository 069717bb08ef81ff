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
    r"^(?:he|she|it|they|this|that|these|those|his|her|its|their|him|them|we|our|you|i(?=['’\s])|"
    r"but|and|also|however|meanwhile|still|yet|so|then|there|thus|moreover|furthermore|"
    r"nevertheless|instead|besides|otherwise|another|others|both|such|"
    r"the (?:two|three|four|latter|former|same|others?)|[\w,]+ of (?:them|those|these))\b",
    re.IGNORECASE,
)
_QUOTES = re.compile(r"[\"“”]")
_LONG = 45  # words: past this a sentence is hard to take in at once


def clarity(text: str) -> float:
    """1 for a sentence that reads on its own; less for a dangling start or a quote fragment."""
    value = 1.0
    if _DANGLING.match(text):
        value -= 0.5
    if text[:1] in "\"“”'‘’" or len(_QUOTES.findall(text)) % 2:
        value -= 0.5
    if len(text.split()) > _LONG:
        value -= 0.3
    if not text.rstrip().endswith((".", "!", "?", '"', "”", "’")):
        value -= 0.5
    return max(value, 0.0)
