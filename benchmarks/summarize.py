"""Multi-document summaries side by side on DUC 2006 (or DUC 2004): newsfuse, sumy, a lead baseline,
the systems whose summaries the data carries. ROUGE-1/2 recall and F1 with 95% bootstrap intervals,
and seconds per cluster.

Run: python benchmarks/summarize.py [--data ../shared/benchmarks/duc2006/clusters.jsonl] [--clusters N]
     python benchmarks/summarize.py --data ../shared/benchmarks/duc2004/clusters.jsonl

Every method gets the same clusters and the same budget (250 words for DUC 2006's focused task, 100
for DUC 2004's generic one; --words overrides); every summary is cut to the budget and scored by
rouge-score (stemming on) against the four human summaries, averaged. Where the clusters carry a
topic (DUC 2006), newsfuse runs twice: generic and focused on the topic. sumy's stock
tokenizer needs NLTK data that cannot be downloaded here, so sumy is given a tokenizer that splits
sentences with newsfuse's segmenter: every method sees the same sentences. The participants'
summaries are the ones they submitted to DUC 2006 (carried by the data file).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cross_validation import print_cross_validation, weight_candidates
from duc import DEFAULT_DUC2006, articles_of, load_clusters
from newsfuse.analysis import analyse
from newsfuse.clean import clean_article
from newsfuse.model import Article
from newsfuse.pipeline import fuse_story, summary_of
from newsfuse.resources import Resources
from newsfuse.segment import segment_text
from newsfuse.settings import Settings
from newsfuse.summarize import Weights

FOCUSED_BUDGET = 250  # DUC 2006
GENERIC_BUDGET = 100  # DUC 2004
KL_LEAD_SENTENCES = 5
PEER = "peer "
_WORD = re.compile(r"\w+(?:['’]\w+)*")


class SegmenterTokenizer:
    """sumy's tokenizer interface over newsfuse's sentence segmenter (no NLTK data needed)."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(s.text for s in segment_text(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(sentence))


def cut(text: str, words: int) -> str:
    return " ".join(text.split()[:words])


def cleaned_documents(cluster: dict) -> list[str]:
    return [
        clean_article(Article(text=d["text"], language="en")).text for d in cluster["documents"]
    ]


def sumy_summaries(texts: list[str], budget: int) -> dict[str, str]:
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    parser = PlaintextParser.from_string("\n\n".join(texts), SegmenterTokenizer())
    # sumy's KL-Sum recomputes joint frequencies for every candidate at every step; on a whole
    # 25-article cluster one summary takes many minutes, so it reads each article's first
    # KL_LEAD_SENTENCES sentences (said in its row of the table)
    lead_texts = [" ".join(s.text for s in segment_text(t)[:KL_LEAD_SENTENCES]) for t in texts]
    lead_parser = PlaintextParser.from_string("\n\n".join(lead_texts), SegmenterTokenizer())
    out = {}
    for name, cls, document in (
        ("sumy LexRank", LexRankSummarizer, parser.document),
        ("sumy TextRank", TextRankSummarizer, parser.document),
        ("sumy LSA", LsaSummarizer, parser.document),
        (f"sumy KL-Sum (leads of {KL_LEAD_SENTENCES})", KLSummarizer, lead_parser.document),
    ):
        summarizer = cls(Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")
        sentences = summarizer(document, 20)
        out[name] = cut(" ".join(str(s) for s in sentences), budget)
    return out


def lead(cluster: dict, texts: list[str], budget: int) -> str:
    """NIST's baseline: the lead of the newest article, up to the budget."""
    newest = max(range(len(texts)), key=lambda i: cluster["documents"][i]["date"])
    return cut(texts[newest], budget)


def score(summary: str, references: list[str], scorer, budget: int) -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    for reference in references:
        result = scorer.score(reference, cut(summary, budget))
        for metric in ("rouge1", "rouge2"):
            totals[f"{metric}_r"] += result[metric].recall
            totals[f"{metric}_f"] += result[metric].fmeasure
    return {k: v / len(references) for k, v in totals.items()}


def bootstrap(values: list[float], rounds: int = 1000, seed: int = 7) -> tuple[float, float]:
    rng = random.Random(seed)
    means = sorted(sum(rng.choice(values) for _ in values) / len(values) for _ in range(rounds))
    return means[int(0.025 * rounds)], means[int(0.975 * rounds) - 1]


def kept_analyses(cluster: dict, cache: Path | None, resources: Resources) -> list | None:
    """The cluster's analyses from a store that holds its documents (by DUC id), if given."""
    if cache is None:
        return None
    from newsfuse.analysis import analysis_version
    from newsfuse.store import Store

    with Store(cache) as store:
        rows = store.db.execute(
            f"SELECT id FROM articles WHERE key IN ({','.join('?' * len(cluster['documents']))})",
            [d["id"] for d in cluster["documents"]],
        ).fetchall()
        stored = {a.key: a for a in store.articles([r[0] for r in rows])}
        members = [stored[d["id"]] for d in cluster["documents"] if d["id"] in stored]
        kept = store.cached_analyses(members, analysis_version(resources))
    if len(kept) < len(cluster["documents"]):
        return None  # a document missing (or stored twice under one id): analyse the cluster
    return [kept[m.id] for m in members]


def newsfuse_runs(
    cluster: dict,
    resources: Resources,
    budget: int,
    focused: bool,
    seconds: dict[str, float],
    candidates: dict[str, Weights],
    tried: dict[str, list[dict[str, float]]],
    scorer,
    cache: Path | None = None,
) -> dict[str, str]:
    """newsfuse's summaries of one cluster (generic, and focused where the task is), with its
    default weights; each cluster is analysed and fused once, and every candidate's summary is
    chosen from the same fusion (and scored into ``tried``)."""
    started = time.perf_counter()
    settings = Settings(summary_words=budget)
    analyses = kept_analyses(cluster, cache, resources) or analyse(articles_of(cluster), resources)
    fused = fuse_story(analyses, settings=settings, resources=resources)
    shared = time.perf_counter() - started
    variants: list[tuple[str, Settings]] = [("newsfuse (generic)", settings)]
    if focused:
        topic = f"{cluster['topic']['title']}. {cluster['topic']['narrative']}"
        variants.append(
            ("newsfuse (focused on topic)", settings.model_copy(update={"focus": topic}))
        )
    runs: dict[str, str] = {}
    for name, chosen in variants:
        started = time.perf_counter()
        runs[name] = " ".join(s.text for s in summary_of(fused, chosen))
        seconds[name] += shared + time.perf_counter() - started
    for label, weights in candidates.items():
        found = {}
        for name, chosen in variants:
            text = " ".join(s.text for s in summary_of(fused, chosen, weights))
            found[name] = score(text, cluster["references"], scorer, budget)["rouge2_r"]
        tried[label].append(found)
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DUC2006)
    parser.add_argument("--clusters", type=int, default=None, help="use only the first N clusters")
    parser.add_argument("--words", type=int, default=None, help="the budget (default: by task)")
    parser.add_argument(
        "--analyses",
        type=Path,
        default=None,
        help="a newsfuse store holding the clusters' analyses (benchmarks/fusion.py makes one);"
        " seconds per cluster then leave the parse out",
    )
    parser.add_argument(
        "--folds",
        type=int,
        default=0,
        help="also choose the summary weights by K-fold cross-validation over clusters",
    )
    args = parser.parse_args()

    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    clusters = load_clusters(args.data, limit=args.clusters)
    focused = all("topic" in c for c in clusters)
    budget = args.words or (FOCUSED_BUDGET if focused else GENERIC_BUDGET)
    dataset = args.data.parent.name.upper().replace("DUC", "DUC ")
    resources = Resources()
    resources.nlp  # noqa: B018 - load the model before timing

    scores: dict[str, list[dict[str, float]]] = defaultdict(list)
    seconds: dict[str, float] = defaultdict(float)
    candidates = weight_candidates() if args.folds else {}
    tried: dict[str, list[dict[str, float]]] = defaultdict(list)  # candidate -> per cluster
    for n, cluster in enumerate(clusters, start=1):
        runs = newsfuse_runs(
            cluster, resources, budget, focused, seconds, candidates, tried, scorer, args.analyses
        )
        started = time.perf_counter()
        texts = cleaned_documents(cluster)
        for name, summary in sumy_summaries(texts, budget).items():
            runs[name] = summary
        seconds["sumy (all four)"] += time.perf_counter() - started
        runs["lead (newest article)"] = lead(cluster, texts, budget)
        for system, summary in cluster["peers"].items():
            runs[f"{PEER}{system}"] = summary
        for name, summary in runs.items():
            scores[name].append(score(summary, cluster["references"], scorer, budget))
        print(f"  cluster {n}/{len(clusters)} {cluster['id']} done", file=sys.stderr)

    rows = []
    for name, values in scores.items():
        r2 = [v["rouge2_r"] for v in values]
        rows.append(
            (
                name,
                sum(v["rouge1_r"] for v in values) / len(values),
                sum(v["rouge1_f"] for v in values) / len(values),
                sum(r2) / len(r2),
                bootstrap(r2),
                sum(v["rouge2_f"] for v in values) / len(values),
                len(values),
            )
        )
    rows.sort(key=lambda r: -r[3])
    participants = [r for r in rows if r[0].startswith(PEER)]
    # DUC 2006's 35 participants are many: the best three are shown; DUC 2004's 13 classic systems
    # (SumRepo) are all shown, since each is a known method
    top = participants if len(participants) <= 15 else participants[:3]
    shown = [r for r in rows if not r[0].startswith(PEER)] + top
    shown.sort(key=lambda r: -r[3])
    print(
        f"\n{dataset}, {len(clusters)} clusters, summaries cut to {budget} words, "
        "ROUGE with stemming"
    )
    print(
        f"{'system':30} {'R-1 rec':>8} {'R-1 F':>6} {'R-2 rec':>8} {'R-2 95% CI':>15} {'R-2 F':>6} {'s/cluster':>9}"
    )
    for name, r1r, r1f, r2r, (lo, hi), r2f, _ in shown:
        per = ""
        if name.startswith("newsfuse"):
            per = f"{seconds[name] / len(clusters):9.1f}"
        elif name.startswith("sumy"):
            per = f"{seconds['sumy (all four)'] / len(clusters) / 4:9.1f}"
        print(f"{name:30} {r1r:8.4f} {r1f:6.4f} {r2r:8.4f} {lo:7.4f}-{hi:.4f} {r2f:6.4f} {per:>9}")
    if args.analyses:
        print(f"(newsfuse's s/cluster leave out the parse: analyses kept in {args.analyses})")
    best = participants[0]
    print(
        f"\n(best of the {len(participants)} systems the data carries: {best[0]}, "
        f"ROUGE-2 recall {best[3]:.4f}; {PEER.strip()} rows are their submitted summaries)"
    )
    if args.folds:
        print_cross_validation(clusters, tried, args.folds)


if __name__ == "__main__":
    main()
