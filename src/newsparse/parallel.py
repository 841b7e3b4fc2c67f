"""Parallel work over input files, in worker processes, with results in input order.

`ordered_map(func, items, jobs)` is the one primitive: it applies a picklable
`func` to each item in up to `jobs` worker processes (0 = one per available core)
and yields the results in the order of `items`, as soon as each next one is ready.
At most `ahead` items (default twice the workers) are submitted beyond the one being
consumed, so a slow consumer (a pipe into `head`, a full disk) holds back the workers
instead of letting results pile up in memory. `jobs=1` runs in this process, with no
pool at all. Items for which `inline(item)` is true (standard input, which only this
process can read) are run here too, in their turn.

`map_files(func, files, jobs)` runs `func(articles of one file)` per file the same
way, for commands that fold articles (`stats` merges per-file counters in order); a
file that breaks part-way still gives its result for what was read, and its
`InputError` comes in its turn. (`validate`, which needs each article's raw lines,
uses `ordered_map` with its own per-file function and `runs_in_parent`.)

`export_files` is `export` built on `ordered_map`: each worker parses one whole file and
serialises its records exactly as `write_records` would, returning the bytes (spilled
to a temporary file once they pass `SPILL_BYTES`, so memory stays bounded however big
one file is) and the `InputError` that interrupted the file, if any. The parent
writes the pieces in input order, so the output is byte-identical to `--jobs 1`.

Workers are forked where fork is the safe default (Linux), so they start in
milliseconds; elsewhere they are spawned. Each has its own pipe and the parent waits
on the pipes itself, with no helper thread, so stopping the workers at any moment is
safe. They ignore SIGINT: on Ctrl-C (or any error) the parent stops them and removes
its temporary files; if the parent is killed, they end after their current item.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import pickle
import shutil
import signal
import sys
import tempfile
import traceback
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, BinaryIO, Generic, TypeVar, cast

from newsparse.errors import InputError, NewsparseError, UsageError
from newsparse.export import Enricher, ExportFormat, record_bytes, write_records
from newsparse.inputs import InputFile
from newsparse.model import Article
from newsparse.parser import INVALID_UTF8, parse_input

T = TypeVar("T")
R = TypeVar("R")

#: A worker keeps up to this many bytes of one file's output in memory, then spills
#: the rest to a temporary file that the parent copies and removes.
SPILL_BYTES = 4 << 20


def available_cores() -> int:
    """Cores this process may run on (the affinity mask where the OS has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def resolve_jobs(jobs: int) -> int:
    """`--jobs` as given -> the number of processes: 0 means one per available core."""
    if jobs < 0:
        raise UsageError(f"--jobs must be 0 (all cores) or a positive number, not {jobs}")
    return jobs or available_cores()


def _context() -> Any:
    """fork where it is the safe default (Linux): workers start in milliseconds."""
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def _worker(func: Callable[[Any], Any], conn: Connection, others: list[Connection]) -> None:
    """A worker process: run `func` on each `(index, item)` received, send the result."""
    # Ctrl-C reaches the whole process group: the parent alone decides what to do.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A forked worker inherits the CLI's SIGTERM handler; being terminated just ends it.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # A forked worker also inherits the parent's ends of its own and the earlier
    # workers' pipes: close them, or no worker would see the parent go (EOF, EPIPE).
    for other in others:
        other.close()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, item = task
        try:
            reply: tuple[int, bool, Any] = (index, True, func(item))
        except BaseException as error:
            error.add_note("in a newsparse worker process:\n" + traceback.format_exc())
            reply = (index, False, error)
        try:
            conn.send(reply)
        except OSError:  # the parent is gone
            return
        except Exception as error:  # the result does not pickle (nothing was sent)
            with contextlib.suppress(OSError):
                conn.send((index, False, RuntimeError(f"cannot send a result back: {error!r}")))


class WorkerDied(NewsparseError):
    """A worker process ended without answering (killed, or out of memory)."""

    def __str__(self) -> str:
        return "a worker process ended unexpectedly (killed, or out of memory?)"


class _Workers:
    """Worker processes, each with its own pipe; no threads, so stopping is safe at
    any moment (a worker killed mid-send leaves nobody waiting on its pipe)."""

    def __init__(self, func: Callable[[Any], Any], count: int) -> None:
        context = _context()
        self.processes: list[multiprocessing.process.BaseProcess] = []
        self.idle: list[Connection] = []
        self.dead: list[Connection] = []
        self.busy: dict[Connection, int] = {}  # worker -> index of its item
        forked = context.get_start_method() == "fork"
        try:
            for _ in range(count):
                parent, child = context.Pipe()
                self.idle.append(parent)
                others = list(self.idle) if forked else []  # this pipe's parent end too
                process = context.Process(target=_worker, args=(func, child, others), daemon=True)
                process.start()
                child.close()
                self.processes.append(process)
        except BaseException:
            self.close(finished=False)
            raise

    def submit(self, index: int, item: object) -> None:
        conn = self.idle.pop()
        conn.send((index, item))
        self.busy[conn] = index

    def replies(self) -> Iterator[tuple[int, bool, Any]]:
        """Wait for at least one busy worker to answer; yield every answer ready.

        A worker that died answers with `WorkerDied` for its item, and is not reused.
        """
        if not self.busy:  # every worker died: nobody is left to answer
            raise WorkerDied
        for conn in wait(list(self.busy)):
            assert isinstance(conn, Connection)
            index = self.busy.pop(conn)
            try:
                reply: tuple[int, bool, Any] = conn.recv()
            except (EOFError, OSError):
                self.dead.append(conn)
                yield index, False, WorkerDied()
                continue
            self.idle.append(conn)
            yield reply

    def close(self, finished: bool) -> None:
        """Let idle workers end (after a full run), or stop them all now."""
        conns = [*self.idle, *self.busy, *self.dead]
        if finished:
            for conn in conns:
                with contextlib.suppress(OSError):
                    conn.send(None)
        for process in self.processes:
            if not finished:
                process.terminate()
        for process in self.processes:
            process.join(5)
            if process.is_alive():
                process.kill()
                process.join()
        for conn in conns:
            conn.close()


def ordered_map(
    func: Callable[[T], R],
    items: Iterable[T],
    jobs: int = 0,
    *,
    ahead: int | None = None,
    inline: Callable[[T], bool] | None = None,
) -> Generator[R, None, None]:
    """`map(func, items)` over worker processes, in order, with bounded look-ahead.

    `func` and the items must be picklable (a module-level function, or an instance
    of a module-level class). An exception raised by `func` is raised here when its
    result's turn comes; the results before it have been yielded. Closing the
    generator early (or any error) stops the workers at once.
    """
    workers = resolve_jobs(jobs)
    if workers == 1:
        yield from map(func, items)
        return
    window = max(ahead or 2 * workers, 1)
    # Fail here, clearly, rather than in a worker.
    pickle.dumps(func)
    # Forked workers flush the standard streams they inherit when they exit: leave
    # nothing in them to be written twice.
    for std in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            std.flush()
    source = iter(items)
    here: dict[int, T] = {}  # items this process runs itself, by position
    queued: deque[tuple[int, T]] = deque()  # items waiting for an idle worker
    done: dict[int, tuple[bool, Any]] = {}
    taken = emitted = 0
    exhausted = False
    pool = _Workers(func, workers)
    finished = False
    try:
        while True:
            while not exhausted and taken - emitted < window:
                try:
                    item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                if inline is not None and inline(item):
                    here[taken] = item
                else:
                    queued.append((taken, item))
                taken += 1
            while queued and pool.idle:
                pool.submit(*queued.popleft())
            if emitted in here:
                value = func(here.pop(emitted))
            elif emitted in done:
                ok, value = done.pop(emitted)
                if not ok:
                    raise value
            elif emitted == taken:
                break
            else:
                for index, ok, result in pool.replies():
                    done[index] = (ok, result)
                continue
            emitted += 1
            yield value
        finished = True
    finally:
        pool.close(finished)


# -- any per-file function -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FileResult(Generic[R]):
    """What a per-file function made of one input, and the error that cut it short.

    `opened` is false (and `value` None) for a path that could not be opened at all.
    """

    name: str
    value: R | None
    error: InputError | None = None
    opened: bool = True
    invalid_utf8: int = 0  # lines of this input that held invalid UTF-8


@dataclass(frozen=True, slots=True)
class PerFile(Generic[R]):
    """Wraps `func(articles) -> R` to run on one input in a worker.

    `func` gets the articles of one file as an iterator; if the file breaks part-way
    the iterator just ends, `func`'s result covers the articles read, and the error
    travels beside it. `func` must be picklable (module level, or a picklable object).
    """

    func: Callable[[Iterator[Article]], R]

    def __call__(self, item: InputFile | InputError) -> FileResult[R]:
        if isinstance(item, InputError):
            return FileResult(item.path, None, item, opened=False)
        errors: list[InputError] = []
        invalid = [0]

        def articles() -> Iterator[Article]:
            try:
                for article in parse_input(item):
                    if article.findings:
                        invalid[0] += _invalid_utf8(article)
                    yield article
            except InputError as error:
                errors.append(error)

        value = self.func(articles())
        return FileResult(item.name, value, errors[0] if errors else None, True, invalid[0])


def map_files(
    func: Callable[[Iterator[Article]], R],
    files: Iterable[InputFile | InputError],
    jobs: int = 0,
    *,
    on_error: Callable[[InputError], None] | None = None,
    on_invalid_utf8: Callable[[str, int], None] | None = None,
) -> Iterator[R]:
    """`func(articles of one file)` for each file, in worker processes, in input order.

    For `stats`: `func` folds a file's articles into counters and the caller merges
    them in order; for `validate`: `func` returns a file's findings. A file that
    breaks part-way yields the result for what was read, then its error goes to
    `on_error` (raised if there is none); a path that could not be opened yields
    nothing and goes to `on_error` in its turn.
    """
    for result in ordered_map(PerFile(func), files, jobs, inline=runs_in_parent):
        if result.opened:
            yield cast(R, result.value)
        _report(result.name, result.error, result.invalid_utf8, on_error, on_invalid_utf8)


def _invalid_utf8(article: Article) -> int:
    return sum(finding.rule == INVALID_UTF8 for finding in article.findings)


def _report(
    name: str,
    error: InputError | None,
    invalid_utf8: int,
    on_error: Callable[[InputError], None] | None,
    on_invalid_utf8: Callable[[str, int], None] | None,
) -> None:
    """What one process reports after a file, in the same order: its error, then how
    many of its lines held invalid UTF-8."""
    if error is not None:
        if on_error is None:
            raise error
        on_error(error)
    if invalid_utf8 and on_invalid_utf8 is not None:
        on_invalid_utf8(name, invalid_utf8)


# -- export ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FileOutput:
    """One input's serialised records, and what stopped the file early, if anything.

    The records are in `data`, or (when large) in the temporary file `spill`, which
    the receiver must remove. For JSON Lines each record ends with a newline; for a
    JSON array records are separated by `,\\n` with nothing before or after.
    """

    name: str
    count: int
    data: bytes
    spill: str | None = None
    error: InputError | None = None
    invalid_utf8: int = 0  # lines of this input that held invalid UTF-8


@dataclass(frozen=True, slots=True)
class ExportFile:
    """The per-file function of `export_files`: picklable, so workers can run it."""

    fmt: ExportFormat = ExportFormat.JSONL
    fields: tuple[str, ...] = ()
    enrich: Enricher | None = None
    spill_dir: str | None = None
    spill_bytes: int = SPILL_BYTES

    def __call__(self, item: InputFile | InputError) -> FileOutput:
        if isinstance(item, InputError):
            # A path that could not even be expanded: reported in its turn.
            return FileOutput(item.path, 0, b"", None, item)
        out = _SpillBuffer(self.spill_dir, self.spill_bytes)
        count = invalid = 0
        error: InputError | None = None
        try:
            try:
                if self.fmt is ExportFormat.JSON:
                    # Array pieces: the parent adds the brackets and the separators
                    # between files.
                    for article in parse_input(item):
                        if article.findings:
                            invalid += _invalid_utf8(article)
                        data = record_bytes(article, self.fields, self.enrich)
                        out.write(b",\n" + data if count else data)
                        count += 1
                else:
                    # Streaming formats (JSON Lines and any other record-after-record
                    # format): one file's output is exactly its slice of the whole.
                    stream = cast(BinaryIO, out)
                    for article in parse_input(item):
                        if article.findings:
                            invalid += _invalid_utf8(article)
                        write_records((article,), stream, self.fmt, self.fields, self.enrich)
                        count += 1
            except InputError as failure:
                error = failure
        except BaseException:
            out.discard()
            raise
        data, spill = out.close()
        return FileOutput(item.name, count, data, spill, error, invalid)


class _SpillBuffer:
    """Bytes in memory up to `limit`, then in a temporary file in `directory`."""

    def __init__(self, directory: str | None, limit: int) -> None:
        self.directory = directory
        self.limit = limit
        self.buffer = io.BytesIO()
        self.file: BinaryIO | None = None
        self.name: str | None = None

    def write(self, data: bytes) -> int:
        if self.file is not None:
            return self.file.write(data)
        written = self.buffer.write(data)
        if self.buffer.tell() > self.limit:
            fd, self.name = tempfile.mkstemp(prefix="part-", suffix=".tmp", dir=self.directory)
            self.file = os.fdopen(fd, "wb")
            self.file.write(self.buffer.getbuffer())
            self.buffer = io.BytesIO()
        return written

    def flush(self) -> None:
        pass

    def close(self) -> tuple[bytes, str | None]:
        """(bytes in memory, b"" once spilled) and the spill file's name, if any."""
        if self.file is not None:
            self.file.close()
            return b"", self.name
        return self.buffer.getvalue(), None

    def discard(self) -> None:
        if self.file is not None:
            self.file.close()
        if self.name is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.name)


def export_files(
    files: Iterable[InputFile | InputError],
    stream: BinaryIO,
    fmt: ExportFormat = ExportFormat.JSONL,
    fields: Sequence[str] = (),
    enrich: Enricher | None = None,
    *,
    jobs: int = 0,
    on_error: Callable[[InputError], None] | None = None,
    on_invalid_utf8: Callable[[str, int], None] | None = None,
    spill_bytes: int = SPILL_BYTES,
) -> int:
    """Export the records of `files` with `jobs` processes; return how many.

    The bytes written are those of `write_records` over the same files in order. An
    input that breaks part-way keeps the records read before the break, and its
    error goes to `on_error` (raised if there is none) in its turn; so do the
    `InputError`s among `files` (as `expand_inputs` yields them), so messages come
    in the same order as with one process.
    """
    with tempfile.TemporaryDirectory(prefix="newsparse-") as spill_dir:
        task = ExportFile(fmt, tuple(fields), enrich, spill_dir, spill_bytes)
        # closing(): on any error, stop the workers before the spill directory goes.
        with contextlib.closing(ordered_map(task, files, jobs, inline=runs_in_parent)) as results:
            return _write_outputs(results, stream, fmt, on_error, on_invalid_utf8)


def runs_in_parent(item: InputFile | InputError) -> bool:
    """`ordered_map`'s `inline` for inputs: stdin, and paths that failed to expand."""
    return isinstance(item, InputError) or item.is_stdin


def _write_outputs(
    results: Iterable[FileOutput],
    stream: BinaryIO,
    fmt: ExportFormat,
    on_error: Callable[[InputError], None] | None,
    on_invalid_utf8: Callable[[str, int], None] | None,
) -> int:
    array = fmt is ExportFormat.JSON
    total = 0
    for result in results:
        if result.count:
            if array:
                stream.write(b",\n" if total else b"[\n")
            if result.spill is not None:
                with open(result.spill, "rb") as part:
                    shutil.copyfileobj(part, stream, 1 << 20)
                os.unlink(result.spill)
            else:
                stream.write(result.data)
            total += result.count
        elif result.spill is not None:
            os.unlink(result.spill)
        _report(result.name, result.error, result.invalid_utf8, on_error, on_invalid_utf8)
    if array:
        stream.write(b"\n]\n" if total else b"[]\n")
    return total
