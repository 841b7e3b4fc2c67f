"""Beyond one machine: newsparse on a Dask cluster (the optional `newsparse[dask]` extra).

Nothing here parses on its own: every file is read by the pipeline of a local run
(`inputs.Decoder` and `read_chunks` into `parser.parse_chunks`, the steps of
`parse_input`), one file a task, so records and findings are exactly those of a
single-process run, in input order. A worker opens the file at an absolute path (its
working directory is not the client's) or through fsspec for a URL, while records keep
the path as the user gave it.

* `expand_paths` turns the user's paths into file names: local files and directories as
  every command does (recursive, sorted, `--glob`), local glob patterns (`'dumps/*.txt'`),
  and any fsspec URL (`s3://bucket/dumps/`, `gcs://...`, `memory://...`), where a URL may
  be a file, a directory or a glob. Names stay as given, so `source.path` is the same.
* `articles_bag` is the library entry point: a `dask.bag.Bag` of `Article`s, one
  partition per file.
* `export_parts` writes one JSON Lines part file per input file from the workers
  (`part-00000.jsonl`, ... in input order; each written atomically, so a task retried
  after its worker died rewrites its part whole), then `manifest.json` (files, article
  and findings counts, errors) from the client, atomically, last.
* `gather_findings` runs a per-article check on the workers and returns the findings in
  input order, equal to the local list.
* `connect` opens a client on a scheduler address, or on a fresh local cluster for
  `"local"`; a failure of the cluster itself is a one-line `ClusterError` (exit 2).

Dask is imported inside the functions, never when `newsparse` is imported; without it
they raise a `UsageError` that says how to install it. Functions sent to workers (an
`Enricher`, a check) must be picklable, which cloudpickle makes true of nearly anything.
"""

from __future__ import annotations

import contextlib
import logging
import os
import posixpath
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from newsparse.errors import InputError, NewsparseError, OutputError, UsageError
from newsparse.export import Enricher, ExportFormat, atomic_output, write_records
from newsparse.inputs import (
    DEFAULT_GLOB,
    STDIN,
    InputFile,
    describe,
    expand_inputs,
    file_identity,
    first_sight,
    has_magic,
    matches_glob,
    open_binary,
    read_errors,
)
from newsparse.model import Article, Finding
from newsparse.parser import invalid_utf8_lines, parse_stream

#: `--scheduler local`: start a cluster on this machine instead of connecting to one.
LOCAL = "local"
MANIFEST = "manifest.json"
PART_PATTERN = "part-*.jsonl"
INSTALL_HINT = "--scheduler needs Dask: pip install 'newsparse[dask]'"
#: What reading through fsspec may raise (ImportError: a protocol whose package is missing).
_READ_ERRORS: tuple[type[BaseException], ...] = (*read_errors(), ImportError)

#: Per-article findings to gather; the default is the parser's own (`article.findings`).
Check = Callable[[Article], Iterable[Finding]]
StorageOptions = Mapping[str, Any]


class ClusterError(NewsparseError):
    """The cluster could not run the work: workers that kept dying, or that run another
    environment than the client (another newsparse version, a missing package)."""

    def __init__(self, error: BaseException) -> None:
        lines = str(error).strip().splitlines()
        reason = " ".join(lines[:2]) if lines else ""
        super().__init__(f"the Dask cluster failed: {type(error).__name__}: {reason}".rstrip(": "))


def _result(future: Any) -> Any:
    """A future's result; a failure of the cluster becomes a `ClusterError`."""
    try:
        return future.result()
    except NewsparseError:
        raise
    except Exception as error:
        raise ClusterError(error) from None


def part_name(index: int) -> str:
    return f"part-{index:05d}.jsonl"


def require_dask() -> None:
    """Raise a `UsageError` naming the extra unless dask.bag and distributed import."""
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
        import fsspec  # noqa: F401
    except ImportError:
        raise UsageError(INSTALL_HINT) from None


def is_url(name: str) -> bool:
    return "://" in name


# --- which files -----------------------------------------------------------------------


def expand_paths(
    paths: Sequence[str],
    glob: str = DEFAULT_GLOB,
    storage_options: StorageOptions | None = None,
    on_empty: Callable[[str], None] | None = None,
) -> tuple[list[str], list[InputError]]:
    """The files to read, in order, and an `InputError` for each path that gave none.

    `on_empty` is told of each local directory with no file matching `glob`."""
    files: list[str] = []
    errors: list[InputError] = []
    for raw in paths:
        if raw == STDIN:
            errors.append(InputError(raw, "standard input cannot be read on a cluster"))
        elif is_url(raw):
            _expand_url(raw, glob, storage_options or {}, files, errors)
        else:
            _expand_local([raw], glob, files, errors, on_empty)
    return _read_once(files), errors


def _read_once(files: Sequence[str]) -> list[str]:
    """`files` without a file's second name (see `expand_inputs`)."""
    seen: set[object] = set()
    return [
        name for name in files if first_sight(name if is_url(name) else file_identity(name), seen)
    ]


def _expand_local(
    paths: Sequence[str],
    glob: str,
    files: list[str],
    errors: list[InputError],
    on_empty: Callable[[str], None] | None,
) -> None:
    for item in expand_inputs(paths, glob, on_empty):
        if isinstance(item, InputError):
            errors.append(item)
        else:
            files.append(item.name)


def _expand_url(
    url: str,
    glob: str,
    storage_options: StorageOptions,
    files: list[str],
    errors: list[InputError],
) -> None:
    require_dask()
    from fsspec.core import url_to_fs

    try:
        fs, path = url_to_fs(url, **storage_options)
        if has_magic(path):
            matched = fs.glob(path, detail=True)
            found = sorted(p for p, info in matched.items() if info.get("type") != "directory")
            if not found:
                errors.append(InputError(url, "no file matches this pattern"))
        elif fs.isdir(path):
            found = sorted(p for p in fs.find(path) if matches_glob(posixpath.basename(p), glob))
        elif fs.exists(path):
            files.append(url)
            return
        else:
            errors.append(InputError(url, "no such file or directory"))
            return
        files.extend(fs.unstrip_protocol(p) for p in found)
    except _READ_ERRORS as error:
        errors.append(InputError(url, describe(error)))


# --- reading one file on a worker ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class FileRef:
    """One file for a worker: `name` as the user gave it (records and messages use it),
    `location` where a worker finds it (an absolute path, or the URL itself)."""

    name: str
    location: str


def locate(name: str) -> FileRef:
    """Pin a name to this process's working directory: workers run elsewhere."""
    return FileRef(name, name if is_url(name) else os.path.abspath(name))


def _open(ref: FileRef, storage_options: StorageOptions | None) -> BinaryIO:
    if not is_url(ref.location):
        try:
            return open_binary(InputFile(ref.location))
        except InputError as error:
            raise InputError(ref.name, error.reason) from None
    import fsspec

    try:
        opened = fsspec.open(ref.location, "rb", compression="infer", **(storage_options or {}))
        stream: BinaryIO = opened.open()
    except _READ_ERRORS as error:
        raise InputError(ref.name, describe(error)) from None
    return stream


def iter_file(
    name: str | FileRef, storage_options: StorageOptions | None = None
) -> Iterator[Article]:
    """The articles of one file, by the pipeline `parse_input` runs; raises `InputError`.

    The file is opened at `location` (a local path is decompressed by extension as
    everywhere, a URL through fsspec with `compression="infer"`) and streamed through
    `Decoder`, `read_chunks` and `parse_chunks` with `path=name`, so `source.path` and
    finding paths are the name as given. If reading breaks, the articles of the text
    read so far come first and `InputError` follows, as in a local run.
    """
    ref = name if isinstance(name, FileRef) else FileRef(name, name)
    with _open(ref, storage_options) as stream:
        yield from parse_stream(stream, ref.name)


def _read_partition(
    refs: Sequence[FileRef], storage_options: StorageOptions | None
) -> list[Article]:
    return [article for ref in refs for article in iter_file(ref, storage_options)]


def articles_bag(
    paths: Sequence[str],
    glob: str = DEFAULT_GLOB,
    storage_options: StorageOptions | None = None,
) -> Any:
    """A `dask.bag.Bag` of the `Article`s of `paths`, one partition per file, in order.

    A path that names no file raises `InputError` here; a file that cannot be read
    raises it when the bag is computed.

    >>> bag = articles_bag(["dumps/"])                              # doctest: +SKIP
    >>> bag.filter(lambda a: "Turkey" in a.countries).count().compute()  # doctest: +SKIP
    """
    require_dask()
    files, errors = expand_paths(paths, glob, storage_options)
    if errors:
        raise errors[0]
    refs = [locate(name) for name in files]
    return _file_bag(refs).map_partitions(_read_partition, storage_options)


def _file_bag(items: Sequence[Any]) -> Any:
    """A bag of one element a partition: one file a task, in input order."""
    import dask.bag

    return dask.bag.from_sequence(list(items), partition_size=1)


@dataclass(frozen=True, slots=True)
class FileArticles:
    """The articles of one file, and why reading it stopped early (None if it did not).

    `lines` holds each article's raw text lines when they were asked for (validate's
    exact locations), else it is empty.
    """

    path: str
    articles: tuple[Article, ...]
    error: str | None = None
    lines: tuple[tuple[str, ...], ...] = ()


def _read_files(
    refs: Sequence[FileRef], storage_options: StorageOptions | None, located: bool = False
) -> list[FileArticles]:
    results = []
    for ref in refs:
        articles: list[Article] = []
        lines: list[tuple[str, ...]] = []
        reason = None
        try:
            if located:
                from newsparse.rules import read_located_stream

                with _open(ref, storage_options) as stream:
                    for article, article_lines in read_located_stream(stream, ref.name):
                        articles.append(article)
                        lines.append(tuple(article_lines))
            else:
                articles.extend(iter_file(ref, storage_options))
        except InputError as error:
            reason = error.reason
        results.append(FileArticles(ref.name, tuple(articles), reason, tuple(lines)))
    return results


def iter_files(
    client: Any,
    files: Sequence[str],
    storage_options: StorageOptions | None = None,
    *,
    located: bool = False,
) -> Iterator[FileArticles]:
    """Parse every file on the cluster and yield each file's articles in input order.

    All files are submitted at once; each result is fetched and released in turn, so
    the client holds one file's articles at a time while the workers run ahead. With
    `located`, each file also brings its articles' raw lines (for `validate`).
    """
    require_dask()
    if not files:
        return
    refs = [locate(name) for name in files]
    bag = _file_bag(refs).map_partitions(_read_files, storage_options, located)
    futures = client.compute(bag.to_delayed())
    try:
        for future in futures:
            yield from _result(future)
            future.release()
    finally:
        for future in futures:
            future.release()


# --- connecting ------------------------------------------------------------------------


def local_cluster(n_workers: int | None = None, memory_limit: str = "auto") -> Any:
    """A `distributed.LocalCluster` of single-threaded worker processes on loopback
    (one a core by default), with no dashboard: what `--scheduler local` runs on."""
    require_dask()
    from distributed import LocalCluster

    return LocalCluster(
        n_workers=n_workers or os.cpu_count() or 1,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        # The scheduler serves HTTP even without a dashboard: any free port, loopback.
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        memory_limit=memory_limit,
        silence_logs=logging.ERROR,
    )


@contextlib.contextmanager
def connect(
    scheduler: str,
    *,
    n_workers: int | None = None,
    memory_limit: str = "auto",
    timeout: float | None = None,
) -> Iterator[Any]:
    """A `distributed.Client` on `scheduler` (an address such as `tcp://host:8786`), or
    on a new cluster of worker processes on loopback for `"local"`, closed afterwards.

    `timeout` (seconds) defaults to Dask's `distributed.comm.timeouts.connect` (30 s;
    `DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT=5s` changes it).
    """
    require_dask()
    from distributed import Client

    if scheduler == LOCAL:
        cluster = local_cluster(n_workers, memory_limit)
        try:
            with Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = Client(scheduler, **({} if timeout is None else {"timeout": timeout}))
    except (OSError, TimeoutError, ValueError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise UsageError(f"cannot connect to scheduler {scheduler}: {reason}") from None
    with client:
        yield client


# --- export ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PartResult:
    """What one task did with one input file."""

    path: str
    part: str
    articles: int
    findings: int
    error: str | None = None
    invalid_utf8: int = 0  # lines, as NP101 findings count them

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "part": self.part,
            "articles": self.articles,
            "findings": self.findings,
            "error": self.error,
            "invalid_utf8": self.invalid_utf8,
        }


@dataclass(slots=True)
class ExportResult:
    """The parts written and the inputs that failed; `to_manifest()` is manifest.json."""

    outdir: str
    files: list[PartResult]
    errors: list[InputError] = field(default_factory=list)
    fields: tuple[str, ...] = ()

    @property
    def articles(self) -> int:
        return sum(part.articles for part in self.files)

    @property
    def findings(self) -> int:
        return sum(part.findings for part in self.files)

    def to_manifest(self) -> dict[str, Any]:
        from newsparse import __version__

        return {
            "newsparse": __version__,
            "format": ExportFormat.JSONL.value,
            "fields": list(self.fields) or None,
            "articles": self.articles,
            "findings": self.findings,
            "files": [part.to_dict() for part in self.files],
            "errors": [{"path": e.path, "reason": e.reason} for e in self.errors],
        }


class _Counted:
    """The articles of one file, counting findings and keeping a read error."""

    def __init__(self, ref: FileRef, storage_options: StorageOptions | None) -> None:
        self.ref = ref
        self.storage_options = storage_options
        self.findings = 0
        self.invalid_utf8 = 0
        self.error: InputError | None = None

    def __iter__(self) -> Iterator[Article]:
        try:
            for article in iter_file(self.ref, self.storage_options):
                if article.findings:
                    self.findings += len(article.findings)
                    self.invalid_utf8 += invalid_utf8_lines((article,))
                yield article
        except InputError as error:
            self.error = error


def _write_part(
    items: Sequence[tuple[int, FileRef]],
    outdir: str,
    fields: Sequence[str],
    enrich: Enricher | None,
    storage_options: StorageOptions | None,
) -> list[PartResult]:
    results = []
    for index, ref in items:
        part = part_name(index)
        articles = _Counted(ref, storage_options)
        with _open_output(_join(outdir, part), storage_options) as stream:
            written = write_records(articles, stream, ExportFormat.JSONL, fields, enrich)
        reason = articles.error.reason if articles.error else None
        results.append(
            PartResult(ref.name, part, written, articles.findings, reason, articles.invalid_utf8)
        )
    return results


def export_parts(
    client: Any,
    files: Sequence[str],
    outdir: str,
    *,
    fields: Sequence[str] = (),
    enrich: Enricher | None = None,
    errors: Sequence[InputError] = (),
    storage_options: StorageOptions | None = None,
) -> ExportResult:
    """Write `files` as part files in `outdir` on the cluster, then the manifest.

    `errors` are path errors found before (from `expand_paths`), kept in the manifest.
    Part files left by an earlier, larger export are removed so that the directory
    holds exactly this export.
    """
    require_dask()
    _make_dirs(outdir, storage_options)
    results: list[PartResult] = []
    if files:
        items = list(enumerate(locate(name) for name in files))
        bag = _file_bag(items).map_partitions(
            _write_part, locate(outdir).location, tuple(fields), enrich, storage_options
        )
        results = list(_result(client.compute(bag)))
    read_failures = [InputError(part.path, part.error) for part in results if part.error]
    result = ExportResult(outdir, results, [*errors, *read_failures], tuple(fields))
    _remove_stale(outdir, {part.part for part in results}, storage_options)
    manifest = orjson.dumps(result.to_manifest(), option=orjson.OPT_INDENT_2) + b"\n"
    with _open_output(_join(outdir, MANIFEST), storage_options) as stream:
        stream.write(manifest)
    return result


def _join(outdir: str, name: str) -> str:
    return f"{outdir.rstrip('/')}/{name}" if is_url(outdir) else os.path.join(outdir, name)


@contextlib.contextmanager
def _open_output(path: str, storage_options: StorageOptions | None) -> Iterator[Any]:
    """A local file written atomically, or an fsspec file (object stores commit on close)."""
    if not is_url(path):
        with atomic_output(path) as stream:
            yield stream
        return
    import fsspec

    try:
        with fsspec.open(path, "wb", **(storage_options or {})) as stream:
            yield stream
    except OSError as error:
        raise OutputError(path, describe(error)) from None


def _make_dirs(outdir: str, storage_options: StorageOptions | None) -> None:
    try:
        if is_url(outdir):
            from fsspec.core import url_to_fs

            fs, path = url_to_fs(outdir, **(storage_options or {}))
            fs.makedirs(path, exist_ok=True)
        else:
            Path(outdir).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(outdir, describe(error)) from None


def _remove_stale(outdir: str, keep: set[str], storage_options: StorageOptions | None) -> None:
    """Remove part files this export did not write, and temporary files of dead workers."""
    if is_url(outdir):
        from fsspec.core import url_to_fs

        fs, path = url_to_fs(outdir, **(storage_options or {}))
        for stale in fs.glob(f"{path.rstrip('/')}/{PART_PATTERN}"):
            if posixpath.basename(stale) not in keep:
                fs.rm(stale)
        return
    directory = Path(outdir)
    stale = [p for p in directory.glob(PART_PATTERN) if p.name not in keep]
    stale += directory.glob(f".{PART_PATTERN}.*.tmp")
    for path in stale:
        with contextlib.suppress(OSError):
            path.unlink()


# --- findings --------------------------------------------------------------------------


def parser_findings(article: Article) -> tuple[Finding, ...]:
    """The default check: the findings the parser put on the record."""
    return article.findings


@dataclass(frozen=True, slots=True)
class FileFindings:
    path: str
    articles: int
    findings: tuple[Finding, ...]
    error: str | None = None


@dataclass(slots=True)
class ClusterFindings:
    """Findings of every article in input order, as a local run lists them."""

    articles: int
    findings: list[Finding]
    errors: list[InputError]


def _check_partition(
    refs: Sequence[FileRef], check: Check, storage_options: StorageOptions | None
) -> list[FileFindings]:
    results = []
    for ref in refs:
        found: list[Finding] = []
        count = 0
        reason = None
        try:
            for article in iter_file(ref, storage_options):
                count += 1
                found.extend(check(article))
        except InputError as error:
            reason = error.reason
        results.append(FileFindings(ref.name, count, tuple(found), reason))
    return results


def gather_findings(
    client: Any,
    files: Sequence[str],
    check: Check = parser_findings,
    *,
    errors: Sequence[InputError] = (),
    storage_options: StorageOptions | None = None,
) -> ClusterFindings:
    """Run `check` on every article on the cluster; findings come back in input order."""
    require_dask()
    results: list[FileFindings] = []
    if files:
        refs = [locate(name) for name in files]
        bag = _file_bag(refs).map_partitions(_check_partition, check, storage_options)
        results = list(_result(client.compute(bag)))
    return ClusterFindings(
        articles=sum(result.articles for result in results),
        findings=[finding for result in results for finding in result.findings],
        errors=[
            *errors,
            *(InputError(result.path, result.error) for result in results if result.error),
        ],
    )
