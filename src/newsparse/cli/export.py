"""`newsparse export` and `newsparse schema`."""

from __future__ import annotations

import sys

import orjson
import typer

from newsparse.cli.app import GLOB_OPTION, PATHS_ARGUMENT, Inputs, app, output_stream
from newsparse.export import ExportFormat, parse_fields, write_records


@app.command()
def export(
    paths: list[str] | None = PATHS_ARGUMENT,
    fmt: ExportFormat = typer.Option(
        ExportFormat.JSONL, "--format", "-f", help="jsonl: one record a line; json: one array."
    ),
    fields: str | None = typer.Option(
        None, "--fields", help="Comma-separated fields to keep, e.g. date,headline,tags."
    ),
    output: str | None = typer.Option(
        None, "--output", "-o", help="Write to FILE (atomically) instead of standard output."
    ),
    glob: str = GLOB_OPTION,
) -> None:
    """Export articles as JSON Lines (default) or a JSON array.

    Example: newsparse export dumps/ | jq -r 'select(.countries | index("Turkey")) | .headline'
    """
    selected = parse_fields(fields)
    inputs = Inputs(paths, glob)
    with output_stream(output) as stream:
        write_records(inputs.articles(), stream, fmt, selected)
    inputs.finish()


@app.command()
def schema() -> None:
    """Print the JSON Schema (2020-12) of one exported record.

    Example: newsparse schema > record.schema.json
    """
    from newsparse.schema import record_schema

    sys.stdout.buffer.write(orjson.dumps(record_schema(), option=orjson.OPT_INDENT_2) + b"\n")
