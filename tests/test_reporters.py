"""Reporters: each format's output checked structurally (JSON parsed, JUnit parsed with
xml.etree, SARIF against the required keys of the SARIF 2.1.0 schema)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft7Validator

from newsparse import parse
from newsparse.errors import InputError
from newsparse.model import Finding, Severity
from newsparse.report import (
    ENCODING_ERRORS,
    JunitReporter,
    ReportFormat,
    Tally,
    artifact_uri,
    make_reporter,
    summary_lines,
    xml_safe,
)
from newsparse.rules import RULES, ArticleRef, Checked, check_articles

from .conftest import FIXTURES

VALIDATE = FIXTURES / "validate"
TODAY = dt.date(2026, 1, 1)


def results(*names: str) -> list[Checked]:
    """The fixtures, one after another, as one input `in.txt` (with its raw lines)."""
    text = "".join((VALIDATE / f"{name}.dump").read_text(encoding="utf-8") for name in names)
    lines = text.split("\n")
    located = (
        (article, lines[article.source.line - 1 : article.source.end_line])
        for article in parse(text, "in.txt")
    )
    return list(check_articles(located, today=TODAY))


SAMPLE = (
    "np060_duplicate",
    "np031_country_unknown",
    "np024_credit_missing",
    "clean_list",
)


def render(
    fmt: ReportFormat,
    checked: list[Checked],
    fail_on: Severity = Severity.ERROR,
    errors: list[InputError] | None = None,
) -> str:
    out = io.StringIO()
    reporter = make_reporter(fmt, out, fail_on)
    for item in checked:
        reporter.add(item)
    reporter.close(errors or [])
    return out.getvalue()


def test_text_lines_are_path_line_col_severity_rule_message() -> None:
    text = render(ReportFormat.TEXT, results(*SAMPLE))
    lines = text.splitlines()
    assert lines, text
    pattern = re.compile(r"in\.txt:\d+(:\d+)?: (error|warning|info) NP\d{3} \S.*")
    assert all(pattern.fullmatch(line) for line in lines), lines
    assert "in.txt:45:3: warning NP031 'Genevaa' is not a known country name" in lines


def test_text_colour_uses_ansi_only_when_asked() -> None:
    checked = results("np031_country_unknown")
    plain = render(ReportFormat.TEXT, checked)
    out = io.StringIO()
    reporter = make_reporter(ReportFormat.TEXT, out, colour=True)
    for item in checked:
        reporter.add(item)
    assert "\x1b[" not in plain
    assert "\x1b[1;33mwarning\x1b[0m" in out.getvalue()
    assert re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue()) == plain


def test_json_is_one_document_with_findings_and_summary() -> None:
    checked = results(*SAMPLE)
    document = json.loads(render(ReportFormat.JSON, checked))
    assert document["tool"] == "newsparse"
    findings = document["findings"]
    assert len(findings) == sum(len(item.findings) for item in checked)
    for finding in findings:
        assert set(finding) >= {"rule", "severity", "message", "path", "line", "column", "name"}
        assert finding["name"] == RULES[finding["rule"]].name
    summary = document["summary"]
    assert summary["articles"] == 7
    assert summary["findings"] == len(findings)
    assert summary["by_rule"] == {"NP024": 1, "NP031": 1, "NP060": 4}
    assert summary["by_severity"] == {"error": 4, "warning": 1, "info": 1}
    assert summary["failed"] is True


def test_json_with_no_articles_is_still_a_document() -> None:
    document = json.loads(render(ReportFormat.JSON, []))
    assert document["findings"] == []
    assert document["summary"]["articles"] == 0 and document["summary"]["failed"] is False


def test_github_workflow_commands_and_escaping() -> None:
    ref = ArticleRef("dir,x/a:b.txt", 0, 3, 9, "H")
    finding = Finding("NP031", Severity.WARNING, "100% bad\nsecond", "dir,x/a:b.txt", 4, 2)
    info = Finding("NP024", Severity.INFO, "credit line missing", "dir,x/a:b.txt", 3)
    text = render(ReportFormat.GITHUB, [Checked(ref, (finding, info))])
    assert text.splitlines() == [
        "::warning file=dir%2Cx/a%3Ab.txt,line=4,col=2,title=NP031::100%25 bad%0Asecond",
        "::notice file=dir%2Cx/a%3Ab.txt,line=3,title=NP024::credit line missing",
    ]
    errors = render(ReportFormat.GITHUB, results("np001_date_missing"))
    assert errors.startswith("::error file=in.txt,line=1,title=NP001::date missing")


def test_junit_one_test_case_per_article() -> None:
    checked = results(*SAMPLE)
    root = ET.fromstring(render(ReportFormat.JUNIT, checked))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == 7 == int(suite.get("tests", "")) == int(root.get("tests", ""))
    failing = [case for case in cases if case.find("failure") is not None]
    # error findings fail: the four copies of the duplicate article
    assert len(failing) == 4 == int(suite.get("failures", ""))
    first = cases[0]
    assert first.get("name") == "in.txt:1 Ministers Meet in Geneva to Talk Water Sharing"
    assert first.get("classname") == "in.txt" and first.get("line") == "1"
    failure = first.find("failure")
    assert failure is not None and failure.get("type") == "NP060"
    assert "again at in.txt:27" in (failure.text or "")
    # below --fail-on: reported, but the test case passes
    unknown = next(c for c in cases if "NP031" in ET.tostring(c, encoding="unicode"))
    assert unknown.find("system-out") is not None
    clean = [case for case in cases if len(case) == 0]
    assert len(clean) == 3


def test_junit_fail_on_info_fails_every_article_with_findings() -> None:
    checked = results("np024_credit_missing", "clean_list")
    assert ET.fromstring(render(ReportFormat.JUNIT, checked)).get("failures") == "0"
    root = ET.fromstring(render(ReportFormat.JUNIT, checked, Severity.INFO))
    assert root.get("failures") == "1"


def _in_file(checked: list[Checked], path: str) -> list[Checked]:
    """The same results as if read from `path` (the late ones too)."""
    return [
        Checked(
            dataclasses.replace(c.article, path=path),
            tuple(dataclasses.replace(f, path=path) for f in c.findings),
            c.late,
        )
        for c in checked
    ]


def _junit_whole_tree(checked: list[Checked], fail_on: Severity = Severity.ERROR) -> str:
    """JUnit as the reporter always wrote it: every article grouped, one ET tree."""
    reporter = JunitReporter(io.StringIO(), fail_on)
    reporter._fall_back()
    for item in checked:
        reporter.add(item)
    assert reporter.suites is not None
    root = ET.Element("testsuites", name="newsparse validate")
    tests = failures = 0
    for path, cases in reporter.suites.items():
        suite = ET.SubElement(root, "testsuite", name=path)
        failed = 0
        for ref, findings in cases.values():
            case = reporter._testcase(ET, ref, findings)
            suite.append(case)
            failed += case.find("failure") is not None
        for key, value in (("tests", len(cases)), ("failures", failed)):
            suite.set(key, str(value))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        tests, failures = tests + len(cases), failures + failed
    root.set("tests", str(tests))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


@pytest.mark.parametrize("fail_on", [Severity.ERROR, Severity.INFO])
@pytest.mark.parametrize(
    "paths",
    [
        ["a.txt"],
        ["a.txt", "b & <c>.txt"],  # a duplicate across inputs: a late finding
        ["a.txt", "b.txt", "a.txt"],  # an input named twice: grouped in memory
        ["a.txt", "a.txt"],
    ],
)
def test_junit_streamed_is_the_whole_tree_laid_out(paths: list[str], fail_on: Severity) -> None:
    """Spooled and written a case at a time, the document is byte for byte the one
    a whole ElementTree gives, and the spool is given up when an input comes back."""
    sample = results(*SAMPLE)
    checked = [item for path in paths for item in _in_file(sample, path)]
    if len(paths) > 1:  # the first copy in a.txt learns about the copy in the next input
        first = checked[0].article
        late = Finding("NP060", Severity.ERROR, "again", first.path, first.line)
        checked.insert(len(sample) + 1, Checked(first, (late,), late=True))
    out = io.StringIO()
    reporter = JunitReporter(out, fail_on)
    for item in checked:
        reporter.add(item)
    grouped = reporter.suites is not None
    reporter.close()
    assert grouped == (len(set(paths)) < len(paths))
    assert out.getvalue() == _junit_whole_tree(checked, fail_on)


def test_junit_keeps_nothing_per_article_in_memory() -> None:
    checked = [item for item in results(*SAMPLE) if not item.late]
    reporter = JunitReporter(io.StringIO())
    for n in range(400):
        for item in _in_file(checked, f"in{n}.txt"):
            reporter.add(item)
    assert reporter.suites is None and not reporter.late  # all of it in the spool
    assert reporter.spool is not None and reporter.spool.tell() > 0
    reporter.close()
    assert reporter.spool.closed


def test_junit_with_no_articles() -> None:
    root = ET.fromstring(render(ReportFormat.JUNIT, []))
    assert root.get("tests") == "0" and root.findall("testsuite") == []


# The required keys and value constraints of the SARIF 2.1.0 schema (OASIS,
# sarif-schema-2.1.0.json) for the objects newsparse writes.
_MESSAGE = {
    "type": "object",
    "anyOf": [{"required": ["text"]}, {"required": ["id"]}],
    "properties": {"text": {"type": "string"}},
}
_MULTIFORMAT = {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}
_LEVEL = {"enum": ["none", "note", "warning", "error"]}
_PHYSICAL_LOCATION = {
    "type": "object",
    "anyOf": [{"required": ["address"]}, {"required": ["artifactLocation"]}],
    "properties": {
        "artifactLocation": {"type": "object", "properties": {"uri": {"type": "string"}}},
        "region": {
            "type": "object",
            "properties": {
                "startLine": {"type": "integer", "minimum": 1},
                "startColumn": {"type": "integer", "minimum": 1},
            },
        },
    },
}
SARIF_REQUIRED = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["tool"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "version": {"type": "string"},
                                    "rules": {
                                        "type": "array",
                                        "uniqueItems": True,
                                        "items": {
                                            "type": "object",
                                            "required": ["id"],
                                            "properties": {
                                                "id": {"type": "string"},
                                                "shortDescription": _MULTIFORMAT,
                                                "fullDescription": _MULTIFORMAT,
                                                "help": _MULTIFORMAT,
                                                "defaultConfiguration": {
                                                    "type": "object",
                                                    "properties": {"level": _LEVEL},
                                                },
                                            },
                                        },
                                    },
                                },
                            }
                        },
                    },
                    "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                    "invocations": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["executionSuccessful"],
                            "properties": {
                                "executionSuccessful": {"type": "boolean"},
                                "toolExecutionNotifications": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["message"],
                                        "properties": {
                                            "message": _MESSAGE,
                                            "level": _LEVEL,
                                            "locations": {
                                                "type": "array",
                                                "items": {
                                                    "type": "object",
                                                    "properties": {
                                                        "physicalLocation": _PHYSICAL_LOCATION
                                                    },
                                                },
                                            },
                                        },
                                    },
                                },
                            },
                        },
                    },
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["message"],
                            "properties": {
                                "message": _MESSAGE,
                                "ruleId": {"type": "string"},
                                "ruleIndex": {"type": "integer", "minimum": -1},
                                "level": _LEVEL,
                                "locations": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "properties": {"physicalLocation": _PHYSICAL_LOCATION},
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}


def sarif(checked: list[Checked]) -> dict[str, Any]:
    return sarif_valid(json.loads(render(ReportFormat.SARIF, checked)))


def sarif_valid(log: dict[str, Any]) -> dict[str, Any]:
    """`log`, checked against the required keys of the SARIF 2.1.0 schema."""
    errors = sorted(Draft7Validator(SARIF_REQUIRED).iter_errors(log), key=str)
    assert not errors, errors[0]
    return log


def test_sarif_has_the_required_keys_and_consistent_rule_indexes() -> None:
    checked = results(*SAMPLE)
    log = sarif(checked)
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == list(RULES)
    assert len(run["results"]) == sum(len(item.findings) for item in checked)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        (location,) = result["locations"]
        assert location["physicalLocation"]["artifactLocation"]["uri"] == "in.txt"
    levels = {result["ruleId"]: result["level"] for result in run["results"]}
    assert levels == {"NP060": "error", "NP031": "warning", "NP024": "note"}
    unknown = next(r for r in run["results"] if r["ruleId"] == "NP031")
    assert unknown["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 45,
        "startColumn": 3,
    }


def test_sarif_with_no_findings() -> None:
    log = sarif(results("clean_list"))
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["invocations"] == [
        {"executionSuccessful": True, "toolExecutionNotifications": []}
    ]


def test_artifact_uris() -> None:
    assert artifact_uri("dumps/a b.txt") == "dumps/a%20b.txt"
    assert artifact_uri("/abs/x.txt") == "file:///abs/x.txt"
    assert artifact_uri("-") == "stdin"


def test_summary_lines() -> None:
    tally = Tally()
    for item in results(*SAMPLE):
        tally.add(item)
    assert summary_lines(tally) == [
        "Checked 7 articles in 1 input: 6 findings (4 errors, 1 warning, 1 info).",
        "  NP024  1  credit-missing",
        "  NP031  1  country-unknown",
        "  NP060  4  duplicate-article",
    ]
    assert summary_lines(Tally()) == ["Checked 0 articles in 0 inputs: no findings."]


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_every_format_handles_unicode_and_no_findings(fmt: ReportFormat) -> None:
    ref = ArticleRef("Türkiye.txt", 0, 1, 2, "Türkiye’s “news”")
    finding = Finding("NP080", Severity.ERROR, "mojibake 'â€™' (was '’'?)", "Türkiye.txt", 2, 5)
    text = render(fmt, [Checked(ref, (finding,)), Checked(ref, ())])
    assert "’" in text or "%E2" in text


def test_xml_safe_shows_control_characters_and_replaces_what_xml_forbids() -> None:
    assert xml_safe("Evil \x1b[31mHeadline & <b>\x00") == "Evil \u241b[31mHeadline & <b>\u2400"
    assert xml_safe("a\tb\nc\x07\x7f\x85") == "a\tb\nc\u2407\u2421\ufffd"
    assert xml_safe("\ud800x\udcff\ufffe\uffff") == "\ufffdx\ufffd\ufffd\ufffd"
    assert xml_safe("Türkiye’s “news” 😀") == "Türkiye’s “news” 😀"


def test_junit_control_characters_in_headline_path_and_message() -> None:
    """The user trial's reproducer: ESC, NUL and BEL from a dump went raw into the XML."""
    path = "ctl\x1b.txt"
    ref = ArticleRef(path, 0, 1, 3, "Evil \x1b[31mHeadline & <b>\x00")
    found = (
        Finding("NP081", Severity.ERROR, "control character U+0007 \x07", path, 3, 10),
        Finding("NP031", Severity.WARNING, "'Genevaa\x07' is not a known country name", path, 3),
    )
    root = ET.fromstring(render(ReportFormat.JUNIT, [Checked(ref, found)]).encode("utf-8"))
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "ctl\u241b.txt"
    (case,) = suite.findall("testcase")
    assert case.get("name") == "ctl\u241b.txt:1 Evil \u241b[31mHeadline & <b>\u2400"
    assert case.get("classname") == case.get("file") == "ctl\u241b.txt"
    failure = case.find("failure")
    assert failure is not None and failure.text is not None
    assert "control character U+0007 \u2407" in failure.text


#: Any character, with the ones XML, JSON and workflow commands care about made common.
_NASTY = st.sampled_from("\x00\x1b\x07\x0b\r\t\n\x7f\x85\ud800\udcff\ufffe\uffff<>]&\"'%:,")
_TEXT = st.text(st.one_of(st.characters(exclude_categories=[]), _NASTY), max_size=30)


def _arbitrary(path: str, headline: str | None, message: str) -> list[Checked]:
    ref = ArticleRef(path, 0, 1, 2, headline)
    findings = (
        Finding("NP081", Severity.ERROR, message, path, 1, 3),
        Finding("NP031", Severity.WARNING, message, path, 2),
    )
    return [Checked(ref, findings), Checked(ArticleRef(path, 1, 3, 3, message), ())]


@given(path=_TEXT, headline=st.none() | _TEXT, message=_TEXT)
def test_junit_is_well_formed_xml_whatever_the_text(
    path: str, headline: str | None, message: str
) -> None:
    unread = [InputError(path, message)]
    text = render(ReportFormat.JUNIT, _arbitrary(path, headline, message), errors=unread)
    # As validate writes it: strict UTF-8, so no surrogate may get through.
    root = ET.fromstring(text.encode("utf-8", ENCODING_ERRORS[ReportFormat.JUNIT]))
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "1", "1")
    names = [case.get("name") for case in root.iter("testcase")]
    assert names[0] == xml_safe(f"{path}:1 {headline if headline is not None else '(no headline)'}")


#: Text without surrogates, or a file name's bytes as os.fsdecode gives them (undecodable
#: bytes as lone surrogates): what reaches a report from a dump and the command line.
_NO_SURROGATE = st.text(
    st.one_of(st.characters(exclude_categories=["Cs"]), _NASTY.filter(str.isascii)), max_size=30
)
_PATH = _NO_SURROGATE | st.binary(max_size=20).map(os.fsdecode)


@pytest.mark.parametrize("fmt", [ReportFormat.JSON, ReportFormat.SARIF, ReportFormat.GITHUB])
@given(path=_PATH, headline=st.none() | _NO_SURROGATE, message=_NO_SURROGATE)
def test_json_sarif_and_github_stay_valid_whatever_the_text(
    fmt: ReportFormat, path: str, headline: str | None, message: str
) -> None:
    unread = [InputError(path, message)]
    text = render(fmt, _arbitrary(path, headline, message), errors=unread)
    data = text.encode("utf-8", ENCODING_ERRORS[fmt])  # as validate writes it
    if fmt is ReportFormat.JSON:
        document = json.loads(data.decode("utf-8"))
        assert [f["message"] for f in document["findings"]] == [message, message]
        assert [f["path"] for f in document["findings"]] == [path, path]  # the same name
        assert document["findings"][0]["article"]["headline"] == headline
        assert document["summary"]["errors"] == [{"path": path, "message": str(unread[0])}]
    elif fmt is ReportFormat.SARIF:
        log = sarif_valid(json.loads(data.decode("utf-8")))
        assert [r["message"]["text"] for r in log["runs"][0]["results"]] == [message, message]
        (notification,) = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        assert notification["message"]["text"] == str(unread[0])
    else:  # one workflow command a line, whatever the message holds; the path's own bytes
        lines = data.split(b"\n")
        assert lines.pop() == b"" and len(lines) == 3
        assert all(line.startswith((b"::error file=", b"::warning file=")) for line in lines)


# -- inputs that could not be read: in every machine-readable report --------------------

UNREAD = [
    InputError("in.txt", "compressed data ends too early (truncated file?)"),  # read in part
    InputError("dir,x/no:pe.txt", "no such file or directory"),  # never read
]


def test_json_summary_lists_unreadable_inputs_and_fails() -> None:
    clean = json.loads(render(ReportFormat.JSON, results("clean_list")))["summary"]
    summary = json.loads(render(ReportFormat.JSON, results("clean_list"), errors=UNREAD))["summary"]
    keys = ["articles", "files", "findings", "by_severity", "by_rule", "fail_on", "failed"]
    assert list(clean) == list(summary) == [*keys, "errors"]  # the old keys kept, in order
    assert clean["errors"] == [] and clean["failed"] is False
    assert summary["failed"] is True
    assert summary["errors"] == [
        {"path": "in.txt", "message": "in.txt: compressed data ends too early (truncated file?)"},
        {"path": "dir,x/no:pe.txt", "message": "dir,x/no:pe.txt: no such file or directory"},
    ]
    assert {k: v for k, v in summary.items() if k not in ("failed", "errors")} == {
        k: v for k, v in clean.items() if k not in ("failed", "errors")
    }


@pytest.mark.parametrize("grouped", [False, True], ids=["spooled", "grouped"])
def test_junit_an_error_case_per_unreadable_input(grouped: bool) -> None:
    checked = results(*SAMPLE)
    out = io.StringIO()
    reporter = JunitReporter(out)
    if grouped:
        reporter._fall_back()
    for item in checked:
        reporter.add(item)
    reporter.close(UNREAD)
    root = ET.fromstring(out.getvalue())
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("9", "4", "2")
    read, unread = root.findall("testsuite")
    # in.txt: its 7 articles, then the error that cut it short
    assert (read.get("name"), read.get("tests"), read.get("errors")) == ("in.txt", "8", "1")
    *_, last = read.findall("testcase")
    assert last.attrib == {"classname": "in.txt", "name": "in.txt", "file": "in.txt"}
    error = last.find("error")
    assert error is not None
    assert error.get("message") == "in.txt: compressed data ends too early (truncated file?)"
    # the input never read: a suite of its own
    assert unread.attrib == {
        "name": "dir,x/no:pe.txt",
        "tests": "1",
        "failures": "0",
        "errors": "1",
        "skipped": "0",
    }
    (case,) = unread.findall("testcase")
    assert case.get("classname") == case.get("name") == case.get("file") == "dir,x/no:pe.txt"
    error = case.find("error")
    assert error is not None
    assert error.get("message") == "dir,x/no:pe.txt: no such file or directory"


def test_junit_with_only_unreadable_inputs() -> None:
    root = ET.fromstring(render(ReportFormat.JUNIT, [], errors=UNREAD[1:]))
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("1", "0", "1")
    assert [suite.get("name") for suite in root.findall("testsuite")] == ["dir,x/no:pe.txt"]


def test_junit_unreadable_input_with_control_characters_stays_xml() -> None:
    text = render(ReportFormat.JUNIT, [], errors=[InputError("a\x1b\udcff.txt", "bad\x00")])
    case = ET.fromstring(text.encode("utf-8")).find("testsuite/testcase")
    assert case is not None and case.get("name") == "a\u241b\ufffd.txt"


def test_sarif_invocation_fails_with_a_notification_per_unreadable_input() -> None:
    log = sarif_valid(json.loads(render(ReportFormat.SARIF, results(*SAMPLE), errors=UNREAD)))
    (run,) = log["runs"]
    assert len(run["results"]) == 6  # the findings are all still there
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    notifications = invocation["toolExecutionNotifications"]
    assert [n["level"] for n in notifications] == ["error", "error"]
    assert notifications[1] == {
        "level": "error",
        "message": {"text": "dir,x/no:pe.txt: no such file or directory"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": "dir%2Cx/no%3Ape.txt"}}}],
    }


def test_github_an_error_command_per_unreadable_input() -> None:
    text = render(ReportFormat.GITHUB, results("clean_list"), errors=UNREAD)
    assert text.splitlines() == [
        "::error file=in.txt::in.txt: compressed data ends too early (truncated file?)",
        "::error file=dir%2Cx/no%3Ape.txt::dir,x/no:pe.txt: no such file or directory",
    ]


def test_text_leaves_unreadable_inputs_to_standard_error() -> None:
    assert render(ReportFormat.TEXT, results("clean_list"), errors=UNREAD) == ""


def test_sarif_uri_of_a_lone_surrogate_outside_a_file_names_range() -> None:
    # Hypothesis found it: a path str holding U+D800 (no file name decodes to one)
    # ended the SARIF report in a UnicodeEncodeError.
    assert artifact_uri("\ud800x.txt") == "%ED%A0%80x.txt"
    assert artifact_uri("/d/\ud800") == "file:///d/%ED%A0%80"
    assert artifact_uri("a\udcffb.txt") == "a%FFb.txt"  # a file name's byte, as before
