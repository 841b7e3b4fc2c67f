"""`stats --jobs`: per-file counters merged in input order equal one process's."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from newsparse.cli import app
from newsparse.parser import parse_file
from newsparse.stats import FileStats, Stats

from .conftest import FIXTURES

runner = CliRunner()


def test_merged_per_file_stats_equal_one_pass() -> None:
    files = sorted(FIXTURES.glob("*.txt"))
    whole = Stats().update(a for path in files for a in parse_file(path))
    merged = Stats()
    for path in files:
        merged.merge(FileStats()(parse_file(path)))
    assert merged.summary(None) == whole.summary(None)


def test_cli_stats_jobs_matches_one_process(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.txt")
    args = ["stats", "--format", "json", "--top", "50", str(FIXTURES), missing]
    one = runner.invoke(app, [*args, "--jobs", "1"])
    two = runner.invoke(app, [*args, "--jobs", "2"])
    assert one.exit_code == two.exit_code == 2
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
