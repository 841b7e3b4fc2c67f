"""`newsparse tag`: each article's tags, normalised tags, countries and auto tags.

The tagging modules (regex, country tables) are imported inside the command; the
tagging options it shares with `export`, `print` and `stats` live in `cli.base`, so
that those commands do not import (and register) this one.
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsparse.cli.base import (
    ConfigOption,
    GlobOption,
    Inputs,
    PathsArgument,
    ProgressOption,
    TaxonomyOption,
    app,
    bar_console,
    load_aliases,
    load_taxonomy,
    output_stream,
)
from newsparse.inputs import DEFAULT_GLOB

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from newsparse.model import Article
    from newsparse.tagging import Tagger


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
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    config: ConfigOption = None,
    glob: GlobOption = DEFAULT_GLOB,
    progress: ProgressOption = True,
) -> None:
    """Show each article's tags, country codes, mentions and auto tags.

    A table on a terminal (tags, normalised tags, countries with codes, countries
    mentioned in the text, auto tags with --taxonomy), JSON Lines otherwise.

    Examples:

    \b
      newsparse tag dumps/
      newsparse tag --taxonomy taxonomy.toml dumps/ --format jsonl | jq .auto_tags
    """
    from newsparse.tagging import Tagger

    tagger = Tagger(load_aliases(config), mentions=True, taxonomy=load_taxonomy(taxonomy))
    if fmt is None:
        fmt = TagFormat.TABLE if sys.stdout.isatty() else TagFormat.JSONL
    if fmt is TagFormat.JSONL:
        from newsparse.export import json_bytes

        with (
            Inputs(paths, glob, progress=progress) as inputs,
            output_stream(None) as stream,
        ):
            for article in inputs.articles():
                record = {name: _plain(getattr(article, name)) for name in TAG_RECORD_FIELDS}
                record.update(tagger.derive(article))
                stream.write(json_bytes(record) + b"\n")
    else:
        from newsparse.render import output_console

        console = output_console("auto")
        bar = bar_console(console)
        with Inputs(paths, glob, progress=progress, progress_console=bar) as inputs:
            _print_table(console, inputs, tagger)
    inputs.finish()


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    to_dict = getattr(value, "to_dict", None)
    return to_dict() if to_dict is not None else value


def _print_table(console: Console, inputs: Inputs, tagger: Tagger) -> None:
    """The table, printed as the articles are read, `TAG_BATCH` rows at a time."""
    table = TagTable(console, with_auto_tags=tagger.matcher is not None)
    batch: list[tuple[str, ...]] = []
    for article in inputs.articles():
        batch.append(_tag_row(article, tagger))
        if len(batch) >= TAG_BATCH:
            table.print(batch)
            batch = []
    if batch:
        table.print(batch)
    if not table.rows:
        console.print("no articles")


def _tag_row(article: Article, tagger: Tagger) -> tuple[str, ...]:
    from newsparse.countries import country_code

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
    return tuple(row)


def _cell(items: Iterable[str]) -> str:
    """One item a line (names may hold commas: "Korea, Republic of")."""
    return "\n".join(items) or "-"


#: Rows `tag` reads before it prints them: the table streams, a batch at a time.
TAG_BATCH = 100
_TAG_HEADERS = (
    "article",
    "headline",
    "tags",
    "normalized tags",
    "countries",
    "mentions",
    "auto tags",
)
#: How the width is shared out beyond each column's minimum (6 cells, or the longest
#: word of its header, so that a header wraps at 80 columns but is never cut).
_TAG_RATIOS = (0, 4, 2, 2, 2, 1, 2)
#: The columns a terminal too narrow for all of them leaves out, first to last.
_TAG_DROPPED_FIRST = ("mentions", "auto tags", "tags", "countries")


class TagTable:
    """The `tag` table, printed in batches that line up: the column widths follow
    from the console width alone, the header is printed once, and a row line joins
    one batch to the next.
    """

    def __init__(self, console: Console, *, with_auto_tags: bool) -> None:
        self.console = console
        self.headers = _TAG_HEADERS if with_auto_tags else _TAG_HEADERS[:-1]
        #: Which of a row's cells are shown (all, unless the terminal is narrow).
        self.shown = list(range(len(self.headers)))
        self.widths: list[int] = []
        self.rows = 0

    def _fix_widths(self) -> None:
        def minimum(at: int) -> int:
            if at == 0:
                # Fixed, so that every batch lines up: long names lose their start,
                # never their line number.
                return max(13, self.console.width // 7)
            return max(6, *map(len, self.headers[at].split()))

        def room() -> int:
            # A cell of padding on either side of a column but the outer ones, and a
            # line between two columns.
            return self.console.width - 3 * (len(self.shown) - 1)

        for name in _TAG_DROPPED_FIRST:
            if room() >= sum(map(minimum, self.shown)):
                break
            if name in self.headers:
                self.shown.remove(self.headers.index(name))
        minimums = [minimum(at) for at in self.shown]
        spare = max(0, room() - sum(minimums))
        ratios = [_TAG_RATIOS[at] for at in self.shown]
        widths = [
            minimum + spare * ratio // sum(ratios)
            for minimum, ratio in zip(minimums, ratios, strict=True)
        ]
        widths[1] += max(0, room() - sum(widths))  # what rounding left: the headline
        self.widths = widths

    def _table(self, header: bool) -> Table:
        from rich import box
        from rich.table import Table

        table = Table(
            box=box.MINIMAL,
            show_edge=False,
            show_lines=True,
            pad_edge=False,
            show_header=header,
        )
        names = [self.headers[at] for at in self.shown]
        for number, (name, width) in enumerate(zip(names, self.widths, strict=True)):
            if number == 0:
                table.add_column(name, width=width, no_wrap=True, style="dim")
            else:
                # A word wider than its column is folded, never cut.
                table.add_column(name, width=width, overflow="fold")
        return table

    def print(self, rows: list[tuple[str, ...]]) -> None:
        from rich.text import Text

        from newsparse.text import visible

        first = not self.widths
        if first:
            self._fix_widths()
        else:
            # The row line that joins this batch to the previous one.
            from rich import box

            padded = [width + 2 for width in self.widths]
            padded[0] -= 1
            padded[-1] -= 1
            self.console.print(
                box.MINIMAL.get_row(padded, "row", edge=False), markup=False, highlight=False
            )
        table = self._table(header=first)
        width = self.widths[0]
        for row in rows:
            name = visible(row[0])  # a file name may hold control characters too
            article = name if len(name) <= width else "…" + name[len(name) - width + 1 :]
            # Text, not str: a headline's [brackets] are not markup, control
            # characters are shown, never sent to the terminal.
            table.add_row(Text(article), *(Text(visible(row[at])) for at in self.shown[1:]))
        self.console.print(table)
        self.rows += len(rows)
