"""Every golden fixture, made messy in ways real files are: the same records.

Each transformation below leaves an editor's reading of a dump unchanged (line
endings, white space at line ends, invisible characters, blank lines), so the
parser must give the same fields for it as for the tidy fixture; only line numbers
may move (`source`, and the line of each `extra` item).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsparse import parse

from .conftest import FIXTURES

Transform = Callable[[list[str], random.Random], list[str]]

TRANSFORMS: dict[str, Transform] = {
    # Files edited on Windows: some lines end in CRLF, others in LF.
    "mixed_crlf": lambda lines, rng: [
        line + ("\r" if rng.random() < 0.5 else "") for line in lines
    ],
    "trailing_white_space": lambda lines, rng: [
        line + rng.choice(["", " ", "\t", "  ", " \t", "\u00a0"]) for line in lines
    ],
    "zero_width_at_line_ends": lambda lines, rng: [
        line + ("\u200b" if rng.random() < 0.3 else "") for line in lines
    ],
    "zero_width_at_line_starts": lambda lines, rng: [
        ("\u200b" if rng.random() < 0.3 else "") + line for line in lines
    ],
    "word_joiner_at_line_starts": lambda lines, rng: [
        ("\u2060" if rng.random() < 0.3 else "") + line for line in lines
    ],
    "byte_order_mark": lambda lines, rng: ["\ufeff" + lines[0], *lines[1:]],
    "blank_lines_doubled": lambda lines, rng: [
        part for line in lines for part in ([line, ""] if not line.strip() else [line])
    ],
    "blank_lines_of_white_space": lambda lines, rng: [
        line if line.strip() else rng.choice([" ", "\t", " \t ", "\u00a0"]) for line in lines
    ],
    "blank_line_after_every_line": lambda lines, rng: [
        part for line in lines for part in (line, "")
    ],
    "no_blank_lines": lambda lines, rng: [line for line in lines if line.strip()],
}
CASES = [
    path
    for path in sorted(FIXTURES.glob("*.txt"))
    if path.name != "invalid_utf8.txt"  # (its bytes are the point; no text to vary)
]


def fields(text: str) -> list[dict[str, Any]]:
    records = []
    for article in parse(text):
        record = article.to_dict()
        del record["source"]
        record["extra"] = [item["text"] for item in record["extra"]]
        record["findings"] = [finding["rule"] for finding in record["findings"]]
        records.append(record)
    return records


@pytest.mark.parametrize("name", sorted(TRANSFORMS))
@pytest.mark.parametrize("case", CASES, ids=lambda path: path.stem)
def test_a_messy_copy_gives_the_same_records(case: Path, name: str) -> None:
    text = case.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    lines = text.split("\n")
    expected = fields(text)
    for seed in range(2):
        messy = "\n".join(TRANSFORMS[name](list(lines), random.Random(seed)))
        assert fields(messy) == expected, (name, seed)
