"""How one fuzz class's brief grows with size, with and without a bound on work, side by side.

Run: python benchmarks/fuzz_growth.py "JSON and JSONL records" ["text: quotes and brackets" ...]
     [--setting segment.MAX_SENTENCE_CHARS=1000000000] [--setting extract.nlp.PIECE_CHARS=100000]

The cases are the battery's own (``fuzz.CLASSES``, seed 17, the scaling cases of 80 and 320 kB);
each brief is timed twice in one warm process and the best kept, once with each ``--setting``
given (the code as it was before a bound) and once with the settings as they are now, so that the
two are side by side in one run. The default setting lifts the sentence bound of ``segment``. The
exponent is the log-log slope of seconds against size.
"""

from __future__ import annotations

import argparse
import importlib
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
DEFAULT_SETTING = "segment.MAX_SENTENCE_CHARS=1000000000"


def best_of_two(run) -> float:
    seconds = []
    for _ in range(2):
        started = time.perf_counter()
        run()
        seconds.append(time.perf_counter() - started)
    return min(seconds)


def parsed_settings(settings: list[str]) -> list[tuple[object, str, int]]:
    """(module, attribute, value before) for each 'module.ATTR=value'."""
    parsed = []
    for setting in settings:
        name, _, value = setting.partition("=")
        module_name, _, attribute = name.rpartition(".")
        module = importlib.import_module(f"newsfuse.{module_name}")
        if not hasattr(module, attribute):
            raise SystemExit(f"newsfuse.{module_name} has no {attribute}")
        parsed.append((module, attribute, int(value)))
    return parsed


def scaling_roots(cls: str, scratch: Path, number: int) -> dict[int, Path]:
    roots = {}
    for size in SIZES:
        case = fuzz.CLASSES[cls](random.Random(f"17:{cls}:scale"), size)
        root = scratch / f"{number}-{size}"
        root.mkdir()
        write_case(case, root, scratch / "outside")
        roots[size] = root
    return roots


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("classes", nargs="*", default=["JSON and JSONL records"])
    parser.add_argument("--setting", action="append", default=[])
    args = parser.parse_args()
    import newsfuse
    from newsfuse.resources import Resources

    settings = parsed_settings(args.setting or [DEFAULT_SETTING])
    current = [getattr(module, attribute) for module, attribute, _ in settings]
    resources = Resources()
    print(f"{'class':28} {'code':>8} {'80 kB':>9} {'320 kB':>9} {'exponent':>9}")
    with tempfile.TemporaryDirectory() as scratch:
        for number, cls in enumerate(args.classes):
            roots = scaling_roots(cls, Path(scratch), number)
            newsfuse.brief([roots[SIZES[0]]], "2023-05-02", resources=resources)  # warm up
            for label, values in (("before", [v for *_, v in settings]), ("now", current)):
                for (module, attribute, _), value in zip(settings, values, strict=True):
                    setattr(module, attribute, value)
                seconds = {
                    size: best_of_two(
                        lambda root=root: newsfuse.brief([root], "2023-05-02", resources=resources)
                    )
                    for size, root in roots.items()
                }
                slope = math.log(seconds[SIZES[1]] / seconds[SIZES[0]]) / math.log(4)
                print(
                    f"{cls[:28]:28} {label:>8} {seconds[SIZES[0]]:8.2f}s "
                    f"{seconds[SIZES[1]]:8.2f}s {slope:9.2f}"
                )
    print("before: " + ", ".join(args.setting or [DEFAULT_SETTING]))


if __name__ == "__main__":
    main()
