"""`newsparse export` and `newsparse schema`."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from newsparse.cli.base import (
    ConfigOption,
    GlobOption,
    Inputs,
    PathsArgument,
    ProgressOption,
    SchedulerOption,
    TaxonomyOption,
    app,
    load_aliases,
    load_taxonomy,
    output_stream,
    warn_invalid_utf8,
)
from newsparse.cli.jobs import JobsOption
from newsparse.errors import UsageError
from newsparse.formats import ExportFormat
from newsparse.inputs import DEFAULT_GLOB

if TYPE_CHECKING:
    from newsparse.export import Enricher

#: Derived tagging fields `--fields` may name (they switch the matching option on).
#: Same as newsparse.tagging.DERIVED_FIELDS, repeated so that a plain export never
#: imports the tagging modules.
DERIVED_FIELDS = ("normalized_tags", "country_codes", "mentioned_countries", "auto_tags")


@app.command()
def export(
    paths: PathsArgument = None,
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="jsonl: one record a line; json: one array; dump: list-layout dump text.",
            case_sensitive=False,
        ),
    ] = ExportFormat.JSONL,
    fields: Annotated[
        str | None,
        typer.Option(
            "--fields",
            help="Comma-separated fields to keep, e.g. date,headline,tags.",
            metavar="NAMES",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to FILE (atomically), not standard output.",
            metavar="FILE",
        ),
    ] = None,
    progress: ProgressOption = True,
    glob: GlobOption = DEFAULT_GLOB,
    tags: Annotated[
        bool | None,
        typer.Option(
            "--tags/--no-tags",
            help="Add normalized_tags and country_codes (the default); --no-tags: the"
            " record as parsed.",
            show_default=False,
        ),
    ] = None,
    mentions: Annotated[
        bool,
        typer.Option(
            "--mentions",
            help="Add mentioned_countries: countries named in the text (implies --tags).",
        ),
    ] = False,
    taxonomy: TaxonomyOption = None,
    config: ConfigOption = None,
    scheduler: SchedulerOption = None,
    jobs: JobsOption = 1,
) -> None:
    """Export articles as JSON Lines, a JSON array or dump text.

    Tagging adds derived fields after the record's own (normalized_tags, country_codes;
    mentioned_countries with --mentions, auto_tags with --taxonomy FILE).
    --no-tags writes the record exactly as parsed, and is the fastest.

    -o FILE is written whole or not at all (compressed for .gz, .bz2, .xz). With
    --scheduler, -o names a directory of part files and a manifest.json.

    Examples:

    \b
      newsparse export dumps/ > articles.jsonl
      newsparse export dumps/ | jq -r 'select(.countries | index("Turkey")) | .headline'
      newsparse export dumps/ --scheduler local -o out/
    """
    from newsparse.export import parse_fields, write_records
    from newsparse.model import ARTICLE_FIELDS

    selected = parse_fields(fields, (*ARTICLE_FIELDS, *DERIVED_FIELDS))
    mentions = mentions or "mentioned_countries" in selected
    if "auto_tags" in selected and taxonomy is None:
        raise UsageError("--fields auto_tags needs --taxonomy FILE")
    enrich: Enricher | None = None
    wanted = mentions or taxonomy is not None or set(selected) & set(DERIVED_FIELDS)
    if tags is False and wanted:
        asked = "--mentions" if mentions else "--taxonomy" if taxonomy else "--fields"
        raise UsageError(f"--no-tags writes no derived field, which {asked} asks for: drop one")
    if selected and not wanted:
        tags = False  # --fields without derived names: no tagging work to throw away
    if tags is not False or wanted:
        from newsparse.tagging import Tagger

        enrich = Tagger(load_aliases(config), mentions=mentions, taxonomy=load_taxonomy(taxonomy))
    elif config is not None:
        load_aliases(config)  # unused, but a named file that is missing or bad says so
    if scheduler is not None:
        from newsparse.cli import cluster  # deferred: only --scheduler needs it

        cluster.export(paths, glob, scheduler, output, fmt, selected, enrich)
        return
    if jobs != 1:
        from newsparse.parallel import export_files

        inputs = Inputs(paths, glob, output=output, output_may_be_input=fmt is ExportFormat.DUMP)
        with output_stream(output) as stream:
            files = inputs.expand()
            export_files(
                files,
                stream,
                fmt,
                selected,
                enrich,
                jobs=jobs,
                on_error=inputs.fail,
                on_invalid_utf8=warn_invalid_utf8,
            )
            # Inside the block: exit 2 for an unreadable input discards the -o file,
            # which is written whole or not at all, and an old one stays as it was.
            inputs.finish()
        return
    inputs = Inputs(
        paths,
        glob,
        progress=progress,
        output=output,
        output_may_be_input=fmt is ExportFormat.DUMP,
    )
    with inputs, output_stream(output) as stream:
        write_records(inputs.articles(), stream, fmt, selected, enrich)
        inputs.finish()  # inside the block, as above


@app.command()
def schema(
    fields: Annotated[
        str | None,
        typer.Option(
            "--fields",
            help="The schema of `export --fields NAMES` records: only these keys, each "
            "required, no others.",
            metavar="NAMES",
        ),
    ] = None,
) -> None:
    """Print the JSON Schema (2020-12) of one exported record.

    Examples:

    \b
      newsparse schema > record.schema.json
      newsparse schema --fields date,headline,tags > slim.schema.json
    """
    import orjson

    from newsparse.export import parse_fields
    from newsparse.model import ARTICLE_FIELDS
    from newsparse.schema import record_schema

    selected = parse_fields(fields, (*ARTICLE_FIELDS, *DERIVED_FIELDS))
    text = orjson.dumps(record_schema(selected), option=orjson.OPT_INDENT_2)
    sys.stdout.buffer.write(text + b"\n")
