"""Benchmark: `export` on a local Dask cluster of 2 workers against one process.

Builds a corpus of many dump files from the shared fixtures, then times, in the same
run and on the same corpus, each as a fresh `python -m newsparse` process:

* one process:             newsparse export CORPUS -o out.jsonl
* --jobs 2 (if the option exists in this checkout; it is skipped and said so otherwise)
* a warm cluster:          newsparse export CORPUS --scheduler tcp://... -o outdir
                           (a LocalCluster of 2 worker processes started once, here)
  and, to show the fixed cost of a cluster run, the same on one 3-article file
* a cold local cluster:    newsparse export CORPUS --scheduler local -o outdir
                           (the cluster's start-up is inside the time)

Each is run --repeat times and the best time kept; ratios are against one process.
Every output is checked to be byte-identical to the one-process output.

    python bench/bench_dask.py                  # 48 files of ~1,300 articles each, 33 MB
    python bench/bench_dask.py --files 16 --copies 20 --repeat 1
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def build_corpus(directory: Path, files: int, copies: int) -> tuple[int, int]:
    """`files` dumps, each `copies` rounds of every fixture; returns (files, bytes)."""
    sources = [p.read_bytes() for p in sorted(FIXTURES.glob("*.txt"))]
    block = b"".join(source.rstrip(b"\n") + b"\n" for source in sources)
    total = 0
    for index in range(files):
        data = block * copies
        (directory / f"dump-{index:04d}.txt").write_bytes(data)
        total += len(data)
    return files, total


def newsparse(*args: str) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "newsparse", *args], capture_output=True, check=False, cwd=ROOT
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"newsparse {' '.join(args)} failed:\n{result.stderr.decode()}")
    return seconds


def best(repeat: int, *args: str) -> float:
    return min(newsparse(*args) for _ in range(repeat))


def concatenated(outdir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(outdir.glob("part-*.jsonl")))


def has_jobs_option() -> bool:
    result = subprocess.run(
        [sys.executable, "-m", "newsparse", "export", "--help"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    return "--jobs" in result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=48, help="dump files in the corpus")
    parser.add_argument("--copies", type=int, default=40, help="rounds of the fixtures a file")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best is kept")
    args = parser.parse_args()

    from distributed import Client

    from newsparse.distributed import local_cluster

    with tempfile.TemporaryDirectory(prefix="newsparse-bench-") as temp:
        work = Path(temp)
        corpus = work / "corpus"
        corpus.mkdir()
        files, size = build_corpus(corpus, args.files, args.copies)
        single_out = work / "single.jsonl"
        results: list[tuple[str, float]] = []

        results.append(
            ("one process", best(args.repeat, "export", str(corpus), "-o", str(single_out)))
        )
        expected = single_out.read_bytes()
        articles = expected.count(b"\n")
        print(
            f"corpus: {files} files, {size / 1e6:.1f} MB, {articles} articles; "
            f"{os.cpu_count()} CPUs; best of {args.repeat}",
            flush=True,
        )

        if has_jobs_option():
            jobs_out = work / "jobs.jsonl"
            seconds = best(args.repeat, "export", str(corpus), "--jobs", "2", "-o", str(jobs_out))
            assert jobs_out.read_bytes() == expected, "--jobs 2 output differs"
            results.append(("--jobs 2", seconds))
        else:
            print(
                "--jobs 2: not measured, `newsparse export` has no --jobs option in this checkout"
            )

        start = time.perf_counter()
        cluster = local_cluster(2)
        startup = time.perf_counter() - start
        with cluster, Client(cluster):
            warm = work / "warm"
            address = cluster.scheduler_address
            seconds = best(
                args.repeat, "export", str(corpus), "--scheduler", address, "-o", str(warm)
            )
            assert concatenated(warm) == expected, "cluster output differs"
            results.append(("LocalCluster, 2 workers, warm", seconds))
            tiny = work / "tiny"
            one_file = str(FIXTURES / "list_multi.txt")
            overhead = best(
                args.repeat, "export", one_file, "--scheduler", address, "-o", str(tiny)
            )

        cold = work / "cold"
        seconds = best(args.repeat, "export", str(corpus), "--scheduler", "local", "-o", str(cold))
        assert concatenated(cold) == expected, "--scheduler local output differs"
        results.append((f"--scheduler local ({os.cpu_count()} workers, cold)", seconds))

        baseline = results[0][1]
        print(
            f"LocalCluster start-up (2 workers): {startup:.2f} s; a --scheduler run of one "
            f"3-article file on the warm cluster: {overhead:.2f} s (fixed cost)"
        )
        print(f"{'run':<42} {'seconds':>8} {'articles/s':>11} {'vs one process':>15}")
        for name, seconds in results:
            print(
                f"{name:<42} {seconds:>8.2f} {articles / seconds:>11.0f} "
                f"{baseline / seconds:>14.2f}x"
            )
        print("all outputs byte-identical to the one-process export")


if __name__ == "__main__":
    main()
