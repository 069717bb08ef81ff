"""What the parse costs, component by component and batch by batch, beside spaCy's stock pipeline.

Run: python benchmarks/parse_costs.py [--articles 80]

Prints, in one run:
1. each spaCy component's seconds over the same DUC 2006 articles, the stock pipeline beside the
   one newsfuse loads (``extract.fast_pipes`` stand-ins for the attribute ruler and lemmatizer),
   two passes each, taking turns, after a warm-up of 20 other articles;
2. microseconds a token of ``extract.nlp.parse_sources`` on the fuzz battery's 320 kB
   quotes-and-brackets case (seed 17), its pieces parsed in one batch (no character bound) beside
   the bound of ``BATCH_CHARS``;
3. the same on DUC 2006 news articles in batches of 4, 8 and 16 articles;
4. the length of the DUC 2004 and 2006 sentences that ``segment`` finds (median, 99.9th
   percentile, longest), beside ``segment.MAX_SENTENCE_CHARS``.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import spacy

from duc import DEFAULT_DUC2006, iter_documents, load_clusters
from newsfuse.extract import nlp as nlp_module
from newsfuse.resources import Resources
from newsfuse.segment import MAX_SENTENCE_CHARS, segment_text

DUC2004 = DEFAULT_DUC2006.parent.parent / "duc2004" / "clusters.jsonl"


def duc_texts(path: Path) -> list[str]:
    return [doc["text"] for _, doc in iter_documents(load_clusters(path))]


def components(nlp_by_name: dict, texts: list[str]) -> None:
    seconds: dict[tuple[str, str], float] = defaultdict(float)
    for nlp in nlp_by_name.values():
        list(nlp.pipe(texts[:20]))
    for _ in range(2):
        for label, nlp in nlp_by_name.items():
            docs = [nlp.make_doc(text) for text in texts[20:]]
            for name, component in nlp.pipeline:
                started = time.perf_counter()
                if hasattr(component, "pipe"):
                    docs = list(component.pipe(docs, batch_size=16))
                else:
                    docs = [component(doc) for doc in docs]
                seconds[label, name] += time.perf_counter() - started
    print(f"1. components, {len(texts) - 20} DUC 2006 articles, two passes (seconds)")
    for label in nlp_by_name:
        row = {name: s for (lab, name), s in seconds.items() if lab == label}
        cells = "  ".join(f"{name} {s:.2f}" for name, s in row.items())
        print(f"   {label:10} total {sum(row.values()):6.2f}  {cells}")


def per_token(texts: list[str], nlp, settings: list[tuple[str, int, int]]) -> None:
    sentences = [segment_text(text) for text in texts]
    list(nlp_module.parse_sources(texts[:1], sentences[:1], nlp))  # warm up
    before = nlp_module.PARSE_BATCH, nlp_module.BATCH_CHARS
    for label, batch, chars in settings:
        nlp_module.PARSE_BATCH, nlp_module.BATCH_CHARS = batch, chars
        started = time.perf_counter()
        tokens = sum(len(doc) for doc in nlp_module.parse_sources(texts, sentences, nlp))
        elapsed = time.perf_counter() - started
        print(
            f"   {label:34} {tokens:8,} tokens {elapsed:7.2f} s {1e6 * elapsed / tokens:6.0f} µs/token"
        )
    nlp_module.PARSE_BATCH, nlp_module.BATCH_CHARS = before


def long_case_text() -> str:
    import fuzz
    from fuzz_cases import write_case

    cls = "text: quotes and brackets"
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "case"
        root.mkdir()
        write_case(fuzz.CLASSES[cls](random.Random(f"17:{cls}:scale"), 320_000), root, root / "x")
        return next(root.rglob("*.txt")).read_text(encoding="utf-8")


def sentence_lengths(texts: list[str]) -> None:
    lengths = sorted(s.end - s.start for text in texts for s in segment_text(text))
    n = len(lengths)
    print(
        f"4. {n:,} DUC 2004 + 2006 sentences: median {lengths[n // 2]}, 99.9th percentile "
        f"{lengths[int(n * 0.999)]}, longest {lengths[-1]} characters "
        f"(MAX_SENTENCE_CHARS {MAX_SENTENCE_CHARS:,})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=80)
    args = parser.parse_args()
    resources = Resources()
    ours = resources.nlp
    news = duc_texts(DEFAULT_DUC2006)
    components(
        {"stock": spacy.load(resources.spacy_model), "newsfuse": ours}, news[: args.articles + 20]
    )
    print("2. the 320 kB quotes-and-brackets case, its pieces of PIECE_CHARS characters")
    unbounded = 10**9
    per_token(
        [long_case_text()],
        ours,
        [
            ("one batch (no character bound)", 16, unbounded),
            (f"BATCH_CHARS {nlp_module.BATCH_CHARS:,}", 16, nlp_module.BATCH_CHARS),
        ],
    )
    print(f"3. {args.articles} DUC 2006 articles")
    per_token(news[: args.articles], ours, [(f"batches of {n}", n, unbounded) for n in (16, 8, 4)])
    sentence_lengths(news + duc_texts(DUC2004))


if __name__ == "__main__":
    main()
