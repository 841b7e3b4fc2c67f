"""Reliability properties beside tests/test_properties.py (which covers: parse never
raises on text or bytes, nothing lost, sound line numbers, library export round trip).

Here:

* every non-blank content line lands in exactly one field (not at least once: once);
* the decoder gives the same text whatever the chunk boundaries;
* files (plain and compressed) give the records of their text, and chunk boundaries
  change nothing;
* the real `export` on arbitrary bytes never fails: its JSON and JSON Lines hold the
  same records, each valid against `newsparse schema`, `--fields` keeps the same
  values, and `--format dump` text parses again;
* dump text keeps every dated record, in order, with its date
  (what `render` gives back exactly is tests/test_dump.py's round trip).

The budget is the hypothesis profile of tests/conftest.py ("ci" by default).
"""

from __future__ import annotations

import bz2
import gzip
import itertools
import re
import string
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from newsparse import inputs, parse
from newsparse.cli import app
from newsparse.dump import render
from newsparse.inputs import Decoder, InputFile
from newsparse.parser import parse_chunks, parse_input

from .test_properties import dumps

runner = CliRunner()
utf8_dumps = dumps.map(lambda text: text.encode("utf-8"))
#: What `newsparse schema` prints, as a user's CI job would use it.
VALIDATOR = Draft202012Validator(orjson.loads(runner.invoke(app, ["schema"]).stdout))
SOME_FIELDS = "extra,headline,findings"
SOME_VALIDATOR = Draft202012Validator(
    orjson.loads(runner.invoke(app, ["schema", "--fields", SOME_FIELDS]).stdout)
)

# -- every line exactly once -------------------------------------------------------------

#: Each content line carries one unique token, `Qz` + letters; the check counts tokens.
letters = st.text(alphabet=string.ascii_lowercase + "’é", min_size=1, max_size=7)
filler = st.lists(letters, max_size=5).map(" ".join)


TOKEN = re.compile(r"Qz[a-z]+")


def token(number: int) -> str:
    word = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        word = string.ascii_lowercase[rest] + word
    return f"Qz{word}"


@st.composite
def unique_line_dumps(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A dump whose content lines each hold one unique token; returns (dump, tokens)."""
    kinds = draw(
        st.lists(
            st.sampled_from(
                [
                    "date",
                    "date_bare",
                    "plain",
                    "sentence",
                    "bullet",
                    "byline",
                    "old_byline",
                    "credit",
                    "caption",
                    "country",
                    "tags",
                    "also",
                    "trending",
                    "blank",
                    "furniture",
                ]
            ),
            max_size=40,
        )
    )
    lines: list[str] = []
    tokens: list[str] = []
    counter = itertools.count()

    def text(suffix: str = "") -> str:
        mark = token(next(counter))
        tokens.append(mark)
        before, after = draw(filler), draw(filler)
        return " ".join(part for part in (before, mark, after) if part) + suffix

    for kind in kinds:
        if kind == "date":
            lines.append(
                f" date 2025-0{draw(st.integers(1, 9))}-1{draw(st.integers(0, 9))} {text()}"
            )
        elif kind == "date_bare":
            lines.append(" date 2024-12-31")
        elif kind == "plain":
            lines.append(text())
        elif kind == "sentence":
            lines.append(text(". " + draw(filler).capitalize() + "."))
        elif kind == "bullet":
            lines.append(draw(st.sampled_from(["- ", "  • "])) + text())
        elif kind == "byline":
            place = f" | {text()}" if draw(st.booleans()) else ""
            lines.append(f"{text()}{place} | Updated: 02-06-2025 14:05 IST")
        elif kind == "old_byline":
            lines.extend([text(), "Updated: 16-01-2019 18:31 IST"])
        elif kind == "credit":
            lines.append(f"(With inputs from {text()})")
        elif kind == "caption":
            lines.append(f"{text()} Image Credit: Pxhere")
        elif kind == "country":
            lines.append("- Country:")
        elif kind == "tags":
            lines.append("- READ MORE ON:")
        elif kind == "also":
            lines.append("ALSO READ")
        elif kind == "trending":
            lines.extend(["TRENDING", str(draw(st.integers(1, 9))), text(), f" {text()}"])
        elif kind == "blank":
            lines.append("")
        else:
            lines.append(draw(st.sampled_from(["Left Menu", "Give Feedback", "Devdiscourse"])))
    return "\n".join(lines), tokens


def string_values(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in string_values(item)]
    if isinstance(value, list):
        return [text for item in value for text in string_values(item)]
    return []


@given(unique_line_dumps())
def test_every_content_line_lands_in_exactly_one_field(case: tuple[str, list[str]]) -> None:
    dump, tokens = case
    values: list[str] = []
    for article in parse(dump):
        record = article.to_dict()
        del record["source"], record["findings"]
        values.extend(string_values(record))
    found = [mark for value in values for mark in TOKEN.findall(value)]
    assert sorted(found) == sorted(tokens), dump


# -- decoding and files ------------------------------------------------------------------


@given(st.binary(max_size=300), st.lists(st.integers(0, 300), max_size=6))
def test_decoder_ignores_chunk_boundaries(data: bytes, cuts: list[int]) -> None:
    whole = Decoder()
    expected = whole.feed(data) + whole.close()
    bounds = [0, *sorted(min(cut, len(data)) for cut in cuts), len(data)]
    pieces = Decoder()
    text = "".join(pieces.feed(data[a:b]) for a, b in itertools.pairwise(bounds))
    text += pieces.close()
    assert text == expected
    assert pieces.invalid_lines == whole.invalid_lines
    assert "\r" not in text


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


#: How data starts that is read as compressed, or refused (UTF-16/32, zip, zstd).
SIGNATURES = tuple(start for start, _ in (*inputs._MAGIC, *inputs._UNREADABLE))


@given(st.one_of(utf8_dumps, st.binary(max_size=400)))
def test_files_give_the_records_of_the_text(scratch: Path, data: bytes) -> None:
    # (A file that starts like compressed data, or UTF-16, is read as such: not text.)
    assume(not data.startswith(SIGNATURES))
    for name, compress in (
        ("x.txt", bytes),
        ("x.txt.gz", gzip.compress),
        ("x.txt.bz2", bz2.compress),
    ):
        path = scratch / name
        path.write_bytes(compress(data))
        expected = list(parse(data, path=str(path)))
        assert list(parse_input(InputFile(str(path)))) == expected


@given(st.one_of(utf8_dumps, st.binary(max_size=400)), st.integers(1, 64))
def test_chunk_boundaries_do_not_change_the_records(data: bytes, size: int) -> None:
    decoder = Decoder()
    chunks = [decoder.feed(data[at : at + size]) for at in range(0, len(data), size)]
    chunks.append(decoder.close())
    assert list(parse_chunks(chunks, "-", decoder.invalid_lines)) == list(parse(data))


# -- the real export on arbitrary input --------------------------------------------------


def export(scratch: Path, data: bytes, *args: str) -> tuple[int, str]:
    path = scratch / "in.txt"
    path.write_bytes(data)
    result = runner.invoke(app, ["export", *args, str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout


@given(st.one_of(utf8_dumps, st.binary(max_size=400)))
def test_export_on_any_bytes_is_valid_and_consistent(scratch: Path, data: bytes) -> None:
    code, jsonl = export(scratch, data)
    if data.startswith(SIGNATURES):
        assert code in (0, 2)  # decompressed, or an input error saying what it is
        return
    assert code == 0
    records = [orjson.loads(line) for line in jsonl.split("\n")[:-1]]
    for record in records:
        VALIDATOR.validate(record)
    code, array = export(scratch, data, "--format", "json")
    assert code == 0
    assert orjson.loads(array) == records
    code, some = export(scratch, data, "--fields", SOME_FIELDS)
    assert code == 0
    projected = [orjson.loads(line) for line in some.split("\n")[:-1]]
    assert projected == [
        {"extra": r["extra"], "headline": r["headline"], "findings": r["findings"]} for r in records
    ]
    for record in projected:
        SOME_VALIDATOR.validate(record)
    code, dump = export(scratch, data, "--format", "dump")
    assert code == 0
    assert all(article.findings is not None for article in parse(dump))


@given(st.one_of(dumps, st.text(max_size=300)).map(" date 2025-01-01 First\n".__add__))
def test_dump_text_keeps_every_dated_article(dump: str) -> None:
    articles = list(parse(dump))
    assert articles[0].date == "2025-01-01"
    again = list(parse("".join(render(article) for article in articles)))
    # Each dated record starts with its date line; one without a date (a date line
    # with no real day) has none and joins the record before it.
    assert [a.date for a in again] == [a.date for a in articles if a.date]
