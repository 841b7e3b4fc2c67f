"""The `newsparse` command: a thin typer layer over the core library.

Each command lives in its own module and registers itself on `base.app`. `main` is the
console-script entry point: it imports only the module of the command being run, since
importing all of them and having typer build every command costs a one-file `validate`
a sixth of its start-up (issue 6). `from newsparse.cli import app` gives the app with
every command registered. `main` also sets up signals so that Ctrl-C and SIGTERM end
quietly.
"""

from __future__ import annotations

import errno
import importlib
import io
import os
import signal
import sys
from collections.abc import Sequence
from types import FrameType
from typing import TYPE_CHECKING

from newsparse.cli import base
from newsparse.cli.base import os_error_message, report_error, silence_stdout
from newsparse.errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_TERMINATED, EXIT_USAGE

if TYPE_CHECKING:
    import typer

__all__ = ["app", "main", "register_commands"]

#: Each command, and the module in `newsparse.cli` that registers it.
COMMAND_MODULES = {
    "export": "export",
    "schema": "export",
    "print": "print",
    "validate": "validate",
    "rules": "validate",
    "tag": "tag",
    "stats": "stats",
}


def register_commands(argv: Sequence[str] = ()) -> None:
    """Register the command that `argv` runs, or every command if it names none.

    `--version` needs none. `--help` and a mistyped name register them all, so that
    help lists every command and click can suggest the one meant.
    """
    name = argv[0] if argv else ""
    if name in ("--version", "-V"):
        return
    modules = [COMMAND_MODULES[name]] if name in COMMAND_MODULES else COMMAND_MODULES.values()
    for module in dict.fromkeys(modules):
        importlib.import_module(f"newsparse.cli.{module}")


def __getattr__(name: str) -> typer.Typer:
    if name == "app":
        register_commands()
        return base.app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _terminate(signum: int, frame: FrameType | None) -> None:
    # SystemExit unwinds through `finally` blocks, so a half-written -o file is removed.
    raise SystemExit(EXIT_TERMINATED)


class _ClosedStream(io.RawIOBase):
    """What writes to a standard stream the caller closed (`>&-`) go to: each fails as
    writing to a closed descriptor does, so the usual message and exit 2 follow."""

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


def _stand_in_for_closed_streams() -> None:
    # Python sets a standard stream that was closed at start-up to None, and every
    # write to it would end in a traceback. Its descriptor is plugged with /dev/null,
    # so that no file opened later gets it (and a child process its output).
    if sys.stdout is None:
        _plug(1)
        sys.stdout = io.TextIOWrapper(_ClosedStream(), encoding="utf-8", write_through=True)
    if sys.stderr is None:
        _plug(2)
        # Nowhere to say anything: the exit code still tells.
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def _plug(fd: int) -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    if devnull != fd:
        os.dup2(devnull, fd)
        os.close(devnull)


def main() -> None:
    """Entry point of the `newsparse` console script."""
    _stand_in_for_closed_streams()
    signal.signal(signal.SIGTERM, _terminate)
    register_commands(sys.argv[1:2])
    try:
        base.app()
    except KeyboardInterrupt:
        report_error("interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except SystemExit as exit_:
        if exit_.code == EXIT_TERMINATED:
            report_error("terminated")
        raise
    except BrokenPipeError:
        silence_stdout()
        sys.exit(EXIT_OK)
    except OSError as error:
        # Reads and `-o` writes are mapped to InputError/OutputError inside commands; an
        # OSError that gets here came from printing (help, version, schema) to a full
        # or failing standard output.
        silence_stdout()
        report_error(os_error_message(error))
        sys.exit(EXIT_USAGE)
