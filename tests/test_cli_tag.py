"""`newsparse tag`, and the tagging options of `export`."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsparse.cli import app

from .conftest import ROOT, assert_golden

MULTI = "fixtures/tagging/multi.dump"
CONFIG = "fixtures/tagging/newsparse.toml"
TAXONOMY = "fixtures/tagging/taxonomy.toml"


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def lines(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines()]


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "160"})


# ---------------------------------------------------------------------------- tag


def test_tag_jsonl_golden() -> None:
    result = invoke("tag", "-f", "jsonl", "--config", CONFIG, "--taxonomy", TAXONOMY, MULTI)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert_golden(ROOT / "fixtures/tagging/multi.tag.jsonl", result.stdout)


def test_tag_jsonl_fields() -> None:
    result = invoke("tag", "-f", "jsonl", "--config", CONFIG, "--taxonomy", TAXONOMY, MULTI)
    records = lines(result.stdout)
    assert len(records) == 6
    first, niger, us, climate, bare, last = records
    assert list(first) == [
        "source",
        "date",
        "headline",
        "tags",
        "countries",
        "normalized_tags",
        "country_codes",
        "mentioned_countries",
        "auto_tags",
    ]
    assert first["tags"] == ["Türkiye", "Ukraine", "drones", "Drones"]
    assert first["normalized_tags"] == ["Turkey", "Ukraine", "drones"]
    assert first["country_codes"] == ["TR", "UA"]
    assert first["mentioned_countries"] == ["UA", "TR"]
    # Ankara and Istanbul once each: "Turkish cities" needs 3 and is missing.
    assert [t["tag"] for t in first["auto_tags"]] == ["Defence"]
    assert niger["country_codes"] == ["NE", "NG"]
    assert niger["mentioned_countries"] == ["NE", "NG", "RO", "OM"]
    assert niger["normalized_tags"] == ["trade", "Niger", "Nigeria"]
    assert [t["tag"] for t in niger["auto_tags"]] == ["Trade"]
    assert us["normalized_tags"] == ["Trade", "United States"]
    assert us["country_codes"] == ["US", "KR", "VN"]
    assert [(t["tag"], t["count"]) for t in us["auto_tags"]] == [
        ("Trade", 3),
        ("United States", 1),
    ]
    assert climate["country_codes"] == []
    assert [(t["tag"], t["count"]) for t in climate["auto_tags"]] == [("Climate change", 5)]
    assert bare["mentioned_countries"] == ["CI"]
    assert bare["auto_tags"] == []
    assert last["country_codes"] == ["TR", "US"]


def test_tag_without_taxonomy_has_no_auto_tags() -> None:
    result = invoke("tag", "-f", "jsonl", MULTI)
    assert result.exit_code == 0
    assert all("auto_tags" not in record for record in lines(result.stdout))


def test_tag_table() -> None:
    result = invoke("tag", "-f", "table", "--taxonomy", TAXONOMY, MULTI)
    assert result.exit_code == 0, result.stderr
    for text in ("headline", "mentions", "auto tags", "Atlantis (?)", "Defence (3)"):
        assert text in result.stdout


def test_tag_table_golden_at_80_columns() -> None:
    result = CliRunner().invoke(
        app,
        ["tag", "-f", "table", "--config", CONFIG, "--taxonomy", TAXONOMY, MULTI],
        env={"COLUMNS": "80"},
    )
    assert result.exit_code == 0, result.stderr
    assert_golden(ROOT / "tests/golden/tag/table-80.txt", result.stdout)


@pytest.mark.parametrize("taxonomy", [[], ["--taxonomy", TAXONOMY]], ids=["plain", "auto"])
@pytest.mark.parametrize("columns", [80, 100, 160])
def test_tag_table_headers_are_whole_and_rows_fit(taxonomy: list[str], columns: int) -> None:
    # At 80 columns the headers were cut to `headli…` and `normal…`.
    args = ["tag", "-f", "table", *taxonomy, MULTI]
    result = CliRunner().invoke(app, args, env={"COLUMNS": str(columns)})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    header = " ".join(lines[:2])
    words = "article headline tags normalized countries mentions" + " auto" * bool(taxonomy)
    assert all(word in header.split() for word in words.split())
    assert "…" not in result.stdout  # nothing is cut: long words fold
    assert all(len(line) <= columns for line in lines)
    assert "Atlantis (?)" in result.stdout.replace("\n", " ") or columns == 80


@pytest.mark.parametrize(
    ("columns", "shown"),
    [
        (40, "article headline normalized"),
        (50, "article headline normalized countries"),
        (70, "article headline tags normalized countries auto"),
    ],
)
def test_a_narrow_terminal_leaves_columns_out(
    monkeypatch: pytest.MonkeyPatch, columns: int, shown: str
) -> None:
    # Below ~80 columns the minimums did not fit: rich shrank every column, cutting
    # the article's line number and the headers, and the row line between batches
    # wrapped. Mentions, then auto tags, tags and countries now give way.
    import newsparse.cli.tag

    monkeypatch.setattr(newsparse.cli.tag, "TAG_BATCH", 2)
    args = ["tag", "-f", "table", "--taxonomy", TAXONOMY, MULTI]
    result = CliRunner().invoke(app, args, env={"COLUMNS": str(columns)})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(len(line) <= columns for line in lines)
    header = set(" ".join(lines[:2]).split()) - {"│"}
    assert header == set(shown.split()) | {"tags"}
    assert "multi.dump:1 " in result.stdout and "multi.dump:38 " in result.stdout


def test_tag_table_batches_line_up(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsparse.cli.tag

    args = ["tag", "-f", "table", "--taxonomy", TAXONOMY, MULTI]
    whole = invoke(*args).stdout
    monkeypatch.setattr(newsparse.cli.tag, "TAG_BATCH", 1)
    assert invoke(*args).stdout == whole
    monkeypatch.setattr(newsparse.cli.tag, "TAG_BATCH", 4)
    assert invoke(*args).stdout == whole


def test_tag_table_shows_text_not_markup_or_escapes(tmp_path: Path) -> None:
    dump = tmp_path / "\x1b[41modd.txt"  # the file name too
    dump.write_text(" date 2025-01-01 [bold]Loud[/bold] \x1b[31mred\nBody.\n", encoding="utf-8")
    result = invoke("tag", "-f", "table", str(dump))
    assert result.exit_code == 0
    assert "[bold]Loud[/bold]" in result.stdout
    assert "\x1b" not in result.stdout and "␛[31mred" in result.stdout
    assert "␛[41modd.txt:1" in result.stdout


def test_tag_table_streams(tmp_path: Path) -> None:
    # The whole input was read before a row was printed (60 MB: 26 s, 350 MB). Now the
    # first rows come while standard input is still open, and `| head` ends it at once.
    article = (ROOT / "fixtures/real_list_sample.txt").read_text(encoding="utf-8") + "\n"
    process = subprocess.Popen(
        [sys.executable, "-m", "newsparse", "tag", "-f", "table", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "100"},
    )
    assert process.stdin and process.stdout and process.stderr
    stdin = process.stdin

    def feed() -> None:
        # From a thread: the first rows fill the output pipe before all the input is
        # read, and writing it all first would deadlock the two processes.
        with contextlib.suppress(BrokenPipeError):
            stdin.write((article * 150).encode())
            stdin.flush()  # 150 articles, and the input stays open

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    # If rows stopped streaming, readline would wait for ever on the open input.
    watchdog = threading.Timer(60, process.kill)
    watchdog.start()
    try:
        header = process.stdout.readline()
        assert header.startswith(b"article ")
        assert process.stdout.readline().startswith("─".encode())
        assert process.stdout.readline().startswith(b"-:1 ")
        process.stdout.close()  # like `| head`: the command ends, quietly
        writer.join(timeout=60)
        with contextlib.suppress(BrokenPipeError):
            process.stdin.close()
        assert process.wait(timeout=60) == 0
        assert process.stderr.read() == b""
    finally:
        watchdog.cancel()
        process.kill()


@pytest.mark.parametrize(
    "args",
    [["tag", "-f", "jsonl"], ["tag", "-f", "table"], ["stats", "-f", "json"]],
    ids=["tag-jsonl", "tag-table", "stats"],
)
def test_tag_and_stats_show_progress_like_export(
    monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    import importlib

    from newsparse.cli.progress import ByteProgress

    seen: list[str] = []
    monkeypatch.setattr(ByteProgress, "update", lambda self, done, name: seen.append(name))
    monkeypatch.setattr(
        importlib.import_module("newsparse.cli.base"), "stderr_is_terminal", lambda: True
    )
    plain = invoke(*args, "--no-progress", MULTI)
    assert (plain.exit_code, seen) == (0, [])
    shown = invoke(*args, "--progress", MULTI)
    assert (shown.exit_code, shown.stdout) == (0, plain.stdout)
    assert seen and set(seen) == {MULTI}
    seen.clear()
    assert invoke(*args, MULTI).stdout == plain.stdout  # on by default, as for export
    assert seen
    assert "--progress / --no-progress" in invoke(args[0], "--help").stdout


@pytest.mark.parametrize("columns", ["0", "-5", "abc", "²"])
def test_tag_and_stats_tables_ignore_a_bad_columns(columns: str) -> None:
    for args in (["tag", "-f", "table", MULTI], ["stats", "-f", "table", MULTI]):
        bad = CliRunner().invoke(app, args, env={"COLUMNS": columns})
        good = CliRunner().invoke(app, args, env={"COLUMNS": "80"})
        assert (bad.exit_code, bad.stdout) == (0, good.stdout)
        assert "Ukraine" in bad.stdout


def test_tag_table_with_no_articles(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = invoke("tag", "-f", "table", str(empty))
    assert (result.exit_code, result.stdout) == (0, "no articles\n")


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[tags.A]\nwords = ['x']\nmin_count = 0\n", "tags.A.min_count: expected a whole number"),
        (
            '[tags."Climate change"]\nregex = ["carbon (tax"]\n',
            "tags.\"Climate change\".regex[0]: invalid regular expression 'carbon (tax'",
        ),
        ("[tags.A]\nfrase = ['x y']\n", "tags.A.frase: unknown key"),
    ],
)
def test_invalid_taxonomy_exits_2_naming_the_entry(tmp_path: Path, toml: str, message: str) -> None:
    taxonomy = tmp_path / "bad.toml"
    taxonomy.write_text(toml, encoding="utf-8")
    for command in ("tag", "export"):
        result = invoke(command, "--taxonomy", str(taxonomy), MULTI)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr.startswith(f"newsparse: {taxonomy}: {message}")


def test_missing_taxonomy_exits_2() -> None:
    result = invoke("tag", "--taxonomy", "nope.toml", MULTI)
    assert result.exit_code == 2
    assert "nope.toml: cannot read: no such file or directory" in result.stderr


def test_taxonomy_that_is_not_utf8_exits_2_without_a_traceback(tmp_path: Path) -> None:
    taxonomy = tmp_path / "latin1.toml"
    taxonomy.write_bytes('[tags.Caf\u00e9]\nwords = ["caf\u00e9"]\n'.encode("latin-1"))
    for command in ("tag", "export", "print"):
        result = invoke(command, "--taxonomy", str(taxonomy), MULTI)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == f"newsparse: {taxonomy}: not valid TOML: not UTF-8\n"


def test_a_config_and_a_taxonomy_swapped_say_so() -> None:
    # Both are TOML with a [tags] table: each was only "unknown key" in the other.
    result = invoke("tag", "--taxonomy", CONFIG, MULTI)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"newsparse: {CONFIG}: tags.aliases: this is a config's [tags.aliases] table, "
        "not a taxonomy tag: give this file with --config\n"
    )
    result = invoke("tag", "--config", TAXONOMY, MULTI)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"newsparse: {TAXONOMY}: tags.Defence: this is a taxonomy tag, "
        "not a config table: give this file with --taxonomy\n"
    )


def test_tag_bad_input_exits_2_after_the_rest() -> None:
    result = invoke("tag", "-f", "jsonl", "missing.txt", MULTI)
    assert result.exit_code == 2
    assert len(lines(result.stdout)) == 6


# ------------------------------------------------------------------------- export


def test_export_no_tags_is_the_record_as_parsed() -> None:
    plain = invoke("export", "--no-tags", MULTI)
    assert plain.exit_code == 0
    for record in lines(plain.stdout):
        assert "normalized_tags" not in record and "country_codes" not in record


def test_export_tags_by_default() -> None:
    records = lines(invoke("export", MULTI).stdout)
    assert list(records[0])[-2:] == ["normalized_tags", "country_codes"]


def test_export_tags() -> None:
    result = invoke("export", "--tags", "--config", CONFIG, MULTI)
    records = lines(result.stdout)
    assert list(records[0])[-2:] == ["normalized_tags", "country_codes"]
    assert records[0]["tags"] == ["Türkiye", "Ukraine", "drones", "Drones"]  # as written
    assert records[0]["normalized_tags"] == ["Turkey", "Ukraine", "drones"]


def test_export_mentions_and_taxonomy_imply_tags() -> None:
    result = invoke("export", "--mentions", "--taxonomy", TAXONOMY, "-f", "json", MULTI)
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert list(records[1])[-4:] == [
        "normalized_tags",
        "country_codes",
        "mentioned_countries",
        "auto_tags",
    ]
    assert records[1]["mentioned_countries"] == ["NE", "NG", "RO", "OM"]


@pytest.mark.parametrize(
    ("args", "asked"),
    [
        (["--mentions"], "--mentions"),
        (["--taxonomy", TAXONOMY], "--taxonomy"),
        (["--fields", "headline,country_codes"], "--fields"),
    ],
)
def test_no_tags_with_a_derived_field_is_a_usage_error(args: list[str], asked: str) -> None:
    # (--mentions used to turn tagging back on, silently.)
    result = invoke("export", "--no-tags", *args, MULTI)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"newsparse: --no-tags writes no derived field, which {asked} asks for: drop one\n"
    )


def test_format_names_ignore_case() -> None:
    for command, name in (("export", "JSON"), ("tag", "JSONL"), ("stats", "Json")):
        upper = invoke(command, "-f", name, MULTI)
        assert (upper.exit_code, upper.stdout) == (
            0,
            invoke(command, "-f", name.lower(), MULTI).stdout,
        )
    assert invoke("validate", "-f", "SARIF", MULTI).exit_code in (0, 1)


def test_export_fields_can_name_derived_fields() -> None:
    result = invoke("export", "--fields", "headline,country_codes,mentioned_countries", MULTI)
    assert result.exit_code == 0, result.stderr
    assert lines(result.stdout)[2] == {
        "headline": "U.S. Tariffs Hit South Korea and Vietnam",
        "country_codes": ["US", "KR", "VN"],
        "mentioned_countries": ["US", "KR", "VN"],
    }


def test_export_fields_auto_tags_needs_a_taxonomy() -> None:
    result = invoke("export", "--fields", "auto_tags", MULTI)
    assert result.exit_code == 2
    assert "--fields auto_tags needs --taxonomy FILE" in result.stderr


def test_export_no_tags_loads_no_tagging_code() -> None:
    code = (
        "import sys; from typer.testing import CliRunner; from newsparse.cli import app; "
        f"r = CliRunner().invoke(app, ['export', '--no-tags', {MULTI!r}]); "
        "assert r.exit_code == 0; "
        "loaded = [m for m in ('newsparse.tagging', 'newsparse.countries', 'pycountry') "
        "if m in sys.modules]; assert not loaded, loaded"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_help_has_examples() -> None:
    for command in ("tag", "stats"):
        result = invoke(command, "--help")
        assert result.exit_code == 0
        assert "Examples:" in result.stdout
        assert f"\n    newsparse {command} dumps/\n" in result.stdout  # one a line, unwrapped
