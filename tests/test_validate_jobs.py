"""`validate --jobs`: same report, summary and exit code as one process."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsparse.cli import app
from newsparse.inputs import InputFile
from newsparse.rules import Checker, CheckFile, check_articles, read_located

from .conftest import FIXTURES

runner = CliRunner()


@pytest.mark.parametrize("fmt", ["text", "json", "github", "junit", "sarif"])
def test_cli_validate_jobs_matches_one_process(fmt: str, tmp_path: Path) -> None:
    cut = tmp_path / "cut.txt.gz"
    cut.write_bytes(gzip.compress((FIXTURES / "list_multi.txt").read_bytes())[:300])
    same = str(FIXTURES / "list_multi.txt")  # twice: NP060 across inputs
    args = ["validate", "-f", fmt, str(FIXTURES), same, str(cut), str(tmp_path / "no.txt")]
    one = runner.invoke(app, [*args, "--jobs", "1"])
    two = runner.invoke(app, [*args, "--jobs", "2"])
    assert one.exit_code == two.exit_code == 2
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
    assert "NP060" in two.stdout


def test_check_file_then_add_file_equals_check() -> None:
    item = InputFile(str(FIXTURES / "list_multi.txt"))
    expected = list(check_articles([*read_located(item), *read_located(item)]))
    checker = Checker()
    checks = CheckFile(checker.settings, checker.today)(item)
    assert checks.error is None
    got = [result for _ in range(2) for result in checker.add_file(checks)]
    assert got == expected
    assert any(result.late for result in got)  # NP060 across the two inputs


def test_check_file_sends_plain_tuples() -> None:
    """What crosses back from a worker pickles without a class per article (unpickling
    a dataclass an article was most of the parent's time)."""
    import pickle

    checks = CheckFile(Checker().settings, Checker().today)(
        InputFile(str(FIXTURES / "list_multi.txt"))
    )
    assert checks.rows and any(row[-1] for row in checks.rows)  # some findings
    data = pickle.dumps(checks)
    for name in (b"ArticleRef", b"Checked", b"Finding", b"Severity", b"Article"):
        assert name not in data
