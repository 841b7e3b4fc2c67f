"""The benchmark: one command, every number of issue 6, printed as Markdown tables.

    python bench/run.py                       # 100 MB list/page/mixed corpora, 1 repeat
    python bench/run.py --size 20 --repeat 3  # quicker
    python bench/run.py --mem-sizes 100,1000  # also peak memory on a 1 GB input

Every measurement is a separate process (so start-up and the whole process's memory
count), run on the same generated corpus (bench/make_corpus.py, cached in bench/out/),
with stdout sent to /dev/null. Wall time is the best of `--repeat` runs; CPU time
(user + system, from `os.wait4`) is given beside it and the single-process ratios use
it, because the machine is shared and wall time swings with the load; peak memory is
the child's `ru_maxrss` (for --jobs: the largest of parent and workers). It times:

* raw line iteration (`for line in f: pass`, text mode, UTF-8): the ceiling;
* the baseline (bench/baseline.py: per-line `re` + `json`, list layout only);
* the floor (bench/floor.py: the least per-article Python work an exporter can do,
  checking nothing): a ceiling for any pure-Python design;
* `newsparse export`, `newsparse validate` and `newsparse print --list`; a command that
  does not exist in this checkout is skipped with a note;
* export on the page and mixed layouts, as time per MB relative to the list layout;
* peak memory of export for each `--mem-sizes` input;
* start-up: `newsparse --version` against `python -c "import typer"`;
* `export --jobs 1/2/0` on the corpus split over `--jobs-files` files (output compared
  byte for byte), when `export` has `--jobs`.

Numbers depend on the machine and its load: the report names both.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_corpus  # noqa: E402

#: Children may cache compiled bytecode even where the caller's environment forbids it:
#: without the cache every start-up includes compiling newsparse's sources (~40 ms),
#: which no installed user pays, while typer's cache comes with its wheel.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

RAW = "import sys\nfor line in open(sys.argv[1], encoding='utf-8'): pass\n"


@dataclass
class Run:
    seconds: float  # wall clock
    cpu: float  # user + system CPU seconds of the process (and its reaped children)
    max_rss_mb: float
    exit_code: int
    digest: str = ""


def newsparse_command() -> list[str]:
    script = Path(sys.executable).with_name("newsparse")
    return [str(script)] if script.exists() else [sys.executable, "-m", "newsparse"]


def run_once(argv: list[str], *, digest: bool = False, cwd: str | None = None) -> Run:
    """Run a process with stdout to /dev/null (or hashed); wall time and peak RSS."""
    stdout = subprocess.PIPE if digest else subprocess.DEVNULL
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.DEVNULL, env=CHILD_ENV, cwd=cwd)
    sha = hashlib.sha256()
    if digest:
        assert proc.stdout is not None
        while block := proc.stdout.read(1 << 20):
            sha.update(block)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.stdout is not None:
        proc.stdout.close()
    cpu = usage.ru_utime + usage.ru_stime
    # Linux reports ru_maxrss in KiB.
    return Run(
        seconds, cpu, usage.ru_maxrss / 1024, proc.returncode, sha.hexdigest() if digest else ""
    )


def best_of(argv: list[str], repeat: int, *, digest: bool = False, cwd: str | None = None) -> Run:
    runs = [run_once(argv, digest=digest, cwd=cwd) for _ in range(repeat)]
    best = min(runs, key=lambda run: run.seconds)
    best.cpu = min(run.cpu for run in runs)
    best.max_rss_mb = max(run.max_rss_mb for run in runs)
    return best


def has_command(np: list[str], *args: str) -> bool:
    """`newsparse ARGS --help` works, and names the last option in ARGS if any."""
    command = [a for a in args if not a.startswith("-")]
    options = [a for a in args if a.startswith("-")]
    result = subprocess.run([*np, *command, "--help"], capture_output=True, text=True, check=False)
    return result.returncode == 0 and all(option in result.stdout for option in options)


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}, load average {load}"
    )


def version(np: list[str]) -> str:
    result = subprocess.run([*np, "--version"], capture_output=True, text=True, check=False)
    commit = subprocess.run(
        ["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return f"{result.stdout.strip()} (git {commit or '?'})"


def mbps(size: int, run: Run) -> float:
    return size / 1e6 / run.seconds


def row(*cells: object) -> str:
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


def throughput(args: argparse.Namespace, np: list[str]) -> dict[str, Run]:
    corpus = make_corpus.make("list", args.size, args.seed)
    size = corpus.stat().st_size
    jobs: list[tuple[str, list[str], str]] = [
        ("raw line iteration", [sys.executable, "-c", RAW, str(corpus)], ""),
        ("baseline (re + json)", [sys.executable, str(HERE / "baseline.py"), str(corpus)], ""),
        ("floor (bench/floor.py)", [sys.executable, str(HERE / "floor.py"), str(corpus)], ""),
        ("newsparse export", [*np, "export", str(corpus)], "export"),
        (
            "newsparse export --no-tags",
            [*np, "export", "--no-tags", str(corpus)],
            "export --no-tags",
        ),
        ("newsparse validate", [*np, "validate", str(corpus)], "validate"),
        ("newsparse print --list", [*np, "print", "--list", str(corpus)], "print --list"),
    ]
    results: dict[str, Run] = {}
    notes: list[str] = []
    for name, argv, command in jobs:
        if command and not has_command(np, *command.split()):
            notes.append(f"`newsparse {command}` does not exist in this checkout: skipped.")
            continue
        results[name] = best_of(argv, args.repeat)
    raw = results["raw line iteration"]
    base = results["baseline (re + json)"]
    print(f"\n### Throughput, list layout, {size / 1e6:.0f} MB ({corpus.name})\n")
    print(
        row(
            "run",
            "wall s",
            "MB/s (wall)",
            "CPU s",
            "MB/s (CPU)",
            "× baseline (CPU)",
            "× raw iteration (CPU)",
            "peak RSS MB",
            "exit",
        )
    )
    print(row("---", *["---:"] * 8))
    for name, run in results.items():
        print(
            row(
                name,
                f"{run.seconds:.2f}",
                f"{mbps(size, run):.1f}",
                f"{run.cpu:.2f}",
                f"{size / 1e6 / run.cpu:.1f}",
                f"{base.cpu / run.cpu:.2f}",
                f"{raw.cpu / run.cpu:.2f}",
                f"{run.max_rss_mb:.0f}",
                run.exit_code,
            )
        )
    for note in notes:
        print(f"\n{note}")
    return results


def layouts(args: argparse.Namespace, np: list[str]) -> None:
    print(f"\n### `newsparse export` by layout, {args.size:g} MB each\n")
    print(row("layout", "wall s", "CPU s", "MB/s (CPU)", "CPU ms per MB", "× list", "peak RSS MB"))
    print(row("---", *["---:"] * 6))
    per_mb: dict[str, float] = {}
    for layout in ("list", "page", "mixed"):
        corpus = make_corpus.make(layout, args.size, args.seed)
        size = corpus.stat().st_size
        run = best_of([*np, "export", str(corpus)], args.repeat)
        per_mb[layout] = run.cpu / (size / 1e6)
        print(
            row(
                layout,
                f"{run.seconds:.2f}",
                f"{run.cpu:.2f}",
                f"{size / 1e6 / run.cpu:.1f}",
                f"{per_mb[layout] * 1000:.1f}",
                f"{per_mb[layout] / per_mb['list']:.2f}",
                f"{run.max_rss_mb:.0f}",
            )
        )


def memory(args: argparse.Namespace, np: list[str]) -> None:
    sizes = [float(size) for size in args.mem_sizes.split(",") if size]
    commands = [("export", ["export"])]
    for command in ("validate", "print --list"):
        if has_command(np, *command.split()):
            commands.append((command, command.split()))
    print("\n### Peak memory (whole process, max RSS) by input size, list layout\n")
    print(row("input", *(f"{name} peak RSS MB" for name, _ in commands), "export wall s"))
    print(row("---", *("---:" for _ in commands), "---:"))
    for size_mb in sizes:
        corpus = make_corpus.make("list", size_mb, args.seed)
        runs = [run_once([*np, *argv, str(corpus)]) for _, argv in commands]
        print(
            row(
                f"{corpus.stat().st_size / 1e6:.0f} MB",
                *(f"{run.max_rss_mb:.1f}" for run in runs),
                f"{runs[0].seconds:.1f}",
            )
        )
        if args.delete_large and size_mb >= 1000:
            corpus.unlink()


def startup(args: argparse.Namespace, np: list[str]) -> None:
    small = HERE.parent / "fixtures" / "real_list_sample.txt"
    jobs = [
        ('python -c "import typer"', [sys.executable, "-c", "import typer"]),
        ("newsparse --version", [*np, "--version"]),
        ("newsparse export (one small file)", [*np, "export", str(small)]),
    ]
    if has_command(np, "validate"):
        jobs.append(("newsparse validate (one small file)", [*np, "validate", str(small)]))
    repeat = max(args.repeat, 5)
    # From an empty directory, as a user in a folder of dumps runs it: in this checkout
    # every command would also parse newsparse's own pyproject.toml (~2.5 ms), looking
    # for a [tool.newsparse] table.
    with tempfile.TemporaryDirectory() as empty:
        runs = {name: best_of(argv, repeat, cwd=empty) for name, argv in jobs}
    typer_run = runs[jobs[0][0]]
    print(f"\n### Start-up (best of {repeat}, run from an empty directory)\n")
    print(row("command", "wall ms", "× import typer", "CPU ms", "× (CPU)", "peak RSS MB"))
    print(row("---", *["---:"] * 5))
    for name, run in runs.items():
        print(
            row(
                name,
                f"{run.seconds * 1000:.0f}",
                f"{run.seconds / typer_run.seconds:.2f}",
                f"{run.cpu * 1000:.0f}",
                f"{run.cpu / typer_run.cpu:.2f}",
                f"{run.max_rss_mb:.0f}",
            )
        )


def parallel(args: argparse.Namespace, np: list[str]) -> None:
    commands = [
        (name, argv)
        for name, argv in (
            ("export", ["export"]),
            ("validate", ["validate"]),
            ("stats", ["stats", "--format", "json"]),
        )
        if has_command(np, argv[0], "--jobs")
    ]
    if not commands:
        print("\n`newsparse export --jobs` does not exist in this checkout: skipped.")
        return
    files = args.jobs_files
    corpus = make_corpus.make("list", args.jobs_size, args.seed, files=files)
    size = sum(path.stat().st_size for path in corpus.iterdir())
    print(f"\n### `--jobs`, {files} files, {size / 1e6:.0f} MB in all\n")
    header = ("command", "jobs", "wall s", "MB/s (wall)", "speed-up (wall)", "CPU s", "RSS MB")
    print(row(*header, "same"))
    print(row("---", "---:", *["---:"] * 5, "---"))
    for name, argv in commands:
        first: Run | None = None
        for jobs in (1, 2, 0):
            command = [*np, *argv, "--jobs", str(jobs), str(corpus)]
            run = best_of(command, args.repeat, digest=True)
            first = first or run
            print(
                row(
                    name,
                    jobs,
                    f"{run.seconds:.2f}",
                    f"{mbps(size, run):.1f}",
                    f"{first.seconds / run.seconds:.2f}",
                    f"{run.cpu:.2f}",
                    f"{run.max_rss_mb:.0f}",
                    "yes" if run.digest == first.digest else "NO",
                )
            )
    print(
        "\n(Peak RSS is the largest of the parent and each worker, not their sum; "
        "`same`: standard output bytes equal to `--jobs 1`.)"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="newsparse benchmarks (issue 6)")
    parser.add_argument("--size", type=float, default=100, help="corpus MB (default 100)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs (default 1)")
    parser.add_argument(
        "--mem-sizes",
        default="100",
        help="comma-separated MB for the memory table, e.g. 100,1000 (default 100)",
    )
    parser.add_argument(
        "--delete-large", action="store_true", help="delete corpora of 1000 MB or more after use"
    )
    parser.add_argument("--jobs-files", type=int, default=8)
    parser.add_argument("--jobs-size", type=float, default=80, help="MB over all files")
    parser.add_argument(
        "--only",
        default="throughput,layouts,memory,startup,parallel",
        help="comma-separated sections to run",
    )
    parser.add_argument(
        "--newsparse", help="the newsparse command to measure (default: beside this Python)"
    )
    args = parser.parse_args(argv)
    np = args.newsparse.split() if args.newsparse else newsparse_command()
    if shutil.which(np[0]) is None and not Path(np[0]).exists():
        parser.error(f"{np[0]}: not found")
    print(f"## Benchmark run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC\n")
    print(f"- machine: {machine()}")
    print(f"- measured: {version(np)}; best of {args.repeat}; corpus seed {args.seed}")
    sections = {
        "throughput": throughput,
        "layouts": layouts,
        "memory": memory,
        "startup": startup,
        "parallel": parallel,
    }
    for name in args.only.split(","):
        sections[name.strip()](args, np)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
