"""`newsparse tag`, and the tagging options of `export`."""

from __future__ import annotations

import json
import subprocess
import sys
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
        assert "Example: newsparse " + command in result.stdout
