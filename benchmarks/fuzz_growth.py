"""How one fuzz class's brief grows with size, with spaCy's parse pieces at two lengths.

Run: python benchmarks/fuzz_growth.py "JSON and JSONL records" ["text: quotes and brackets" ...]

The cases are the battery's own (``fuzz.CLASSES``, seed 17, the scaling cases of 80 and 320 kB);
each brief is timed twice in one warm process and the best kept, once with the parse pieces of
before (100,000 characters) and once with ``extract.nlp.PIECE_CHARS`` as it is now, so that the
two are side by side in one run. The exponent is the log-log slope of seconds against size.
"""

from __future__ import annotations

import math
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz
from fuzz_cases import write_case

SIZES = (80_000, 320_000)
PIECES = (100_000, None)  # None: the current PIECE_CHARS


def best_of_two(run) -> float:
    seconds = []
    for _ in range(2):
        started = time.perf_counter()
        run()
        seconds.append(time.perf_counter() - started)
    return min(seconds)


def main() -> None:
    import newsfuse
    from newsfuse.extract import nlp as nlp_module
    from newsfuse.resources import Resources

    current = nlp_module.PIECE_CHARS
    resources = Resources()
    print(f"{'class':28} {'pieces':>8} {'80 kB':>9} {'320 kB':>9} {'exponent':>9}")
    with tempfile.TemporaryDirectory() as scratch:
        for number, cls in enumerate(sys.argv[1:] or ["JSON and JSONL records"]):
            roots = {}
            for size in SIZES:
                case = fuzz.CLASSES[cls](random.Random(f"17:{cls}:scale"), size)
                root = Path(scratch) / f"{number}-{size}"
                root.mkdir()
                write_case(case, root, Path(scratch) / "outside")
                roots[size] = root
            newsfuse.brief([roots[SIZES[0]]], "2023-05-02", resources=resources)  # warm up
            for pieces in PIECES:
                nlp_module.PIECE_CHARS = pieces or current
                seconds = {
                    size: best_of_two(
                        lambda root=root: newsfuse.brief([root], "2023-05-02", resources=resources)
                    )
                    for size, root in roots.items()
                }
                slope = math.log(seconds[SIZES[1]] / seconds[SIZES[0]]) / math.log(4)
                print(
                    f"{cls[:28]:28} {pieces or current:8,} {seconds[SIZES[0]]:8.2f}s "
                    f"{seconds[SIZES[1]]:8.2f}s {slope:9.2f}"
                )
    nlp_module.PIECE_CHARS = current


if __name__ == "__main__":
    main()
