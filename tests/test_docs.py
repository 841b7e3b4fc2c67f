"""The README stays true: its two commands, and help text for every command."""

from __future__ import annotations

import re
from pathlib import Path

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


def test_readme_code_blocks_are_closed() -> None:
    # An unclosed fence renders the rest of the README as code.
    fences = [line for line in README.splitlines() if line.startswith("```")]
    opening = fences[0::2]
    closing = fences[1::2]
    assert len(fences) % 2 == 0 and all(line == "```" for line in closing), opening
    assert all(line != "```" for line in opening)


def test_readme_figures_for_the_fixtures_directory_are_current() -> None:
    # The --scheduler examples print counts of fixtures/, which grows with every new
    # fixture: they are checked against a local run here.
    from newsparse import parse_file
    from newsparse.inputs import InputFile, expand_inputs

    found = expand_inputs([str(ROOT / "fixtures")])
    paths = [Path(item.name) for item in found if isinstance(item, InputFile)]
    files = [path.relative_to(ROOT).as_posix() for path in paths]
    articles = [[*parse_file(path)] for path in paths]
    count = sum(len(found) for found in articles)
    findings = sum(len(article.findings) for each in articles for article in each)
    summary = (
        f"newsparse: {count} articles ({findings} findings) from {len(files)} files written "
        f"to out/: part-00000.jsonl .. part-{len(files) - 1:05d}.jsonl, manifest.json"
    )
    assert README.count(summary) == 2, summary
    second = articles[1]
    first_entry = (
        f'{{"articles":{count},"findings":{findings},"errors":[],"first":{{"path":'
        f'"{files[1]}","part":"part-00001.jsonl","articles":{len(second)},'
        f'"findings":{sum(len(a.findings) for a in second)},"error":null,'
        f'"invalid_utf8":{sum(f.rule == "NP101" for a in second for f in a.findings)}}}}}'
    )
    assert first_entry in README
    turkey = [a.headline for each in articles for a in each if "Turkey" in a.countries]
    assert f"# {len(files)} {turkey!r}" in README
    lists = [
        (name, each)
        for name, each in zip(files, articles, strict=True)
        if name.startswith("fixtures/list_") and name.endswith(".txt")
    ]
    listed = sum(len(each) for _, each in lists)
    list_findings = sum(len(a.findings) for _, each in lists for a in each)
    assert (
        f"newsparse: {listed} articles ({list_findings} findings) from {len(lists)} files "
        f"written to /tmp/demo/out2: part-00000.jsonl .. part-{len(lists) - 1:05d}.jsonl"
    ) in README
