"""Cost of fusing one story as it grows: seconds and peak memory at 100 to 3,000 articles.

Run: python benchmarks/fusion.py [--sizes 100,300,1000,3000] [--cache benchmarks/.cache/fusion.db]

Fusion is the per-story half of the pipeline (reuse, entities across sources, conflicts, facts,
timeline, summary); the per-article analyses it reads are made once and kept in a newsfuse store
(``--cache``, made on the first run with ``newsfuse.corpus.add``: about 10 minutes for the 1,500
DUC documents on 2 cores, seconds afterwards). Each size is fused in a fresh child process, so that
its peak memory (``VmHWM``, ``newsfuse.memory``) is its own.

The "story" of N articles is the first N DUC 2006 then DUC 2004 articles, cluster by cluster (so
that a story holds many clusters' worth of facts, figures and names, as a long-running story
does). Past the 1,456 distinct articles, each article comes again as a second outlet's copy (wire
copy, which the reuse stage must find among all pairs).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from duc import DEFAULT_DUC2006, ROOT, load_clusters

DUC2004 = DEFAULT_DUC2006.parent.parent / "duc2004" / "clusters.jsonl"
CACHE = ROOT / "benchmarks" / ".cache" / "fusion.db"


def records() -> list[dict]:
    """Every DUC 2006 then DUC 2004 document as a JSONL record, cluster by cluster."""
    found = []
    for path in (DEFAULT_DUC2006, DUC2004):
        for cluster in load_clusters(path):
            for doc in cluster["documents"]:
                found.append(
                    {
                        "id": doc["id"],
                        "title": doc.get("headline"),
                        "published": doc["date"][:10],
                        "text": doc["text"],
                    }
                )
    return found


def ensure_cache(cache: Path) -> None:
    """A store holding every DUC article with its analysis (made once)."""
    from newsfuse.analysis import analysis_version
    from newsfuse.corpus import add, story_analyses
    from newsfuse.resources import Resources
    from newsfuse.store import Store

    wanted = records()
    if cache.exists():
        with Store(cache) as store:
            # documents that DUC holds twice are stored once: every stored one analysed is done
            current = store.analysis_count(analysis_version(Resources()))
            if store.article_count() and current == store.article_count():
                return
    cache.parent.mkdir(parents=True, exist_ok=True)
    feed = cache.with_suffix(".jsonl")
    feed.write_text("\n".join(json.dumps(r) for r in wanted) + "\n", encoding="utf-8")
    started = time.perf_counter()

    def progress(stage: str, done: int, total: int) -> None:
        print(f"\r  analysing: {done} of {len(wanted)} articles", end="", file=sys.stderr)

    add([feed], db=cache, progress=progress, batch_size=100)
    # articles stored by an older analyser are skipped by add (their text is there): analyse
    # them again as a brief would
    with Store(cache) as store:
        story_analyses(store, store.articles(), Resources(), progress)
    print(f"\n  analysed in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def load_story(cache: Path, size: int) -> list:
    """The analyses of the first ``size`` articles (copies past the real ones)."""
    from newsfuse.analysis import analysis_version
    from newsfuse.resources import Resources
    from newsfuse.store import Store

    with Store(cache) as store:
        stored = {a.key: a for a in store.articles()}
        ordered = [stored[r["id"]] for r in records() if r["id"] in stored][:size]
        kept = store.cached_analyses(ordered, analysis_version(Resources()))
    analyses = [kept[a.id] for a in ordered if a.id in kept]
    story = []
    for n in range(size):
        analysis = analyses[n % len(analyses)]
        if n >= len(analyses):  # the same text again, from another outlet
            article = analysis.cleaned.article.model_copy(update={"outlet": "Copy Desk"})
            analysis = analysis.model_copy(
                update={"cleaned": analysis.cleaned.model_copy(update={"article": article})}
            )
        story.append(analysis)
    return story


def fuse_one(cache: Path, size: int) -> dict:
    """Fuse a story of ``size`` articles; its seconds by stage, in this process."""
    from newsfuse.memory import peak_rss_mb
    from newsfuse.pipeline import fuse_analyses

    story = load_story(cache, size)
    stages: dict[str, float] = defaultdict(float)
    last = [time.perf_counter()]

    def progress(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        stages[stage] += now - last[0]
        last[0] = now

    started = last[0] = time.perf_counter()
    brief = fuse_analyses(story, progress=progress)
    seconds = time.perf_counter() - started
    peak_mb = peak_rss_mb()
    return {
        "size": len(story),
        "seconds": seconds,
        "peak_mb": peak_mb,
        "stages": stages,
        "facts": len(brief.facts),
        "conflicts": len(brief.conflicts),
        "summary": len(brief.summary),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,300,1000,3000")
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--timeout", type=float, default=900, help="seconds allowed per size")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child's own run
    args = parser.parse_args()
    if args.one:
        print(json.dumps(fuse_one(args.cache, args.one)))
        return
    ensure_cache(args.cache)
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        command = [sys.executable, __file__, "--one", str(size), "--cache", str(args.cache)]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=args.timeout, check=True
            )
        except subprocess.TimeoutExpired:
            rows.append({"size": size, "timeout": True})
            print(f"{size}: over {args.timeout:.0f} s, stopped", file=sys.stderr)
            continue
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"{size}: {rows[-1]['seconds']:.1f} s", file=sys.stderr)
    print_table(rows)


def print_table(rows: list[dict]) -> None:
    base = next((r for r in rows if "seconds" in r), None)
    print(
        f"{'articles':>8} {'seconds':>8} {'ms/article':>11} {'x per article':>14} "
        f"{'peak MB':>8} {'facts':>6} {'conflicts':>9}  stages (s)"
    )
    for row in rows:
        if "seconds" not in row:
            print(f"{row['size']:>8} {'timeout':>8}")
            continue
        per = 1000 * row["seconds"] / row["size"]
        growth = per / (1000 * base["seconds"] / base["size"])
        stages = ", ".join(f"{k} {v:.1f}" for k, v in row["stages"].items())
        print(
            f"{row['size']:>8} {row['seconds']:>8.1f} {per:>11.1f} {growth:>14.2f} "
            f"{row['peak_mb']:>8.0f} {row['facts']:>6} {row['conflicts']:>9}  {stages}"
        )


if __name__ == "__main__":
    main()
