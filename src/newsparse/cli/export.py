"""`newsparse export` and `newsparse schema`."""

from __future__ import annotations

import sys
from typing import Annotated

import orjson
import typer

from newsparse.cli.app import GlobOption, Inputs, PathsArgument, app, output_stream
from newsparse.cli.jobs import JobsOption
from newsparse.export import ExportFormat, parse_fields, write_records
from newsparse.inputs import DEFAULT_GLOB, expand_inputs


@app.command()
def export(
    paths: PathsArgument = None,
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="jsonl: one record a line; json: one array."),
    ] = ExportFormat.JSONL,
    fields: Annotated[
        str | None,
        typer.Option("--fields", help="Comma-separated fields to keep, e.g. date,headline,tags."),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write to FILE (atomically), not standard output."),
    ] = None,
    glob: GlobOption = DEFAULT_GLOB,
    jobs: JobsOption = 1,
) -> None:
    """Export articles as JSON Lines (default) or a JSON array.

    Example: newsparse export dumps/ | jq -r 'select(.countries | index("Turkey")) | .headline'
    """
    selected = parse_fields(fields)
    inputs = Inputs(paths, glob)
    with output_stream(output) as stream:
        if jobs == 1:
            write_records(inputs.articles(), stream, fmt, selected)
        else:
            from newsparse.parallel import export_files

            files = expand_inputs(inputs.paths, inputs.glob)
            export_files(files, stream, fmt, selected, jobs=jobs, on_error=inputs.fail)
    inputs.finish()


@app.command()
def schema() -> None:
    """Print the JSON Schema (2020-12) of one exported record.

    Example: newsparse schema > record.schema.json
    """
    from newsparse.schema import record_schema

    sys.stdout.buffer.write(orjson.dumps(record_schema(), option=orjson.OPT_INDENT_2) + b"\n")
