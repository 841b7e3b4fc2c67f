"""`newsparse stats` through the runner and as a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsparse.cli import app

from .conftest import ROOT, assert_golden

MULTI = "fixtures/tagging/multi.dump"
CONFIG = "fixtures/tagging/newsparse.toml"


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_json_golden() -> None:
    result = CliRunner().invoke(app, ["stats", "--format", "json", "--config", CONFIG, MULTI])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert_golden(ROOT / "fixtures/tagging/multi.stats.json", result.stdout)
    data = json.loads(result.stdout)
    assert data["articles"] == 6
    assert data["tags"][0] == {"tag": "trade", "articles": 3}


def test_top() -> None:
    result = CliRunner().invoke(
        app, ["stats", "-f", "json", "--top", "1", "--config", CONFIG, MULTI]
    )
    data = json.loads(result.stdout)
    assert data["countries"] == [{"country": "TR", "name": "Turkey", "articles": 2}]
    assert data["tags"] == [{"tag": "trade", "articles": 3}]
    assert data["distinct"]["tags"] == 8


def test_table() -> None:
    result = CliRunner().invoke(app, ["stats", "-f", "table", "--config", CONFIG, MULTI])
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("6 articles\n")
    for text in ("Per month", "2025-04", "Top 10 countries", "Atlantis", "Missing sections"):
        assert text in out
    assert "distinct: 3 months, 8 countries, 8 tags" in out


def test_table_with_no_articles(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = CliRunner().invoke(app, ["stats", "-f", "table", str(empty)])
    assert result.exit_code == 0
    assert result.stdout == "0 articles\n"


def test_bad_input_still_counts_the_rest() -> None:
    result = CliRunner().invoke(app, ["stats", "-f", "json", MULTI, "missing.txt"])
    assert result.exit_code == 2
    assert json.loads(result.stdout)["articles"] == 6
    assert "missing.txt" in result.stderr


def test_bad_config_exits_2(tmp_path: Path) -> None:
    config = tmp_path / "newsparse.toml"
    config.write_text("[tags.aliases]\nx = 1\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["stats", "--config", str(config), MULTI])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{config}: tags.aliases.x: expected a non-empty string" in result.stderr


def test_top_must_be_positive() -> None:
    result = CliRunner().invoke(app, ["stats", "--top", "0", MULTI])
    assert result.exit_code == 2


def test_real_process_defaults_to_json_on_a_pipe() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "newsparse", "stats", "--config", CONFIG, MULTI],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["articles"] == 6
