"""The progress bar of long runs: bytes read of the total, on standard error.

It is shown only when standard error is a terminal (and `--no-progress` was not given),
and only once a run has lasted `DELAY` seconds, so short runs never flash a bar. It is
updated once per chunk the reader takes from a file (about 1 MiB), never per line or per
article, so it costs a system call and a lock per megabyte.

Bytes are counted where the file is on disk: for `.gz`, `.bz2` and `.xz` inputs that is
the compressed size, read through the file descriptor's position; standard input has no
known total unless it is a redirected regular file.

`read_with_progress` reads an input the way `newsparse.parser.parse_input` does (same
decoder, same splitter, same error handling) but reports each chunk; commands use it
through `Inputs` only while a bar is shown, so every other run takes the parser's own path.
"""

from __future__ import annotations

import os
import stat
import sys
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, BinaryIO

from newsparse.inputs import InputFile, open_binary
from newsparse.model import Article
from newsparse.parser import parse_stream

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

#: Seconds a run must last before the bar appears.
DELAY = 0.5


class ByteProgress:
    """Bytes read of `total` (None if unknown), shown after `delay` seconds.

    `console` is where the bar is drawn: standard error by default. `print` passes its
    own console when standard output is the same terminal, so that articles printed
    while the bar is shown appear above it instead of through it.
    """

    def __init__(
        self, total: int | None, *, console: Console | None = None, delay: float = DELAY
    ) -> None:
        self.total = total
        self.console = console
        self.started_at = time.monotonic()
        self.delay = delay
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self._stopped = False

    def update(self, done: int, name: str) -> None:
        """Called once per chunk: `done` bytes of the whole run are read."""
        if self._progress is None:
            if self._stopped or time.monotonic() - self.started_at < self.delay:
                return
            self._start()
        assert self._progress is not None and self._task is not None
        self._progress.update(self._task, completed=done, description=_short_name(name))

    def _start(self) -> None:
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        from newsparse.render import new_console

        console = self.console or new_console(stderr=True)
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            refresh_per_second=5,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self._task = self._progress.add_task("", total=self.total)
        self._progress.start()

    def console_shown(self) -> Console | None:
        """The console the bar is drawn on while it is shown (print messages there)."""
        return self._progress.console if self._progress is not None else None

    def stop(self) -> None:
        """Remove the bar (safe to call more than once, or if it never appeared)."""
        self._stopped = True
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def _short_name(name: str, width: int = 24) -> str:
    base = os.path.basename(name) or name
    return base if len(base) <= width else "…" + base[len(base) - width + 1 :]


def total_size(files: list[InputFile]) -> int | None:
    """The bytes to read, or None if any input's size is unknown (a pipe)."""
    total = 0
    for item in files:
        size = _stdin_size() if item.is_stdin else item.size()
        if size is None:
            return None
        total += size
    return total


def _stdin_size() -> int | None:
    try:
        info = os.fstat(sys.stdin.fileno())
    except (AttributeError, OSError, ValueError):
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


class _Position:
    """Where reading a file has got to, in bytes on disk.

    The file descriptor's offset tells, for plain and compressed files alike; a pipe has
    none, so its stream is wrapped to count what is read (`source`).
    """

    def __init__(self, stream: BinaryIO) -> None:
        self.fd: int | None
        try:
            self.fd = stream.fileno()
            self.start = os.lseek(self.fd, 0, os.SEEK_CUR)
        except (AttributeError, OSError, ValueError):
            self.fd = None
            self.start = 0
        self.source: BinaryIO = stream if self.fd is not None else _Counting(stream)  # type: ignore[assignment]

    def bytes_read(self) -> int:
        if self.fd is None:
            assert isinstance(self.source, _Counting)
            return self.source.count
        try:
            return os.lseek(self.fd, 0, os.SEEK_CUR) - self.start
        except OSError:
            return 0


class _Counting:
    """`read` and `read1` of a stream, counting the bytes they return."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.count += len(data)
        return data

    def read1(self, size: int = -1) -> bytes:
        read1: Callable[[int], bytes] = getattr(self.stream, "read1", self.stream.read)
        data = read1(size)
        self.count += len(data)
        return data


def read_with_progress(
    item: InputFile, progress: ByteProgress, done_before: int
) -> Iterator[Article]:
    """The articles of one input, as `parse_input` gives them, reporting each chunk.

    Raises `InputError` like `parse_input`: after yielding what was read before a break.
    """
    stream = open_binary(item)
    position = _Position(stream)

    def report(chunk: str) -> None:
        progress.update(done_before + position.bytes_read(), item.name)

    try:
        yield from parse_stream(position.source, item.name, report)
    finally:
        if not item.is_stdin:
            stream.close()
