"""Names of wire services and news agencies, shared by ``clean`` (sign-offs) and ``reuse`` (credits).

Surface forms are matched case-sensitively: acronyms such as "AP" or "EFE" only count in capitals,
so that ordinary words are never taken for an agency.
"""

from __future__ import annotations

import re

#: Surface form -> canonical name.
AGENCY_NAMES: dict[str, str] = {
    "AFP": "AFP",
    "Agence France-Presse": "AFP",
    "Agence France Presse": "AFP",
    "Reuters": "Reuters",
    "Thomson Reuters": "Reuters",
    "AP": "AP",
    "Associated Press": "AP",
    "dpa": "dpa",
    "DPA": "dpa",
    "EFE": "EFE",
    "ANSA": "ANSA",
    "Xinhua": "Xinhua",
    "Interfax": "Interfax",
    "TASS": "TASS",
    "Tass": "TASS",
    "RIA Novosti": "RIA Novosti",
    "Ria Novosti": "RIA Novosti",
    "Sputnik": "Sputnik",
    "Bloomberg": "Bloomberg",
    "Kyodo": "Kyodo",
    "Yonhap": "Yonhap",
    "UPI": "UPI",
    "AAP": "AAP",
    "Press Association": "PA",
    "Anadolu": "Anadolu",
}

#: Alternation of every surface form, longest first, for use inside a larger pattern.
AGENCY_PATTERN = "|".join(re.escape(name) for name in sorted(AGENCY_NAMES, key=len, reverse=True))

_MENTION = re.compile(rf"(?<![\w-])(?:the\s+)?({AGENCY_PATTERN})(?![\w])")


def agency_mentions(text: str) -> list[tuple[str, int, int]]:
    """Every agency named in ``text``: (canonical name, start, end) of the surface form."""
    return [(AGENCY_NAMES[m.group(1)], m.start(1), m.end(1)) for m in _MENTION.finditer(text)]
