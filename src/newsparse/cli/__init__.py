"""The `newsparse` command: a thin typer layer over the core library.

Each command lives in its own module and registers itself on `app`; `main` is the
console-script entry point and sets up signals so that Ctrl-C and SIGTERM end quietly.
"""

from __future__ import annotations

import signal
import sys
from types import FrameType

from newsparse.cli import export as _export  # noqa: F401 - registers commands
from newsparse.cli import print as _print  # noqa: F401 - registers commands
from newsparse.cli import stats as _stats  # noqa: F401 - registers commands
from newsparse.cli import tag as _tag  # noqa: F401 - registers commands
from newsparse.cli import validate as _validate  # noqa: F401 - registers commands
from newsparse.cli.app import app, os_error_message, report_error, silence_stdout
from newsparse.errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_TERMINATED, EXIT_USAGE

__all__ = ["app", "main"]


def _terminate(signum: int, frame: FrameType | None) -> None:
    # SystemExit unwinds through `finally` blocks, so a half-written -o file is removed.
    raise SystemExit(EXIT_TERMINATED)


def main() -> None:
    """Entry point of the `newsparse` console script."""
    signal.signal(signal.SIGTERM, _terminate)
    try:
        app()
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
