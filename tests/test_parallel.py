"""`newsparse.parallel` and `export --jobs`: same bytes as one process, in input order.

Never asserts timings: speed is measured by bench/run.py, not here.
"""

from __future__ import annotations

import contextlib
import gzip
import importlib.util
import io
import os
import pickle
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsparse.cli import app
from newsparse.errors import InputError, UsageError
from newsparse.export import ExportFormat, write_records
from newsparse.inputs import InputFile
from newsparse.model import Article
from newsparse.parallel import (
    ExportFile,
    WorkerDied,
    export_files,
    map_files,
    ordered_map,
    resolve_jobs,
)
from newsparse.parser import parse_file

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "real_list_sample.txt"
SAMPLE_FILE = InputFile(str(SAMPLE))
runner = CliRunner()


def _load_make_corpus() -> object:
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "bench" / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eight dumps of the three layouts (a few dozen articles each) and the sample."""
    make_corpus = _load_make_corpus()
    root = tmp_path_factory.mktemp("corpus")
    layouts = ("list", "page", "mixed")
    for number in range(8):
        path = root / f"part-{number}.txt"
        make_corpus.write_corpus(path, layouts[number % 3], 0.03, number)  # type: ignore[attr-defined]
    (root / "part-8.txt").write_bytes(SAMPLE.read_bytes())
    (root / "part-9.txt").write_bytes(b"")
    return root


def _files(root: Path) -> list[InputFile]:
    return [InputFile(str(path)) for path in sorted(root.glob("*.txt"))]


def _articles(files: list[InputFile]) -> Iterator[Article]:
    """One process, the `--jobs 1` way: a broken file keeps what was read before."""
    for item in files:
        with contextlib.suppress(InputError):
            yield from parse_file(item.name)


def _serial(files: list[InputFile], fmt: ExportFormat = ExportFormat.JSONL) -> bytes:
    stream = io.BytesIO()
    write_records(_articles(files), stream, fmt)
    return stream.getvalue()


# -- ordered_map -----------------------------------------------------------------------


def _slow_square(number: int) -> int:
    # Early items take longest, so workers finish out of order.
    time.sleep(0.002 * (number % 4 == 0))
    return number * number


def _fail_on_five(number: int) -> int:
    if number == 5:
        raise ValueError("five")
    return number


def _pid(_item: int) -> int:
    return os.getpid()


def _die_on_three(number: int) -> int:
    if number == 3:
        os._exit(9)
    return number


@pytest.mark.parametrize("jobs", [1, 2, 0, 3])
def test_ordered_map_keeps_input_order(jobs: int) -> None:
    assert list(ordered_map(_slow_square, range(40), jobs)) == [n * n for n in range(40)]


def test_ordered_map_of_nothing() -> None:
    assert list(ordered_map(_slow_square, [], 2)) == []


def test_ordered_map_reads_ahead_a_bounded_number_of_items() -> None:
    taken: list[int] = []

    def items() -> Iterator[int]:
        for number in range(50):
            taken.append(number)
            yield number

    results = ordered_map(_slow_square, items(), 2, ahead=3)
    for position, value in enumerate(results):
        assert value == position * position
        # The item being yielded, plus at most `ahead` - 1 more in flight.
        assert len(taken) <= position + 3


def test_ordered_map_raises_in_turn_after_the_earlier_results() -> None:
    seen: list[int] = []
    with pytest.raises(ValueError, match="five"):
        for value in ordered_map(_fail_on_five, range(20), 2):
            seen.append(value)
    assert seen == [0, 1, 2, 3, 4]


def test_a_worker_that_dies_is_an_error_not_a_hang() -> None:
    seen: list[int] = []
    with pytest.raises(WorkerDied, match="ended unexpectedly"):
        for value in ordered_map(_die_on_three, range(10), 2, ahead=2):
            seen.append(value)
    assert seen == [0, 1, 2]


def test_a_worker_exception_keeps_the_worker_traceback() -> None:
    with pytest.raises(ValueError) as caught:
        list(ordered_map(_fail_on_five, range(8), 2))
    assert "in a newsparse worker process" in "\n".join(caught.value.__notes__)


def test_ordered_map_runs_inline_items_in_this_process() -> None:
    pids = list(ordered_map(_pid, range(6), 2, inline=lambda n: n % 3 == 0))
    assert [pids[n] == os.getpid() for n in range(6)] == [True, False, False, True, False, False]


def test_closing_early_stops_cleanly() -> None:
    results = ordered_map(_slow_square, range(1000), 2)
    assert next(results) == 0
    results.close()


def test_resolve_jobs() -> None:
    assert resolve_jobs(3) == 3
    assert resolve_jobs(0) >= 1
    with pytest.raises(UsageError, match="--jobs"):
        resolve_jobs(-1)


# -- map_files -------------------------------------------------------------------------


def _headlines(articles: Iterator[Article]) -> list[str | None]:
    return [article.headline for article in articles]


@pytest.mark.parametrize("jobs", [1, 2, 0])
def test_map_files_gives_per_file_results_in_order(corpus: Path, jobs: int) -> None:
    files = _files(corpus)
    expected = [[a.headline for a in parse_file(item.name)] for item in files]
    assert list(map_files(_headlines, files, jobs)) == expected


@pytest.mark.parametrize("jobs", [1, 2])
def test_map_files_keeps_a_broken_files_result_and_reports_in_turn(
    corpus: Path, tmp_path: Path, jobs: int
) -> None:
    cut = InputFile(str(_truncated_gz(tmp_path)))
    missing = InputError(str(tmp_path / "missing.txt"), "no such file or directory")
    items: list[InputFile | InputError] = [*_files(corpus)[:2], cut, missing, SAMPLE_FILE]
    events: list[object] = []
    for value in map_files(_headlines, items, jobs, on_error=events.append):
        events.append(len(value))
    counts = [len(list(_articles([item]))) for item in (*_files(corpus)[:2], cut)]
    assert counts[2] > 0
    assert events[:4] == [*counts, events[3]]
    assert isinstance(events[3], InputError) and "ends too early" in events[3].reason
    assert events[4] is missing
    assert events[5] == 1


# -- export_files ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(ExportFormat))
@pytest.mark.parametrize("jobs", [1, 2, 0])
def test_export_files_is_byte_identical_to_one_process(
    corpus: Path, fmt: ExportFormat, jobs: int
) -> None:
    files = _files(corpus)
    stream = io.BytesIO()
    count = export_files(files, stream, fmt, jobs=jobs)
    assert stream.getvalue() == _serial(files, fmt)
    assert count > 50


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_export_files_of_no_records(tmp_path: Path, fmt: ExportFormat) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    files = [InputFile(str(empty))] * 3
    stream = io.BytesIO()
    assert export_files(files, stream, fmt, jobs=2) == 0
    assert stream.getvalue() == _serial(files, fmt)


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_large_outputs_spill_to_disk_and_are_removed(
    corpus: Path, tmp_path: Path, fmt: ExportFormat
) -> None:
    spill_dir = tmp_path / "spill"
    spill_dir.mkdir()
    task = ExportFile(fmt, (), None, str(spill_dir), spill_bytes=2000)
    outputs = list(ordered_map(task, _files(corpus), 2))
    assert any(output.spill for output in outputs)
    pieces = []
    for output in outputs:
        if output.spill is not None:
            pieces.append(Path(output.spill).read_bytes())
            os.unlink(output.spill)
        elif output.count:
            pieces.append(output.data)
    assert not list(spill_dir.iterdir())
    array = fmt is ExportFormat.JSON
    joined = b"[\n" + b",\n".join(pieces) if array else b"".join(pieces)
    expected = _serial(_files(corpus), fmt)
    assert joined == (expected[: -len(b"\n]\n")] if array else expected)


def _truncated_gz(path: Path) -> Path:
    """A .gz cut at 3/4: several MB decompress (whole 1 MB reads) before it breaks."""
    plain = path / "plain.txt"
    _load_make_corpus().write_corpus(plain, "list", 3, 7)  # type: ignore[attr-defined]
    data = gzip.compress(plain.read_bytes(), compresslevel=1)
    plain.unlink()
    bad = path / "cut.txt.gz"
    bad.write_bytes(data[: len(data) * 3 // 4])
    return bad


def test_a_broken_file_keeps_its_records_and_reports_in_turn(corpus: Path, tmp_path: Path) -> None:
    files = _files(corpus)
    files.insert(3, InputFile(str(_truncated_gz(tmp_path))))
    errors: list[InputError] = []
    stream = io.BytesIO()
    export_files(files, stream, jobs=2, on_error=errors.append)
    assert [error.path for error in errors] == [files[3].name]
    assert "ends too early" in errors[0].reason
    assert stream.getvalue() == _serial(files)
    assert stream.getvalue().count(b"cut.txt.gz") > 100  # its records before the break


def test_without_on_error_the_input_error_is_raised(tmp_path: Path) -> None:
    files = [InputFile(str(SAMPLE)), InputFile(str(_truncated_gz(tmp_path)))]
    with pytest.raises(InputError):
        export_files(files, io.BytesIO(), jobs=2)


class _BrokenStream(io.BytesIO):
    def write(self, data: object) -> int:
        raise BrokenPipeError


def test_a_failing_writer_stops_workers_and_leaves_no_temporary_files(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(BrokenPipeError):
        export_files(_files(corpus), _BrokenStream(), jobs=2)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("newsparse-")]


# -- the command -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_cli_jobs_output_is_byte_identical(corpus: Path, fmt: str) -> None:
    outputs = []
    for jobs in ("1", "2", "0"):
        result = runner.invoke(app, ["export", "-f", fmt, "--jobs", jobs, str(corpus)])
        assert result.exit_code == 0, result.stderr
        assert result.stderr == ""
        outputs.append(result.stdout_bytes)
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0].count(b'"source"') > 50


def test_cli_jobs_to_an_output_file(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["export", "-j", "2", "-o", str(target), str(corpus)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert target.read_bytes() == runner.invoke(app, ["export", str(corpus)]).stdout_bytes


def test_cli_jobs_with_bad_inputs_among_good_ones(corpus: Path, tmp_path: Path) -> None:
    cut = _truncated_gz(tmp_path)
    missing = tmp_path / "missing.txt"
    args = [str(corpus / "part-0.txt"), str(cut), str(missing), str(corpus / "part-1.txt")]
    one = runner.invoke(app, ["export", "--jobs", "1", *args])
    two = runner.invoke(app, ["export", "--jobs", "2", *args])
    assert one.exit_code == two.exit_code == 2
    assert one.stdout_bytes == two.stdout_bytes
    assert one.stderr == two.stderr
    assert two.stderr.splitlines()[-1].startswith("newsparse: 2 inputs could not be read")
    assert "ends too early" in two.stderr and "no such file" in two.stderr


def test_cli_jobs_reads_stdin_in_its_turn(corpus: Path) -> None:
    first, last = str(corpus / "part-0.txt"), str(corpus / "part-2.txt")
    args = ["export", "--fields", "headline,source", first, "-", last]
    stdin = (corpus / "part-1.txt").read_bytes()
    one = runner.invoke(app, args, input=stdin)
    two = runner.invoke(app, [*args, "--jobs", "2"], input=stdin)
    assert one.exit_code == two.exit_code == 0
    assert one.stdout_bytes == two.stdout_bytes
    assert b'"path":"-"' in two.stdout_bytes


def test_cli_negative_jobs_is_a_usage_error() -> None:
    result = runner.invoke(app, ["export", "--jobs", "-1", str(SAMPLE)])
    assert result.exit_code == 2
    assert "--jobs" in result.stderr


def test_real_process_jobs_matches_one_process(corpus: Path) -> None:
    def run(jobs: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "newsparse", "export", "--jobs", jobs, str(corpus)],
            capture_output=True,
            check=False,
        )

    one, two = run("1"), run("2")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    assert two.stderr == b""


def test_an_unpicklable_function_fails_before_any_worker_starts() -> None:
    with pytest.raises((AttributeError, TypeError, pickle.PicklingError)):
        list(ordered_map(lambda n: n, range(3), 2))


_ORPHAN_SCRIPT = """
import os, sys, time
from newsparse.parallel import ordered_map

def slow(n):
    os.write(1, f"{os.getpid()}\\n".encode())  # one write: lines never interleave
    time.sleep(0.5)
    return n

if __name__ == "__main__":
    for _ in ordered_map(slow, range(1000), 2):
        pass
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; fork only")
def test_workers_end_when_the_parent_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "orphans.py"
    script.write_text(_ORPHAN_SCRIPT, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    workers: set[int] = set()
    while len(workers) < 2 and (line := parent.stdout.readline()):
        if line.strip():
            workers.add(int(line))
    assert len(workers) == 2
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 60  # generous: only a hang fails this test
    while workers and time.monotonic() < deadline:
        workers = {pid for pid in workers if _alive(pid)}
        time.sleep(0.1)
    assert not workers


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(") ")[-1][0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.parametrize("jobs", [1, 2])
def test_invalid_utf8_is_reported_per_file_in_turn(corpus: Path, tmp_path: Path, jobs: int) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(SAMPLE.read_bytes().replace(b"Turkey", b"T\xffrkey", 2))
    items: list[InputFile | InputError] = [InputFile(str(bad)), *_files(corpus)[:2]]
    events: list[tuple[str, int]] = []
    export_files(items, io.BytesIO(), jobs=jobs, on_invalid_utf8=lambda n, c: events.append((n, c)))
    assert events == [(str(bad), 2)]
    events.clear()
    for _ in map_files(_headlines, items, jobs, on_invalid_utf8=lambda n, c: events.append((n, c))):
        pass
    assert events == [(str(bad), 2)]
