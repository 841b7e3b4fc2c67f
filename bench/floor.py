"""The floor: the fastest list-layout exporter we could write in pure Python.

    python bench/floor.py DUMP.txt > out.jsonl

It is not a parser anyone should use. It assumes every article is the canonical list
layout of the generated corpus (` date ` lines, `- Country:`, `- READ MORE ON:`,
`ALSO READ`), checks nothing, never falls back, derives no tags and keeps no line of
`extra`: what is left is the per-article Python work that no design can avoid (cut
the article, split its lines, slice the sections, build the record, orjson it).

bench/run.py times it beside `newsparse export` on the same corpus. Its ratio to the
baseline is a ceiling for any CPython design of newsparse's core (issue 6 asks for
2x the baseline); past it, only compiled code goes faster.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import BinaryIO

import orjson

SEPARATOR = "\n date "
CHUNK = 1 << 20


def articles(stream: BinaryIO) -> Iterator[str]:
    """Article texts, cut at each `\\n date ` (the corpus's date lines)."""
    pending = ""
    while block := stream.read(CHUNK):
        # The corpus is valid UTF-8; a block may end inside a character.
        while True:
            try:
                text = pending + block.decode("utf-8")
                break
            except UnicodeDecodeError:
                extra = stream.read(1)
                if not extra:
                    raise
                block += extra
        *complete, pending = text.split(SEPARATOR)
        yield from complete
    if pending:
        yield pending


def record(text: str, path: str, line: int, end_line: int, index: int) -> bytes:
    head, _, rest = text.partition("\n- Country:\n")
    date_line, _, summary = head.partition("\n")
    date_line = date_line.removeprefix(" date ")
    lines = rest.split("\n")
    country_end = 0
    while country_end < len(lines) and lines[country_end][:2] == "- ":
        country_end += 1
    tags_at = lines.index("- READ MORE ON:") if "- READ MORE ON:" in lines else len(lines)
    also_at = lines.index("ALSO READ") if "ALSO READ" in lines else len(lines)
    body = [paragraph for paragraph in lines[country_end : min(tags_at, also_at)] if paragraph]
    credit = body.pop() if body and body[-1][:1] == "(" else None
    return orjson.dumps(
        {
            "date": date_line[:10],
            "headline": date_line[11:],
            "summary": summary,
            "byline": None,
            "countries": [name[2:] for name in lines[:country_end]],
            "body": body,
            "credit": credit,
            "tags": [tag[2:] for tag in lines[tags_at + 1 : also_at] if tag],
            "also_read": [title for title in lines[also_at + 1 :] if title],
            "trending": [],
            "extra": [],
            "source": {
                "path": path,
                "line": line,
                "end_line": end_line,
                "index": index,
            },
            "findings": [],
        }
    )


def main() -> None:
    path = sys.argv[1]
    write = sys.stdout.buffer.write
    line = 1
    with open(path, "rb") as stream:
        for index, text in enumerate(articles(stream)):
            end_line = line + text.count("\n")
            write(record(text, path, line, end_line, index) + b"\n")
            line = end_line + 1


if __name__ == "__main__":
    main()
