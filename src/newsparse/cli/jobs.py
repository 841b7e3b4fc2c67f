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
