"""Rich views of articles for a terminal: one panel per article, or a one-row-per-article list.

Renderers only turn `Article`s into rich renderables and print them; selecting articles,
reading inputs and the pager belong to the `print` command. Both views stream: a panel is
printed as soon as its article is read, and the list prints in batches whose column widths
are fixed by the first batch (only the number columns widen, never cutting a number), so
`newsparse print --list huge.txt | head` starts at once and memory never holds more than
one batch.

Colour is decided once, when the console is made (`output_console`): `never`, or `auto` on
something that is not a terminal, gives plain text with no ANSI escape codes at all;
`NO_COLOR` drops colours (bold and dim stay) unless `--color always` asks for them.

This is the only module outside `newsparse.cli` that imports rich.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any

from rich import box
from rich.cells import cell_len, set_cell_size
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from newsparse.model import Article, Finding, Severity
from newsparse.text import visible as visible  # re-exported: its old home

if TYPE_CHECKING:
    import regex

#: How many ALSO READ and TRENDING items a panel shows before "… N more".
SHORT_LIST = 5
#: Rows the list view reads before it fixes its column widths.
LIST_BATCH = 100

_NO_HEADLINE = "(no headline)"
_MATCH_STYLE = "bold black on yellow"
_SEVERITY_STYLE = {Severity.INFO: "cyan", Severity.WARNING: "yellow", Severity.ERROR: "red"}


class _Console(Console):
    """A console that reports a closed pipe as `BrokenPipeError`.

    rich's own handler exits with status 1; the CLI's one handler ends quietly with 0.
    """

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


#: No terminal is wider or taller; rich would lay out lines of a larger width in
#: memory (`COLUMNS=10000000000`: MemoryError).
_MAX_SIZE = 10_000


def _size(text: str) -> bool:
    return text.isascii() and text.isdigit() and 0 < int(text) <= _MAX_SIZE


def console_environ(environ: Mapping[str, str] | None = None) -> dict[str, str] | None:
    """The environment a rich console should read, without a bad `COLUMNS` or `LINES`.

    rich takes `COLUMNS=0` as a width of 0 and prints nothing at all, and fails with a
    traceback on digits that are not ASCII (`COLUMNS=²`). A value that is not a whole
    number from 1 to 10,000 is left out, so that rich uses the terminal's size (80
    columns when not on a terminal), as it does when the variable is unset. None when both are fine
    (rich then reads `os.environ` itself).
    """
    environ = os.environ if environ is None else environ
    bad = [name for name in ("COLUMNS", "LINES") if name in environ and not _size(environ[name])]
    if not bad:
        return None
    return {name: value for name, value in environ.items() if name not in bad}


def new_console(**options: Any) -> Console:
    """A rich console that ignores a bad `COLUMNS` or `LINES` (`console_environ`) and
    reports a closed pipe as `BrokenPipeError`. Every console newsparse prints on is
    made here."""
    # `_environ` is rich's own (underscored) hook for the environment a console reads:
    # the COLUMNS tests of print, tag and the error console fail if it ever goes.
    return _Console(_environ=console_environ(), **options)


def output_console(
    color: str = "auto", *, file: IO[str] | None = None, width: int | None = None
) -> Console:
    """The console articles are printed on (standard output unless `file` is given).

    `color` is `auto`, `always` or `never` (the `--color` option).
    """
    if color == "never":
        return new_console(file=file, width=width, color_system=None, highlight=False)
    if color == "always":
        # An explicit request beats NO_COLOR and a non-terminal output.
        truecolor = os.environ.get("COLORTERM") in ("truecolor", "24bit")
        return new_console(
            file=file,
            width=width,
            force_terminal=True,
            color_system="truecolor" if truecolor else "256",
            no_color=False,
            highlight=False,
        )
    if color != "auto":
        raise ValueError(f"color must be auto, always or never, not {color!r}")
    return new_console(file=file, width=width, highlight=False)


# -- the panel view --------------------------------------------------------------------------


def location(article: Article) -> str:
    """`path:line` of the article's first line."""
    return f"{article.source.path}:{article.source.line}"


def format_stamp(stamp: str) -> str:
    """`2025-06-02T14:05:00+05:30` -> `2025-06-02 14:05 IST` (other offsets kept)."""
    if len(stamp) < 16 or stamp[10] != "T":
        return stamp
    zone = stamp[19:]
    return f"{stamp[:10]} {stamp[11:16]} {'IST' if zone == '+05:30' else zone}".rstrip()


def _text(text: str, style: str = "") -> Text:
    return Text(visible(text), style=style)


def _highlighted(text: str, pattern: regex.Pattern[str] | None, style: str = "") -> Text:
    text = visible(text)
    result = Text(text, style=style)
    if pattern is not None:
        for match in pattern.finditer(text):
            if match.end() > match.start():
                result.stylize(_MATCH_STYLE, match.start(), match.end())
    return result


def meta_line(article: Article) -> Text:
    """Date, byline (author, place, created time), countries and tags on one line."""
    parts = [_text(article.date, "cyan") if article.date else Text("no date", style="dim")]
    byline = article.byline
    if byline is not None:
        who = ", ".join(part for part in (byline.author, byline.place) if part)
        if who:
            parts.append(_text(who, "green"))
        if byline.created:
            parts.append(_text(f"created {format_stamp(byline.created)}"))
        elif byline.updated:
            parts.append(_text(f"updated {format_stamp(byline.updated)}"))
    if article.countries:
        parts.append(_text(", ".join(article.countries), "magenta"))
    if article.tags:
        parts.append(Text.assemble("tags: ", _text(", ".join(article.tags), "blue")))
    line = Text()
    for number, part in enumerate(parts):
        if number:
            line.append(" · ", style="dim")
        line.append_text(part)
    return line


def _short_list(title: str, items: list[Text]) -> list[RenderableType]:
    shown = [Text.assemble("  • ", item) for item in items[:SHORT_LIST]]
    if len(items) > SHORT_LIST:
        shown.append(Text(f"  … {len(items) - SHORT_LIST} more", style="dim"))
    return [Text(""), Text(title, style="bold"), *shown]


def finding_line(finding: Finding) -> Text:
    """`⚠ line 6: invalid UTF-8 ... [NP101 error]`, coloured by severity."""
    return _text(
        f"⚠ line {finding.line}: {finding.message} [{finding.rule} {finding.severity.value}]",
        _SEVERITY_STYLE[finding.severity],
    )


def tagging_line(article: Article, derived: Mapping[str, Any]) -> Text | None:
    """The derived fields in one dim line: codes, mentions, normalised and auto tags.

    Normalised tags are shown only where they differ from the tags as written.
    """
    parts = []
    if derived.get("country_codes"):
        parts.append("ISO " + ", ".join(derived["country_codes"]))
    if derived.get("mentioned_countries"):
        parts.append("mentions " + ", ".join(derived["mentioned_countries"]))
    if derived.get("normalized_tags") and list(derived["normalized_tags"]) != list(article.tags):
        parts.append("normalised tags: " + ", ".join(derived["normalized_tags"]))
    if derived.get("auto_tags"):
        parts.append("auto tags: " + ", ".join(item["tag"] for item in derived["auto_tags"]))
    return _text(" · ".join(parts), "dim") if parts else None


def article_panel(
    article: Article,
    number: int | None = None,
    *,
    highlight: regex.Pattern[str] | None = None,
    derived: Mapping[str, Any] | None = None,
    extra: bool = False,
) -> Panel:
    """One article as a panel; `number` (its position in the run) goes in the subtitle.

    `derived` holds the tagging fields (`newsparse.tagging.Tagger.derive`), shown dim
    under the meta line. `extra`: also the lines set aside (furniture, captions, the
    headline's repeats), each with its line number, all of them.
    """
    parts: list[RenderableType] = []
    if article.headline is not None:
        parts.append(_highlighted(article.headline, highlight, "bold"))
    else:
        parts.append(Text(_NO_HEADLINE, style="dim italic"))
    parts.append(meta_line(article))
    if derived and (tagging := tagging_line(article, derived)) is not None:
        parts.append(tagging)
    if article.summary:
        parts += [Text(""), _highlighted(article.summary, highlight, "italic")]
    for paragraph in article.body:
        parts += [Text(""), _highlighted(paragraph, highlight)]
    if article.credit:
        parts += [Text(""), _text(article.credit, "dim")]
    if article.also_read:
        parts += _short_list("Also read", [_text(item) for item in article.also_read])
    if article.trending:
        items = [
            Text.assemble(
                _text(item.title), _text(f" ({item.region})" if item.region else "", "dim")
            )
            for item in article.trending
        ]
        parts += _short_list("Trending", items)
    if extra and article.extra:
        parts += [Text(""), Text("Set aside (extra)", style="bold")]
        parts += [_text(f"  {item.line}: {item.text}", "dim") for item in article.extra]
    if article.findings:
        parts.append(Text(""))
        parts += [finding_line(finding) for finding in sorted(article.findings, key=_finding_order)]
    return Panel(
        Group(*parts),
        title=_text(location(article)),
        title_align="left",
        subtitle=Text(f"#{number}") if number is not None else None,
        subtitle_align="right",
        border_style="yellow" if article.findings else "blue",
        box=box.ROUNDED,
        padding=(0, 1),
    )


def _finding_order(finding: Finding) -> tuple[int, str]:
    return finding.line, finding.rule


def print_panels(
    console: Console,
    numbered: Iterable[tuple[int, Article]],
    *,
    highlight: regex.Pattern[str] | None = None,
    derive: Callable[[Article], Mapping[str, Any]] | None = None,
    extra: bool = False,
) -> int:
    """Print one panel per article as it comes; return how many were printed."""
    count = 0
    for number, article in numbered:
        derived = derive(article) if derive is not None else None
        panel = article_panel(article, number, highlight=highlight, derived=derived, extra=extra)
        console.print(panel)
        count += 1
    return count


# -- the list view ---------------------------------------------------------------------------

_LIST_CAPS = {"countries": 16, "tags": 20, "source": 32}
_LIST_HEADERS = ("#", "date", "countries", "headline", "tags", "¶", "source")
_LIST_STYLES = ("dim", "cyan", "magenta", "", "blue", "", "dim")
_RIGHT_ALIGNED = (0, 5)
_HEADLINE_MIN = 24


_NO_HEADLINE_STYLES = tuple(
    f"{style} dim italic".strip() if column == 3 else style
    for column, style in enumerate(_LIST_STYLES)
)


def _list_cells(number: int, article: Article) -> tuple[str, ...]:
    """The row's texts, shown as one line each: control characters visible, tabs spaces."""
    return (
        str(number),
        article.date or "",
        _one_line(", ".join(article.countries)),
        _one_line(article.headline) if article.headline is not None else _NO_HEADLINE,
        _one_line(", ".join(article.tags)),
        str(len(article.body)),
        _one_line(location(article)),
    )


def _one_line(text: str) -> str:
    return visible(text).replace("\t", " ")


#: Characters rich gives one terminal cell each (tests/test_render.py checks every one):
#: ASCII, Latin, Greek, Cyrillic, general punctuation (’ “ ” – …), control pictures.
_ONE_CELL = re.compile(
    "[\x20-\x7e\xa0-\u02ff\u0370-\u0482\u2010-\u2027\u2030-\u205e\u2400-\u2426\u2500-\u25fc]*"
)


def _fit(text: str, width: int, right: bool) -> str:
    """`text` cut to `width` terminal cells with an ellipsis, or padded to it."""
    # rich measures characters one by one in Python unless they are ASCII or Latin-1.
    if _ONE_CELL.fullmatch(text):
        size = len(text)
        if size > width:
            return text[: width - 1] + "…"
    else:
        size = cell_len(text)
        if size > width:
            return set_cell_size(text, width - 1) + "…"
    padding = " " * (width - size)
    return padding + text if right else text + padding


def _batches(
    numbered: Iterable[tuple[int, Article]], size: int
) -> Iterator[list[tuple[int, Article]]]:
    batch: list[tuple[int, Article]] = []
    for item in numbered:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _ListLayout:
    """Column widths fixed from the first batch, so later batches line up with it.

    Numbers are never cut: the `#` column starts wide enough for `largest_number` (an
    estimate the caller may give) and, like the paragraph count and the source (whose
    `:line` must fit), widens when a later batch needs more, taking the cells from the
    headline (`widen`).

    The headline takes what the other columns leave. To give it a third of the
    width, the tags, countries and source columns shrink, in that order, then the tags
    are left out; to give it at least `_HEADLINE_MIN` cells on a narrow terminal, the
    source shrinks further, then the countries and paragraph columns are left out.
    """

    def __init__(
        self, first: list[tuple[str, ...]], total: int, largest_number: int | None = None
    ) -> None:
        def widest(column: int, floor: int, cap: int = 1000) -> int:
            longest = max((len(cells[column]) for cells in first), default=0)
            return max(floor, min(longest, cap))

        self.total = total
        self.widths: list[int | None] = [
            widest(0, max(3, len(str(largest_number or 0)))),  # number
            10,  # date
            widest(2, len("countries"), _LIST_CAPS["countries"]),
            0,  # headline: the rest
            widest(4, len("tags"), _LIST_CAPS["tags"]),
            widest(5, 2),  # paragraphs
            widest(6, len("source"), _LIST_CAPS["source"]),
        ]
        wide = max(_HEADLINE_MIN, total // 3)
        steps: tuple[tuple[int, int | None, int], ...] = (
            (4, 8, wide),
            (2, 10, wide),
            (6, 16, wide),
            (4, None, wide),
            (6, 12, _HEADLINE_MIN),
            (2, None, _HEADLINE_MIN),
            (5, None, _HEADLINE_MIN),
        )
        for column, floor, headline in steps:
            spare = total - self.used() - headline
            width = self.widths[column]
            if spare >= 0 or width is None:
                continue
            self.widths[column] = None if floor is None else max(floor, width + spare)
        self.widths[3] = max(_HEADLINE_MIN, total - self.used())
        #: Even the narrowest layout is wider than the terminal: rows are cut at its edge.
        self.overflows = self.used() > total

    def widen(self, column: int, needed: int) -> None:
        """Give a number column `needed` cells, taken from the headline while it has
        more than `_HEADLINE_MIN`; past that, rows are cut at the edge (their end)."""
        width = self.widths[column]
        headline = self.widths[3]
        if width is None or headline is None or needed <= width:
            return
        self.widths[column] = needed
        self.widths[3] = headline - min(needed - width, max(0, headline - _HEADLINE_MIN))
        self.overflows = self.used() > self.total

    def used(self) -> int:
        """Cells taken by the columns shown and the gaps between them."""
        shown = [width for width in self.widths if width is not None]
        return sum(shown) + 2 * (len(shown) - 1)

    def fitted(self, cells: tuple[str, ...]) -> Iterator[tuple[int, str]]:
        """(column, text) of each shown cell, cut with an ellipsis or padded to exactly
        its column's width in terminal cells: a row is then `used()` cells wide."""
        for column, (cell, width) in enumerate(zip(cells, self.widths, strict=True)):
            if width is not None:
                yield column, _fit(cell, width, column in _RIGHT_ALIGNED)

    def row(self, cells: tuple[str, ...]) -> str:
        """One plain line. Strings fitted in terminal cells: a rich `Text` per cell
        cost five times as much (bench/RESULTS.md), and a list has a row per article."""
        line = "  ".join(text for _, text in self.fitted(cells))
        if self.overflows:
            line = set_cell_size(line, self.total)
        return line.rstrip()

    def styled_row(self, cells: tuple[str, ...], styles: Sequence[str]) -> Text:
        """`row`, with each shown cell in its style."""
        pieces: list[tuple[str, str] | str] = []
        for column, text in self.fitted(cells):
            if pieces:
                pieces.append("  ")
            pieces.append((text, styles[column]))
        line = Text.assemble(*pieces, no_wrap=True, overflow="crop", end="\n")
        line.truncate(self.total)
        line.rstrip()
        return line

    def header(self) -> Group:
        row = self.styled_row(_LIST_HEADERS, ("bold",) * len(_LIST_HEADERS))
        rule = Text("─" * min(self.used(), self.total), style="dim")
        return Group(row, rule)

    def source_cell(self, text: str) -> str:
        """Cut a long `path:line` on the left: the file name and line matter most."""
        width = self.widths[6] or len(text)
        return text if len(text) <= width else "…" + text[len(text) - width + 1 :]


def print_list(
    console: Console,
    numbered: Iterable[tuple[int, Article]],
    *,
    batch: int = LIST_BATCH,
    largest_number: int | None = None,
) -> int:
    """Print one row per article, streaming in batches; return the row count.

    `largest_number` is the largest `#` expected (an estimate: the column widens if a
    larger one comes, but rows printed before then do not move).
    """
    layout: _ListLayout | None = None
    count = 0
    for items in _batches(numbered, batch):
        rows = [(_list_cells(number, article), article) for number, article in items]
        if layout is None:
            layout = _ListLayout([cells for cells, _ in rows], console.width, largest_number)
            console.print(layout.header())
        # Numbers are never cut: the last `#` of a batch is its largest, and a source
        # keeps its `:line` (plus an ellipsis for the path).
        layout.widen(0, len(rows[-1][0][0]))
        layout.widen(5, max(len(cells[5]) for cells, _ in rows))
        layout.widen(6, 2 + max(len(str(article.source.line)) for _, article in rows))
        rows = [((*cells[:6], layout.source_cell(cells[6])), article) for cells, article in rows]
        if console.color_system is None:
            # Plain text: no styles to render, so the rows go out as one string.
            console.out("".join(layout.row(cells) + "\n" for cells, _ in rows), end="")
        else:
            lines = []
            for cells, article in rows:
                styles = _LIST_STYLES if article.headline is not None else _NO_HEADLINE_STYLES
                lines.append(layout.styled_row(cells, styles))
            console.print(Text("\n").join(lines), no_wrap=True, overflow="crop", crop=True)
        count += len(rows)
    return count
