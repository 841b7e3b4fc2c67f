"""Start-up stays lean (issue 6): modules a command does not need are not imported.

Timings are measured by bench/run.py, never asserted here; what is asserted is the
cause of a slow start-up, an import that should have been deferred.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import newsparse

RUN = """
import runpy, sys
sys.argv = ["newsparse", *sys.argv[1:]]
try:
    runpy.run_module("newsparse", run_name="__main__")
except SystemExit:
    pass
sys.stderr.write("\\n".join(sys.modules))
"""


def modules_loaded_by(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", RUN, *args], capture_output=True, text=True, check=False
    )
    return set(result.stderr.splitlines())


def test_version_loads_no_parser_rich_or_json() -> None:
    loaded = modules_loaded_by("--version")
    assert "newsparse.cli" in loaded
    assert not {"newsparse.parser", "rich", "orjson", "pydantic", "pycountry"} & loaded


def test_plain_export_and_validate_load_no_regex_module() -> None:
    sample = str(Path(__file__).resolve().parent.parent / "fixtures" / "real_list_sample.txt")
    for command in ("export", "validate"):
        loaded = modules_loaded_by(command, sample)
        assert "newsparse.parser" in loaded
        assert not {"regex", "pycountry", "pydantic", "newsparse.taxonomy"} & loaded, command


def test_import_newsparse_is_lazy() -> None:
    code = "import sys, newsparse; print('newsparse.parser' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False"


def test_lazy_names_resolve() -> None:
    for name in newsparse.__all__:
        assert getattr(newsparse, name) is not None
    assert set(newsparse.__all__) <= set(dir(newsparse))


def test_a_command_loads_only_its_own_module() -> None:
    sample = str(Path(__file__).resolve().parent.parent / "fixtures" / "real_list_sample.txt")
    commands = {f"newsparse.cli.{name}" for name in ("export", "print", "stats", "tag")}
    assert not commands & modules_loaded_by("validate", sample)
    assert not (commands - {"newsparse.cli.export"}) & modules_loaded_by("export", sample)
    assert not commands & modules_loaded_by("--version")
    assert commands <= modules_loaded_by("--help")


def test_the_app_imported_from_the_package_has_every_command() -> None:
    from typer.main import get_command

    from newsparse.cli import COMMAND_MODULES, app

    assert set(get_command(app).commands) == set(COMMAND_MODULES)  # type: ignore[attr-defined]
