"""The typer app, the one place errors become messages and exit codes, and the
helpers every command shares (reading inputs, writing output, the stderr console).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import Annotated, Any, BinaryIO, NoReturn

import typer
from rich.console import Console

from newsparse import __version__
from newsparse.errors import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    InputError,
    NewsparseError,
    UsageError,
)
from newsparse.export import atomic_output
from newsparse.inputs import DEFAULT_GLOB, STDIN, InputFile, expand_inputs
from newsparse.model import Article
from newsparse.parser import parse_input


def error_console() -> Console:
    """A console on the current stderr (tests swap sys.stderr, so never cache it)."""
    return Console(stderr=True, highlight=False, soft_wrap=True)


def report_error(message: str) -> None:
    error_console().print(f"newsparse: {message}", markup=False, style="bold red")


class NewsparseGroup(typer.core.TyperGroup):
    """Runs a command and turns what it raises into a message and an exit code."""

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
            raise typer.Exit(EXIT_INTERRUPTED) from None


def silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the final flush stays quiet."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


app = typer.Typer(
    cls=NewsparseGroup,
    name="newsparse",
    help="Stream raw news-article dumps into structured records: print, validate, export, tag.",
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
    """

    def __init__(self, paths: list[str] | None, glob: str = DEFAULT_GLOB) -> None:
        if not paths:
            if sys.stdin is None or sys.stdin.isatty():
                raise UsageError("no input: give a dump file or directory, or pipe one in")
            paths = [STDIN]
        self.paths = paths
        self.glob = glob
        self.errors: list[InputError] = []
        self.files_read = 0

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    def files(self) -> Iterator[InputFile]:
        for item in expand_inputs(self.paths, self.glob):
            if isinstance(item, InputError):
                self.fail(item)
            else:
                yield item

    def articles(self) -> Iterator[Article]:
        for item in self.files():
            try:
                yield from parse_input(item)
                self.files_read += 1
            except InputError as error:
                self.fail(error)

    def fail(self, error: InputError) -> None:
        self.errors.append(error)
        report_error(str(error))

    def finish(self) -> None:
        """Exit 2 if any input could not be read (after the others were processed)."""
        if self.errors:
            names = ", ".join(error.path for error in self.errors)
            noun = "input" if len(self.errors) == 1 else "inputs"
            report_error(f"{len(self.errors)} {noun} could not be read: {names}")
            raise typer.Exit(EXIT_USAGE)


@contextlib.contextmanager
def output_stream(path: str | None) -> Iterator[BinaryIO]:
    """stdout, or an atomically written file for `-o PATH`."""
    if path is None or path == STDIN:
        stream = sys.stdout.buffer
        yield stream
        stream.flush()
        return
    with atomic_output(path) as stream:
        yield stream


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
GlobOption = Annotated[
    str, typer.Option("--glob", help="File pattern to look for inside directories.")
]
