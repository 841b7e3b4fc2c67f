"""Reporters: the findings of `validate` written in the formats CI tools read.

* `text`   — `path:line:col: severity NP001 message`, one a line (column left out
  where none helps), optionally with ANSI colours;
* `json`   — one document: `{"findings": [...], "summary": {...}}`;
* `github` — GitHub Actions workflow commands (`::error file=...,line=...,title=NP001::...`);
* `junit`  — JUnit XML: one test suite per input file, one test case per article,
  failing when the article has a finding at or above `--fail-on`; every string goes
  through `xml_safe`, so a control character from a dump never makes the XML invalid;
* `sarif`  — SARIF 2.1.0, one run, every rule described in `tool.driver.rules`.

A reporter receives `Checked` results one at a time (`add`) and writes the closing
part in `close`, which also gets the inputs that could not be read (known only by
then): the machine-readable formats carry them, so that a report of a run that exits
2 never looks clean (json: `summary.errors` and `"failed": true`; junit: a test case
with an `<error>` per input; sarif: `invocations` with `executionSuccessful` and a
tool execution notification per input; github: an `::error` per input). Their
message is the one-line message standard error shows, such as
`nope.txt: no such file or directory`.

`text`, `json`, `github` and `sarif` stream (memory stays flat);
`junit` spools its results (to a temporary file once large) and writes at `close`,
because its document needs counts up front and a duplicate's first copy may get a
finding late. `Tally` counts what was reported, for the summary that the command
prints on standard error (`summary_lines`).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import IO, TYPE_CHECKING, Any, TextIO

from newsparse import __version__
from newsparse.formats import ReportFormat as ReportFormat  # re-exported: its old home
from newsparse.model import Finding, Severity
from newsparse.text import plural, visible

if TYPE_CHECKING:
    from newsparse.errors import InputError
    from newsparse.rules import ArticleRef, Checked, Rule


def _rules() -> Mapping[str, Rule]:
    # Deferred: the rule table is only needed once findings are reported, and the
    # CLI imports this module for its format names at every start.
    from newsparse.rules import RULES

    return RULES


def _dumps(value: Any, **options: Any) -> str:
    import json  # deferred: the text report, the default, writes no JSON (start-up)

    return json.dumps(value, ensure_ascii=False, **options)


TOOL_NAME = "newsparse"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"


@dataclass(slots=True)
class Tally:
    """Counts for the summary: articles, input files, findings by severity and rule."""

    fail_on: Severity = Severity.ERROR
    articles: int = 0
    paths: set[str] = field(default_factory=set)
    by_severity: Counter[Severity] = field(default_factory=Counter)
    by_rule: Counter[str] = field(default_factory=Counter)
    #: Inputs read, when the caller knows (an input with no article holds no path).
    files_read: int | None = None

    def add(self, checked: Checked) -> None:
        if not checked.late:
            self.articles += 1
            self.paths.add(checked.article.path)
        for finding in checked.findings:
            self.by_severity[finding.severity] += 1
            self.by_rule[finding.rule] += 1

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())

    @property
    def failing(self) -> int:
        """How many findings are at or above `fail_on`."""
        return sum(n for severity, n in self.by_severity.items() if severity >= self.fail_on)

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "files": len(self.paths) if self.files_read is None else self.files_read,
            "findings": self.findings,
            "by_severity": {s.value: self.by_severity.get(s, 0) for s in _SEVERITIES},
            "by_rule": dict(sorted(self.by_rule.items())),
            "fail_on": self.fail_on.value,
            "failed": self.failing > 0,
        }


_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def summary_lines(
    tally: Tally, rules: Mapping[str, Rule] | None = None, inputs: int | None = None
) -> list[str]:
    """The summary printed on standard error after the findings.

    `inputs` is the number of inputs read (default: those that held an article).
    """
    rules = _rules() if rules is None else rules
    count = len(tally.paths) if inputs is None else inputs
    checked = f"Checked {plural(tally.articles, 'article')} in {plural(count, 'input')}: "
    if not tally.findings:
        return [checked + "no findings."]
    counts = ", ".join(plural(tally.by_severity.get(s, 0), s.value) for s in _SEVERITIES)
    lines = [checked + f"{plural(tally.findings, 'finding')} ({counts})."]
    width = max(len(str(n)) for n in tally.by_rule.values())
    for rule_id, count in sorted(tally.by_rule.items()):
        rule = rules.get(rule_id)
        name = rule.name if rule else ""
        lines.append(f"  {rule_id}  {count:>{width}}  {name}")
    return lines


class Reporter:
    """Base: counts what it is given; subclasses write it."""

    def __init__(self, out: TextIO, fail_on: Severity = Severity.ERROR) -> None:
        self.out = out
        self.fail_on = fail_on
        self.tally = Tally(fail_on)

    def add(self, checked: Checked) -> None:
        self.tally.add(checked)
        self.write(checked)

    def write(self, checked: Checked) -> None:
        raise NotImplementedError

    def close(self, errors: Sequence[InputError] = ()) -> None:
        """Write whatever closes the document; `errors` are the inputs that could not
        be read (the text report leaves them to the messages on standard error)."""


def location(finding: Finding) -> str:
    if finding.column is None:
        return f"{finding.path}:{finding.line}"
    return f"{finding.path}:{finding.line}:{finding.column}"


def text_line(finding: Finding) -> str:
    return f"{location(finding)}: {finding.severity.value} {finding.rule} {finding.message}"


_ANSI = {
    Severity.ERROR: "\x1b[1;31m",
    Severity.WARNING: "\x1b[1;33m",
    Severity.INFO: "\x1b[1;36m",
}
_BOLD = "\x1b[1m"
_RESET = "\x1b[0m"


class TextReporter(Reporter):
    def __init__(
        self, out: TextIO, fail_on: Severity = Severity.ERROR, *, colour: bool = False
    ) -> None:
        super().__init__(out, fail_on)
        self.colour = colour

    def write(self, checked: Checked) -> None:
        for finding in checked.findings:
            if self.colour:
                self.out.write(
                    f"{_BOLD}{location(finding)}{_RESET}: "
                    f"{_ANSI[finding.severity]}{finding.severity.value}{_RESET} "
                    f"{_BOLD}{finding.rule}{_RESET} {finding.message}\n"
                )
            else:
                self.out.write(text_line(finding) + "\n")


class JsonReporter(Reporter):
    """Streams `{"findings": [...], "summary": {...}}`, one finding a line."""

    def __init__(self, out: TextIO, fail_on: Severity = Severity.ERROR) -> None:
        super().__init__(out, fail_on)
        self.count = 0
        self.out.write('{"tool": ' + _dumps(TOOL_NAME))
        self.out.write(', "version": ' + _dumps(__version__) + ', "findings": [')

    def write(self, checked: Checked) -> None:
        for finding in checked.findings:
            record = finding.to_dict()
            rule = _rules().get(finding.rule)
            record["name"] = rule.name if rule else None
            record["article"] = {
                "line": checked.article.line,
                "index": checked.article.index,
                "headline": checked.article.headline,
            }
            separator = "\n  " if self.count == 0 else ",\n  "
            self.out.write(separator + _dumps(record))
            self.count += 1

    def close(self, errors: Sequence[InputError] = ()) -> None:
        end = "\n]" if self.count else "]"
        summary = self.tally.to_dict()
        summary["failed"] = summary["failed"] or bool(errors)
        summary["errors"] = [{"path": error.path, "message": str(error)} for error in errors]
        self.out.write(f'{end}, "summary": {_dumps(summary)}}}\n')


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """GitHub Actions workflow commands: annotations on the files of a pull request."""

    def write(self, checked: Checked) -> None:
        for finding in checked.findings:
            props = [f"file={_github_property(finding.path)}", f"line={finding.line}"]
            if finding.column is not None:
                props.append(f"col={finding.column}")
            props.append(f"title={_github_property(finding.rule)}")
            level = _GITHUB_LEVEL[finding.severity]
            self.out.write(f"::{level} {','.join(props)}::{_github_data(finding.message)}\n")

    def close(self, errors: Sequence[InputError] = ()) -> None:
        for error in errors:
            path = _github_property(error.path)
            self.out.write(f"::error file={path}::{_github_data(str(error))}\n")


#: Annotations of one kind (error, warning, notice) GitHub Actions shows per step; the
#: rest stay in the step's log only, silently (and 50 per job in all).
GITHUB_ANNOTATIONS_PER_KIND = 10


def github_hidden_lines(tally: Tally, unread: int = 0) -> list[str]:
    """A summary line saying how many `github` annotations GitHub will not show, if any.

    `unread`: the inputs that could not be read, each an `::error` too.
    """
    hidden = []
    for severity in _SEVERITIES:
        count = tally.by_severity.get(severity, 0) + (unread if severity is Severity.ERROR else 0)
        if count > GITHUB_ANNOTATIONS_PER_KIND:
            more = count - GITHUB_ANNOTATIONS_PER_KIND
            hidden.append(plural(more, _GITHUB_LEVEL[severity]))
    if not hidden:
        return []
    return [
        f"GitHub shows the first {GITHUB_ANNOTATIONS_PER_KIND} annotations of each kind in a "
        f"step; in its log only: {', '.join(hidden)} more "
        "(--format sarif or junit -o FILE keeps them all)"
    ]


def _article_name(ref: ArticleRef) -> str:
    headline = ref.headline if ref.headline is not None else "(no headline)"
    return f"{ref.path}:{ref.line} {headline}"


#: What XML 1.0 forbids and `visible` leaves: surrogates (a path's undecodable bytes,
#: as os.fsdecode gives them) and the non-characters U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` fit for an XML 1.0 document: control characters shown as the text views
    show them (`visible`: U+241B for ESC, U+2400 for NUL), the other characters XML
    forbids replaced with U+FFFD. Tab and newline stay."""
    text = visible(text)
    return _NOT_XML.sub("\ufffd", text) if _NOT_XML.search(text) else text


#: How much of the JUnit spool stays in memory before it moves to a temporary file.
_SPOOL_IN_MEMORY = 4 * 1024 * 1024

#: A spooled result: late, (path, index, line, end_line, headline) and the findings as
#: (rule, severity, message, path, line, column).
_Record = tuple[
    bool,
    tuple[str, int, int, int, str | None],
    tuple[tuple[str, str, str, str, int, int | None], ...],
]


class JunitReporter(Reporter):
    """JUnit XML; an article fails when one of its findings is at or above fail_on.

    The document needs each suite's counts before its cases, and a duplicate's first
    copy may get a finding late, so nothing is written before `close`. To keep memory
    flat, results are spooled as they come (in memory while small, then in a
    temporary file) and `close` reads the spool twice: counts, then cases. Only the
    late findings (rare) stay in memory. That needs each input's articles together
    and in order, as inputs are read; when an input comes back (the same file named
    twice), the reporter falls back to grouping every article in memory.
    """

    def __init__(self, out: TextIO, fail_on: Severity = Severity.ERROR) -> None:
        super().__init__(out, fail_on)
        import pickle  # deferred: only JUnit needs them (start-up)
        import tempfile

        self._dump: Callable[[object, IO[bytes]], None] = functools.partial(
            pickle.dump, protocol=pickle.HIGHEST_PROTOCOL
        )
        # Closed by `close`, or by `_fall_back` when the spool is given up.
        self.spool: IO[bytes] | None = tempfile.SpooledTemporaryFile(_SPOOL_IN_MEMORY)  # noqa: SIM115
        self.last_index: dict[str, int] = {}  # path -> its last article's index
        self.current: str | None = None  # the path being read
        self.late: dict[tuple[str, int], list[Finding]] = {}
        # The fallback: path -> index -> [ref, findings], in the order first seen.
        self.suites: dict[str, dict[int, tuple[ArticleRef, list[Finding]]]] | None = None

    def write(self, checked: Checked) -> None:
        ref = checked.article
        if self.spool is not None and not checked.late:
            last = self.last_index.get(ref.path)
            if last is not None and (ref.path != self.current or ref.index <= last):
                self._fall_back()
            else:
                self.last_index[ref.path] = ref.index
                self.current = ref.path
        if self.spool is None:
            self._group(ref, checked.findings)
            return
        if checked.late:
            self.late.setdefault((ref.path, ref.index), []).extend(checked.findings)
        record: _Record = (
            checked.late,
            (ref.path, ref.index, ref.line, ref.end_line, ref.headline),
            tuple(
                (f.rule, f.severity.value, f.message, f.path, f.line, f.column)
                for f in checked.findings
            ),
        )
        self._dump(record, self.spool)

    def _group(self, ref: ArticleRef, findings: tuple[Finding, ...]) -> None:
        assert self.suites is not None
        cases = self.suites.setdefault(ref.path, {})
        entry = cases.setdefault(ref.index, (ref, []))
        entry[1].extend(findings)

    def _records(self) -> Iterator[tuple[bool, ArticleRef, tuple[Finding, ...]]]:
        """The spooled results, in the order they came."""
        import pickle

        from newsparse.rules import ArticleRef

        assert self.spool is not None
        self.spool.seek(0)
        while True:
            try:
                late, where, found = pickle.load(self.spool)
            except EOFError:
                return
            findings = tuple(
                Finding(rule, Severity(severity), message, path, line, column)
                for rule, severity, message, path, line, column in found
            )
            yield late, ArticleRef(*where), findings

    def _fall_back(self) -> None:
        """Group everything in memory from now on, the spool replayed first."""
        self.suites = {}
        for _, ref, findings in self._records():
            self._group(ref, findings)
        assert self.spool is not None
        self.spool.close()
        self.spool = None
        self.late.clear()

    def _cases(self) -> Iterator[tuple[ArticleRef, list[Finding]]]:
        """Each article with all its findings, suite by suite, in the order first seen."""
        if self.suites is not None:
            for cases in self.suites.values():
                yield from cases.values()
            return
        for late, ref, findings in self._records():
            if not late:
                yield ref, [*findings, *self.late.get((ref.path, ref.index), ())]

    def close(self, errors: Sequence[InputError] = ()) -> None:
        """Write the document. An input that could not be read is a test case with an
        `<error>`, in its input's suite (after the articles read before the error) or
        in a suite of its own, after the others."""
        import xml.etree.ElementTree as ET  # deferred: only JUnit output needs it

        unread: dict[str, list[InputError]] = {}
        for error in errors:
            unread.setdefault(error.path, []).append(error)
        # First the counts of each suite (a pass over the spool), then the document,
        # written as ET.indent would lay out the whole tree.
        counts: dict[str, list[int]] = {}
        for ref, findings in self._cases():
            count = counts.setdefault(ref.path, [0, 0])
            count[0] += 1
            count[1] += any(f.severity >= self.fail_on for f in findings)
        tests = sum(count[0] for count in counts.values()) + len(errors)
        failures = sum(count[1] for count in counts.values())
        root = {"name": f"{TOOL_NAME} validate", "tests": str(tests)}
        root |= {"failures": str(failures), "errors": str(len(errors))}
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        if not counts and not errors:
            self.out.write(ET.tostring(ET.Element("testsuites", root), encoding="unicode"))
            self.out.write("\n")
            return
        self.out.write(_start_tag(ET, "testsuites", root))
        path: str | None = None
        for ref, findings in self._cases():
            if ref.path != path:
                if path is not None:
                    self._end_suite(ET, unread.pop(path, []))
                path = ref.path
                tests, failures = counts[path]
                self._start_suite(ET, path, tests, failures, len(unread.get(path, ())))
            case = self._testcase(ET, ref, findings)
            ET.indent(case, level=2)
            self.out.write("\n    " + ET.tostring(case, encoding="unicode"))
        if path is not None:
            self._end_suite(ET, unread.pop(path, []))
        for path, unread_here in unread.items():
            self._start_suite(ET, path, 0, 0, len(unread_here))
            self._end_suite(ET, unread_here)
        self.out.write("\n</testsuites>\n")
        if self.spool is not None:
            self.spool.close()

    def _start_suite(self, ET: Any, path: str, tests: int, failures: int, errors: int) -> None:
        suite = {"name": xml_safe(path), "tests": str(tests + errors)}
        suite |= {"failures": str(failures), "errors": str(errors), "skipped": "0"}
        self.out.write("\n  " + _start_tag(ET, "testsuite", suite))

    def _end_suite(self, ET: Any, errors: list[InputError]) -> None:
        """The suite's unreadable-input cases, then its end tag."""
        for error in errors:
            path = xml_safe(error.path)
            case = ET.Element("testcase", classname=path, name=path, file=path)
            ET.SubElement(case, "error", message=xml_safe(str(error)))
            ET.indent(case, level=2)
            self.out.write("\n    " + ET.tostring(case, encoding="unicode"))
        self.out.write("\n  </testsuite>")

    def _testcase(self, ET: Any, ref: ArticleRef, findings: list[Finding]) -> Any:
        path = xml_safe(ref.path)
        name = xml_safe(_article_name(ref))
        case = ET.Element("testcase", classname=path, name=name, file=path, line=str(ref.line))
        failing = [f for f in findings if f.severity >= self.fail_on]
        other = [f for f in findings if f.severity < self.fail_on]
        if failing:
            failure = ET.SubElement(
                case,
                "failure",
                message=xml_safe(
                    f"{plural(len(failing), 'finding')}: "
                    + ", ".join(sorted({f.rule for f in failing}))
                ),
                type=xml_safe(failing[0].rule),
            )
            failure.text = xml_safe("\n".join(text_line(f) for f in failing) + "\n")
        if other:
            out = ET.SubElement(case, "system-out")
            out.text = xml_safe("\n".join(text_line(f) for f in other) + "\n")
        return case


def _start_tag(ET: Any, tag: str, attributes: dict[str, str]) -> str:
    """`<tag a="1">`, the attributes escaped as ElementTree escapes them."""
    empty: str = ET.tostring(ET.Element(tag, attributes), encoding="unicode")
    return empty.removesuffix(" />") + ">"


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A SARIF artifact URI: relative paths stay relative, absolute become file: URIs."""
    if path == "-":
        return "stdin"
    pure = PurePath(path)
    import urllib.parse  # deferred: only SARIF needs it

    # A file name's undecodable bytes (lone surrogates U+DC80-U+DCFF from os.fsdecode)
    # as %XX escapes of those bytes, as as_uri() does for absolute paths. Any other
    # lone surrogate (no file name decodes to one, but a str may hold it) is escaped as
    # its UTF-8-style bytes rather than raise UnicodeEncodeError mid-report.
    try:
        if pure.is_absolute():
            return pure.as_uri()
        return urllib.parse.quote(pure.as_posix(), errors="surrogateescape")
    except UnicodeEncodeError:
        quoted = urllib.parse.quote(pure.as_posix(), errors="surrogatepass")
        return f"file://{quoted}" if pure.is_absolute() else quoted


def sarif_rule(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.explanation},
        "help": {"text": f"{rule.explanation}\n\nBad:\n{rule.bad}\n\nGood:\n{rule.good}"},
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
    }


class SarifReporter(Reporter):
    """SARIF 2.1.0, streamed: the rules are known up front, results are written as
    they come, and `close` ends the document."""

    def __init__(self, out: TextIO, fail_on: Severity = Severity.ERROR) -> None:
        super().__init__(out, fail_on)
        self.index = {rule_id: position for position, rule_id in enumerate(_rules())}
        self.count = 0
        driver = {
            "name": TOOL_NAME,
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [sarif_rule(rule) for rule in _rules().values()],
        }
        head = _dumps({"driver": driver}, indent=2)
        self.out.write(
            "{\n"
            f'  "$schema": {_dumps(SARIF_SCHEMA)},\n'
            f'  "version": {_dumps(SARIF_VERSION)},\n'
            '  "runs": [\n'
            "    {\n"
            f'      "tool": {head.replace(chr(10), chr(10) + "      ")},\n'
            '      "columnKind": "unicodeCodePoints",\n'
            '      "results": ['
        )

    def write(self, checked: Checked) -> None:
        for finding in checked.findings:
            region: dict[str, int] = {"startLine": finding.line}
            if finding.column is not None:
                region["startColumn"] = finding.column
            result: dict[str, Any] = {
                "ruleId": finding.rule,
                "level": _SARIF_LEVEL[finding.severity],
                "message": {"text": finding.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": artifact_uri(finding.path)},
                            "region": region,
                        }
                    }
                ],
            }
            if finding.rule in self.index:
                result["ruleIndex"] = self.index[finding.rule]
            separator = "\n        " if self.count == 0 else ",\n        "
            self.out.write(separator + _dumps(result))
            self.count += 1

    def close(self, errors: Sequence[InputError] = ()) -> None:
        """End the results; then the run's invocation: successful unless an input
        could not be read, each such input a tool execution notification."""
        end = "\n      ]" if self.count else "]"
        notifications = [
            {
                "level": "error",
                "message": {"text": str(error)},
                "locations": [
                    {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(error.path)}}}
                ],
            }
            for error in errors
        ]
        invocation: dict[str, Any] = {"executionSuccessful": not errors}
        invocation["toolExecutionNotifications"] = notifications
        invocations = _dumps([invocation], indent=2).replace("\n", "\n      ")
        self.out.write(f'{end},\n      "invocations": {invocations}\n    }}\n  ]\n}}\n')


#: How each report's stream encodes what UTF-8 cannot: the undecodable bytes of a file
#: name, which os.fsdecode (command-line arguments, directory listings) gives as lone
#: surrogates. `text` and `github` write the bytes back, as `ls` and `grep` do; JSON
#: and SARIF a `\udcff` escape inside the string, valid JSON that reads back as the
#: same name; JUnit never holds one (`xml_safe`).
ENCODING_ERRORS = {
    ReportFormat.TEXT: "surrogateescape",
    ReportFormat.GITHUB: "surrogateescape",
    ReportFormat.JSON: "backslashreplace",
    ReportFormat.SARIF: "backslashreplace",
    ReportFormat.JUNIT: "strict",
}


def make_reporter(
    fmt: ReportFormat, out: TextIO, fail_on: Severity = Severity.ERROR, *, colour: bool = False
) -> Reporter:
    if fmt is ReportFormat.TEXT:
        return TextReporter(out, fail_on, colour=colour)
    reporters: dict[ReportFormat, type[Reporter]] = {
        ReportFormat.JSON: JsonReporter,
        ReportFormat.GITHUB: GithubReporter,
        ReportFormat.JUNIT: JunitReporter,
        ReportFormat.SARIF: SarifReporter,
    }
    return reporters[fmt](out, fail_on)
