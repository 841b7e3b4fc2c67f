"""`newsparse tag`, and the tagging options `export` and `stats` share.

The tagging modules (regex, country tables) are imported inside the commands, so
that `newsparse export` without tagging options starts as fast as before.
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsparse.cli.base import GlobOption, Inputs, PathsArgument, app, output_stream
from newsparse.inputs import DEFAULT_GLOB

if TYPE_CHECKING:
    from rich.table import Table

    from newsparse.tagging import Tagger
    from newsparse.taxonomy import Taxonomy

ConfigOption = Annotated[
    str | None,
    typer.Option(
        "--config",
        metavar="FILE",
        help="Config file (newsparse.toml or pyproject.toml) for [tags.aliases]; "
        "default: the nearest one above the working directory.",
    ),
]
TaxonomyOption = Annotated[
    str | None,
    typer.Option(
        "--taxonomy",
        metavar="FILE",
        help="Taxonomy TOML: tags with words, phrases or regex patterns -> auto_tags.",
    ),
]


def load_aliases(config: str | None) -> dict[str, str]:
    """The tag aliases of `--config FILE`, or of the nearest config file."""
    from newsparse.config import load_config
    from newsparse.tagging import tag_aliases

    return tag_aliases(load_config(config))


def load_taxonomy(path: str | None) -> Taxonomy | None:
    if path is None:
        return None
    from newsparse.taxonomy import load_taxonomy as load

    return load(path)


class TagFormat(enum.StrEnum):
    TABLE = "table"
    JSONL = "jsonl"


#: The fields `tag --format jsonl` prints for each article.
TAG_RECORD_FIELDS = ("source", "date", "headline", "tags", "countries")


@app.command()
def tag(
    paths: PathsArgument = None,
    taxonomy: TaxonomyOption = None,
    fmt: Annotated[
        TagFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table (default on a terminal) or jsonl (default otherwise).",
            show_default=False,
        ),
    ] = None,
    config: ConfigOption = None,
    glob: GlobOption = DEFAULT_GLOB,
) -> None:
    """Show each article's tags, normalised tags, country codes, mentions and auto tags.

    Example: newsparse tag --taxonomy taxonomy.toml dumps/ --format jsonl | jq .auto_tags
    """
    from newsparse.tagging import Tagger

    tagger = Tagger(load_aliases(config), mentions=True, taxonomy=load_taxonomy(taxonomy))
    inputs = Inputs(paths, glob)
    if fmt is None:
        fmt = TagFormat.TABLE if sys.stdout.isatty() else TagFormat.JSONL
    if fmt is TagFormat.JSONL:
        import orjson

        with output_stream(None) as stream:
            for article in inputs.articles():
                record = {name: _plain(getattr(article, name)) for name in TAG_RECORD_FIELDS}
                record.update(tagger.derive(article))
                stream.write(orjson.dumps(record) + b"\n")
    else:
        _print_table(inputs, tagger)
    inputs.finish()


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    to_dict = getattr(value, "to_dict", None)
    return to_dict() if to_dict is not None else value


def _print_table(inputs: Inputs, tagger: Tagger) -> None:
    from newsparse.countries import country_code
    from newsparse.render import output_console

    table = _new_table(tagger.matcher is not None)
    count = 0
    for article in inputs.articles():
        derived: Mapping[str, Any] = tagger.derive(article)
        row = [
            f"{Path(article.source.path).name}:{article.source.line}",
            article.headline or "-",
            _cell(article.tags),
            _cell(derived["normalized_tags"]),
            _cell(f"{name} ({country_code(name) or '?'})" for name in article.countries),
            ", ".join(derived["mentioned_countries"]) or "-",
        ]
        if tagger.matcher is not None:
            row.append(_cell(f"{item['tag']} ({item['count']})" for item in derived["auto_tags"]))
        table.add_row(*row)
        count += 1
    console = output_console("auto")
    if count:
        console.print(table)
    else:
        console.print("no articles")


def _cell(items: Iterable[str]) -> str:
    """One item a line (names may hold commas: "Korea, Republic of")."""
    return "\n".join(items) or "-"


def _new_table(with_auto_tags: bool) -> Table:
    from rich.table import Table

    table = Table(show_lines=True)
    table.add_column("article", style="dim", no_wrap=True)
    table.add_column("headline", ratio=3)
    table.add_column("tags", ratio=2)
    table.add_column("normalized tags", ratio=2)
    table.add_column("countries", ratio=1)
    table.add_column("mentions", ratio=1)
    if with_auto_tags:
        table.add_column("auto tags", ratio=2)
    return table
