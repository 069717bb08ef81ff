"""Sentence segmenters side by side on cleaned news text: speed and boundary quality.

Run: python benchmarks/segment.py [--data ../shared/benchmarks/duc2006/clusters.jsonl] [--limit N]

Peers, all on the same cleaned texts (the example corpus plus DUC 2006 articles):
- newsfuse: blingfire with newsfuse's repairs (what ``newsfuse.segment`` uses),
- blingfire alone, pysbd (rule-based), spaCy's parser (en_core_web_sm, the full pipeline's sents).

There is no gold segmentation of these texts, so quality is read two ways: agreement of each
segmenter's sentence ends with spaCy's parser (the reference the extract stage would otherwise
use), and counts of boundaries that are wrong by construction in news copy: a sentence ending in
an abbreviation that never ends a sentence ("Mr.", "Gen.", "Jan."), or one starting in lowercase.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from duc import DEFAULT_DUC2006, ROOT, iter_documents, load_clusters
from newsfuse.clean import clean_article
from newsfuse.model import Article
from newsfuse.resources import Resources
from newsfuse.segment import paragraphs, segment_text

NEVER_FINAL = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Capt|Sgt|Gov|Sen|Rep|Rev|St|Jan|Feb|Aug|Sept|Oct|Nov|Dec)\.$"
)


def by_paragraph(split):
    """Run a paragraph-level splitter over a text; return sentence (start, end) offsets."""

    def run(text: str) -> list[tuple[int, int]]:
        spans = []
        for p_start, p_end in paragraphs(text):
            for start, end in split(text[p_start:p_end]):
                spans.append((p_start + start, p_start + end))
        return spans

    return run


def blingfire_spans(chunk: str):
    from blingfire import text_to_sentences_and_offsets

    return text_to_sentences_and_offsets(chunk)[1]


def pysbd_spans(segmenter):
    def run(chunk: str):
        return [(s.start, s.end) for s in segmenter.segment(chunk)]

    return run


def spacy_spans(nlp):
    def run(chunk: str):
        return [(s.start_char, s.end_char) for s in nlp(chunk).sents]

    return run


def ends(text: str, spans) -> set[int]:
    out = set()
    for start, end in spans:
        piece = text[start:end].rstrip()
        if piece:
            out.add(start + len(piece))
    return out


def suspicious(text: str, spans) -> int:
    bad = 0
    for start, end in spans:
        piece = text[start:end].strip()
        if not piece:
            continue
        if NEVER_FINAL.search(piece) or piece[0].islower():
            bad += 1
    return bad


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DUC2006)
    parser.add_argument("--limit", type=int, default=200, help="DUC articles to use (default 200)")
    args = parser.parse_args()

    resources = Resources()
    nlp = resources.nlp
    texts = [
        p.read_text(encoding="utf-8")
        for p in sorted((ROOT / "examples" / "kazakhstan-2022").glob("*.txt"))
    ]
    docs = [d for _, d in iter_documents(load_clusters(args.data))][: args.limit]
    texts += [d["text"] for d in docs]
    cleaned = [clean_article(Article(text=t, language="en")).text for t in texts]
    words = sum(len(t.split()) for t in cleaned)

    import pysbd

    peers = {
        "newsfuse (blingfire + repairs)": lambda t: [(s.start, s.end) for s in segment_text(t)],
        "blingfire 0.1.8 alone": by_paragraph(blingfire_spans),
        "pysbd 0.3.4": by_paragraph(
            pysbd_spans(pysbd.Segmenter(language="en", clean=False, char_span=True))
        ),
        "spaCy parser (sm 3.8)": by_paragraph(spacy_spans(nlp)),
    }
    results = {}
    for name, run in peers.items():
        started = time.perf_counter()
        spans = [run(t) for t in cleaned]
        results[name] = (time.perf_counter() - started, spans)

    reference = results["spaCy parser (sm 3.8)"][1]
    fastest = min(seconds for seconds, _ in results.values())
    print(
        f"{len(cleaned)} cleaned news texts, {words:,} words (example corpus + {len(docs)} DUC 2006 articles)\n"
    )
    print(
        f"{'segmenter':34} {'words/s':>12} {'time x':>7} {'sentences':>9} {'F1 vs spaCy':>11} {'bad ends':>8}"
    )
    for name, (seconds, spans) in results.items():
        tp = fp = fn = 0
        bad = 0
        for text, mine, ref in zip(cleaned, spans, reference, strict=True):
            a, b = ends(text, mine), ends(text, ref)
            tp += len(a & b)
            fp += len(a - b)
            fn += len(b - a)
            bad += suspicious(text, mine)
        f1 = 2 * tp / max(1, 2 * tp + fp + fn)
        count = sum(len(s) for s in spans)
        print(
            f"{name:34} {words / seconds:12,.0f} {seconds / fastest:7.1f} {count:9,} {f1:11.3f} {bad:8}"
        )


if __name__ == "__main__":
    main()
