"""Bad inputs and hostile conditions, through the real command in a subprocess.

Each case pins the exact exit code and the exact stderr (one line per problem, never
a traceback); stdout carries complete records only. The table in README.md
("Guarantees") lists the same cases.
"""

from __future__ import annotations

import gzip
import importlib
import importlib.util
import os
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import orjson
import pytest
from typer.testing import CliRunner

from newsparse.cli import app
from newsparse.inputs import Decoder, InputFile
from newsparse.model import Article
from newsparse.parser import parse_input

from .conftest import FIXTURES, ROOT

SAMPLE = str(FIXTURES / "real_list_sample.txt")
MULTI = FIXTURES / "list_multi.txt"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
#: Files and directories that deny even root (procfs and sysfs), for CI running as root.
ROOT_UNREADABLE = Path("/proc/sys/vm/compact_memory")  # mode 0200: write-only
ROOT_UNWRITABLE_DIR = Path("/sys")


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsparse", *args]


def run(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    kwargs.setdefault("stdout", subprocess.PIPE)
    result: subprocess.CompletedProcess[bytes] = subprocess.run(
        command(*args), cwd=ROOT, env=env(), stderr=subprocess.PIPE, timeout=300, **kwargs
    )
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    return result


def lines_of(stderr: bytes) -> list[str]:
    return stderr.decode("utf-8").splitlines()


def records(stdout: bytes) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in stdout.split(b"\n")[:-1]]


def writes_denied(directory: Path) -> bool:
    try:
        fd, name = tempfile.mkstemp(dir=directory)
    except PermissionError:
        return True
    except OSError:
        return False
    os.close(fd)
    os.unlink(name)
    return False


def unreadable(path: Path) -> str:
    return f"newsparse: {path}: permission denied"


def could_not_read(*paths: object) -> str:
    noun = "input" if len(paths) == 1 else "inputs"
    return f"newsparse: {len(paths)} {noun} could not be read: {', '.join(map(str, paths))}"


# -- inputs ------------------------------------------------------------------------------


def test_nonexistent_path() -> None:
    result = run("export", "nope.txt")
    assert result.returncode == 2
    assert result.stdout == b""
    assert lines_of(result.stderr) == [
        "newsparse: nope.txt: no such file or directory",
        could_not_read("nope.txt"),
    ]


def test_closed_standard_input() -> None:
    result = run("export", "-", stdin=subprocess.DEVNULL, preexec_fn=lambda: os.close(0))
    assert result.returncode == 2
    assert lines_of(result.stderr) == [
        "newsparse: -: standard input is closed",
        could_not_read("-"),
    ]


def test_permission_denied(tmp_path: Path) -> None:
    if IS_ROOT:
        # chmod 000 does not stop root; procfs's write-only files do.
        if not ROOT_UNREADABLE.exists():
            pytest.skip(f"running as root and {ROOT_UNREADABLE} does not exist")
        path = ROOT_UNREADABLE
    else:
        path = tmp_path / "secret.txt"
        path.write_text(" date 2025-01-01 Hidden\n")
        path.chmod(0)
    result = run("export", str(path))
    assert result.returncode == 2
    assert result.stdout == b""
    assert lines_of(result.stderr) == [unreadable(path), could_not_read(path)]


def test_binary_file_is_read_as_text_with_a_warning(tmp_path: Path) -> None:
    data = bytes(range(256)) * 50
    path = tmp_path / "binary.png"
    path.write_bytes(data)
    decoder = Decoder()
    decoder.feed(data)
    decoder.close()
    bad = len(decoder.invalid_lines)
    result = run("export", str(path))
    assert result.returncode == 0
    found = records(result.stdout)
    assert sum(f["rule"] == "NP101" for r in found for f in r["findings"]) == bad
    assert lines_of(result.stderr) == [
        f"newsparse: warning: {path}: {bad} lines hold invalid UTF-8 (bytes replaced with U+FFFD)"
    ]


def test_invalid_utf8() -> None:
    path = FIXTURES / "invalid_utf8.txt"
    result = run("export", str(path))
    assert result.returncode == 0
    assert "\ufffd" in result.stdout.decode("utf-8")
    assert lines_of(result.stderr) == [
        f"newsparse: warning: {path}: 2 lines hold invalid UTF-8 (bytes replaced with U+FFFD)"
    ]


def test_nul_bytes_are_text(tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes(b" date 2025-01-01 Head\x00line\nA body\x00 line.\n\x00\n")
    result = run("export", str(path))
    assert result.returncode == 0
    assert result.stderr == b""
    (record,) = records(result.stdout)
    assert record["headline"] == "Head\x00line"
    assert "A body\x00 line." in record["body"] + [record["summary"]]


def test_a_single_50_mb_line(tmp_path: Path) -> None:
    path = tmp_path / "one-line.txt"
    path.write_bytes(b" date 2025-01-01 " + b"word " * 10_000_000)
    result = run("export", "--fields", "date,body,headline,summary", str(path))
    assert result.returncode == 0
    assert result.stderr == b""
    (record,) = records(result.stdout)
    assert record["date"] == "2025-01-01"
    kept = [record["headline"], record["summary"], *record["body"]]
    assert sum(len(text) for text in kept if text) == len("word " * 10_000_000) - 1


def test_a_million_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b"\n" * 1_000_000 + b" date 2025-01-01 Last\n")
    result = run("export", str(path))
    assert result.returncode == 0
    assert result.stderr == b""
    (record,) = records(result.stdout)
    assert record["headline"] == "Last"
    assert record["source"]["end_line"] == 1_000_001


def test_truncated_gz_keeps_what_was_read(tmp_path: Path) -> None:
    whole = gzip.compress(MULTI.read_bytes() * 200)
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(whole[: len(whole) // 2])
    result = run("export", str(path))
    assert result.returncode == 2
    assert lines_of(result.stderr) == [
        f"newsparse: {path}: compressed data ends too early (truncated file?)",
        could_not_read(path),
    ]
    found = records(result.stdout)  # every line is a whole record
    assert 0 < len(found) < 600


@pytest.mark.parametrize(("fmt", "expected"), [("jsonl", b""), ("json", b"[]\n"), ("dump", b"")])
def test_empty_file(tmp_path: Path, fmt: str, expected: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = run("export", "--format", fmt, str(path))
    assert (result.returncode, result.stdout, result.stderr) == (0, expected, b"")


def test_file_deleted_between_listing_and_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In process: the race is made certain by deleting the file right after listing.
    cli_app = importlib.import_module("newsparse.cli.base")
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_bytes(MULTI.read_bytes())
    listing = cli_app.expand_inputs

    def list_then_delete(paths: Sequence[str], glob: str, *rest: Any) -> Iterator[Any]:
        found = list(listing(paths, glob, *rest))
        (tmp_path / "b.txt").unlink()
        yield from found

    monkeypatch.setattr(cli_app, "expand_inputs", list_then_delete)
    result = CliRunner().invoke(app, ["export", str(tmp_path)])
    assert result.exit_code == 2
    gone = tmp_path / "b.txt"
    assert result.stderr.splitlines() == [
        f"newsparse: {gone}: no such file or directory",
        could_not_read(gone),
    ]
    paths = [r["source"]["path"] for r in records(result.stdout.encode())]
    assert paths == [str(tmp_path / "a.txt")] * 3 + [str(tmp_path / "c.txt")] * 3


def test_parser_bug_costs_only_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parser = importlib.import_module("newsparse.parser")

    def buggy(item: InputFile) -> Iterator[Article]:
        if item.name.endswith("b.txt"):
            raise RuntimeError("boom")
        return parse_input(item)

    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_bytes(MULTI.read_bytes())
    monkeypatch.setattr(parser, "parse_input", buggy)
    result = CliRunner().invoke(app, ["export", str(tmp_path)])
    assert result.exit_code == 2
    bad = tmp_path / "b.txt"
    assert result.stderr.splitlines() == [
        f"newsparse: {bad}: internal error (RuntimeError: boom); the records before it were"
        " written; please report this file as a newsparse bug",
        could_not_read(bad),
    ]
    assert len(records(result.stdout.encode())) == 6


def test_progress_bar_runs_warn_and_survive_a_parser_bug_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With --progress the files are read through the bar: the same warning for invalid
    # UTF-8, and a parser bug costs its own file only, as without it.
    from newsparse.cli import progress

    real = progress.read_with_progress

    def buggy(item: InputFile, progress: Any, done_before: int) -> Iterator[Article]:
        if item.name.endswith("b.txt"):
            raise RuntimeError("boom")
        return real(item, progress, done_before)

    (tmp_path / "a.txt").write_bytes((FIXTURES / "invalid_utf8.txt").read_bytes())
    (tmp_path / "b.txt").write_bytes(MULTI.read_bytes())
    monkeypatch.setattr(progress, "read_with_progress", buggy)
    monkeypatch.setattr(
        importlib.import_module("newsparse.cli.base"), "stderr_is_terminal", lambda: True
    )
    result = CliRunner().invoke(app, ["export", "--progress", str(tmp_path)])
    assert result.exit_code == 2
    assert "a.txt: 2 lines hold invalid UTF-8 (bytes replaced with U+FFFD)" in result.stderr
    assert "b.txt: internal error (RuntimeError: boom)" in result.stderr
    assert len(records(result.stdout.encode())) == 1


def test_any_other_bug_is_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    # Outside the per-file reading (here: in the JSON writer), a bug still reaches the
    # user as one line; NEWSPARSE_DEBUG=1 lets the traceback through.
    from newsparse import export

    def broken(*args: Any, **kwargs: Any) -> int:
        raise ValueError("bad state")

    monkeypatch.setattr(export, "write_records", broken)
    result = CliRunner().invoke(app, ["export", str(MULTI)])
    assert result.exit_code == 2
    assert result.stderr == (
        "newsparse: internal error (ValueError: bad state); please report it as a"
        " newsparse bug (NEWSPARSE_DEBUG=1 shows where)\n"
    )
    monkeypatch.setenv("NEWSPARSE_DEBUG", "1")
    assert isinstance(CliRunner().invoke(app, ["export", str(MULTI)]).exception, ValueError)


# -- outputs -----------------------------------------------------------------------------


def test_output_to_a_directory(tmp_path: Path) -> None:
    result = run("export", SAMPLE, "-o", str(tmp_path))
    assert result.returncode == 2
    assert lines_of(result.stderr) == [f"newsparse: cannot write {tmp_path}: is a directory"]
    assert list(tmp_path.iterdir()) == []


def test_output_into_a_missing_directory(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.jsonl"
    result = run("export", SAMPLE, "-o", str(target))
    assert result.returncode == 2
    assert lines_of(result.stderr) == [
        f"newsparse: cannot write {target}: no such file or directory"
    ]
    assert list(tmp_path.iterdir()) == []


def test_output_into_a_read_only_directory(tmp_path: Path) -> None:
    if IS_ROOT:
        # chmod 555 does not stop root; sysfs does.
        if not writes_denied(ROOT_UNWRITABLE_DIR):
            pytest.skip(f"running as root and {ROOT_UNWRITABLE_DIR} is writable or missing")
        directory = ROOT_UNWRITABLE_DIR
    else:
        directory = tmp_path / "ro"
        directory.mkdir()
        directory.chmod(0o555)
    target = directory / "newsparse-out.jsonl"
    result = run("export", SAMPLE, "-o", str(target))
    assert result.returncode == 2
    assert lines_of(result.stderr) == [f"newsparse: cannot write {target}: permission denied"]
    assert not target.exists()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("copies", [1, 2000])
def test_stdout_on_a_full_device(copies: int, tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(MULTI.read_bytes() * copies)
    with open("/dev/full", "wb") as full:
        result = run("export", str(path), stdout=full)
    assert result.returncode == 2
    assert lines_of(result.stderr) == [
        "newsparse: cannot write standard output: no space left on device"
    ]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", [["schema"], ["--help"], ["--version"], ["export", "--help"]])
def test_other_output_on_a_full_device(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        result = run(*args, stdout=full)
    assert result.returncode == 2
    assert lines_of(result.stderr) == [
        "newsparse: cannot write standard output: no space left on device"
    ]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_output_file_on_a_full_device() -> None:
    result = run("export", SAMPLE, "-o", "/dev/full")
    assert result.returncode == 2
    assert lines_of(result.stderr) == ["newsparse: cannot write /dev/full: no space left on device"]
    # Written in place, never replaced by a renamed temporary file.
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_output_file_gets_the_usual_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    result = run("export", SAMPLE, "-o", str(target))
    assert result.returncode == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


@pytest.mark.parametrize("fmt", ["json", "dump"])
def test_broken_pipe_ends_quietly_in_every_format(tmp_path: Path, fmt: str) -> None:
    # (jsonl: tests/test_cli_export.py::test_broken_pipe_ends_quietly)
    big = tmp_path / "big.txt"
    big.write_bytes(MULTI.read_bytes() * 20000)
    producer = subprocess.Popen(
        command("export", "--format", fmt, str(big)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env(),
    )
    assert producer.stdout is not None and producer.stderr is not None
    producer.stdout.readline()
    producer.stdout.close()  # what `| head -1` does
    stderr = producer.stderr.read()
    assert producer.wait(timeout=120) == 0
    assert stderr == b""


# -- signals -----------------------------------------------------------------------------


def _default_sigint() -> None:
    # A child of a background job starts with SIGINT ignored; Ctrl-C must reach it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize(
    ("signum", "code", "message"),
    [
        (signal.SIGINT, 130, "newsparse: interrupted"),
        (signal.SIGTERM, 143, "newsparse: terminated"),
    ],
)
@pytest.mark.parametrize("existing", [False, True])
def test_signal_leaves_no_partial_output(
    tmp_path: Path, signum: int, code: int, message: str, existing: bool
) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(MULTI.read_bytes() * 60000)  # ~18 MB: seconds of work
    out = tmp_path / "out" / "records.jsonl"
    out.parent.mkdir()
    if existing:
        out.write_bytes(b"previous\n")
    process = subprocess.Popen(
        command("export", str(big), "-o", str(out)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env(),
        preexec_fn=_default_sigint,
    )
    deadline = time.monotonic() + 60
    # Wait until the export is under way: its temporary file exists and is growing.
    while time.monotonic() < deadline and process.poll() is None:
        temps = [p for p in out.parent.iterdir() if p.name.endswith(".tmp")]
        if temps and temps[0].stat().st_size > 0:
            break
        time.sleep(0.005)
    assert process.poll() is None, "the export ended before it could be interrupted"
    process.send_signal(signum)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == code
    assert stdout == b""
    assert lines_of(stderr) == [message]
    left = sorted(p.name for p in out.parent.iterdir())
    assert left == (["records.jsonl"] if existing else [])
    if existing:
        assert out.read_bytes() == b"previous\n"


# -- many inputs, some bad ---------------------------------------------------------------


def test_one_bad_file_among_many(tmp_path: Path) -> None:
    good = FIXTURES / "list_multi.txt"
    for name in ("a.txt", "c.txt", "e.txt"):
        (tmp_path / name).write_bytes(good.read_bytes())
    (tmp_path / "b.txt").symlink_to(tmp_path / "gone.txt")  # listed, cannot be opened
    whole = gzip.compress(good.read_bytes() * 200)
    (tmp_path / "d.txt.gz").write_bytes(whole[: len(whole) // 2])
    result = run("export", str(tmp_path), "nope.txt")
    assert result.returncode == 2
    bad_b, bad_d = tmp_path / "b.txt", tmp_path / "d.txt.gz"
    assert lines_of(result.stderr) == [
        f"newsparse: {bad_b}: no such file or directory",
        f"newsparse: {bad_d}: compressed data ends too early (truncated file?)",
        "newsparse: nope.txt: no such file or directory",
        could_not_read(bad_b, bad_d, "nope.txt"),
    ]
    found = records(result.stdout)
    for name in ("a.txt", "c.txt", "e.txt"):
        path = str(tmp_path / name)
        alone = records(run("export", path).stdout)
        assert len(alone) == 3
        assert [r for r in found if r["source"]["path"] == path] == alone


HAS_DASK = importlib.util.find_spec("distributed") is not None


@pytest.mark.parametrize(
    "args",
    [
        ["export"],
        ["validate"],
        ["stats"],
        ["export", "--jobs", "2"],
        pytest.param(
            ["validate", "--scheduler", "local"],
            marks=pytest.mark.skipif(not HAS_DASK, reason="needs newsparse[dask]"),
        ),
    ],
    ids=" ".join,
)
def test_a_directory_with_no_matching_file_is_a_warning(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "upper.TXT").write_bytes(MULTI.read_bytes())
    result = run(*args, str(tmp_path))
    assert result.returncode == 0
    assert lines_of(result.stderr)[0] == (
        f"newsparse: warning: {tmp_path}: no file matches '*.txt' (--glob sets the pattern)"
    )


# -- closed standard streams (`>&-`, `2>&-`) --------------------------------------


def _close_stdout() -> None:
    os.close(1)


def _close_stderr() -> None:
    os.close(2)


@pytest.mark.parametrize(
    "args",
    [["export", SAMPLE], ["validate", "--format", "json", SAMPLE], ["print", SAMPLE], ["schema"]],
    ids=["export", "validate", "print", "schema"],
)
def test_closed_stdout_is_one_message_and_exit_2(args: list[str]) -> None:
    result = subprocess.run(
        command(*args),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=_close_stdout,
        env=env(),
        check=False,
    )
    assert result.returncode == 2
    assert lines_of(result.stderr) == [
        "newsparse: cannot write standard output: bad file descriptor"
    ]


def test_closed_stdout_does_not_matter_with_an_output_file(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    result = subprocess.run(
        command("export", SAMPLE, "-o", str(target)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=_close_stdout,
        env=env(),
        check=False,
    )
    assert result.returncode == 0 and result.stderr == b""
    assert len(target.read_bytes().splitlines()) == 1


def test_closed_stderr_keeps_the_exit_code() -> None:
    # Only warnings (exit 0) and a missing input (exit 2): nothing to say them on.
    for paths, code in (([str(MULTI)], 0), ([str(MULTI), "nope.txt"], 2)):
        result = subprocess.run(
            command("validate", "--fail-on", "error", *paths),
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            preexec_fn=_close_stderr,
            env=env(),
            check=False,
        )
        assert result.returncode == code, paths


def test_compressed_standard_input_is_read_as_such() -> None:
    plain = run("export", "--no-tags", "-", input=MULTI.read_bytes())
    packed = run("export", "--no-tags", "-", input=gzip.compress(MULTI.read_bytes()))
    assert packed.returncode == 0 and packed.stdout == plain.stdout


def test_utf16_standard_input_is_one_message_and_exit_2() -> None:
    text = MULTI.read_text(encoding="utf-8").encode("utf-16")
    result = run("validate", "-", input=text)
    assert result.returncode == 2
    assert lines_of(result.stderr)[0] == (
        "newsparse: -: is UTF-16 text, not UTF-8: convert it first (iconv -f UTF-16 -t UTF-8)"
    )


@pytest.mark.parametrize("columns", ["0", "-3", "abc", "²"])
def test_a_bad_columns_value_keeps_error_messages(columns: str) -> None:
    result = subprocess.run(
        command("export", "nope.txt"),
        capture_output=True,
        env={**env(), "COLUMNS": columns},
        check=False,
    )
    assert result.returncode == 2
    assert lines_of(result.stderr) == [
        "newsparse: nope.txt: no such file or directory",
        "newsparse: 1 input could not be read: nope.txt",
    ]


def test_output_to_dev_stdout_writes_through_standard_output(tmp_path: Path) -> None:
    # Through a pipe, and appended to with `>>`: `-o /dev/stdout` is standard output
    # itself, never a file renamed over (which lost what `>>` had kept) or a pipe's
    # /proc path that cannot be opened.
    piped = run("export", "--no-tags", str(MULTI), "-o", "/dev/stdout")
    assert piped.returncode == 0 and len(records(piped.stdout)) == 3
    log = tmp_path / "log.jsonl"
    log.write_bytes(b'{"old":true}\n')
    with log.open("ab") as appended:
        result = run("export", "--no-tags", str(MULTI), "-o", "/dev/stdout", stdout=appended)
    assert result.returncode == 0
    assert records(log.read_bytes())[0] == {"old": True}
    assert len(records(log.read_bytes())) == 4


def test_compressed_standard_input_from_a_slow_producer() -> None:
    # The first bytes come alone: sniffing waits for enough of them, not one read.
    packed = gzip.compress(MULTI.read_bytes())
    process = subprocess.Popen(
        command("export", "--no-tags", "-"),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env(),
    )
    try:
        assert process.stdin is not None
        process.stdin.write(packed[:2])
        process.stdin.flush()
        time.sleep(0.3)
        stdout, stderr = process.communicate(packed[2:], timeout=60)
    finally:
        process.kill()
    assert process.returncode == 0, stderr
    assert len(records(stdout)) == 3
