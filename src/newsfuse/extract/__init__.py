"""extract: what each English source says, as records with spans into its cleaned text.

``parse_sources`` runs the spaCy pipeline once per source (sentence boundaries from ``segment``);
the modules beside it read the parsed documents:

- ``entities``: named entities, canonicalised across sources;
- ``dates``: time expressions resolved against the publication date;
- ``quantities``: figures with what they count, the event, who gave them and when;
- ``quotes``: direct quotes with their speakers.
"""

from .nlp import parse_sources

__all__ = ["parse_sources"]
