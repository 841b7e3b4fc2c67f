"""`--jobs`, shared by the commands that can parse files in worker processes."""

from __future__ import annotations

from typing import Annotated

import typer


def _not_negative(value: int) -> int:
    # Rather than `min=0`: click's range type calls 'abc' "not a valid int range".
    if value < 0:
        raise typer.BadParameter(f"{value} is not 0 or more")
    return value


JobsOption = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        callback=_not_negative,
        help="Parse files in N processes (0: one per core); output order stays the same.",
        metavar="N",
    ),
]


def warn_invalid_utf8(name: str, lines: int) -> None:
    """The warning `Inputs.articles` gives after a file with invalid UTF-8."""
    from newsparse.cli.base import report_error

    noun = "line holds" if lines == 1 else "lines hold"
    report_error(f"warning: {name}: {lines} {noun} invalid UTF-8 (bytes replaced with U+FFFD)")
