"""`--jobs`, shared by the commands that can parse files in worker processes."""

from __future__ import annotations

from typing import Annotated

import typer

JobsOption = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=0,
        help="Parse files in N processes (0: one per core); output order stays the same.",
    ),
]
