"""Golden tests: every `fixtures/*.txt` beside the JSON Lines it must export to."""

from __future__ import annotations

import io
from pathlib import Path

import orjson
import pytest
from jsonschema import Draft202012Validator

from newsparse import parse_file
from newsparse.export import write_records
from newsparse.schema import record_schema

from .conftest import FIXTURES, ROOT, assert_golden

CASES = sorted(FIXTURES.glob("*.txt"))


def export_jsonl(path: Path) -> str:
    relative = path.relative_to(ROOT).as_posix()
    stream = io.BytesIO()
    write_records(parse_file(relative), stream)
    return stream.getvalue().decode("utf-8")


@pytest.fixture(autouse=True)
def _in_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    # Records carry the path as given; goldens hold `fixtures/<name>.txt`.
    monkeypatch.chdir(ROOT)


def test_there_are_enough_fixtures() -> None:
    assert len(CASES) >= 21


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.stem)
def test_fixture_exports_to_its_golden(case: Path) -> None:
    assert_golden(case.with_suffix(".jsonl"), export_jsonl(case))


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.stem)
def test_golden_records_validate_against_the_schema(case: Path) -> None:
    validator = Draft202012Validator(record_schema())
    golden = case.with_suffix(".jsonl")
    for line in golden.read_text(encoding="utf-8").splitlines():
        errors = sorted(validator.iter_errors(orjson.loads(line)), key=str)
        assert not errors, errors[0].message


def test_every_fixture_is_documented() -> None:
    readme = (FIXTURES / "README.md").read_text(encoding="utf-8")
    missing = [case.name for case in CASES if f"`{case.name}`" not in readme]
    assert not missing, f"fixtures/README.md does not describe {missing}"
