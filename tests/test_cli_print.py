"""`newsparse print` through typer's runner, and the quiet endings in real processes."""

from __future__ import annotations

import gzip
import importlib
import io
import os
import re
import shlex
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsparse.cli import app
from newsparse.cli.base import Inputs
from newsparse.cli.print import (
    SHORT_ARTICLE_BYTES,
    CommandPager,
    IndexRange,
    largest_number,
    pager_command,
    run_pager,
    select,
)
from newsparse.cli.progress import ByteProgress, read_with_progress, total_size
from newsparse.inputs import InputFile
from newsparse.model import Article
from newsparse.parser import parse, parse_input

from .conftest import FIXTURES, assert_golden

GOLDEN = Path(__file__).parent / "golden" / "print"
REAL = "fixtures/real_list_sample.txt"
PAGE = "fixtures/print/page_layout.dump"
FINDINGS = "fixtures/print/findings.dump"
ENV = {"COLUMNS": "80", "NO_COLOR": None, "FORCE_COLOR": None, "COLORTERM": None}


@pytest.fixture(autouse=True)
def _run_from_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES.parent)


UTF8_WARNING = (
    "newsparse: warning: fixtures/print/findings.dump: 1 line holds invalid UTF-8 "
    "(bytes replaced with U+FFFD)\n"
)


def run(*args: str, env: dict[str, str | None] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["print", *args], env={**ENV, **(env or {})})
    return result.exit_code, result.stdout, result.stderr


def headlines(stdout: str) -> list[str]:
    """The first line inside each panel."""
    lines = stdout.splitlines()
    return [lines[n + 1].strip("│ ") for n, line in enumerate(lines) if line.startswith("╭")]


# -- views ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "golden"),
    [(REAL, "real_list_sample.txt"), (PAGE, "page_layout.txt"), (FINDINGS, "findings.txt")],
)
def test_print_matches_the_render_goldens(path: str, golden: str) -> None:
    code, stdout, stderr = run(path)
    assert (code, stderr) == (0, UTF8_WARNING if path == FINDINGS else "")
    assert_golden(GOLDEN / golden, stdout)


def test_list_matches_golden() -> None:
    code, stdout, stderr = run("--list", REAL, PAGE, FINDINGS, env={"COLUMNS": "100"})
    assert (code, stderr) == (0, UTF8_WARNING)
    assert_golden(GOLDEN / "list.txt", stdout)


def test_extra_shows_every_line_set_aside_with_its_number() -> None:
    [article] = parse_input(InputFile(PAGE))
    code, stdout, _ = run("--extra", PAGE)
    assert code == 0
    plain = run(PAGE)[1]
    assert "Set aside (extra)" in stdout and "Set aside" not in plain
    shown = [line.strip("│ ") for line in stdout.splitlines()]
    assert article.extra and all(f"{item.line}: {item.text}" in shown for item in article.extra)
    assert run("--extra", "--list", PAGE)[0::2] == (
        2,
        "newsparse: --extra shows in panels only: leave out --list\n",
    )


def test_output_to_a_pipe_is_plain_text() -> None:
    code, stdout, _ = run(REAL, PAGE, FINDINGS)
    assert code == 0
    assert "\x1b" not in stdout


def test_color_always_gives_ansi_codes_even_with_no_color() -> None:
    code, stdout, _ = run("--color", "always", FINDINGS, env={"NO_COLOR": "1"})
    assert code == 0
    assert "\x1b[1m" in stdout
    assert "\x1b[33m" in stdout  # the yellow border of a panel with findings


def test_color_never_beats_force_color() -> None:
    code, stdout, _ = run("--color", "never", REAL, env={"FORCE_COLOR": "1"})
    assert code == 0
    assert "\x1b" not in stdout


def test_no_color_keeps_colour_names_out_of_forced_terminal_output() -> None:
    code, stdout, _ = run(REAL, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert code == 0
    assert "\x1b[1m" in stdout
    assert "\x1b[34m" not in stdout and "\x1b[36m" not in stdout


@pytest.mark.parametrize("columns", ["0", "00", "-5", "abc", "", "²", "８０"])
@pytest.mark.parametrize("args", [[REAL, PAGE], ["--list", REAL, PAGE]], ids=["panels", "list"])
def test_a_bad_columns_is_ignored(columns: str, args: list[str]) -> None:
    # rich took COLUMNS=0 as a width of 0 and printed nothing (exit 0), and failed with
    # a traceback on COLUMNS=². Not a terminal here: the width falls back to 80.
    assert run(*args, env={"COLUMNS": columns}) == run(*args, env={"COLUMNS": "80"})
    assert run(*args, env={"COLUMNS": columns})[1].count("\n") >= 4


def test_pager_is_ignored_when_not_on_a_terminal() -> None:
    assert run("--pager", REAL) == run(REAL)


# -- the pager -------------------------------------------------------------------------------


def test_pager_command_is_pager_or_less_and_cat_means_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PAGER", raising=False)
    assert pager_command() == "less"
    for value, command in (("more -s", "more -s"), ("", None), ("cat", None), (" cat ", None)):
        monkeypatch.setenv("PAGER", value)
        assert pager_command() == command


def test_run_pager_pipes_the_text_through_the_command(tmp_path: Path) -> None:
    out = tmp_path / "paged.txt"
    assert run_pager(f"cat > {shlex.quote(str(out))}", "héllo\nworld\n") is None
    assert out.read_text(encoding="utf-8") == "héllo\nworld\n"
    assert run_pager("false", "text") is None  # it ran: its own status is its business


def test_run_pager_says_why_a_pager_cannot_run() -> None:
    assert run_pager("nonexistentpager", "text") == "command not found"
    assert run_pager("nonexistentpager -R", "text") == "command not found"
    assert run_pager("sh -c 'exit 127'", "text") == "the shell could not run it (status 127)"


def test_a_pager_that_cannot_run_is_reported_and_the_text_printed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGER", "nonexistentpager")
    CommandPager("nonexistentpager").show("article one\narticle two\n")
    out, err = capsys.readouterr()
    assert out == "article one\narticle two\n"
    assert err == (
        "newsparse: warning: cannot run the pager 'nonexistentpager' ($PAGER): "
        "command not found; printing without it\n"
    )
    monkeypatch.delenv("PAGER")  # the default, less, is not installed
    CommandPager("nonexistentless").show("text\n")
    assert capsys.readouterr() == (
        "text\n",
        "newsparse: warning: cannot run the pager 'nonexistentless': command not found;"
        " printing without it\n",
    )


def on_a_terminal(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run newsparse with its standard streams on a pseudo-terminal."""
    import pty

    try:
        main, side = pty.openpty()
    except OSError as error:
        pytest.skip(f"no pseudo-terminal here: {error}")
    process = subprocess.Popen(
        [sys.executable, "-m", "newsparse", *args],
        stdin=side,
        stdout=side,
        stderr=side,
        env={**os.environ, **env},
    )
    os.close(side)
    # A child that waits on the terminal (a pager reading keys) would block the read
    # below for ever: kill it after a minute, which ends the read with EIO.
    watchdog = threading.Timer(60, process.kill)
    watchdog.start()
    chunks = []
    try:
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # EIO: the other side is closed
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        watchdog.cancel()
        os.close(main)
    return process.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


def test_a_broken_pager_on_a_terminal_still_prints_the_articles() -> None:
    # The user trial: `PAGER=nonexistentpager newsparse print --pager dump` showed the
    # shell's `not found` only, exit 0, no articles.
    code, output = on_a_terminal(
        ["print", "--pager", "--color", "never", REAL], {"PAGER": "nonexistentpager"}
    )
    assert code == 0
    assert "newsparse: warning: cannot run the pager 'nonexistentpager'" in output
    assert "Ukraine and Turkey Forge Strategic Alliance" in output
    code, output = on_a_terminal(
        ["print", "--pager", "--color", "never", REAL], {"PAGER": "cat -n"}
    )
    assert code == 0
    assert "     1\t╭─ fixtures/real_list_sample.txt:1" in output.replace("\r\n", "\n")
    assert "newsparse:" not in output


def test_directory_input_and_standard_input() -> None:
    code, stdout, _ = run("--list", "--glob", "*.dump", "fixtures/print")
    assert code == 0
    assert "Harbour Cities" in stdout and "Council Approves" in stdout
    text = (FIXTURES / "real_list_sample.txt").read_text(encoding="utf-8")
    result = CliRunner().invoke(app, ["print", "-"], input=text, env=ENV)
    assert result.exit_code == 0
    assert "╭─ -:1 " in result.stdout


# -- selections ----------------------------------------------------------------------------


def test_index_counts_over_all_inputs() -> None:
    code, stdout, _ = run("--index", "2", REAL, FINDINGS, PAGE)
    assert code == 0
    assert headlines(stdout) == ["(no headline)"]
    assert " #2 ─╯" in stdout


def test_index_range_is_half_open() -> None:
    code, stdout, _ = run("--index", "1:3", REAL, FINDINGS, PAGE)
    assert code == 0
    assert headlines(stdout) == [
        "Council Approves Budget for a Day That Does Not Exist",
        "(no headline)",
    ]
    _, open_ended, _ = run("--index", "2:", REAL, FINDINGS, PAGE)
    assert headlines(open_ended) == [
        "(no headline)",
        "Harbour Cities Pledge Joint Flood Defence Fund",
    ]
    _, up_to, _ = run("--index", ":1", REAL, FINDINGS, PAGE)
    assert headlines(up_to) == ["Ukraine and Turkey Forge Strategic Alliance in Security and Trade"]


def test_grep_searches_headline_summary_and_body() -> None:
    _, by_headline, _ = run("--grep", "Flood Defence", REAL, FINDINGS, PAGE)
    _, by_summary, _ = run("--grep", "street lighting", REAL, FINDINGS, PAGE)
    _, by_body, _ = run("--grep", "hearing resumes", REAL, FINDINGS, PAGE)
    assert headlines(by_headline) == ["Harbour Cities Pledge Joint Flood Defence Fund"]
    assert headlines(by_summary) == ["Council Approves Budget for a Day That Does Not Exist"]
    assert headlines(by_body) == ["(no headline)"]


def test_grep_does_not_search_tags_or_also_read() -> None:
    code, stdout, stderr = run("--grep", "TraderTraitor", REAL)
    assert (code, stdout) == (0, "")
    assert "no articles to print" in stderr


def test_grep_is_unicode_aware_and_ignore_case_folds_fully() -> None:
    _, exact, _ = run("--grep", "TÜRKIYE", REAL, PAGE)
    assert headlines(exact) == []
    _, folded, _ = run("-i", "--grep", "TÜRKIYE", REAL, PAGE)
    assert len(headlines(folded)) == 2
    _, word, _ = run("--grep", r"\bT\w+kiye\b", REAL, PAGE)
    assert len(headlines(word)) == 2


def test_limit_stops_after_n() -> None:
    code, stdout, _ = run("--limit", "2", "--list", REAL, FINDINGS, PAGE)
    assert code == 0
    assert len(stdout.splitlines()) == 2 + 2  # header, rule, two rows


def test_grep_range_and_limit_combine() -> None:
    code, stdout, _ = run(
        "--index", "1:", "--grep", "Friday|Tuesday", "-n", "1", REAL, FINDINGS, PAGE
    )
    assert code == 0
    assert headlines(stdout) == ["Council Approves Budget for a Day That Does Not Exist"]


def test_select_stops_reading_at_the_end_of_the_range() -> None:
    (article,) = parse_input(InputFile(REAL))
    read: list[int] = []

    def articles() -> Iterator[Article]:
        for n in range(100):
            read.append(n)
            yield article

    chosen = list(select(articles(), IndexRange.parse("3:5")))
    assert [number for number, _ in chosen] == [3, 4]
    assert read == [0, 1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--index", "3", "--limit", "2"], "--limit cannot be used with --index 3"),
        (["--index", "3", "--grep", "x"], "--grep cannot be used with --index 3"),
        (["--ignore-case"], "--ignore-case only applies to --grep"),
        (["--index", "x"], "--index: expected N or a range START:STOP"),
        (["--index", "-1"], "--index: expected N or a range START:STOP"),
        (["--index", "7:3"], "--index 7:3: the range is empty"),
        (["--grep", "("], "--grep: invalid regular expression '('"),
    ],
)
def test_nonsense_exits_2_naming_the_options(args: list[str], message: str) -> None:
    code, stdout, stderr = run(*args, REAL)
    assert code == 2
    assert stdout == ""
    assert message in stderr


def test_limit_must_be_positive() -> None:
    code, _, stderr = run("--limit", "0", REAL)
    assert code == 2
    assert "--limit" in stderr


def test_bad_colour_mode_exits_2() -> None:
    code, _, stderr = run("--color", "sometimes", REAL)
    assert code == 2
    assert "--color" in stderr


def test_missing_input_is_reported_and_the_rest_printed() -> None:
    code, stdout, stderr = run("--list", "no/such.txt", REAL)
    assert code == 2
    assert "Ukraine and Turkey" in stdout
    assert "no/such.txt: no such file or directory" in stderr


# -- progress ------------------------------------------------------------------------------


class RecordingProgress(ByteProgress):
    def __init__(self) -> None:
        super().__init__(None)
        self.seen: list[int] = []

    def update(self, done: int, name: str) -> None:
        self.seen.append(done)


@pytest.mark.parametrize("name", [REAL, PAGE, FINDINGS])
def test_reading_with_progress_gives_what_the_parser_gives(name: str) -> None:
    progress = RecordingProgress()
    with_progress = list(read_with_progress(InputFile(name), progress, 100))
    assert with_progress == list(parse_input(InputFile(name)))
    assert progress.seen[-1] == 100 + Path(name).stat().st_size


def test_reading_a_compressed_file_counts_compressed_bytes(tmp_path: Path) -> None:
    packed = tmp_path / "dump.txt.gz"
    packed.write_bytes(gzip.compress((FIXTURES / "print" / "page_layout.dump").read_bytes() * 50))
    progress = RecordingProgress()
    item = InputFile(str(packed))
    assert list(read_with_progress(item, progress, 0)) == list(parse_input(item))
    assert progress.seen[-1] == packed.stat().st_size == total_size([item])


def test_reading_a_pipe_with_progress_counts_the_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (FIXTURES / "print" / "page_layout.dump").read_bytes() * 3

    class Stdin:
        buffer = io.BytesIO(data)  # no file descriptor, like a pipe's offset

    monkeypatch.setattr(sys, "stdin", Stdin())
    progress = RecordingProgress()
    got = list(read_with_progress(InputFile("-"), progress, 0))
    assert got == list(parse(data))
    assert progress.seen[-1] == len(data)


def test_a_truncated_file_breaks_the_same_way_with_progress(tmp_path: Path) -> None:
    packed = tmp_path / "cut.txt.gz"
    data = gzip.compress((FIXTURES / "print" / "page_layout.dump").read_bytes() * 50)
    packed.write_bytes(data[: len(data) // 2])
    item = InputFile(str(packed))
    expected, got = [], []
    with pytest.raises(Exception) as plain_error:
        for article in parse_input(item):
            expected.append(article)
    with pytest.raises(Exception) as progress_error:
        for article in read_with_progress(item, RecordingProgress(), 0):
            got.append(article)
    assert got == expected
    assert str(progress_error.value) == str(plain_error.value)


def test_progress_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not Inputs([REAL], progress=True).progress  # stderr is not a terminal here
    monkeypatch.setattr(
        importlib.import_module("newsparse.cli.base"), "stderr_is_terminal", lambda: True
    )
    with Inputs([REAL, PAGE, "missing.txt"], progress=True) as inputs:
        assert inputs.progress
        articles = list(inputs.articles())
    assert [a.headline for a in articles] == [
        "Ukraine and Turkey Forge Strategic Alliance in Security and Trade",
        "Harbour Cities Pledge Joint Flood Defence Fund",
    ]
    assert inputs.failed
    assert not Inputs([REAL], progress=False).progress


def test_tracked_files_advance_the_bar_per_file(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[int, str]] = []
    monkeypatch.setattr(ByteProgress, "update", lambda self, done, name: seen.append((done, name)))
    monkeypatch.setattr(
        importlib.import_module("newsparse.cli.base"), "stderr_is_terminal", lambda: True
    )
    with Inputs([REAL, PAGE], progress=True) as inputs:
        assert [item.name for item in inputs.tracked_files()] == [REAL, PAGE]
    sizes = [Path(REAL).stat().st_size, Path(PAGE).stat().st_size]
    assert seen == [(sizes[0], REAL), (sizes[0] + sizes[1], PAGE)]
    assert [item.name for item in Inputs([REAL]).tracked_files()] == [REAL]


def test_progress_bar_appears_after_the_delay_and_goes_away() -> None:
    import io

    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=80)
    progress = ByteProgress(1000, console=console, delay=0.0)
    progress.update(500, "dump.txt")
    assert progress.console_shown() is console
    progress.stop()
    assert progress.console_shown() is None
    progress.update(900, "dump.txt")  # after stop: nothing comes back
    assert progress.console_shown() is None
    assert "dump.txt" in buffer.getvalue()


def test_no_bar_before_the_delay() -> None:
    progress = ByteProgress(1000, delay=60)
    progress.update(10, "dump.txt")
    assert progress.console_shown() is None
    progress.stop()


# -- real processes: broken pipe and Ctrl-C -------------------------------------------------


def big_dump(tmp_path: Path, copies: int = 3000) -> Path:
    one = (FIXTURES / "real_list_sample.txt").read_text(encoding="utf-8") + "\n"
    path = tmp_path / "big.txt"
    path.write_text(one * copies, encoding="utf-8")
    return path


def newsparse(*args: str, **kwargs: object) -> subprocess.Popen[bytes]:
    env = {**os.environ, "COLUMNS": "80"}
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "newsparse", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        **kwargs,
    )


@pytest.mark.parametrize(
    "args", [["print"], ["print", "--list"], ["export"]], ids=["print", "list", "export"]
)
def test_broken_pipe_ends_quietly(tmp_path: Path, args: list[str]) -> None:
    process = newsparse(*args, str(big_dump(tmp_path)))
    assert process.stdout is not None and process.stderr is not None
    first = [process.stdout.readline() for _ in range(3)]  # like `| head -3`
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0
    assert all(first)
    assert stderr == ""


@pytest.mark.parametrize("args", [["print", "--list"], ["export"]], ids=["print", "export"])
def test_ctrl_c_ends_quietly_with_130(tmp_path: Path, args: list[str]) -> None:
    process = newsparse(*args, "-", stdin=subprocess.PIPE)
    assert process.stdin is not None and process.stdout is not None
    assert process.stderr is not None
    # More than one read chunk, so that output starts while standard input stays open;
    # written from a thread, as the command blocks on its output until we read it.
    data = big_dump(tmp_path, 1200).read_bytes()
    writer = threading.Thread(target=process.stdin.write, args=(data,), daemon=True)
    writer.start()
    assert process.stdout.readline()  # the command is running
    threading.Thread(target=process.stdout.read, daemon=True).start()  # drain the rest
    writer.join(timeout=60)
    time.sleep(0.5)  # it reads the rest of the input, then waits for more
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=60) == 130
    stderr = process.stderr.read().decode()
    assert "Traceback" not in stderr
    assert stderr == "newsparse: interrupted\n"
    process.stdin.close()


# -- the README shows real output ------------------------------------------------------------


def readme_examples() -> list[tuple[str, str, str]]:
    """(width, command, output) of each `$ [COLUMNS=N] newsparse print ...` block of
    README's Printing section; the width is 80 unless the command sets COLUMNS."""
    readme = (FIXTURES.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Printing\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(
        r"```console\n\$ (?:COLUMNS=(\d+) )?(newsparse print[^\n]*)\n(.*?)```", section, re.DOTALL
    )
    return [(width or "80", command, output) for width, command, output in blocks]


def test_readme_shows_real_print_output() -> None:
    examples = readme_examples()
    assert len(examples) == 3
    for width, command, output in examples:
        code, stdout, stderr = run(*shlex.split(command)[2:], env={"COLUMNS": width})
        assert code == 0, command
        # A block shows what a terminal shows: the `newsparse: ` lines are stderr's.
        lines = output.splitlines(keepends=True)
        assert stdout == "".join(line for line in lines if not line.startswith("newsparse: "))
        assert stderr == "".join(line for line in lines if line.startswith("newsparse: "))


def test_list_never_cuts_the_number_index_takes(tmp_path: Path) -> None:
    # The user trial: `print --list BIG.txt | sed -n '1002,1003p'` showed `999` then `10…`.
    path = big_dump(tmp_path, 1001)
    code, stdout, _ = run("--list", str(path))
    assert code == 0
    lines = stdout.splitlines()
    assert [line.split()[0] for line in lines[1001:1003]] == ["999", "1000"]
    # The file's size announced four digits: every row is aligned with the header.
    assert len({line.index("2025-03-14") for line in lines[2:]}) == 1
    assert lines[0].index("#") == lines[1002].index("1000") + 3
    # From standard input the size is unknown: the column widens at 1000 instead.
    result = CliRunner().invoke(app, ["print", "--list", "-"], input=path.read_text(), env=ENV)
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines[1001:1003]] == ["999", "1000"]
    assert "…" not in lines[1002].split()[-1]


def test_largest_number_estimate(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_bytes(b"x" * (SHORT_ARTICLE_BYTES * 2000))
    assert largest_number([str(path)], None) == 2000
    assert largest_number([str(path), str(path)], None) == 4000
    assert largest_number([str(path)], IndexRange.parse("10:20")) == 19
    assert largest_number([str(tmp_path), "-", "missing.txt"], None) == 0
    assert largest_number(None, None) == 0


def test_help_says_what_each_list_column_is() -> None:
    result = CliRunner().invoke(app, ["print", "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    for column in (
        "# (the article's number, counted from 0 over all inputs: what --index takes)",
        "date, countries, headline, tags,",
        "¶ (how many body paragraphs)",
        "source (path:line where the article starts)",
    ):
        assert column in text
    # The help names the columns the list really has.
    header = run("--list", REAL, env={"COLUMNS": "200"})[1].splitlines()[0].split()
    assert header == ["#", "date", "countries", "headline", "tags", "¶", "source"]


def test_an_index_past_the_end_says_how_many_articles_there_are() -> None:
    code, stdout, stderr = run("--index", "7", REAL)
    assert (code, stdout) == (0, "")
    assert stderr == (
        "newsparse: no articles to print: --index 7 is past the end (the inputs hold 1 article)\n"
    )
