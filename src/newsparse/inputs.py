"""Inputs: paths, directories, globs and `-` turned into decoded text chunks.

Every command reads through here, so every command treats inputs alike:

* a path is read as given; `.gz`, `.bz2` and `.xz` are decompressed by extension,
  or, for standard input and other names, by their first bytes;
* a directory is searched recursively for files matching a glob (`*.txt` by default;
  a compressed `x.txt.gz` matches `*.txt` too), in sorted order so runs are repeatable;
* `-` is standard input;
* bytes are UTF-8: a byte order mark is dropped, CRLF and lone CR become LF, and
  invalid bytes are replaced with U+FFFD and their line numbers noted, never raised.

Chunks always end at a line boundary (except the very last one), so a consumer may
search a chunk for whole lines without stitching.
"""

from __future__ import annotations

import fnmatch
import functools
import importlib
import io
import os
import sys
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, cast

from newsparse.errors import InputError

CHUNK_SIZE = 1 << 20
DEFAULT_GLOB = "*.txt"
STDIN = "-"

#: Extension -> the standard module that opens it, imported only when such a file is read.
_COMPRESSED: dict[str, str] = {
    ".gz": "gzip",
    ".bz2": "bz2",
    ".xz": "lzma",
}
_BOM = b"\xef\xbb\xbf"
#: How compressed data starts, for an input whose name does not say (stdin, a `.txt`
#: that is really gzip): the module that opens it.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b\x08", "gzip"),
    (b"\xfd7zXZ\x00", "lzma"),
    (b"BZh", "bz2"),  # then a digit and the block magic, checked below
)
#: Starts of data newsparse cannot read, and what to say (UTF-32 before UTF-16: their
#: little-endian marks begin alike).
_UNREADABLE: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "is UTF-32 text, not UTF-8: convert it first (iconv -f UTF-32 -t UTF-8)"),
    (b"\x00\x00\xfe\xff", "is UTF-32 text, not UTF-8: convert it first (iconv -f UTF-32 -t UTF-8)"),
    (b"\xff\xfe", "is UTF-16 text, not UTF-8: convert it first (iconv -f UTF-16 -t UTF-8)"),
    (b"\xfe\xff", "is UTF-16 text, not UTF-8: convert it first (iconv -f UTF-16 -t UTF-8)"),
    (b"PK\x03\x04", "is a zip archive: extract it first (.gz, .bz2 and .xz are read as they are)"),
    (
        b"\x28\xb5\x2f\xfd",
        "is zstd-compressed: decompress it first (.gz, .bz2 and .xz are read as they are)",
    ),
)
#: Enough bytes to tell every signature above (bzip2's block magic is the longest).
_LONGEST_MAGIC = b"BZh91AY&SY"


@dataclass(frozen=True, slots=True)
class InputFile:
    """One input to read: `name` is the path as the user gave it (`-` for stdin)."""

    name: str

    @property
    def is_stdin(self) -> bool:
        return self.name == STDIN

    def size(self) -> int | None:
        """Bytes on disk (compressed size for compressed files); None if unknown."""
        if self.is_stdin:
            return None
        try:
            return Path(self.name).stat().st_size
        except OSError:
            return None


def expand_inputs(
    paths: Sequence[str],
    glob: str = DEFAULT_GLOB,
    on_empty: Callable[[str], None] | None = None,
) -> Iterator[InputFile | InputError]:
    """Turn the user's paths into files, yielding an `InputError` for each bad path.

    Errors are yielded, not raised, so that one bad path never stops the others.
    `on_empty` is told of each directory in which no file matches `glob`: not an
    error (an empty drop folder is normal), but often a wrong pattern. A file reached
    twice (`dumps/ dumps/a.txt`, a link) is read once, where it first comes: read
    twice, every article of it would be its own duplicate.
    """
    seen: set[object] = set()
    for item in _expand(paths, glob, on_empty):
        if isinstance(item, InputError) or first_sight(file_identity(item.name), seen):
            yield item


def first_sight(identity: object, seen: set[object]) -> bool:
    """Whether a file (by `file_identity`) is not in `seen` yet; it is then added."""
    if identity in seen:
        return False
    seen.add(identity)
    return True


def file_identity(name: str) -> object:
    """What two names of one file share: device and inode, else the resolved path."""
    if name == STDIN:
        return STDIN
    try:
        status = os.stat(name)
    except OSError:
        return os.path.realpath(name)
    return (status.st_dev, status.st_ino)


def has_magic(name: str) -> bool:
    """Whether `name` is a pattern (`dumps/**/*.txt`) rather than a path."""
    return any(char in name for char in "*?[")


def _expand(
    paths: Sequence[str], glob: str, on_empty: Callable[[str], None] | None
) -> Iterator[InputFile | InputError]:
    for raw in paths:
        if raw == STDIN:
            yield InputFile(STDIN)
            continue
        path = Path(raw)
        if has_magic(raw) and not path.exists():
            # A quoted pattern, which the shell left alone (too many files for a
            # command line, say): expanded here as it would be on a cluster.
            import glob as globbing

            matches = sorted(globbing.glob(raw, recursive=True))
            if not matches:
                yield InputError(raw, "no file matches this pattern")
            yield from _expand(matches, glob, on_empty)
            continue
        try:
            if path.is_dir():
                yielded = yield from _walk(raw, glob)
                if not yielded and on_empty is not None:
                    on_empty(raw)
            elif path.exists():
                yield InputFile(raw)
            else:
                yield InputError(raw, "no such file or directory")
        except OSError as error:
            yield InputError(raw, describe(error))


def _walk(root: str, glob: str) -> Generator[InputFile | InputError, None, int]:
    """The matching files under `root`, sorted, after the errors met on the way;
    returns how many items that was (0: nothing to read and nothing wrong)."""
    found: list[str] = []
    errors: list[InputError] = []

    def on_error(error: OSError) -> None:
        errors.append(InputError(error.filename or root, describe(error)))

    for directory, dirnames, filenames in os.walk(root, onerror=on_error):
        dirnames.sort()
        found.extend(
            os.path.join(directory, name) for name in filenames if matches_glob(name, glob)
        )
    yield from errors
    for name in sorted(found):
        yield InputFile(name)
    return len(errors) + len(found)


def compression_module(name: str) -> str | None:
    """The standard module that reads and writes `name` by its extension, if any."""
    return _COMPRESSED.get(os.path.splitext(name)[1].lower())


def matches_glob(name: str, glob: str) -> bool:
    """`name` matches `glob` as is, or once a compression extension is removed."""
    if fnmatch.fnmatchcase(name, glob):
        return True
    stem, ext = os.path.splitext(name)
    return ext in _COMPRESSED and fnmatch.fnmatchcase(stem, glob)


def describe(error: BaseException) -> str:
    """A short, lower-case reason without the path that OSError repeats."""
    if isinstance(error, IsADirectoryError):
        return "is a directory"
    if type(error).__name__ == "BadGzipFile":
        # Its text shows Python bytes (`b' d'`). Bad magic is a .gz name on other
        # data, or bytes after the compressed data; a CRC or length mismatch is damage.
        if str(error).startswith("Not a gzipped file"):
            return "holds data that is not gzip-compressed (all of it, or bytes after the end)"
        return f"damaged gzip data ({error})"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror[0].lower() + error.strerror[1:]
    if isinstance(error, EOFError):
        return "compressed data ends too early (truncated file?)"
    text = str(error) or type(error).__name__
    return text[0].lower() + text[1:]


def open_binary(item: InputFile) -> BinaryIO:
    """Open an input for reading bytes; raises `InputError`.

    Compressed data is read as such by its extension or, failing that, by how it
    starts; UTF-16 or UTF-32 text, a zip or a zstd file is an `InputError` saying so.
    """
    if item.is_stdin:
        if sys.stdin is None:  # started with standard input closed (`<&-`)
            raise InputError(item.name, "standard input is closed")
        return _decompressed(item, sys.stdin.buffer, owned=False)  # never closed here
    module = compression_module(item.name)
    try:
        if Path(item.name).is_dir():
            raise InputError(item.name, "is a directory")
        if module is not None:
            return _open_with(module, item.name)
        stream = open(item.name, "rb")  # noqa: SIM115 - returned open, or closed here
        try:
            return _decompressed(item, stream, owned=True)
        except BaseException:
            stream.close()
            raise
    except OSError as error:
        raise InputError(item.name, describe(error)) from None


def _decompressed(item: InputFile, stream: BinaryIO, *, owned: bool) -> BinaryIO:
    """`stream`, read through a decompressor if its first bytes say so (`_sniff`).

    A file's first bytes are read in place (`pread`), so that its offset still tells
    the progress bar how far reading has got. A pipe's (or a FIFO's) are read, which
    waits until there are enough of them however slowly they come, and put back in
    front of the rest. `owned`: closing what is returned closes `stream`.
    """
    try:
        fd = stream.fileno()
        head = os.pread(fd, len(_LONGEST_MAGIC), os.lseek(fd, 0, os.SEEK_CUR))
        seekable = True
    except (AttributeError, OSError, ValueError):  # a pipe, an in-memory stream, Windows
        head = stream.read(len(_LONGEST_MAGIC))
        stream = cast(BinaryIO, io.BufferedReader(_Prefixed(head, stream, owned=owned)))
        seekable = False
    module = _sniff(item, head)
    if module is None:
        return stream
    if seekable and owned:
        # Reopened by name, so that the decompressor owns (and closes) the file.
        stream.close()
        return _open_with(module, item.name)
    # On a pipe, the decompressor reads the stream with its first bytes put back;
    # dropping it drops and closes that stream (CPython frees them at once).
    return _open_with(module, stream)


def _open_with(module: str, target: str | BinaryIO) -> BinaryIO:
    """`target` (a name or an open stream) read through `module`'s decompressor."""
    opener: Callable[[str | BinaryIO, str], BinaryIO] = importlib.import_module(module).open
    return opener(target, "rb")


class _Prefixed(io.RawIOBase):
    """`head`, then the rest of `source`: the first bytes of a pipe, read to see what
    it holds, put back in front."""

    def __init__(self, head: bytes, source: BinaryIO, *, owned: bool) -> None:
        super().__init__()
        self._head = head
        self._source = source
        self._owned = owned
        self._read = getattr(source, "read1", source.read)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        data = self._head[: len(view)] if self._head else self._read(len(view))
        self._head = self._head[len(data) :]
        view[: len(data)] = data
        return len(data)

    def fileno(self) -> int:
        return self._source.fileno()

    def close(self) -> None:
        if not self.closed and self._owned:
            self._source.close()
        super().close()


def _sniff(item: InputFile, head: bytes) -> str | None:
    """The module that decompresses data starting with `head`; None for plain text.
    Raises `InputError` for data newsparse cannot read (`_UNREADABLE`)."""
    for magic, module in _MAGIC:
        if head.startswith(magic):
            if module == "bz2" and not (head[3:4].isdigit() and head[4:10] == b"1AY&SY"):
                continue
            return module
    for start, problem in _UNREADABLE:
        if head.startswith(start):
            raise InputError(item.name, problem)
    return None


@dataclass(slots=True)
class Decoder:
    """Bytes in, text chunks out: UTF-8, BOM dropped, newlines normalised to LF.

    `invalid_lines` collects the 1-based numbers of lines that held invalid UTF-8,
    in order; it is filled before the chunk holding those lines is returned.
    """

    invalid_lines: list[int] = field(default_factory=list)
    _pending: bytes = b""
    _next_line: int = 1
    _started: bool = False

    def feed(self, data: bytes) -> str:
        if not self._started:
            data = self._pending + data
            self._pending = b""
            if len(data) < len(_BOM) and _BOM.startswith(data):
                self._pending = data
                return ""
            self._started = True
            if data.startswith(_BOM):
                data = data[len(_BOM) :]
        else:
            data = self._pending + data
        cut = data.rfind(b"\n")
        if cut < 0:
            # Old Mac files end lines with CR alone; a CR as the last byte may be the
            # first half of a CRLF, so it waits for the next chunk.
            cut = data.rfind(b"\r", 0, len(data) - 1)
        if cut < 0:
            self._pending = data
            return ""
        self._pending = data[cut + 1 :]
        return self._decode(data[: cut + 1])

    def close(self) -> str:
        data, self._pending = self._pending, b""
        self._started = True
        return self._decode(data) if data else ""

    def _decode(self, data: bytes) -> str:
        if b"\r" in data:
            data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = self._decode_lines(data)
        self._next_line += data.count(b"\n")
        return text

    def _decode_lines(self, data: bytes) -> str:
        lines = data.split(b"\n")
        decoded: list[str] = []
        for offset, raw in enumerate(lines):
            try:
                decoded.append(raw.decode("utf-8"))
            except UnicodeDecodeError:
                self.invalid_lines.append(self._next_line + offset)
                decoded.append(raw.decode("utf-8", "replace"))
        return "\n".join(decoded)


def read_chunks(stream: BinaryIO, decoder: Decoder, chunk_size: int = CHUNK_SIZE) -> Iterator[str]:
    """Decoded text chunks of a binary stream, each ending at a line boundary.

    `read1` returns what a pipe has ready instead of waiting for a full chunk, so
    records from a slow producer come out as soon as their article is complete.
    """
    read = getattr(stream, "read1", stream.read)
    while data := read(chunk_size):
        if text := decoder.feed(data):
            yield text
    if text := decoder.close():
        yield text


def text_chunks(lines: Iterable[str], chunk_size: int = CHUNK_SIZE) -> Iterator[str]:
    """Join already-decoded lines (with or without their newlines) into chunks."""
    buffer: list[str] = []
    size = 0
    for line in lines:
        if not line.endswith("\n"):
            line += "\n"
        buffer.append(line)
        size += len(line)
        if size >= chunk_size:
            yield normalise_newlines("".join(buffer))
            buffer, size = [], 0
    if buffer:
        yield normalise_newlines("".join(buffer))


def normalise_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


@functools.cache
def read_errors() -> tuple[type[BaseException], ...]:
    """The exceptions that mean an input broke while it was being read: what a
    damaged or truncated compressed stream raises, besides OSError."""
    import lzma
    import zlib

    return (OSError, EOFError, lzma.LZMAError, zlib.error, ValueError)
