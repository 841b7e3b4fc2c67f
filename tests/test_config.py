"""`newsparse.config`: finding and reading newsparse.toml / [tool.newsparse], and the
mistakes a user makes in them, through the commands that read them."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from newsparse.cli import app
from newsparse.config import load_config
from newsparse.errors import ConfigError

from .conftest import ROOT

MULTI = str(ROOT / "fixtures" / "tagging" / "multi.dump")


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize(
    ("name", "toml", "key"),
    [
        # `tag` for `tags`: the aliases were silently not applied
        ("newsparse.toml", '[tag.aliases]\n"Türkiye" = "Turkey"\n', "tag"),
        ("pyproject.toml", '[tool.newsparse.tag.aliases]\n"a" = "b"\n', "tool.newsparse.tag"),
        ("pyproject.toml", "[tool.newsparse]\nfail-on = 'warning'\n", "tool.newsparse.fail-on"),
        # a pyproject-shaped table in newsparse.toml
        ("newsparse.toml", '[tool.newsparse.rules]\nignore = ["NP024"]\n', "tool"),
    ],
)
def test_an_unknown_table_or_key_is_an_error_not_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, toml: str, key: str
) -> None:
    config = tmp_path / name
    config.write_text(toml, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    message = f"newsparse: {config}: {key}: unknown key (known: rules, tags)\n"
    for command in (["export"], ["validate"], ["stats"], ["tag"], ["print"]):
        result = run(*command, MULTI)
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", message), command
        explicit = run(*command, "--config", str(config), MULTI)
        assert (explicit.exit_code, explicit.stderr) == (2, message), command


def test_a_section_that_is_not_a_table_names_its_whole_key(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.newsparse]\ntags = "Turkey"\n', encoding="utf-8")
    result = run("export", "--config", str(config), MULTI)
    assert (result.exit_code, result.stderr) == (
        2,
        f"newsparse: {config}: tool.newsparse.tags: expected a table\n",
    )


def test_an_explicit_pyproject_without_a_newsparse_table_is_an_error(tmp_path: Path) -> None:
    # Its [rules] (where newsparse.toml would have it) was silently not read.
    config = tmp_path / "pyproject.toml"
    config.write_text('[rules]\nfail-on = "warning"\n', encoding="utf-8")
    result = run("validate", "--config", str(config), MULTI)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"newsparse: {config}: rules: in pyproject.toml this table is [tool.newsparse.rules]\n"
    )
    config.write_text('[project]\nname = "x"\n', encoding="utf-8")
    result = run("export", "--config", str(config), MULTI)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"newsparse: {config}: no [tool.newsparse] table (newsparse's settings go "
        "under [tool.newsparse.rules] and [tool.newsparse.tags])\n"
    )


def test_a_pyproject_found_upward_without_a_table_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[rules]\nx = 1\n", encoding="utf-8")
    assert load_config(start=tmp_path).path is None


def test_known_tables_still_load(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text(
        '[tool.newsparse.rules]\nignore = ["NP024"]\n[tool.newsparse.tags.aliases]\na = "b"\n',
        encoding="utf-8",
    )
    loaded = load_config(config)
    assert loaded.section("rules") == {"ignore": ["NP024"]}
    assert loaded.section("tags") == {"aliases": {"a": "b"}}
    with pytest.raises(ConfigError):
        load_config(tmp_path / "missing.toml")


@pytest.mark.parametrize(
    "command",
    [
        ["export", "--no-tags"],
        ["export", "--fields", "date,headline"],
        ["print", "--list"],
    ],
)
def test_a_named_file_that_cannot_be_read_is_an_error_even_when_unused(
    tmp_path: Path, command: list[str]
) -> None:
    # `--config newsprase.toml` (a typo) was silently ignored by these runs, as was
    # `print --list --taxonomy missing.toml`: the user believed it applied.
    missing = tmp_path / "newsprase.toml"
    result = run(*command, "--config", str(missing), MULTI)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"newsparse: {missing}: cannot read: no such file or directory\n"
    bad = tmp_path / "newsparse.toml"
    bad.write_text("[tag.aliases]\n", encoding="utf-8")
    result = run(*command, "--config", str(bad), MULTI)
    assert (result.exit_code, result.stderr) == (
        2,
        f"newsparse: {bad}: tag: unknown key (known: rules, tags)\n",
    )


def test_print_list_checks_a_named_taxonomy(tmp_path: Path) -> None:
    missing = tmp_path / "taxonomy.toml"
    result = run("print", "--list", "--taxonomy", str(missing), MULTI)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"newsparse: {missing}: cannot read: no such file or directory\n"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('tool = "newsparse"\n', None),
        ("[tool]\nnewsparse = 1\n", "tool.newsparse: expected a table"),
        ('[tool]\nnewsparse = "rules"\n', "tool.newsparse: expected a table"),
    ],
)
def test_a_pyproject_tool_table_of_the_wrong_type_is_no_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, toml: str, message: str | None
) -> None:
    (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    found = run("export", MULTI)
    named = run("export", "--config", "pyproject.toml", "--fields", "headline", MULTI)
    if message is None:  # no [tool.newsparse]: passed over when found, an error when named
        assert found.exit_code == 0
        assert named.exit_code == 2 and "no [tool.newsparse] table" in named.stderr
    else:
        for result in (found, named):
            assert result.exit_code == 2
            assert result.stderr.endswith(f"pyproject.toml: {message}\n")


def test_a_discovered_pyproject_whose_tool_newsparse_is_no_table(tmp_path: Path) -> None:
    # (review4: `newsparse = "strict"` was iterated as a table: `tool.newsparse.s:
    # unknown key`.) A `tool` that is no table is no newsparse table: no config.
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool]\nnewsparse = "strict"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="expected a table"):
        load_config(start=tmp_path)
    pyproject.write_text('tool = "newsparse"\n', encoding="utf-8")
    assert load_config(start=tmp_path).path is None
