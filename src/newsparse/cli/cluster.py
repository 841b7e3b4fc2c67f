"""`--scheduler`: the cluster half of commands that can run on Dask.

The commands keep their options and call in here early when `--scheduler` is given;
the work itself is `newsparse.distributed`. Messages go to stderr; an input that
could not be read is reported, kept in the manifest, and ends the run with 2 after
the others were written, as in a local run.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import typer

from newsparse.cli.base import Inputs, report_error, warn_invalid_utf8, warn_no_match
from newsparse.distributed import (
    MANIFEST,
    Check,
    ClusterFindings,
    connect,
    expand_paths,
    export_parts,
    gather_findings,
    iter_files,
    parser_findings,
    require_dask,
)
from newsparse.errors import EXIT_USAGE, InputError, UsageError
from newsparse.export import Enricher, ExportFormat
from newsparse.inputs import STDIN, InputFile
from newsparse.model import Article
from newsparse.parser import invalid_utf8_lines
from newsparse.text import plural

NO_PATHS = "--scheduler needs input paths: files, directories, patterns or URLs"
NO_STDIN = "--scheduler cannot read standard input ('-'): give paths the workers can read"


def _files(paths: Sequence[str] | None, glob: str) -> tuple[list[str], list[InputError]]:
    if not paths:
        raise UsageError(NO_PATHS)
    if STDIN in paths:
        raise UsageError(NO_STDIN)
    files, errors = expand_paths(paths, glob, on_empty=lambda path: warn_no_match(path, glob))
    for error in errors:
        report_error(str(error))
    return files, errors


def _finish(errors: Sequence[InputError]) -> None:
    if errors:
        names = ", ".join(error.path for error in errors)
        noun = "input" if len(errors) == 1 else "inputs"
        report_error(f"{len(errors)} {noun} could not be read: {names}")
        raise typer.Exit(EXIT_USAGE)


def export(
    paths: Sequence[str] | None,
    glob: str,
    scheduler: str,
    outdir: str | None,
    fmt: ExportFormat = ExportFormat.JSONL,
    fields: Sequence[str] = (),
    enrich: Enricher | None = None,
) -> None:
    """`export --scheduler`: part files in OUTDIR, in input order, then manifest.json."""
    require_dask()
    if outdir is None:
        raise UsageError("--scheduler writes part files: give an output directory with -o OUTDIR")
    if fmt is not ExportFormat.JSONL:
        raise UsageError("--scheduler writes JSON Lines part files: --format json is not possible")
    files, errors = _files(paths, glob)
    with connect(scheduler) as client:
        result = export_parts(client, files, outdir, fields=fields, enrich=enrich, errors=errors)
    read_failures = result.errors[len(errors) :]
    for error in read_failures:
        report_error(str(error))
    for part in result.files:
        if part.invalid_utf8:
            warn_invalid_utf8(part.path, part.invalid_utf8)
    parts = [part.part for part in result.files]
    written = MANIFEST
    if parts:
        span = parts[0] if len(parts) == 1 else f"{parts[0]} .. {parts[-1]}"
        written = f"{span}, {MANIFEST}"
    typer.echo(
        f"newsparse: {plural(result.articles, 'article')} ({plural(result.findings, 'finding')})"
        f" from {plural(len(parts), 'file')} written to {outdir}: {written}",
        err=True,
    )
    _finish(result.errors)


def findings(
    paths: Sequence[str] | None,
    glob: str,
    scheduler: str,
    check: Check = parser_findings,
) -> ClusterFindings:
    """Findings of every article, in input order, with `check` run on the workers.

    Bad paths and unreadable files are reported on stderr and come back in `errors`.
    """
    require_dask()
    files, errors = _files(paths, glob)
    with connect(scheduler) as client:
        result = gather_findings(client, files, check, errors=errors)
    for error in result.errors[len(errors) :]:
        report_error(str(error))
    return result


class ClusterInputs(Inputs):
    """`Inputs` whose files are parsed on a Dask cluster; articles come in input order.

    A drop-in for any command that reads `inputs.articles()` and ends with
    `inputs.finish()`: `validate --scheduler` runs its own checks on exactly the
    articles a local run sees, so its findings and exit code are the same.
    """

    def __init__(
        self, paths: list[str] | None, glob: str, scheduler: str, output: str | None = None
    ) -> None:
        require_dask()
        if not paths:
            raise UsageError(NO_PATHS)
        if STDIN in paths:
            raise UsageError(NO_STDIN)
        super().__init__(paths, glob, output=output)
        self.scheduler = scheduler

    def articles(self) -> Iterator[Article]:
        for article, _ in self._read(located=False):
            yield article

    def located(self) -> Iterator[tuple[Article, list[str]]]:
        """Articles with their raw lines, as `validate` reads them locally."""
        return self._read(located=True)

    def _read(self, *, located: bool) -> Iterator[tuple[Article, list[str]]]:
        # Path by path, so that errors are reported where a local run reports them.
        plan: list[str | InputError] = []
        for path in self.paths:
            files, errors = expand_paths([path], self.glob, on_empty=self._warn_empty)
            # Not the file being written (`-o`, or standard output), as in a local run.
            kept = self._without_outputs(InputFile(name) for name in files)
            plan += [
                *errors,
                *(item if isinstance(item, InputError) else item.name for item in kept),
            ]
        names = [item for item in plan if isinstance(item, str)]
        with connect(self.scheduler) as client:
            results = iter_files(client, names, located=located)
            for item in plan:
                if isinstance(item, InputError):
                    self.fail(item)
                    continue
                result = next(results)
                lines = result.lines or ((),) * len(result.articles)
                for article, article_lines in zip(result.articles, lines, strict=True):
                    yield article, list(article_lines)
                if not located and (invalid := invalid_utf8_lines(result.articles)):
                    warn_invalid_utf8(result.path, invalid)  # (validate reports NP101)
                if result.error is None:
                    self.files_read += 1
                else:
                    self.fail(InputError(result.path, result.error))


def inputs(paths: list[str] | None, glob: str, scheduler: str | None) -> Inputs:
    """The inputs of a command: local, or on the cluster when `--scheduler` is given."""
    return Inputs(paths, glob) if scheduler is None else ClusterInputs(paths, glob, scheduler)
