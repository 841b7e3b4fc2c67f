"""Regression cases from the fuzz targets (fixtures/fuzz/*.fuzz).

Each file is checked the way `fuzz/fuzz_parser.py` checks an input: the parser does
not raise, the records are sound, and chunk boundaries do not change them; and the
real command exports it without a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from newsparse import Article, parse
from newsparse.inputs import Decoder
from newsparse.parser import parse_chunks

from .conftest import FIXTURES, ROOT
from .test_properties import assert_sound

FUZZ = FIXTURES / "fuzz"
CASES = sorted(FUZZ.glob("*.fuzz"))
#: Failures found by fuzzing and not fixed yet: file -> (exception, why). Both found so
#: far (an IndexError at EOF in the list-layout shortcut, and furniture above a bare
#: date line coming out last) are fixed; their inputs stay as regression cases.
KNOWN: dict[str, tuple[type[BaseException], str]] = {}


def chunked(data: bytes, size: int) -> list[Article]:
    decoder = Decoder()
    chunks = [decoder.feed(data[at : at + size]) for at in range(0, len(data), size)]
    chunks.append(decoder.close())
    return list(parse_chunks(chunks, "-", decoder.invalid_lines))


def case(path: Path) -> object:
    if path.name in KNOWN:
        raises, reason = KNOWN[path.name]
        return pytest.param(
            path,
            id=path.name,
            marks=pytest.mark.xfail(reason=reason, raises=raises, strict=True),
        )
    return pytest.param(path, id=path.name)


def test_there_are_cases() -> None:
    assert CASES


@pytest.mark.parametrize("path", [case(path) for path in CASES])
def test_parser_holds_on_fuzz_finding(path: Path) -> None:
    data = path.read_bytes()
    articles = list(parse(data))
    assert_sound(articles)
    for article in articles:
        assert orjson.loads(orjson.dumps(article)) == article.to_dict()
    for size in (1, 7, 64):
        assert chunked(data, size) == articles


@pytest.mark.parametrize("path", CASES, ids=[path.name for path in CASES])
def test_command_never_shows_a_traceback(path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newsparse", "export", str(path)],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        timeout=120,
    )
    assert b"Traceback" not in result.stderr
    assert result.returncode in (0, 2)
    if result.returncode == 2:
        # Only ever the one-line internal-error report of a known parser crash.
        assert b"internal error" in result.stderr and path.name in KNOWN
