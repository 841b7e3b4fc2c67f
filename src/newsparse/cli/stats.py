"""`newsparse stats`: articles per month, country and tag, and missing sections."""

from __future__ import annotations

import enum
import sys
from typing import Annotated, Any

import typer

from newsparse.cli.base import (
    ConfigOption,
    GlobOption,
    Inputs,
    PathsArgument,
    ProgressOption,
    app,
    load_aliases,
    warn_invalid_utf8,
)
from newsparse.cli.jobs import JobsOption
from newsparse.inputs import DEFAULT_GLOB


class StatsFormat(enum.StrEnum):
    TABLE = "table"
    JSON = "json"


@app.command()
def stats(
    paths: PathsArgument = None,
    top: Annotated[
        int,
        typer.Option(
            "--top", "-n", min=1, help="How many countries and tags to list.", metavar="N"
        ),
    ] = 10,
    fmt: Annotated[
        StatsFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table (default on a terminal) or json (default otherwise).",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    config: ConfigOption = None,
    glob: GlobOption = DEFAULT_GLOB,
    jobs: JobsOption = 1,
    progress: ProgressOption = True,
) -> None:
    """Count articles per month, country and tag, and missing sections.

    Streams: memory grows with distinct months, countries and tags, not with articles.

    Examples:

    \b
      newsparse stats dumps/
      newsparse stats dumps/ --top 5 --format json | jq '.countries[0]'
    """
    from newsparse.stats import Stats

    aliases = load_aliases(config)
    if jobs == 1:
        with Inputs(paths, glob, progress=progress) as inputs:
            summary = Stats(aliases).update(inputs.articles()).summary(top)
    else:
        inputs = Inputs(paths, glob)
        from newsparse.parallel import map_files
        from newsparse.stats import FileStats

        total = Stats(aliases)
        files = inputs.expand()
        parts = map_files(
            FileStats(aliases),
            files,
            jobs,
            on_error=inputs.fail,
            on_invalid_utf8=warn_invalid_utf8,
        )
        for part in parts:
            total.merge(part)
        summary = total.summary(top)
    if fmt is None:
        fmt = StatsFormat.TABLE if sys.stdout.isatty() else StatsFormat.JSON
    if fmt is StatsFormat.JSON:
        import orjson

        sys.stdout.buffer.write(orjson.dumps(summary, option=orjson.OPT_INDENT_2) + b"\n")
        sys.stdout.buffer.flush()
    else:
        _print_tables(summary, top)
    inputs.finish()


def _print_tables(summary: dict[str, Any], top: int) -> None:
    from rich.table import Table

    from newsparse.render import output_console

    console = output_console("auto")
    total = summary["articles"]
    console.print(f"{total} article{'' if total == 1 else 's'}")
    if not total:
        return
    months = Table("month", "articles", title="Per month")
    for row in summary["months"]:
        months.add_row(row["month"], str(row["articles"]))
    countries = Table("code", "country", "articles", title=f"Top {top} countries")
    for row in summary["countries"]:
        countries.add_row(row["country"] or "?", row["name"], str(row["articles"]))
    tags = Table("tag", "articles", title=f"Top {top} tags (normalised)")
    for row in summary["tags"]:
        tags.add_row(row["tag"], str(row["articles"]))
    missing = Table("section", "articles without it", title="Missing sections")
    for section, count in summary["missing"].items():
        missing.add_row(section, str(count))
    for table in (months, countries, tags, missing):
        console.print(table)
    distinct = summary["distinct"]
    console.print(
        f"distinct: {distinct['months']} months, {distinct['countries']} countries, "
        f"{distinct['tags']} tags"
    )
