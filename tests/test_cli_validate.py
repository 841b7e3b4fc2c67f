"""`newsparse validate` and `newsparse rules` through typer's runner and a real process:
exact exit codes, data on stdout, messages on stderr."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from newsparse.cli import app
from newsparse.config import load_config
from newsparse.model import Severity
from newsparse.rules import RULES, RuleSettings

from .conftest import FIXTURES, ROOT, assert_golden
from .test_rules import EXPECTED

runner = CliRunner()
V = "fixtures/validate"
TODAY = ["--today", "2026-01-01"]
CLEAN = [f"{V}/clean_list.dump", f"{V}/clean_page.dump"]


@pytest.fixture(autouse=True)
def _in_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    for name in ("GITHUB_ACTIONS", "FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)


def validate(*args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> Result:
    return runner.invoke(app, ["validate", *TODAY, *args], env=env, input=stdin)


def test_clean_inputs_exit_0_with_a_summary_on_stderr() -> None:
    result = validate(*CLEAN)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "Checked 3 articles in 2 inputs: no findings.\n"


def test_an_error_exits_1() -> None:
    result = validate(f"{V}/np001_date_missing.dump")
    assert result.exit_code == 1
    assert result.stdout == (
        f"{V}/np001_date_missing.dump:1: error NP001 "
        "date missing: no date line and no byline stamp\n"
    )
    assert result.stderr.splitlines() == [
        "Checked 1 article in 1 input: 1 finding (1 error, 0 warnings, 0 info).",
        "  NP001  1  date-missing",
    ]


def test_fail_on_and_exit_zero() -> None:
    warning = f"{V}/np031_country_unknown.dump"
    info = f"{V}/np024_credit_missing.dump"
    assert validate(warning).exit_code == 0
    assert validate("--fail-on", "warning", warning).exit_code == 1
    assert validate("--fail-on", "warning", info).exit_code == 0
    assert validate("--fail-on", "info", info).exit_code == 1
    result = validate("--exit-zero", f"{V}/np001_date_missing.dump")
    assert result.exit_code == 0
    assert "NP001" in result.stdout


def test_bad_input_exits_2_after_checking_the_others() -> None:
    result = validate("missing.txt", f"{V}/np001_date_missing.dump", "--exit-zero")
    assert result.exit_code == 2
    assert "NP001" in result.stdout
    assert "newsparse: missing.txt: no such file or directory" in result.stderr
    assert "1 input could not be read: missing.txt" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--select", "NP999"], "newsparse: --select: unknown rule 'NP999'"),
        (["--ignore", "XX"], "newsparse: --ignore: unknown rule 'XX'"),
        (["--today", "tomorrow"], "newsparse: --today: expected a date as YYYY-MM-DD"),
        (["--format", "yaml"], "Invalid value for '--format'"),
        (["--fail-on", "fatal"], "Invalid value for '--fail-on'"),
        (["--config", "nope.toml"], "newsparse: nope.toml: cannot read: no such file"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = validate(*args, *CLEAN)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def rules_of(result: Result) -> list[str]:
    return [line.split()[2] for line in result.stdout.splitlines()]


def test_select_and_ignore_options() -> None:
    path = f"{V}/np023_body_cut_off.dump"
    assert rules_of(validate(path)) == ["NP024", "NP022", "NP023"]
    assert rules_of(validate("--select", "NP02", "--ignore", "np024", path)) == ["NP022", "NP023"]
    assert rules_of(validate("--select", "NP023", path)) == ["NP023"]


def test_select_and_ignore_may_be_given_several_times() -> None:
    # The second --select used to replace the first: NP023 went unreported and a CI
    # step that meant to check two rules passed.
    path = f"{V}/np023_body_cut_off.dump"
    result = validate("--select", "NP023", "--select", "NP022", path)
    assert (result.exit_code, rules_of(result)) == (0, ["NP022", "NP023"])
    result = validate("--ignore", "NP023", "--ignore", "NP024,NP02", "--select", "NP0", path)
    assert rules_of(result) == []
    assert rules_of(validate("--ignore", "NP023", "--ignore", "NP024", path)) == ["NP022"]


def test_json_summary_counts_every_input_read_as_the_text_summary_does(tmp_path: Path) -> None:
    # An empty input (no article) was left out of summary.files, while standard error
    # said "in 2 inputs": a CI check of .summary.files against the inputs failed.
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = validate("-f", "json", str(empty), CLEAN[0])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["summary"]["files"] == 2
    assert result.stderr == "Checked 2 articles in 2 inputs: no findings.\n"
    result = validate("-f", "json", "-j", "2", str(empty), CLEAN[0])
    assert json.loads(result.stdout)["summary"]["files"] == 2


def test_fail_on_ignores_case_as_the_config_does() -> None:
    # fail-on = "Warning" in a config was accepted, --fail-on Warning was not.
    path = f"{V}/np031_country_unknown.dump"
    for value in ("WARNING", "Warning", "warning"):
        assert validate("-q", "--fail-on", value, path).exit_code == 1
    assert validate("-q", "--fail-on", "ERROR", path).exit_code == 0


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_report_file_is_not_read_as_an_input_on_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    # `newsparse validate . -o report.txt` passed, then failed when run again: the
    # last run's report.txt matched *.txt and was checked as a dump (NP001, ...).
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    text = (FIXTURES / "validate" / "clean_list.dump").read_text(encoding="utf-8")
    (dumps / "a.txt").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for _ in range(2):
        result = validate("-j", jobs, "dumps", "-o", "dumps/report.txt")
        assert (result.exit_code, result.stderr) == (
            0,
            "Checked 2 articles in 1 input: no findings.\n",
        )
    # Named as an input too, the report would replace the dump it checks: an error,
    # and the dump stays (also spelt otherwise, ./dumps/report.txt).
    (dumps / "report.txt").write_text(text, encoding="utf-8")
    for named in ("dumps/report.txt", "./dumps/report.txt"):
        result = validate("-q", named, "-o", "dumps/report.txt")
        assert (result.exit_code, result.stderr) == (
            2,
            f"newsparse: {named} is an input and the -o file, which would replace it: write"
            " the output elsewhere\n",
        )
        assert (dumps / "report.txt").read_text(encoding="utf-8") == text


def test_github_format_says_when_annotations_go_unshown(tmp_path: Path) -> None:
    # GitHub shows 10 annotations of each kind per step and drops the rest without a
    # word; the summary on standard error now says how many are in the log only.
    dump = tmp_path / "many.txt"
    dump.write_text(
        "".join(
            f" date 2025-03-{day:02d} Ministers Meet for Talks Number {day}\nTalks went on.\n"
            "- Country:\n- India\nThe talks lasted two days.\n(With inputs from agencies.)\n"
            "- READ MORE ON:\n- talks\n"
            for day in range(1, 13)
        ),
        encoding="utf-8",
    )
    result = validate("-f", "github", "--select", "NP022", str(dump))
    assert result.stdout.count("::warning ") == 12
    assert result.stderr.splitlines()[-1] == (
        "GitHub shows the first 10 annotations of each kind in a step; in its log only: "
        "2 warnings more (--format sarif or junit -o FILE keeps them all)"
    )
    few = validate("-f", "github", "--select", "NP022", "--ignore", "NP023", CLEAN[0])
    assert "GitHub shows" not in few.stderr
    quiet = validate("-q", "-f", "github", "--select", "NP022", str(dump))
    assert quiet.stderr == ""
    text = validate("--select", "NP022", str(dump))
    assert "GitHub shows" not in text.stderr


def test_select_and_ignore_that_leave_no_rule_are_a_usage_error(tmp_path: Path) -> None:
    # --select NP024 where the config ignores NP024 checked nothing, and passed.
    config = tmp_path / "newsparse.toml"
    config.write_text('[rules]\nignore = ["NP024"]\n', encoding="utf-8")
    path = f"{V}/np024_credit_missing.dump"
    for args in (["--select", "NP024", "--config", str(config)], ["--ignore", "ALL"]):
        result = validate(*args, path)
        assert (result.exit_code, result.stdout) == (2, ""), args
        assert result.stderr.startswith("newsparse: no rule left to check: "), args
    result = validate("--select", "NP024", "--config", str(config), path)
    assert result.stderr == (
        "newsparse: no rule left to check: select NP024, ignore NP024 "
        "(`newsparse rules` lists the rules)\n"
    )
    config.write_text("[rules]\nselect = []\n", encoding="utf-8")
    result = validate("--config", str(config), path)
    assert (result.exit_code, result.stderr) == (
        2,
        "newsparse: no rule left to check: select (none), ignore (none) "
        "(`newsparse rules` lists the rules)\n",
    )


def test_select_ids_may_be_separated_by_spaces() -> None:
    path = f"{V}/np023_body_cut_off.dump"
    assert rules_of(validate("--select", "NP023 NP022", path)) == ["NP022", "NP023"]
    assert rules_of(validate("--select", "NP02, ", "--ignore", " np024\tNP022", path)) == ["NP023"]


@pytest.mark.parametrize("value", ["", " ", ","])
def test_an_empty_select_is_a_usage_error(value: str) -> None:
    # `--select "$RULES"` with RULES unset selected no rule, and the run passed.
    result = validate("--select", value, f"{V}/np001_date_missing.dump")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "newsparse: --select: no rule ids given (--select ALL checks every rule)\n"
    )


def test_config_found_upward_sets_rules_and_fail_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "newsparse.toml").write_text(
        '[rules]\nfail-on = "warning"\nignore = ["NP022"]\n[rules.severity]\nNP024 = "warning"\n',
        encoding="utf-8",
    )
    inner = tmp_path / "sub"
    inner.mkdir()
    monkeypatch.chdir(inner)
    path = str(FIXTURES / "validate" / "np023_body_cut_off.dump")
    result = validate(path)
    assert result.exit_code == 1
    assert [line.split(": ", 1)[1].split()[:2] for line in result.stdout.splitlines()] == [
        ["warning", "NP024"],
        ["warning", "NP023"],
    ]
    # the command line wins over the file
    assert validate("--fail-on", "error", path).exit_code == 0


def test_config_in_pyproject_and_explicit_config(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.newsparse.rules]\nselect = ["NP03"]\n', encoding="utf-8")
    result = validate("--config", str(pyproject), f"{V}/np031_country_unknown.dump")
    assert result.exit_code == 0
    assert " NP031 " in result.stdout


def test_bad_config_exits_2_naming_file_key_and_expectation(tmp_path: Path) -> None:
    config = tmp_path / "newsparse.toml"
    config.write_text('[rules]\nfail-on = "sometimes"\n', encoding="utf-8")
    result = validate("--config", str(config), *CLEAN)
    assert result.exit_code == 2
    assert result.stderr == (
        f'newsparse: {config}: rules.fail-on: expected "error", "warning" or "info"\n'
    )
    config.write_text("[rules\n", encoding="utf-8")
    result = validate("--config", str(config), *CLEAN)
    assert result.exit_code == 2
    assert f"newsparse: {config}: not valid TOML" in result.stderr


def test_github_format_is_chosen_on_github_actions() -> None:
    path = f"{V}/np031_country_unknown.dump"
    result = validate(path, env={"GITHUB_ACTIONS": "true"})
    assert result.stdout == (
        f"::warning file={V}/np031_country_unknown.dump,line=5,col=3,title=NP031::"
        "'Genevaa' is not a known country name\n"
    )
    assert validate("--format", "text", path, env={"GITHUB_ACTIONS": "true"}).stdout.startswith(
        f"{V}/np031"
    )


@pytest.mark.parametrize("fmt", ["json", "junit", "sarif"])
def test_structured_formats_parse(fmt: str) -> None:
    result = validate("--format", fmt, f"{V}/np060_duplicate.dump", *CLEAN)
    assert result.exit_code == 1
    if fmt == "junit":
        root = ET.fromstring(result.stdout)
        assert root.get("tests") == "6" and root.get("failures") == "2"
    elif fmt == "json":
        assert json.loads(result.stdout)["summary"]["by_rule"] == {"NP060": 2}
    else:
        log = json.loads(result.stdout)
        assert log["version"] == "2.1.0"
        assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["NP060", "NP060"]


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("fmt", ["json", "junit", "sarif", "github", "text"])
def test_reports_carry_the_inputs_that_could_not_be_read(fmt: str, jobs: str) -> None:
    """The user trial: exit 2, yet the JUnit said failures="0" errors="0", the JSON
    "failed": false, the SARIF nothing; a CI dashboard showed green."""
    result = validate("-q", "-f", fmt, "--jobs", jobs, f"{V}/clean_list.dump", "nope.txt")
    assert result.exit_code == 2
    assert result.stderr == (
        "newsparse: nope.txt: no such file or directory\n"
        "newsparse: 1 input could not be read: nope.txt\n"
    )
    message = "nope.txt: no such file or directory"
    if fmt == "json":
        summary = json.loads(result.stdout)["summary"]
        assert summary["failed"] is True
        assert summary["errors"] == [{"path": "nope.txt", "message": message}]
    elif fmt == "junit":
        root = ET.fromstring(result.stdout)
        assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "0", "1")
        error = root.find("testsuite[@name='nope.txt']/testcase[@name='nope.txt']/error")
        assert error is not None and error.get("message") == message
    elif fmt == "sarif":
        (invocation,) = json.loads(result.stdout)["runs"][0]["invocations"]
        assert invocation["executionSuccessful"] is False
        (notification,) = invocation["toolExecutionNotifications"]
        assert notification["message"]["text"] == message
    elif fmt == "github":
        assert result.stdout == f"::error file=nope.txt::{message}\n"
    else:
        assert result.stdout == ""  # standard error says it


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_a_clean_run_reports_no_errors(fmt: str) -> None:
    result = validate("-q", "-f", fmt, *CLEAN)
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    if fmt == "json":
        assert document["summary"]["errors"] == [] and document["summary"]["failed"] is False
    else:
        assert document["runs"][0]["invocations"] == [
            {"executionSuccessful": True, "toolExecutionNotifications": []}
        ]


#: The user trial's dump: ESC, NUL and BEL in a headline and a country line.
CONTROL_DUMP = b" date 2025-03-14 Evil \x1b[31mHeadline & <b>\x00\n- Country:\n- Genevaa\x07\n"


@pytest.mark.parametrize("fmt", ["json", "junit", "sarif", "github"])
def test_control_characters_keep_every_format_valid(fmt: str, tmp_path: Path) -> None:
    (tmp_path / "ctl.txt").write_bytes(CONTROL_DUMP)
    result = validate("-q", "-f", fmt, str(tmp_path / "ctl.txt"))
    assert result.exit_code == 1
    if fmt == "junit":
        root = ET.fromstring(result.stdout_bytes)  # was: not well-formed (invalid token)
        (case,) = root.iter("testcase")
        assert case.get("name", "").endswith(":1 Evil \u241b[31mHeadline & <b>\u2400")
    elif fmt == "github":
        assert all(line.startswith("::") for line in result.stdout.split("\n")[:-1])
    else:
        json.loads(result.stdout_bytes.decode("utf-8"))


def test_output_file_and_quiet(tmp_path: Path) -> None:
    target = tmp_path / "report.sarif"
    result = validate("-q", "-f", "sarif", "-o", str(target), f"{V}/np001_date_missing.dump")
    assert result.exit_code == 1
    assert result.stdout == "" and result.stderr == ""
    assert json.loads(target.read_text(encoding="utf-8"))["runs"][0]["results"]


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("fmt", ["json", "junit", "sarif", "github", "text"])
def test_output_file_is_written_when_an_input_cannot_be_read(
    fmt: str, jobs: str, tmp_path: Path
) -> None:
    """The report names the inputs that could not be read, so it is whole and -o writes
    it (exit 2): CI uploads it with `if: always()`, and an old file left in place
    would show last run's report as this one's."""
    target = tmp_path / "report.out"
    target.write_text("the old report\n", encoding="utf-8")
    args = ["-f", fmt, "--jobs", jobs, "-o", str(target), f"{V}/np001_date_missing.dump"]
    result = validate(*args, "nope.txt")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "newsparse: nope.txt: no such file or directory",
        "Checked 1 article in 1 input: 1 finding (1 error, 0 warnings, 0 info).",
        "  NP001  1  date-missing",
        "newsparse: 1 input could not be read: nope.txt",
    ]
    report = target.read_text(encoding="utf-8")
    assert "NP001" in report
    assert fmt == "text" or "nope.txt" in report  # text leaves it to standard error
    assert [p.name for p in tmp_path.iterdir()] == ["report.out"]


def test_standard_input() -> None:
    text = (FIXTURES / "validate" / "np031_country_unknown.dump").read_text(encoding="utf-8")
    result = validate("--fail-on", "warning", stdin=text)
    assert result.exit_code == 1
    assert result.stdout == "-:5:3: warning NP031 'Genevaa' is not a known country name\n"


def test_colour_only_when_forced_and_not_disabled() -> None:
    path = f"{V}/np031_country_unknown.dump"
    assert "\x1b[" in validate(path, env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in validate(path, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert "\x1b[" not in validate(path).stdout


def test_no_colour_on_a_dumb_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    # Emacs' M-x shell is a terminal with TERM=dumb: the report came with raw escape
    # codes there, while print and the tables (rich) were plain.
    from newsparse.cli.validate import _use_colour
    from newsparse.formats import ReportFormat

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert _use_colour(ReportFormat.TEXT, None)
    monkeypatch.setenv("TERM", "dumb")
    assert not _use_colour(ReportFormat.TEXT, None)
    monkeypatch.setenv("FORCE_COLOR", "1")  # still wins, as for rich
    assert _use_colour(ReportFormat.TEXT, None)


def test_all_fixtures_text_report_matches_golden() -> None:
    # The fixtures share a date and headline: NP060 would repeat across files.
    result = validate("--fail-on", "info", "--ignore", "NP060", "--glob", "*.dump", V)
    assert result.exit_code == 1
    assert_golden(FIXTURES / "validate" / "all_findings.golden", result.stdout)
    assert result.stderr.startswith("Checked 31 articles in 28 inputs: ")


def test_duplicates_across_files_name_both_places() -> None:
    a, b = f"{V}/np001_date_missing.dump", f"{V}/np031_country_unknown.dump"
    c = f"{V}/np024_credit_missing.dump"
    result = validate("--select", "NP060", b, c)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{c}:1: error NP060 duplicate article: same date and headline as {b}:1",
        f"{b}:1: error NP060 duplicate article: same date and headline again at {c}:1",
    ]
    assert validate("--select", "NP060", a, b).exit_code == 0  # a has no date


# -- rules ---------------------------------------------------------------------------


def test_rules_lists_every_rule() -> None:
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == list(RULES)
    assert lines[0].split() == ["NP001", "error", "date-missing", "date", "missing"]


def test_rules_explains_one() -> None:
    result = runner.invoke(app, ["rules", "np003"])
    assert result.exit_code == 0
    assert result.stdout.startswith("NP003 date-in-future (error by default; found by validate)\n")
    assert "\nBad:\n     date 2052-03-14" in result.stdout
    assert "\nGood:\n     date 2025-03-14" in result.stdout


def test_rules_unknown_id_exits_2() -> None:
    result = runner.invoke(app, ["rules", "NP999"])
    assert result.exit_code == 2
    assert result.stderr == "newsparse: unknown rule 'NP999'; `newsparse rules` lists them\n"


# -- the installed command, as CI runs it ----------------------------------------------


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "FORCE_COLOR")}
    return subprocess.run(
        [sys.executable, "-m", "newsparse", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=False,
    )


def test_real_process_exit_codes_and_streams() -> None:
    clean = run("validate", *CLEAN)
    assert (clean.returncode, clean.stdout) == (0, b"")
    assert clean.stderr == b"Checked 3 articles in 2 inputs: no findings.\n"
    bad = run("validate", *TODAY, f"{V}/np101_invalid_utf8.dump")
    assert bad.returncode == 1
    expected = (
        f"{V}/np101_invalid_utf8.dump:2: error NP101 invalid UTF-8: bytes replaced with U+FFFD"
    )
    assert bad.stdout.decode() == expected + "\n"
    missing = run("validate", "nowhere.txt")
    assert missing.returncode == 2 and missing.stdout == b""
    assert b"nowhere.txt: no such file or directory" in missing.stderr


def test_real_process_sarif_from_standard_input() -> None:
    dump = (FIXTURES / "validate" / "np081_control.dump").read_bytes()
    result = run("validate", "-f", "sarif", "-", stdin=dump)
    assert result.returncode == 1
    (finding,) = json.loads(result.stdout)["runs"][0]["results"]
    assert finding["ruleId"] == "NP081"
    assert finding["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "stdin"


@pytest.mark.parametrize("fmt", ["text", "json", "github", "junit", "sarif"])
def test_real_process_file_names_that_are_not_utf8(fmt: str, tmp_path: Path) -> None:
    """A file name's undecodable bytes (lone surrogates in Python) made every format
    stop with a UnicodeEncodeError traceback."""
    name = tmp_path.joinpath(os.fsdecode(b"bad\xff\x1bname.txt"))
    name.write_bytes(CONTROL_DUMP)
    missing = os.fsdecode(b"gone\xfe.txt")
    result = run("validate", *TODAY, "-f", fmt, str(name), missing)
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr
    raw = os.fsencode(name)  # text and github: the name's own bytes, as ls and grep write it
    if fmt == "text":
        assert raw + b":1: warning NP020 summary missing\n" in result.stdout
    elif fmt == "github":
        escaped = raw.replace(b"%", b"%25").replace(b":", b"%3A").replace(b",", b"%2C")
        assert b"::warning file=" + escaped + b",line=1,title=NP020::" in result.stdout
        unread = b"::error file=gone\xfe.txt::gone\xfe.txt: no such file or directory\n"
        assert result.stdout.endswith(unread)
    elif fmt == "json":  # a \udcff escape: valid JSON, the same name read back
        document = json.loads(result.stdout.decode("utf-8"))
        assert document["findings"][0]["path"] == str(name)
        assert document["summary"]["errors"][0]["path"] == missing
    elif fmt == "sarif":
        run_ = json.loads(result.stdout.decode("utf-8"))["runs"][0]
        uri = run_["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.startswith("file:///") and uri.endswith("/bad%FF%1Bname.txt")
        (notification,) = run_["invocations"][0]["toolExecutionNotifications"]
        location = notification["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location["uri"] == "gone%FE.txt"
    else:
        root = ET.fromstring(result.stdout)
        names = [suite.get("name", "") for suite in root.iter("testsuite")]
        assert names[0].endswith("bad\ufffd\u241bname.txt") and names[1] == "gone\ufffd.txt"


# -- the documentation stays true -----------------------------------------------------

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_ci_section_config_example_is_valid(tmp_path: Path) -> None:
    section = README.split("## Validating in CI", 1)[1].split("\n## ", 1)[0]
    (toml,) = re.findall(r"```toml\n(.*?)```", section, flags=re.DOTALL)
    config = tmp_path / "newsparse.toml"
    config.write_text(toml, encoding="utf-8")
    settings = RuleSettings.from_config(load_config(config))
    assert settings.fail_on is Severity.WARNING
    assert not settings.enabled("NP024")
    for code in ("0", "1", "2"):
        assert f"\n| {code} |" in section


def test_readme_text_example_is_real_output() -> None:
    section = README.split("## Validating in CI", 1)[1].split("\n## ", 1)[0]
    block = section.split("```console\n", 1)[1].split("```", 1)[0]
    command, *lines = block.splitlines()
    args = command.removeprefix("$ newsparse ").split()
    result = runner.invoke(app, args)
    summary_at = lines.index("$ echo $?")
    assert result.stdout + result.stderr == "\n".join(lines[:summary_at]) + "\n"
    assert str(result.exit_code) == lines[summary_at + 1]


def test_pre_commit_hook_runs_validate() -> None:
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: newsparse-validate\n" in hooks
    assert "\n  entry: newsparse validate\n" in hooks
    assert "\n  language: python\n" in hooks
    assert "\n  require_serial: true\n" in hooks


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_exit_code_of_each_rule_fixture(name: str) -> None:
    path = f"{V}/{name}.dump"
    worst = max(RULES[rule_id].severity for rule_id in EXPECTED[name])
    for fail_on in Severity:
        result = validate("--fail-on", fail_on.value, path)
        assert result.exit_code == (1 if worst >= fail_on else 0), (fail_on, result.stdout)
    assert validate("--exit-zero", "--fail-on", "info", path).exit_code == 0


@pytest.mark.parametrize("name", ["clean_list", "clean_page"])
def test_exit_code_of_clean_fixtures(name: str) -> None:
    result = validate("--fail-on", "info", f"{V}/{name}.dump")
    assert (result.exit_code, result.stdout) == (0, "")
