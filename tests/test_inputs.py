"""Inputs: paths, directories, globs, compression, decoding."""

from __future__ import annotations

import bz2
import gzip
import lzma
from pathlib import Path

import pytest

from newsparse import Article, InputError, parse_file
from newsparse.inputs import Decoder, InputFile, expand_inputs, matches_glob

DUMP = " date 2025-01-01 Head\nSummary.\n- Country:\n- Chile\nBody.\n"


@pytest.mark.parametrize(
    ("suffix", "compress"),
    [(".gz", gzip.compress), (".bz2", bz2.compress), (".xz", lzma.compress)],
)
def test_compressed_files_are_read_by_extension(
    tmp_path: Path, suffix: str, compress: object
) -> None:
    path = tmp_path / f"dump.txt{suffix}"
    path.write_bytes(compress(DUMP.encode()))  # type: ignore[operator]
    [article] = parse_file(path)
    assert article.countries == ("Chile",)


def test_truncated_gzip_keeps_what_was_read_then_raises(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(gzip.compress((DUMP * 2000).encode())[:-200])
    seen: list[Article] = []
    with pytest.raises(InputError, match=r"cut\.txt\.gz"):
        seen.extend(parse_file(path))
    assert len(seen) > 500


def test_directories_are_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text(DUMP)
    (tmp_path / "a.txt").write_text(DUMP)
    (tmp_path / "c.txt.gz").write_bytes(gzip.compress(DUMP.encode()))
    (tmp_path / "notes.md").write_text("not a dump")
    names = [item.name for item in expand_inputs([str(tmp_path)]) if isinstance(item, InputFile)]
    assert [Path(name).relative_to(tmp_path).as_posix() for name in names] == [
        "a.txt",
        "b/two.txt",
        "c.txt.gz",
    ]


def test_glob_selects_other_files(tmp_path: Path) -> None:
    (tmp_path / "a.dump").write_text(DUMP)
    (tmp_path / "b.txt").write_text(DUMP)
    items = list(expand_inputs([str(tmp_path)], glob="*.dump"))
    assert [Path(i.name).name for i in items if isinstance(i, InputFile)] == ["a.dump"]


def test_missing_path_is_an_error_item_not_an_exception(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    items = list(expand_inputs([missing, "-"]))
    assert isinstance(items[0], InputError)
    assert str(items[0]) == f"{missing}: no such file or directory"
    assert items[1] == InputFile("-")


def test_matches_glob_strips_compression() -> None:
    assert matches_glob("x.txt.xz", "*.txt")
    assert not matches_glob("x.json.gz", "*.txt")


def test_decoder_splits_at_line_ends_across_chunks() -> None:
    decoder = Decoder()
    data = "\ufeffone\r\ntwo\rthree\nfo".encode() + "ür\n".encode()
    pieces = [decoder.feed(data[i : i + 3]) for i in range(0, len(data), 3)]
    pieces.append(decoder.close())
    assert "".join(pieces) == "one\ntwo\nthree\nfoür\n"
    assert all(piece == "" or piece.endswith("\n") for piece in pieces[:-1])
    assert decoder.invalid_lines == []


def test_decoder_reports_invalid_lines_across_chunks() -> None:
    decoder = Decoder()
    text = decoder.feed(b"ok\nok\n") + decoder.feed(b"bad \xff\nok\n") + decoder.close()
    assert text == "ok\nok\nbad \ufffd\nok\n"
    assert decoder.invalid_lines == [3]


def test_a_file_reached_twice_is_read_once(tmp_path: Path) -> None:
    # `dumps/ dumps/a.txt`, a link to a file already given, `-` twice: each file once,
    # where it first comes (read twice, each article would be its own duplicate).
    (tmp_path / "a.txt").write_text(DUMP)
    (tmp_path / "b.txt").write_text(DUMP)
    (tmp_path / "link.txt").symlink_to(tmp_path / "a.txt")
    given = [str(tmp_path / "b.txt"), str(tmp_path), str(tmp_path / "a.txt"), "-", "-"]
    names = [item.name for item in expand_inputs(given) if isinstance(item, InputFile)]
    assert names == [str(tmp_path / "b.txt"), str(tmp_path / "a.txt"), "-"]


def test_a_file_reached_twice_is_read_once_on_a_cluster_too(tmp_path: Path) -> None:
    from newsparse.distributed import expand_paths

    (tmp_path / "a.txt").write_text(DUMP)
    files, errors = expand_paths([str(tmp_path), str(tmp_path / "a.txt")])
    assert files == [str(tmp_path / "a.txt")] and errors == []


@pytest.mark.parametrize(
    "compress", [gzip.compress, bz2.compress, lzma.compress], ids=["gzip", "bz2", "xz"]
)
def test_compressed_data_under_another_name_is_read_by_how_it_starts(
    tmp_path: Path, compress: object
) -> None:
    path = tmp_path / "dump.txt"
    path.write_bytes(compress(DUMP.encode()))  # type: ignore[operator]
    [article] = parse_file(path)
    assert article.countries == ("Chile",)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (DUMP.encode("utf-16"), "is UTF-16 text, not UTF-8"),
        (DUMP.encode("utf-16-be"), None),  # no byte order mark: read, with NULs
        (DUMP.encode("utf-32"), "is UTF-32 text, not UTF-8"),
        (b"PK\x03\x04" + bytes(26), "is a zip archive"),
        (b"\x28\xb5\x2f\xfd" + bytes(8), "is zstd-compressed"),
        (b"BZh is a word here\n", None),
    ],
)
def test_text_that_is_not_utf8_is_an_input_error_saying_what_it_is(
    tmp_path: Path, data: bytes, problem: str | None
) -> None:
    path = tmp_path / "dump.txt"
    path.write_bytes(data)
    if problem is None:
        assert list(parse_file(path))
        return
    with pytest.raises(InputError, match=problem):
        list(parse_file(path))


def test_a_gz_name_on_other_data_says_so_without_python_bytes(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt.gz"
    path.write_text(DUMP)
    with pytest.raises(InputError) as caught:
        list(parse_file(path))
    assert str(caught.value).endswith(
        "holds data that is not gzip-compressed (all of it, or bytes after the end)"
    )


def test_a_quoted_pattern_is_expanded_in_sorted_order(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "sub/c.txt", "d.dump"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(DUMP)
    found = list(expand_inputs([f"{tmp_path}/**/*.txt", f"{tmp_path}/*.dump", f"{tmp_path}/z*"]))
    names = [item.name for item in found if isinstance(item, InputFile)]
    assert names == [f"{tmp_path}/{name}" for name in ("a.txt", "b.txt", "sub/c.txt", "d.dump")]
    [error] = [item for item in found if isinstance(item, InputError)]
    assert str(error) == f"{tmp_path}/z*: no file matches this pattern"


def test_a_file_named_like_a_pattern_is_that_file(tmp_path: Path) -> None:
    (tmp_path / "odd[1].txt").write_text(DUMP)
    [item] = expand_inputs([str(tmp_path / "odd[1].txt")])
    assert isinstance(item, InputFile) and item.name.endswith("odd[1].txt")


def test_damaged_gzip_data_says_so(tmp_path: Path) -> None:
    packed = bytearray(gzip.compress(DUMP.encode()))
    packed[-8] ^= 0xFF  # the CRC
    path = tmp_path / "dump.txt.gz"
    path.write_bytes(bytes(packed))
    with pytest.raises(InputError, match=r"damaged gzip data \(CRC check failed"):
        list(parse_file(path))


def test_compressed_data_from_a_fifo_is_read_whole(tmp_path: Path) -> None:
    # A FIFO (or `<(zcat ...)`) cannot be opened twice, and its first bytes cannot
    # be read in place: they are read, then put back in front of the rest.
    import os
    import threading

    fifo = tmp_path / "dump.txt"
    os.mkfifo(fifo)
    packed = gzip.compress((DUMP * 200).encode())

    def write() -> None:
        with fifo.open("wb") as stream:
            stream.write(packed[:2])
            stream.flush()
            stream.write(packed[2:])

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    articles = list(parse_file(fifo))
    writer.join(timeout=30)
    assert len(articles) == 200
