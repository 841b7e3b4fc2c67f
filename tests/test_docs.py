"""The README stays true: its two commands, and help text for every command."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from newsparse.cli import app

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI_RUN = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL)
    return [line for block in blocks for line in block.splitlines() if line.startswith("python")]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    test_command = next(c for c in readme_commands() if "pytest" in c)
    assert test_command in CI_RUN.splitlines()


def test_readme_install_and_run_command_uses_the_bundled_sample() -> None:
    run_command = next(c for c in readme_commands() if "newsparse export" in c)
    sample = run_command.rsplit(" ", 1)[1]
    assert (ROOT / sample).is_file()


def test_every_command_has_help_with_an_example() -> None:
    runner = CliRunner()
    names = [
        command.name or (command.callback.__name__ if command.callback else "")
        for command in app.registered_commands
    ]
    assert {"export", "schema"} <= set(names)
    for name in names:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.stdout, f"`newsparse {name} --help` shows no example"
