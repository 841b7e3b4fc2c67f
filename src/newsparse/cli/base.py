"""The typer app, the one place errors become messages and exit codes, and the
helpers and options commands share (reading inputs, writing output, the stderr
console, the tagging options).
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Annotated, Any, BinaryIO, NoReturn

import typer

from newsparse import __version__
from newsparse.errors import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    InputError,
    NewsparseError,
    OutputError,
    UsageError,
)
from newsparse.inputs import (
    DEFAULT_GLOB,
    STDIN,
    InputFile,
    describe,
    expand_inputs,
    file_identity,
    has_magic,
)

if TYPE_CHECKING:
    from rich.console import Console

    from newsparse.cli.progress import ByteProgress
    from newsparse.model import Article
    from newsparse.taxonomy import Taxonomy

# The parser, the exporters and rich are imported where a command first needs them:
# `newsparse --version` and `--help` load none of them (issue 6: start-up).


def error_console() -> Console:
    """A console on the current stderr (tests swap sys.stderr, so never cache it)."""
    from newsparse.render import new_console  # deferred: most runs never print an error

    return new_console(stderr=True, highlight=False, soft_wrap=True)


def report_error(message: str, console: Console | None = None) -> None:
    """`newsparse: message` on stderr (or on `console`, e.g. above a progress bar)."""
    (console or error_console()).print(f"newsparse: {message}", markup=False, style="bold red")


#: The order `newsparse --help` lists commands in: the main jobs first.
COMMAND_ORDER = ("export", "print", "validate", "rules", "tag", "stats", "schema")


class NewsparseGroup(typer.core.TyperGroup):
    """Runs a command and turns what it raises into a message and an exit code."""

    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        rank = {name: position for position, name in enumerate(COMMAND_ORDER)}
        return sorted(names, key=lambda name: rank.get(name, len(rank)))

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except NewsparseError as error:
            report_error(str(error))
            raise typer.Exit(error.exit_code) from None
        except BrokenPipeError:
            silence_stdout()
            raise typer.Exit(EXIT_OK) from None
        except KeyboardInterrupt:
            report_error("interrupted")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except OSError as error:
            # Reads and -o writes become InputError/OutputError inside the commands; an
            # OSError here is the environment failing (standard output full, a temporary
            # directory not writable): one line, not a traceback.
            if os.environ.get("NEWSPARSE_DEBUG") == "1":
                raise
            silence_stdout()
            report_error(os_error_message(error))
            raise typer.Exit(EXIT_USAGE) from None
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise  # exit codes and usage errors, which typer reports itself
        except Exception as error:
            # A newsparse bug: one line that says so, not a traceback.
            if os.environ.get("NEWSPARSE_DEBUG") == "1":
                raise
            report_error(
                f"internal error ({type(error).__name__}: {error}); please report it as a"
                " newsparse bug (NEWSPARSE_DEBUG=1 shows where)"
            )
            raise typer.Exit(EXIT_USAGE) from None


def os_error_message(error: OSError) -> str:
    """`cannot write standard output: no space left on device`, or names the file."""
    where = error.filename if error.filename else "standard output"
    return f"cannot write {where}: {describe(error)}"


def silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the final flush stays quiet."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


app = typer.Typer(
    cls=NewsparseGroup,
    name="newsparse",
    help="Stream raw news-article dumps into structured records, to export, print, "
    "validate, tag and count them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsparse {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", help="Print the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    """newsparse reads dumps from files, directories (recursively), `-` or a pipe."""


class Inputs:
    """The inputs of one run: articles from every readable file, errors remembered.

    A bad path is reported on stderr at once and the run goes on; `failed` tells the
    command to end with exit code 2.

    With `progress=True` and standard error a terminal, a long run shows bytes read of
    the total on a bar (see `newsparse.cli.progress`); `progress_console` draws it
    elsewhere than stderr. Use `Inputs` as a context manager so the bar is always removed.
    """

    def __init__(
        self,
        paths: list[str] | None,
        glob: str = DEFAULT_GLOB,
        *,
        progress: bool = False,
        progress_console: Console | None = None,
        output: str | None = None,
        output_may_be_input: bool = False,
    ) -> None:
        if not paths:
            if sys.stdin is None or sys.stdin.isatty():
                raise UsageError("no input: give a dump file or directory, or pipe one in")
            paths = [STDIN]
        self.paths = paths
        self.glob = glob
        self.errors: list[InputError] = []
        self.files_read = 0
        self.progress = progress and stderr_is_terminal()
        self.progress_console = progress_console
        self._bar: ByteProgress | None = None
        # The file `-o` replaces at the end: the last run's report or export, which a
        # directory or pattern would otherwise read as a dump (`validate . -o
        # report.txt` failed on its second run). Compared by identity, as it is now.
        self._output: object = None
        # And the temporary file it is written to first (`export.atomic_output`:
        # `.NAME.XXXXXXXX.tmp` beside it), which a walk would find growing.
        self._temporary: tuple[str, str, str] | None = None
        # Named as an input too, the -o file would be read, then replaced: allowed where
        # that is the point (`export a.txt -f dump -o a.txt` tidies a dump in place).
        self._output_may_be_input = output_may_be_input
        if output is not None and output not in STDOUT_NAMES:
            if os.path.isfile(output):
                self._output = file_identity(output)
            from newsparse.export import TEMPORARY_SUFFIX, temporary_prefix

            directory, name = os.path.split(os.path.abspath(output))
            self._temporary = (
                os.path.realpath(directory),
                temporary_prefix(name),
                TEMPORARY_SUFFIX,
            )
        # Standard output redirected into a file that is also an input (`print dumps/ >
        # dumps/view.txt`): reading what is being written never ended.
        self._stdout = _regular_stdout()

    def __enter__(self) -> Inputs:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Remove the progress bar, if one is shown."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    def expand(self) -> Iterator[InputFile | InputError]:
        """The files the paths name, and the paths that are bad (not yet reported);
        not the `-o` file where a directory or pattern reaches it (named, it is read)."""
        items = expand_inputs(self.paths, self.glob, self._warn_empty)
        if self._output is None and self._stdout is None and self._temporary is None:
            return items
        return self._without_outputs(items)

    def _without_outputs(
        self, items: Iterator[InputFile | InputError]
    ) -> Iterator[InputFile | InputError]:
        # Named inputs by identity: `./d/b.txt` names the file a walk of `d` finds.
        named = {file_identity(path) for path in self.paths if not has_magic(path)}
        for item in items:
            if isinstance(item, InputError):
                yield item
                continue
            if item.is_stdin:
                if self._stdout is not None and _regular_identity(sys.stdin) == self._stdout:
                    # `newsparse export - < a.txt >> a.txt` read its own output forever.
                    yield InputError(
                        item.name, "is standard output, the file being written: not read"
                    )
                else:
                    yield item
                continue
            identity = file_identity(item.name)
            if identity not in named and self._is_temporary(item.name):
                continue
            if identity == self._stdout:
                if identity in named:  # as `cat a >> a` says "input file is output file"
                    yield InputError(
                        item.name, "is standard output, the file being written: not read"
                    )
            elif identity != self._output:
                yield item
            elif identity in named:
                if not self._output_may_be_input:
                    raise UsageError(
                        f"{item.name} is an input and the -o file, which would replace it:"
                        " write the output elsewhere"
                    )
                yield item

    def _is_temporary(self, name: str) -> bool:
        """`name` is the `-o` file's temporary file (see `_temporary`)."""
        if self._temporary is None:
            return False
        directory, prefix, suffix = self._temporary
        base = os.path.basename(name)
        return (
            base.startswith(prefix)
            and base.endswith(suffix)
            and os.path.realpath(os.path.dirname(os.path.abspath(name))) == directory
        )

    def _warn_empty(self, directory: str) -> None:
        warn_no_match(directory, self.glob, self._bar.console_shown() if self._bar else None)

    def files(self) -> Iterator[InputFile]:
        for item in self.expand():
            if isinstance(item, InputError):
                self.fail(item)
            else:
                yield item

    def articles(self) -> Iterator[Article]:
        if self.progress:
            yield from self._articles_with_progress()
            return
        from newsparse.parser import parse_input

        for item in self.files():
            yield from self._read_file(item, parse_input)

    def _articles_with_progress(self) -> Iterator[Article]:
        from newsparse.cli.progress import ByteProgress, read_with_progress, total_size

        files = list(self.files())
        self._bar = bar = ByteProgress(total_size(files), console=self.progress_console)
        done = 0
        try:
            for item in files:
                yield from self._read_file(
                    item, functools.partial(read_with_progress, progress=bar, done_before=done)
                )
                done += total_size([item]) or 0
        finally:
            self.close()

    def _read_file(
        self, item: InputFile, read: Callable[[InputFile], Iterator[Article]]
    ) -> Iterator[Article]:
        """The articles `read` gives of one input; a read error or a parser bug ends this
        input only, and a warning tells how many of its lines were invalid UTF-8."""
        from newsparse.parser import invalid_utf8_lines

        invalid_lines = 0
        try:
            for article in read(item):
                if article.findings:
                    invalid_lines += invalid_utf8_lines((article,))
                yield article
            self.files_read += 1
        except InputError as error:
            self.fail(error)
        except Exception as error:
            # A parser bug must not cost the other inputs, nor print a traceback
            # (NEWSPARSE_DEBUG=1 shows it).
            if os.environ.get("NEWSPARSE_DEBUG") == "1":
                raise
            self.fail(
                InputError(
                    item.name,
                    f"internal error ({type(error).__name__}: {error}); the records"
                    " before it were written; please report this file as a newsparse bug",
                )
            )
        if invalid_lines:
            warn_invalid_utf8(
                item.name, invalid_lines, self._bar.console_shown() if self._bar else None
            )

    def tracked_files(self) -> Iterator[InputFile]:
        """The files, for a command that reads them its own way; with a progress bar,
        the bar moves on as each file is done (per file, not per chunk)."""
        if not self.progress:
            yield from self.files()
            return
        from newsparse.cli.progress import ByteProgress, total_size

        files = list(self.files())
        self._bar = bar = ByteProgress(total_size(files), console=self.progress_console)
        done = 0
        try:
            for item in files:
                yield item
                done += total_size([item]) or 0
                bar.update(done, item.name)
        finally:
            self.close()

    def fail(self, error: InputError) -> None:
        self.errors.append(error)
        report_error(str(error), self._bar.console_shown() if self._bar else None)

    def finish(self) -> None:
        """Exit 2 if any input could not be read (after the others were processed)."""
        if self.errors:
            names = ", ".join(error.path for error in self.errors)
            noun = "input" if len(self.errors) == 1 else "inputs"
            report_error(f"{len(self.errors)} {noun} could not be read: {names}")
            raise typer.Exit(EXIT_USAGE)


def warn_invalid_utf8(name: str, lines: int, console: Console | None = None) -> None:
    """The warning after a file with invalid UTF-8 (its records carry NP101 findings)."""
    noun = "line holds" if lines == 1 else "lines hold"
    report_error(
        f"warning: {name}: {lines} {noun} invalid UTF-8 (bytes replaced with U+FFFD)", console
    )


def _regular_stdout() -> object:
    """The `file_identity` of standard output when it is a regular file, else None."""
    return _regular_identity(sys.stdout)


def _regular_identity(stream: Any) -> object:
    """The `file_identity` of a standard stream when it is a regular file, else None."""
    import stat

    try:
        status = os.fstat(stream.fileno())
    except (AttributeError, OSError, ValueError):  # closed, or not a real file (tests)
        return None
    return (status.st_dev, status.st_ino) if stat.S_ISREG(status.st_mode) else None


def warn_no_match(directory: str, glob: str, console: Console | None = None) -> None:
    """A directory held no file to read: often a wrong --glob, so say so (not an error)."""
    report_error(
        f"warning: {directory}: no file matches {glob!r} (--glob sets the pattern)", console
    )


def stderr_is_terminal() -> bool:
    """Whether a progress bar can be drawn: standard error is a terminal that can."""
    stream = sys.stderr
    try:
        return stream is not None and stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


#: `-o` names that mean standard output itself: written through it, so that a shell's
#: `>>` keeps appending (opening the name again would truncate the file behind it).
STDOUT_NAMES = frozenset({STDIN, "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})


@contextlib.contextmanager
def output_stream(path: str | None) -> Iterator[BinaryIO]:
    """stdout, or an atomically written file for `-o PATH`."""
    if path is None or path in STDOUT_NAMES:
        stream = sys.stdout.buffer
        try:
            yield stream
            stream.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            # A full device, an I/O error: say so once, and keep the final flush at
            # exit from failing again with a traceback.
            silence_stdout()
            raise OutputError("standard output", describe(error)) from None
        return
    from newsparse.export import atomic_output

    try:
        with atomic_output(path) as stream:
            yield stream
    except typer.Exit as exit_:
        if exit_.exit_code:  # an input could not be read: the output is incomplete
            kept = "; the file there is left as it was" if os.path.lexists(path) else ""
            report_error(f"{path}: not written{kept}")
        raise


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    report_error(message)
    raise typer.Exit(code)


PathsArgument = Annotated[
    list[str] | None,
    typer.Argument(
        help="Dump files or directories; '-' or nothing for standard input.",
        show_default=False,
    ),
]
ProgressOption = Annotated[
    bool,
    typer.Option(
        "--progress/--no-progress",
        help="Show bytes read on a progress bar (on standard error, when it is a terminal).",
    ),
]
GlobOption = Annotated[
    str,
    typer.Option("--glob", help="File pattern to look for inside directories.", metavar="PATTERN"),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        help="Run on a Dask cluster: a scheduler address such as tcp://10.0.0.5:8786, or "
        "'local' for worker processes on this machine (needs newsparse[dask]).",
    ),
]


# -- tagging options, shared by export, print, stats and tag ----------------------------

ConfigOption = Annotated[
    str | None,
    typer.Option(
        "--config",
        metavar="FILE",
        help="Config file (newsparse.toml or pyproject.toml) for [tags.aliases]; "
        "default: the nearest one above the working directory.",
    ),
]
TaxonomyOption = Annotated[
    str | None,
    typer.Option(
        "--taxonomy",
        metavar="FILE",
        help="Taxonomy TOML: tags with words, phrases or regex patterns -> auto_tags.",
    ),
]


def load_aliases(config: str | None) -> dict[str, str]:
    """The tag aliases of `--config FILE`, or of the nearest config file."""
    from newsparse.config import load_config
    from newsparse.tagging import tag_aliases

    return tag_aliases(load_config(config))


def load_taxonomy(path: str | None) -> Taxonomy | None:
    if path is None:
        return None
    from newsparse.taxonomy import load_taxonomy as load

    return load(path)


def _same_terminal(one: Any, other: Any) -> bool:
    try:
        if not (one.isatty() and other.isatty()):
            return False
        a, b = os.fstat(one.fileno()), os.fstat(other.fileno())
    except (AttributeError, OSError, ValueError):
        return False
    return (a.st_dev, a.st_ino, a.st_rdev) == (b.st_dev, b.st_ino, b.st_rdev)


def bar_console(console: Console) -> Console | None:
    """Where a progress bar goes: on `console` (standard output) when standard error is
    the same terminal, so that what is printed while the bar is shown appears above
    it instead of through it; else None (standard error)."""
    return console if _same_terminal(sys.stdout, sys.stderr) else None
