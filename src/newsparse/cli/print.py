"""`newsparse print`: articles made readable in a terminal.

The command parses its options, selects articles (`--index`, `--grep`, `--limit`) and
hands them to `newsparse.render`, which is imported only here, when the command runs, so
that rich costs `--version` and the other commands nothing.
"""

from __future__ import annotations

import enum
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
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
    error_console,
    load_aliases,
    load_taxonomy,
    report_error,
)
from newsparse.errors import UsageError
from newsparse.inputs import DEFAULT_GLOB
from newsparse.model import Article

if TYPE_CHECKING:
    import regex
    from rich.console import Console


class ColorMode(enum.StrEnum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


@dataclass(frozen=True, slots=True)
class IndexRange:
    """`--index`: one article (`3`) or a half-open range (`3:7`, `3:`, `:7`), 0-based."""

    start: int
    stop: int | None
    single: bool

    @classmethod
    def parse(cls, spec: str) -> IndexRange:
        text = spec.strip()
        try:
            if ":" not in text:
                number = int(text)
                if number < 0:
                    raise ValueError
                return cls(number, number + 1, single=True)
            first, _, last = text.partition(":")
            start = int(first) if first.strip() else 0
            stop = int(last) if last.strip() else None
            if start < 0 or (stop is not None and stop < 0):
                raise ValueError
        except ValueError:
            raise UsageError(
                f"--index: expected N or a range START:STOP such as 3:7 (0-based), got {spec!r}"
            ) from None
        if stop is not None and stop <= start:
            raise UsageError(f"--index {spec}: the range is empty (STOP must exceed START)")
        return cls(start, stop, single=False)


def compile_grep(pattern: str, ignore_case: bool) -> regex.Pattern[str]:
    import regex

    flags = regex.UNICODE | (regex.IGNORECASE | regex.FULLCASE if ignore_case else 0)
    try:
        return regex.compile(pattern, flags)
    except regex.error as error:
        raise UsageError(f"--grep: invalid regular expression {pattern!r}: {error}") from None


def matches(pattern: regex.Pattern[str], article: Article) -> bool:
    """`--grep` looks at the headline, the summary and each body paragraph."""
    if article.headline is not None and pattern.search(article.headline):
        return True
    if article.summary is not None and pattern.search(article.summary):
        return True
    return any(pattern.search(paragraph) for paragraph in article.body)


class _Counted:
    """The articles, counted as they are read (to say why nothing was selected)."""

    def __init__(self, articles: Iterable[Article]) -> None:
        self.articles = articles
        self.count = 0

    def __iter__(self) -> Iterator[Article]:
        for article in self.articles:
            self.count += 1
            yield article


def select(
    articles: Iterable[Article],
    index: IndexRange | None = None,
    pattern: regex.Pattern[str] | None = None,
    limit: int | None = None,
) -> Iterator[tuple[int, Article]]:
    """(number, article) pairs to show; `number` is the 0-based position in the run.

    Reading stops as soon as nothing more can be selected (end of the range or limit).
    """
    start = index.start if index else 0
    stop = index.stop if index else None
    shown = 0
    for number, article in enumerate(articles):
        if stop is not None and number >= stop:
            return
        if number < start or (pattern is not None and not matches(pattern, article)):
            continue
        yield number, article
        shown += 1
        if limit is not None and shown >= limit:
            return


def check_combinations(
    index: IndexRange | None, grep: str | None, limit: int | None, ignore_case: bool
) -> None:
    """Options that make no sense together are a usage error naming both."""
    if ignore_case and grep is None:
        raise UsageError("--ignore-case only applies to --grep; give --grep REGEX too")
    if index is not None and index.single:
        for name, given in (("--limit", limit is not None), ("--grep", grep is not None)):
            if given:
                raise UsageError(
                    f"{name} cannot be used with --index {index.start}, which selects one "
                    f"article; give --index a range such as {index.start}:{index.start + 10}"
                )


def _stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


#: Bytes of a short article (headline, date, one paragraph): a file of N bytes holds
#: about N / 512 articles at most, to size the `#` column of --list before reading.
SHORT_ARTICLE_BYTES = 512


def largest_number(paths: list[str] | None, selection: IndexRange | None) -> int:
    """An estimate of the largest `#` --list will show, from the sizes of the input
    files named (directories, pipes and compressed files are not counted: the column
    widens if a larger number comes)."""
    size = 0
    for path in paths or ():
        try:
            info = os.stat(path)
        except (OSError, ValueError):
            continue
        if stat.S_ISREG(info.st_mode):
            size += info.st_size
    estimate = size // SHORT_ARTICLE_BYTES
    if selection is not None and selection.stop is not None:
        estimate = min(estimate, selection.stop - 1)
    return estimate


def pager_command() -> str | None:
    """`$PAGER`, or `less`; None for no pager (`PAGER=` or `PAGER=cat`, as for git)."""
    command = os.environ.get("PAGER", "less").strip()
    return None if command in ("", "cat") else command


def run_pager(command: str, text: str) -> str | None:
    """Page `text` through the shell command `command`; None if it ran, else why not.

    Like git: a pager that cannot be started is reported, so that the output can go
    out without it instead of being lost (the shell would only say `not found`).
    """
    import shlex
    import shutil
    import subprocess

    try:
        program = shlex.split(command)[0]
    except (ValueError, IndexError):
        program = ""
    if program and "=" not in program and shutil.which(program) is None:
        return "command not found"
    try:
        process = subprocess.Popen(
            command,
            shell=True,
            stdin=subprocess.PIPE,
            encoding=getattr(sys.stdout, "encoding", None) or "utf-8",
            errors="replace",
        )
    except OSError as error:
        return error.strerror or str(error)
    assert process.stdin is not None
    # As pydoc does: the reader may quit the pager before the end (a closed pipe), and
    # Ctrl-C belongs to the pager while it runs.
    try:
        with process.stdin as pipe:
            pipe.write(text)
    except (BrokenPipeError, KeyboardInterrupt):
        pass
    while True:
        try:
            status = process.wait()
            break
        except KeyboardInterrupt:
            pass
    if status in (126, 127):  # the shell could not find or run it
        return f"the shell could not run it (status {status})"
    return None


class CommandPager:
    """rich's pager protocol (`show`), through `run_pager`; a pager that cannot run is
    reported as a warning and the text printed without it."""

    def __init__(self, command: str) -> None:
        self.command = command

    def show(self, content: str) -> None:
        problem = run_pager(self.command, content)
        if problem is not None:
            named = " ($PAGER)" if "PAGER" in os.environ else ""
            report_error(
                f"warning: cannot run the pager {self.command!r}{named}: {problem};"
                " printing without it"
            )
            sys.stdout.write(content)
            sys.stdout.flush()


def _pager(console: Console, wanted: bool) -> AbstractContextManager[Any]:
    """`--pager` pages on a terminal only (like git); elsewhere output goes straight out."""
    command = pager_command() if wanted else None
    if command is None:
        return nullcontext()
    # Like git: let less pass colours through, quit on one screen, keep the screen.
    os.environ.setdefault("LESS", "FRX")
    return console.pager(CommandPager(command), styles=console.color_system is not None)  # type: ignore[arg-type]


@app.command("print")
def print_(
    paths: PathsArgument = None,
    as_list: Annotated[
        bool,
        typer.Option(
            "--list",
            "-l",
            help="One row per article instead of a panel. Columns: # (the article's "
            "number, counted from 0 over all inputs: what --index takes), date, countries, "
            "headline, tags, ¶ (how many body paragraphs), source (path:line where the "
            "article starts). A narrow terminal leaves out tags, then countries and ¶.",
        ),
    ] = False,
    index: Annotated[
        str | None,
        typer.Option(
            "--index",
            help="Only article N, or the range START:STOP (0-based, STOP excluded; "
            "3:7, 3: or :7), counted over all inputs: the # of --list.",
            metavar="N|START:STOP",
        ),
    ] = None,
    grep: Annotated[
        str | None,
        typer.Option(
            "--grep",
            "-g",
            help="Only articles whose headline, summary or body matches REGEX (Unicode).",
            metavar="REGEX",
        ),
    ] = None,
    ignore_case: Annotated[
        bool, typer.Option("--ignore-case", "-i", help="Make --grep case-insensitive.")
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option("--limit", "-n", min=1, help="Stop after N articles.", metavar="N"),
    ] = None,
    color: Annotated[
        ColorMode,
        typer.Option(
            "--color",
            help="auto: colour on a terminal unless NO_COLOR is set; always; never (plain text).",
            case_sensitive=False,
        ),
    ] = ColorMode.AUTO,
    pager: Annotated[
        bool, typer.Option("--pager", help="Page the output (on a terminal; $PAGER or less).")
    ] = False,
    extra: Annotated[
        bool,
        typer.Option(
            "--extra",
            help="Panels also show the lines set aside (the record's extra: furniture,"
            " captions, repeats), with their line numbers.",
        ),
    ] = False,
    progress: ProgressOption = True,
    glob: GlobOption = DEFAULT_GLOB,
    taxonomy: TaxonomyOption = None,
    config: ConfigOption = None,
) -> None:
    """Print articles readably: a panel each, or rows with --list.

    Colour only on a terminal (see --color); plain text when piped or redirected.

    Examples:

    \b
      newsparse print --list dumps/
      newsparse print --grep 'Türkiye|Turkey' -i --limit 3 dumps/
    """
    from newsparse import render

    selection = IndexRange.parse(index) if index is not None else None
    check_combinations(selection, grep, limit, ignore_case)
    if extra and as_list:
        raise UsageError("--extra shows in panels only: leave out --list")
    pattern = compile_grep(grep, ignore_case) if grep is not None else None

    derive = None
    if not as_list:
        # Panels show the tagging fields too: codes, mentions, normalised and auto tags.
        from newsparse.tagging import Tagger

        tagger = Tagger(load_aliases(config), mentions=True, taxonomy=load_taxonomy(taxonomy))
        derive = tagger.derive
    else:
        # The list shows no tagging fields, but a named file that is missing or bad
        # says so rather than be silently passed over.
        if config is not None:
            load_aliases(config)
        load_taxonomy(taxonomy)
    console = render.output_console(color.value)
    paging = pager and _stdout_is_terminal()
    with Inputs(
        paths,
        glob,
        progress=progress,
        progress_console=None if paging else bar_console(console),
    ) as inputs:
        read = _Counted(inputs.articles())
        chosen = select(read, selection, pattern, limit)
        with _pager(console, paging):
            if as_list:
                count = render.print_list(
                    console, chosen, largest_number=largest_number(paths, selection)
                )
            else:
                count = render.print_panels(
                    console, chosen, highlight=pattern, derive=derive, extra=extra
                )
    if count == 0 and not inputs.failed:
        message = "no articles to print"
        if selection is not None and read.count <= selection.start:
            noun = "article" if read.count == 1 else "articles"
            message += f": --index {index} is past the end (the inputs hold {read.count} {noun})"
        error_console().print(f"newsparse: {message}", style="dim", markup=False)
    inputs.finish()
