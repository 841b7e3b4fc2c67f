"""Time the parser against the prototype in bench/prototype_parser.py, in process.

    python bench/compare_parser.py bench/out/list-20MB-s1.txt [--repeat 3]

Parses the corpus with `newsparse.parser.parse_input` and with the prototype's, checks
that every record is equal, and prints MB/s of each (parse only, and parse + orjson).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import orjson

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import prototype_parser  # noqa: E402

from newsparse import parser as current  # noqa: E402
from newsparse.inputs import InputFile  # noqa: E402


def timed(parse: object, path: Path, repeat: int, dump: bool) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        if dump:
            for article in parse(InputFile(str(path))):  # type: ignore[operator]
                orjson.dumps(article)
        else:
            for _article in parse(InputFile(str(path))):  # type: ignore[operator]
                pass
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    options = argparse.ArgumentParser()
    options.add_argument("paths", nargs="+", type=Path)
    options.add_argument("--repeat", type=int, default=3)
    args = options.parse_args()
    for path in args.paths:
        size = path.stat().st_size / 1e6
        old = list(current.parse_input(InputFile(str(path))))
        new = list(prototype_parser.parse_input(InputFile(str(path))))
        same = old == new
        diffs = sum(a != b for a, b in zip(old, new, strict=False))
        print(f"{path.name}: {len(old)} articles, prototype records equal: {same} ({diffs} differ)")
        for label, dump in (("parse", False), ("parse+orjson", True)):
            t_old = timed(current.parse_input, path, args.repeat, dump)
            t_new = timed(prototype_parser.parse_input, path, args.repeat, dump)
            print(
                f"  {label:13} current {size / t_old:6.1f} MB/s"
                f"   prototype {size / t_new:6.1f} MB/s"
                f"   speed-up {t_old / t_new:.2f}x"
            )


if __name__ == "__main__":
    main()
