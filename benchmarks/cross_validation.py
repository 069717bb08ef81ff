"""Choosing the summary's weights by K-fold cross-validation over clusters (never documents).

``summarize.py --folds K`` scores every candidate below on every cluster. For each fold, the
candidate with the best mean ROUGE-2 recall on the other folds' clusters is chosen (the mean of
the generic and, where the task has topics, the focused summary), and scored on the fold's own
clusters: the mean of those scores over all clusters is the out-of-fold figure, which no choice
saw. The candidate the whole set chooses is printed beside it, with its in-sample figure.

Folds are dealt from the clusters in SHA-1 order of their ids, so they do not follow the
collection's own order (topics were numbered by the assessors who wrote them).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, replace

from newsfuse.summarize import DEFAULT_WEIGHTS, Weights

#: One weight changed at a time from the defaults (which were developed on DUC 2006's 40
#: clusters): a grid over all of them would be 3**5 summaries per cluster and task. The first
#: run chose concepts=2.0 (from 1.0) in every fold; it is the default now, and its neighbours
#: are the alternatives.
ALTERNATIVES = {
    "concepts": (1.0, 4.0),
    "mmr": (0.5, 0.9),
    "position": (0.05, 0.3),
    "central": (0.1, 0.4),
    "support": (0.1, 0.3),
}


def weight_candidates() -> dict[str, Weights]:
    """The defaults and each one-weight change of them, by label."""
    found = {"defaults": DEFAULT_WEIGHTS}
    for name, values in ALTERNATIVES.items():
        for value in values:
            found[f"{name}={value}"] = replace(DEFAULT_WEIGHTS, **{name: value})
    return found


def folds_of(ids: list[str], k: int) -> list[int]:
    """The fold of each cluster id: dealt round-robin in SHA-1 order of the ids."""
    ranked = sorted(range(len(ids)), key=lambda i: hashlib.sha1(ids[i].encode()).hexdigest())
    fold = [0] * len(ids)
    for position, i in enumerate(ranked):
        fold[i] = position % k
    return fold


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def print_cross_validation(
    clusters: list[dict], tried: dict[str, list[dict[str, float]]], k: int
) -> None:
    """Choose by fold, score out of fold, print the table."""
    tasks = sorted(next(iter(tried.values()))[0])
    ids = [c["id"] for c in clusters]
    fold = folds_of(ids, k)

    def objective(label: str, members: list[int]) -> float:
        return _mean([_mean([tried[label][i][t] for t in tasks]) for i in members])

    out_of_fold: dict[str, list[float]] = {t: [0.0] * len(ids) for t in tasks}
    chosen_by_fold = []
    for f in range(k):
        train = [i for i in range(len(ids)) if fold[i] != f]
        test = [i for i in range(len(ids)) if fold[i] == f]
        best = max(tried, key=lambda label: (objective(label, train), label == "defaults"))
        chosen_by_fold.append(best)
        for i in test:
            for t in tasks:
                out_of_fold[t][i] = tried[best][i][t]
    everything = list(range(len(ids)))
    final = max(tried, key=lambda label: (objective(label, everything), label == "defaults"))

    print(
        f"\nsummary weights by {k}-fold cross-validation over {len(ids)} clusters (ROUGE-2 recall)"
    )
    print(
        "  folds (cluster ids): "
        + "; ".join(
            f"{f + 1}: " + " ".join(ids[i] for i in everything if fold[i] == f) for f in range(k)
        )
    )
    print("  chosen on the other folds, by fold: " + ", ".join(chosen_by_fold))
    print(f"  {'candidate':22} " + " ".join(f"{t:>28}" for t in tasks))
    for label in tried:
        row = " ".join(f"{_mean([tried[label][i][t] for i in everything]):28.4f}" for t in tasks)
        print(f"  {label:22} {row}   (in-sample)")
    oof = " ".join(f"{_mean(out_of_fold[t]):28.4f}" for t in tasks)
    print(
        f"  {'out-of-fold':22} {oof}   (each fold scored with the candidate its complement chose)"
    )
    weights = asdict(weight_candidates()[final])
    changed = {name: v for name, v in weights.items() if v != getattr(DEFAULT_WEIGHTS, name)}
    print(f"  chosen on all {len(ids)} clusters: {final} {changed or '(the defaults)'}")
