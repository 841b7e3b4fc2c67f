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
