"""Coverage-guided fuzz target for the parser (atheris / libFuzzer).

Run for ten minutes (atheris is not a test dependency; install it first):

    python -m pip install atheris
    python fuzz/fuzz_parser.py -max_total_time=600 fuzz/corpus-parser fixtures

(libFuzzer reads every file of the directories given as seed corpus; new inputs go
into the first one, so give it an empty or scratch directory first.)

Checked on every input, beside "never raises":

* the records are sound: `source.index` counts 0, 1, 2...; articles follow each
  other without overlapping (but for the line a glued date line shares); `extra`
  lines are sorted, unique and inside their article;
* every record serialises with orjson (the export path) and round-trips;
* reading the same bytes through `Decoder` in small chunks gives the same records as
  parsing them whole (chunk boundaries never change the result).

A crash is written by libFuzzer as `crash-<sha1>`: copy it under fixtures/fuzz/ and
add a case to tests/test_fuzz_fixtures.py. libFuzzer stops at the first crash; to look
past a crash already reported, set NEWSPARSE_FUZZ_SKIP_KNOWN=1: inputs that raise one
of the exceptions in KNOWN (exception type and the function raising it) are skipped.
"""

from __future__ import annotations

import os
import sys
import traceback

import atheris

with atheris.instrument_imports():
    import orjson

    from newsparse.inputs import Decoder
    from newsparse.parser import parse, parse_chunks


class OutOfOrder(AssertionError):
    """Articles whose source lines do not follow each other."""


#: Failures reported and awaiting a parser fix: (exception type, function raising it).
KNOWN: set[tuple[str, str]] = set()  # both findings so far are fixed (fixtures/fuzz/)
SKIP_KNOWN = os.environ.get("NEWSPARSE_FUZZ_SKIP_KNOWN") == "1"


def is_known(error: BaseException) -> bool:
    frames = traceback.extract_tb(error.__traceback__)
    return bool(frames) and (type(error).__name__, frames[-1].name) in KNOWN


def chunked(data: bytes, size: int) -> list[object]:
    decoder = Decoder()
    chunks = [decoder.feed(data[at : at + size]) for at in range(0, len(data), size)]
    chunks.append(decoder.close())
    return list(parse_chunks(chunks, "-", decoder.invalid_lines))


def test_one_input(data: bytes) -> None:
    try:
        check(data)
    except Exception as error:
        if SKIP_KNOWN and is_known(error):
            return
        raise


def check(data: bytes) -> None:
    articles = list(parse(data))
    previous_end = 0
    for index, article in enumerate(articles):
        source = article.source
        assert source.index == index
        # (The same line ends one article and starts the next only where a date line
        # was glued to the line before it: dumps joined with `cat`.)
        if not (
            previous_end <= source.line <= source.end_line
            and (previous_end < source.line or article.date is not None)
        ):
            raise OutOfOrder(previous_end, source)
        previous_end = source.end_line
        lines = [item.line for item in article.extra]
        assert lines == sorted(set(lines)), lines
        assert all(source.line <= line <= source.end_line for line in lines)
        assert orjson.loads(orjson.dumps(article)) == article.to_dict()
    if len(data) > 1:
        size = 1 + data[0] % 61
        assert chunked(data, size) == articles, size


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
