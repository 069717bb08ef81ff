"""A generated battery of hostile inputs through newsfuse, and how its cost grows with size.

Run: python benchmarks/fuzz.py [--quick] [--seed N] [--per-class N] [--workers N]

Every class of ``fuzz_inputs``, ``fuzz_records`` and ``fuzz_text`` makes its cases from a seeded
generator (random bytes, encodings and BOMs, NUL and control characters, long lines, deep nesting,
hostile HTML, XML entity attacks and odd feed dates, malformed and mistyped JSON records, YAML
front matter, hostile manifests, links and pipes, adversarial text for the regular expressions
of clean, segment and extract, and repetitive copies for reuse).

First, one case per class at growing sizes, one at a time on one worker: seconds per MB at each
size (the best of two runs when a run takes under 30 s) and the growth exponent, the log-log
slope of seconds against bytes between neighbouring sizes (a size that takes under 0.25 s is
too small to tell growth from fixed costs and gives none).

Then the battery: cases of all classes dealt into batches, run in worker processes
(``fuzz_pool``), each batch under a wall-clock limit. Through ``newsfuse.brief`` (or
``read_inputs`` for the classes that only ingest reads) each case is judged (``fuzz_judge``):

- crashes: an exception escaped ``brief`` or a render (HTML, Markdown, JSON);
- hangs: the case ran past its limit (30 s plus 300 s per MB, and 10 s per case of a batch);
- lost: a file, JSONL line, JSON array item or feed entry that came back neither as a source
  nor as a problem;
- unescaped: live markup in the HTML or Markdown render that the renderer did not write (a
  foreign tag or attribute, a link that is not a web address, raw HTML or a Markdown link from a
  source), or the contents of a file outside the folders given (leaked).

The exit status is 1 when any count is not zero or an exponent exceeds 1.2.
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz_inputs
import fuzz_records
from fuzz_cases import SECRET, Case, write_case
from fuzz_pool import Result, run_jobs
from fuzz_text import TEXT_CLASSES
from fuzz_worker import Job

CLASSES = {**fuzz_inputs.CLASSES, **fuzz_records.CLASSES, **TEXT_CLASSES}
#: Classes that only ingest reads (nothing of theirs reaches the analysis): ``read_inputs``.
INGEST_ONLY = frozenset({"random bytes", "links, loops, pipes", "hostile manifests"})
#: (smallest, largest) size of a case in the battery, log-uniform between (default: 64, 4,000).
SIZES = {
    "random bytes": (16, 8192),
    "long lines": (1000, 300_000),
    "deep nesting": (64, 300_000),
    "hostile HTML": (300, 8000),
}
MAX_EXPONENT = 1.2
#: A size whose time is below this is dominated by fixed costs: it gives no exponent.
MIN_SECONDS = 0.25


def case_limit(size: int) -> float:
    """Wall-clock seconds a case of ``size`` bytes may take: 30 s, and 300 s per MB (prose runs
    at 25 to 50 s per MB on a quiet machine, and the limit must hold on a busy one; the exponent
    is what catches growth)."""
    return 30.0 + 300.0 * size / 1e6


@dataclass
class Tally:
    """The counts of one class."""

    inputs: int = 0
    crashes: int = 0
    hangs: int = 0
    lost: int = 0
    html: int = 0
    markdown: int = 0
    leaked: int = 0
    seconds: dict[int, float | None] = field(default_factory=dict)  # by nominal size
    size_bytes: dict[int, int] = field(default_factory=dict)  # what the case at a size holds
    examples: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def problems(self) -> int:
        """Everything counted against the class."""
        return self.crashes + self.hangs + self.lost + self.html + self.markdown + self.leaked


def battery(args: argparse.Namespace, root: Path, outside: Path) -> list[Job]:
    """The cases of every class, written under ``root`` and dealt into batches of mixed classes
    (cases of one class in one brief would mostly measure how alike they are: repetitive texts
    share shingles, and their reuse is compared pair by pair)."""
    dealt: dict[str, list[tuple[str, Case]]] = defaultdict(list)
    for cls, make in CLASSES.items():
        low, high = SIZES.get(cls, (64, 4000))
        if args.quick:
            high = max(low, high // 4)
        for n in range(args.per_class):
            rng = random.Random(f"{args.seed}:{cls}:{n}")
            size = int(math.exp(rng.uniform(math.log(low), math.log(high))))
            dealt[_api(cls)].append((n, cls, make(rng, size)))
        if cls == "long lines" and args.per_class and not args.quick:
            # the 10 MB lines, of units that cost the parser little
            for unit in ("x", "ab.", "\t"):
                dealt[_api(cls)].append((-1, cls, fuzz_inputs.long_line_file(unit, 10_000_000)))
    jobs = []
    for api, cases in dealt.items():
        cases.sort(key=lambda item: item[0])  # round robin over the classes
        for start in range(0, len(cases), args.batch):
            batch = [(cls, case) for _, cls, case in cases[start : start + args.batch]]
            jobs.append(_job((api, start), batch, root, outside))
    return jobs


def _api(cls: str) -> str:
    """The API a class's cases go through."""
    return "read_inputs" if cls in INGEST_ONLY else "brief"


def _job(key: tuple, cases: list[tuple[str, Case]], root: Path, outside: Path) -> Job:
    """Write ``cases`` (class, case) into folders under ``root``; the job that runs them."""
    dirs, expected, sizes, entries = [], [], [], []
    for n, (cls, case) in enumerate(cases):
        name = "".join(ch for ch in cls if ch.isalnum())[:24]
        folder = root / f"{key[0]}-{key[1]}-{n}-{name}"
        folder.mkdir(parents=True)
        found = write_case(case, folder, outside)
        dirs.append(str(folder))
        expected.append(tuple((str(p), r) for p, r in found))
        sizes.append(sum(len(e.data or b"") for e in case.entries))
        entries.append(len(case.entries))
    return Job(
        key=key,
        classes=tuple(cls for cls, _ in cases),
        api=_api(cases[0][0]),
        dirs=tuple(dirs),
        expected=tuple(expected),
        limit=job_limit(sizes),
        sizes=tuple(sizes),
        entries=tuple(entries),
    )


def job_limit(sizes: list[int] | tuple[int, ...]) -> float:
    """Wall-clock seconds a job of cases of these sizes may take (see :func:`case_limit`)."""
    return case_limit(sum(sizes)) + 10.0 * len(sizes)


def scaling(args: argparse.Namespace, root: Path, outside: Path) -> list[Job]:
    """One case per class and size, the same seed at every size (only the length grows)."""
    jobs = []
    for cls, make in CLASSES.items():
        for size in args.sizes:
            case = make(random.Random(f"{args.seed}:{cls}:scale"), size)
            jobs.append(_job(("scale", size), [(cls, case)], root / "scale", outside))
    return jobs


def record(tallies: dict[str, Tally], result: Result) -> None:
    """Add one job's outcomes to the tallies of their classes."""
    job, seconds, outcomes = result
    if job.key[0] == "scale":
        tally = tallies[job.classes[0]]
        tally.seconds[job.key[1]] = seconds
        tally.size_bytes[job.key[1]] = job.sizes[0]
    for cls, folder, entries, outcome in zip(
        job.classes, job.dirs, job.entries, outcomes, strict=True
    ):
        tally = tallies[cls]
        if job.key[0] != "scale":
            tally.inputs += entries
        name = Path(folder).name
        for count, attr, example in (
            ("crashes", outcome.crash, outcome.crash),
            ("hangs", outcome.hang, f"{name}: over its limit"),
            ("lost", outcome.lost, ", ".join(outcome.lost[:2])),
            ("html", outcome.html, ", ".join(sorted(set(outcome.html))[:4])),
            ("markdown", outcome.markdown, ", ".join(sorted(set(outcome.markdown))[:4])),
            ("leaked", outcome.leaked, f"{name}: {SECRET} read"),
        ):
            if attr:
                setattr(tally, count, getattr(tally, count) + (len(attr) if count == "lost" else 1))
                tally.examples[count].add(f"{example} [{name}]" if count != "hangs" else example)


def exponent(tally: Tally, sizes: list[int]) -> float | None:
    """The largest log-log slope of seconds against bytes between neighbouring sizes."""
    worst = None
    for small, big in itertools.pairwise(sizes):
        t_small, t_big = tally.seconds.get(small), tally.seconds.get(big)
        if t_big is None and big in tally.seconds:
            return math.inf  # the larger size hung
        if t_small is None or t_big is None or t_big < MIN_SECONDS:
            continue
        ratio = tally.size_bytes[big] / max(1, tally.size_bytes[small])
        slope = math.log(t_big / t_small) / math.log(ratio) if ratio > 1 else 0.0
        worst = slope if worst is None else max(worst, slope)
    return worst


def table(tallies: dict[str, Tally], sizes: list[int]) -> str:
    """The results as one Markdown table, totals last."""
    heads = [f"s/MB at {size // 1000} kB" for size in sizes]
    lines = [
        "| class | API | inputs | crashes | hangs | lost | unescaped HTML | unescaped MD | "
        f"leaked | {' | '.join(heads)} | exponent |",
        "|---|---|" + "---:|" * (7 + len(sizes) + 1),
    ]
    total = Tally()
    worst: float | None = None
    for cls, t in tallies.items():
        rates = [_rate(t, size) for size in sizes]
        slope = exponent(t, sizes)
        worst = slope if worst is None or (slope is not None and slope > worst) else worst
        api = "read_inputs" if cls in INGEST_ONLY else "brief"
        lines.append(
            f"| {cls} | {api} | {t.inputs:,} | {t.crashes} | {t.hangs} | {t.lost} | {t.html} | "
            f"{t.markdown} | {t.leaked} | {' | '.join(rates)} | {_slope(slope)} |"
        )
        for name in ("inputs", "crashes", "hangs", "lost", "html", "markdown", "leaked"):
            setattr(total, name, getattr(total, name) + getattr(t, name))
    lines.append(
        f"| **all** | | **{total.inputs:,}** | **{total.crashes}** | **{total.hangs}** | "
        f"**{total.lost}** | **{total.html}** | **{total.markdown}** | **{total.leaked}** | "
        f"{' | '.join('' for _ in sizes)} | **{_slope(worst)}** (worst) |"
    )
    return "\n".join(lines)


def _rate(tally: Tally, size: int) -> str:
    """Seconds per MB at a growth size, as the table shows it."""
    if size not in tally.seconds:
        return "–"
    seconds = tally.seconds[size]
    if seconds is None:
        return "hang"
    return f"{seconds / (max(1, tally.size_bytes[size]) / 1e6):.2f}"


def _slope(slope: float | None) -> str:
    """An exponent as the table shows it ("–": none measured, "hang": a size hung)."""
    if slope is None:
        return "–"
    return "hang" if math.isinf(slope) else f"{slope:.2f}"


def findings(tallies: dict[str, Tally]) -> str:
    """Up to three examples of every non-zero count, by class."""
    out = []
    for cls, tally in tallies.items():
        for kind, examples in sorted(tally.examples.items()):
            for example in sorted(examples)[:3]:
                out.append(f"- {cls}, {kind}: {example}")
    return "\n".join(out) or "- none"


def main() -> int:
    """Run the growth cases and the battery; print the table; 1 when anything failed."""
    args = _arguments()
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")  # one core per worker: the workers run side by side
    root = Path(tempfile.mkdtemp(prefix="newsfuse-fuzz-"))
    outside = root / "outside" / "secret.txt"
    outside.parent.mkdir()
    outside.write_text((SECRET + "\n") * 50, encoding="utf-8")
    tallies = {cls: Tally() for cls in CLASSES}
    started = time.monotonic()
    try:
        growth, jobs = scaling(args, root, outside), battery(args, root, outside)
        done = 0

        def progress(result: Result) -> None:
            nonlocal done
            done += 1
            record(tallies, result)
            if done % 25 == 0 or done == len(growth) + len(jobs):
                print(f"  {done} jobs, {time.monotonic() - started:.0f} s", file=sys.stderr)

        # the growth cases one at a time, so that no other job shares the machine while they
        # are timed (side by side, two jobs slowed each other unevenly); then the battery
        run_jobs(growth, 1, lambda job: job_limit(job.sizes), progress)
        run_jobs(jobs, args.workers, lambda job: job_limit(job.sizes), progress)
    finally:
        # rm, not shutil.rmtree, which recurses once per level and a case is 1,100 levels deep
        subprocess.run(["rm", "-rf", str(root)], check=False)
    print(table(tallies, args.sizes))
    print(f"\n{time.monotonic() - started:.0f} s on {args.workers} workers; seed {args.seed}.\n")
    print("Findings:\n" + findings(tallies))
    failing = any(t.problems() for t in tallies.values())
    slopes = [exponent(t, args.sizes) for t in tallies.values()]
    return 1 if failing or any(s is not None and s > MAX_EXPONENT for s in slopes) else 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a run of about five minutes")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--per-class", type=int, default=None, help="cases per class")
    parser.add_argument("--batch", type=int, default=25, help="cases per brief")
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--sizes", type=int, nargs="+", default=None, help="growth sizes, bytes")
    parser.add_argument("--classes", nargs="+", default=None, help="only these classes")
    args = parser.parse_args()
    if args.per_class is None:
        args.per_class = 60 if args.quick else 500
    if args.sizes is None:
        args.sizes = [10_000, 40_000] if args.quick else [20_000, 80_000, 320_000]
    if args.classes:
        unknown = set(args.classes) - set(CLASSES)
        if unknown:
            parser.error(f"unknown classes {sorted(unknown)}; the classes are {sorted(CLASSES)}")
        for cls in set(CLASSES) - set(args.classes):
            del CLASSES[cls]
    return args


if __name__ == "__main__":
    sys.exit(main())
