"""`newsparse validate` (the CI gate) and `newsparse rules` (what it checks)."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import io
import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from newsparse.cli.base import (
    GlobOption,
    Inputs,
    PathsArgument,
    ProgressOption,
    SchedulerOption,
    app,
    output_stream,
)
from newsparse.cli.jobs import JobsOption
from newsparse.config import load_config
from newsparse.errors import EXIT_FINDINGS, InputError, UsageError
from newsparse.formats import ReportFormat
from newsparse.inputs import DEFAULT_GLOB
from newsparse.model import Article, Severity

if TYPE_CHECKING:
    from newsparse.cli.cluster import ClusterInputs


class LocatedInputs(Inputs):
    """Inputs whose articles come with their raw lines, for exact locations."""

    def located(self) -> Iterator[tuple[Article, list[str]]]:
        from newsparse.rules import read_located

        for item in self.tracked_files():
            try:
                yield from read_located(item)
                self.files_read += 1
            except InputError as error:
                self.fail(error)


def _codes(option: str, texts: list[str] | None) -> tuple[str, ...] | None:
    """The ids of every `option` given (each comma-separated), in order; None if none.

    Repeating the option adds to it, as ruff's does: a second `--select` once replaced
    the first, and the rules it named went unchecked.
    """
    if not texts:
        return None
    from newsparse.rules import parse_codes

    try:
        codes = parse_codes(",".join(texts))
    except ValueError as error:
        raise UsageError(f"{option}: {error}") from None
    if not codes and option == "--select":
        # `--select "$RULES"` with RULES unset would check nothing and pass.
        raise UsageError(f"{option}: no rule ids given (--select ALL checks every rule)")
    return codes


def _today(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--today: expected a date as YYYY-MM-DD, not {text!r}") from None


def _use_colour(fmt: ReportFormat, output: str | None) -> bool:
    if fmt is not ReportFormat.TEXT or output not in (None, "-"):
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    # TERM=dumb (Emacs' M-x shell, some CI log viewers) shows escape codes raw.
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


@contextlib.contextmanager
def _text_output(output: str | None, errors: str = "strict") -> Iterator[TextIO]:
    """The report's stream; `errors` as in str.encode (see report.ENCODING_ERRORS)."""
    with output_stream(output) as stream:
        text = io.TextIOWrapper(
            stream, encoding="utf-8", errors=errors, newline="\n", write_through=True
        )
        try:
            yield text
        finally:
            try:
                text.flush()
            finally:
                text.detach()  # the binary stream belongs to output_stream


@app.command()
def validate(
    paths: PathsArgument = None,
    fmt: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text (default), json, github (default when GITHUB_ACTIONS=true), junit or sarif.",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    fail_on: Annotated[
        Severity | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a finding is at or above this severity [default: error].",
            show_default=False,
            case_sensitive=False,  # as fail-on in a config file
        ),
    ] = None,
    exit_zero: Annotated[
        bool,
        typer.Option("--exit-zero", help="Exit 0 even with findings (input errors still exit 2)."),
    ] = False,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            help="Only these rules: ids or prefixes, e.g. NP00,NP101 (replaces the config's "
            "select; may be repeated).",
            metavar="IDS",
            show_default=False,
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            help="Skip these rules (added to the config's ignore; may be repeated).",
            metavar="IDS",
            show_default=False,
        ),
    ] = None,
    config: Annotated[
        str | None,
        typer.Option(
            "--config",
            help="Config file (newsparse.toml or pyproject.toml); default: searched upward.",
            metavar="FILE",
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today", help="Check 'date in the future' against this YYYY-MM-DD.", metavar="DATE"
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", help="Write the report to FILE, not standard output.", metavar="FILE"
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No summary on standard error.")
    ] = False,
    progress: ProgressOption = True,
    glob: GlobOption = DEFAULT_GLOB,
    scheduler: SchedulerOption = None,
    jobs: JobsOption = 1,
) -> None:
    """Check articles against the rules, for CI: exit 1 on findings.

    Findings go to standard output, the summary to standard error. Exit codes: 0 no
    finding at or above --fail-on, 1 some, 2 usage, configuration or input errors.

    Examples:

    \b
      newsparse validate dumps/
      newsparse validate dumps/ --format sarif -o newsparse.sarif
    """
    from newsparse.rules import Checker, RuleSettings  # deferred: keeps start-up quick

    settings = RuleSettings.from_config(load_config(config))
    selected = _codes("--select", select)
    ignored = _codes("--ignore", ignore)
    day = _today(today)
    if selected is not None:
        settings = dataclasses.replace(settings, select=selected)
    if ignored is not None:
        settings = dataclasses.replace(settings, ignore=settings.ignore + ignored)
    if not settings.enabled_rules():
        # A gate that checks nothing passes everything: say so instead.
        raise UsageError(
            f"no rule left to check: select {', '.join(settings.select) or '(none)'}, "
            f"ignore {', '.join(settings.ignore) or '(none)'} (`newsparse rules` lists the rules)"
        )
    threshold = fail_on or settings.fail_on or Severity.ERROR
    if fmt is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
        fmt = ReportFormat.GITHUB if github else ReportFormat.TEXT
    inputs: LocatedInputs | ClusterInputs
    if scheduler is None:
        inputs = LocatedInputs(paths, glob, progress=progress, output=output)
    else:
        from newsparse.cli import cluster  # deferred: only --scheduler needs it

        inputs = cluster.ClusterInputs(paths, glob, scheduler, output)
    checker = Checker(settings, day)
    from newsparse.report import (
        ENCODING_ERRORS,
        github_hidden_lines,
        make_reporter,
        summary_lines,
    )

    encoding_errors = ENCODING_ERRORS[fmt]
    with inputs, _text_output(output, encoding_errors) as out, contextlib.closing(checker):
        reporter = make_reporter(fmt, out, threshold, colour=_use_colour(fmt, output))
        if jobs == 1 or scheduler is not None:
            for article, lines in inputs.located():
                for checked in checker.check(article, lines):
                    reporter.add(checked)
        else:
            from newsparse.parallel import ordered_map, runs_in_parent
            from newsparse.rules import CheckFile

            task = CheckFile(settings, checker.today)
            files = inputs.expand()
            for checks in ordered_map(task, files, jobs, inline=runs_in_parent):
                for result in checker.add_file(checks):
                    reporter.add(result)
                if checks.error is None:
                    inputs.files_read += 1
                else:
                    inputs.fail(checks.error)
        reporter.tally.files_read = inputs.files_read  # empty inputs count too
        reporter.close(inputs.errors)
        out.flush()  # the report before the summary, on a terminal too
        if not quiet:
            err = sys.stderr
            lines = summary_lines(reporter.tally, inputs=inputs.files_read)
            if fmt is ReportFormat.GITHUB and output in (None, "-"):
                lines += github_hidden_lines(reporter.tally, len(inputs.errors))
            for line in lines:
                err.write(line + "\n")
            err.flush()
    # After the block, unlike export's: the report names the inputs that could not be
    # read, so it is whole, and an -o report is written (CI uploads it with
    # `if: always()`; keeping last run's file would show a stale report as current).
    inputs.finish()
    if reporter.tally.failing and not exit_zero:
        raise typer.Exit(EXIT_FINDINGS)


@app.command()
def rules(
    rule_id: Annotated[
        str | None,
        typer.Argument(help="A rule id such as NP003: explain it.", show_default=False),
    ] = None,
) -> None:
    """List the rules validate checks, or explain one.

    With a rule id: what it checks, with a bad and a good example.

    Examples:

    \b
      newsparse rules
      newsparse rules NP003
    """
    from newsparse.rules import RULES

    out = sys.stdout
    if rule_id is None:
        width = max(len(item.name) for item in RULES.values())
        for item in RULES.values():
            out.write(
                f"{item.id}  {item.severity.value:<7}  {item.name:<{width}}  {item.summary}\n"
            )
        return
    rule = RULES.get(rule_id.strip().upper())
    if rule is None:
        raise UsageError(f"unknown rule {rule_id!r}; `newsparse rules` lists them")
    noticed = "the parser" if rule.origin == "parser" else "validate"
    out.write(f"{rule.id} {rule.name} ({rule.severity.value} by default; found by {noticed})\n")
    out.write(f"{rule.summary}\n\n{rule.explanation}\n\nBad:\n")
    out.write("".join(f"    {line}\n" for line in rule.bad.split("\n")))
    out.write("\nGood:\n")
    out.write("".join(f"    {line}\n" for line in rule.good.split("\n")))
