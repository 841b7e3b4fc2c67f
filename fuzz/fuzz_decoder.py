"""Coverage-guided fuzz target for `newsparse.inputs.Decoder` (atheris / libFuzzer).

Run for ten minutes (atheris is not a test dependency; install it first):

    python -m pip install atheris
    python fuzz/fuzz_decoder.py -max_total_time=600 fuzz/corpus-decoder

Checked on every input, beside "never raises":

* feeding the bytes in arbitrary pieces gives the same text and the same
  `invalid_lines` as feeding them whole (chunk boundaries never change the result);
* the text holds no CR, and as many LF as the input has line ends;
* `invalid_lines` is strictly increasing and names real lines.

A crash is written by libFuzzer as `crash-<sha1>`: copy it under fixtures/fuzz/ and
add a case to tests/test_fuzz_fixtures.py.
"""

from __future__ import annotations

import itertools
import sys

import atheris

with atheris.instrument_imports():
    from newsparse.inputs import Decoder


def decode(pieces: list[bytes]) -> tuple[str, list[int]]:
    decoder = Decoder()
    text = "".join(decoder.feed(piece) for piece in pieces) + decoder.close()
    return text, decoder.invalid_lines


def line_ends(data: bytes) -> int:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n")


def test_one_input(raw: bytes) -> None:
    provider = atheris.FuzzedDataProvider(raw)
    cuts = sorted(provider.ConsumeIntListInRange(provider.ConsumeIntInRange(0, 8), 0, 4096))
    data = provider.ConsumeBytes(provider.remaining_bytes())
    whole_text, whole_invalid = decode([data])
    bounds = [0, *(min(cut, len(data)) for cut in cuts), len(data)]
    pieces = [data[a:b] for a, b in itertools.pairwise(bounds)]
    text, invalid = decode(pieces)
    assert text == whole_text, (pieces, text, whole_text)
    assert invalid == whole_invalid, (pieces, invalid, whole_invalid)
    assert "\r" not in text
    assert text.count("\n") == line_ends(data)
    assert invalid == sorted(set(invalid))
    assert all(1 <= line <= text.count("\n") + 1 for line in invalid)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
