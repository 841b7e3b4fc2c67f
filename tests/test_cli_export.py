"""`newsparse export` and `newsparse schema` through typer's runner and a real process."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from newsparse import __version__, parse
from newsparse.cli import app

from .conftest import FIXTURES, ROOT

runner = CliRunner()
SAMPLE = "fixtures/real_list_sample.txt"


@pytest.fixture(autouse=True)
def _in_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"newsparse {__version__}\n"


def test_export_no_tags_matches_golden() -> None:
    result = runner.invoke(app, ["export", "--no-tags", SAMPLE])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (FIXTURES / "real_list_sample.jsonl").read_text(encoding="utf-8")
    assert result.stderr == ""


def test_export_adds_derived_tagging_fields_after_the_record() -> None:
    result = runner.invoke(app, ["export", SAMPLE])
    [record] = [orjson.loads(line) for line in result.stdout.splitlines()]
    golden = orjson.loads((FIXTURES / "real_list_sample.jsonl").read_bytes())
    assert list(record) == [*golden, "normalized_tags", "country_codes"]
    assert record["country_codes"] == ["TR"]
    assert {key: record[key] for key in golden} == golden


def test_export_is_utf8_not_ascii_escaped() -> None:
    result = runner.invoke(app, ["export", "fixtures/unicode.txt"])
    assert "Türkiye" in result.stdout and "\\u" not in result.stdout


def test_export_json_array_holds_the_same_records() -> None:
    lines = runner.invoke(app, ["export", "fixtures/list_multi.txt"]).stdout.splitlines()
    array = runner.invoke(app, ["export", "--format", "json", "fixtures/list_multi.txt"]).stdout
    assert json.loads(array) == [json.loads(line) for line in lines]
    assert runner.invoke(app, ["export", "-f", "json", "fixtures/empty.txt"]).stdout == "[]\n"


def test_fields_keeps_only_those_keys_in_that_order() -> None:
    result = runner.invoke(app, ["export", "--fields", "headline,date", "fixtures/list_multi.txt"])
    records = [orjson.loads(line) for line in result.stdout.splitlines()]
    assert [list(r) for r in records] == [["headline", "date"]] * 3


def test_unknown_field_is_a_usage_error() -> None:
    result = runner.invoke(app, ["export", "--fields", "headline,nope", SAMPLE])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown field 'nope'" in result.stderr


def test_stdin_is_read_with_dash_and_when_no_path_is_given() -> None:
    text = (FIXTURES / "list_multi.txt").read_text(encoding="utf-8")
    for args in (["export", "-"], ["export"]):
        result = runner.invoke(app, args, input=text)
        assert result.exit_code == 0
        records = [orjson.loads(line) for line in result.stdout.splitlines()]
        assert [r["source"]["path"] for r in records] == ["-", "-", "-"]


def test_missing_path_reports_and_goes_on_then_exits_2() -> None:
    result = runner.invoke(app, ["export", "nope.txt", SAMPLE])
    assert result.exit_code == 2
    assert len(result.stdout.splitlines()) == 1  # the sample was still exported
    assert "newsparse: nope.txt: no such file or directory" in result.stderr
    assert "1 input could not be read: nope.txt" in result.stderr


def test_output_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["export", "--no-tags", SAMPLE, "-o", str(target)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == (FIXTURES / "real_list_sample.jsonl").read_text(
        encoding="utf-8"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_output_into_missing_directory_is_an_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", SAMPLE, "-o", str(tmp_path / "no" / "out.jsonl")])
    assert result.exit_code == 2
    assert "cannot write" in result.stderr and "no such file or directory" in result.stderr


def test_failed_run_leaves_no_partial_output(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("previous content\n")
    result = runner.invoke(app, ["export", "--fields", "bad", SAMPLE, "-o", str(target)])
    assert result.exit_code == 2
    assert target.read_text() == "previous content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_unreadable_input_leaves_an_old_output_file_untouched(tmp_path: Path, jobs: str) -> None:
    # Exit 2 means the export is incomplete: -o is written whole or not at all.
    target = tmp_path / "out.jsonl"
    target.write_text("previous content\n")
    result = runner.invoke(
        app, ["export", "--jobs", jobs, SAMPLE, str(tmp_path / "nope.txt"), "-o", str(target)]
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-2:] == [
        f"newsparse: 1 input could not be read: {tmp_path / 'nope.txt'}",
        f"newsparse: {target}: not written; the file there is left as it was",
    ]
    assert target.read_text() == "previous content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


@pytest.mark.parametrize(
    ("suffix", "decompress"),
    [(".gz", gzip.decompress), (".bz2", bz2.decompress), (".xz", lzma.decompress)],
)
def test_output_file_is_compressed_by_its_extension(
    tmp_path: Path, suffix: str, decompress: object
) -> None:
    target = tmp_path / f"out.jsonl{suffix}"
    plain = runner.invoke(app, ["export", "--no-tags", SAMPLE]).stdout.encode()
    for _ in range(2):
        assert runner.invoke(app, ["export", "--no-tags", SAMPLE, "-o", str(target)]).exit_code == 0
        assert decompress(target.read_bytes()) == plain  # type: ignore[operator]
    first = target.read_bytes()
    runner.invoke(app, ["export", "--no-tags", SAMPLE, "-o", str(target)])
    assert target.read_bytes() == first  # no time stamp: the same export, the same bytes
    # And it reads back as the input it now is.
    result = runner.invoke(app, ["export", "--no-tags", str(target)])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 1


def test_output_through_a_symbolic_link_replaces_the_file_it_points_to(tmp_path: Path) -> None:
    real = tmp_path / "real.jsonl"
    real.write_text("old\n")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real.name)
    assert runner.invoke(app, ["export", "--no-tags", SAMPLE, "-o", str(link)]).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == real.name
    assert real.read_text(encoding="utf-8").startswith('{"date":')
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.jsonl", "real.jsonl"]


def test_schema_is_json_schema_2020_12() -> None:
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["required"]) >= {"date", "headline", "body", "source", "extra"}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_output_file_is_not_read_as_an_input_on_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    # `export dumps/ -f dump -o dumps/all.txt` doubled its articles on every run: the
    # last run's all.txt matched *.txt and was exported again.
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    (dumps / "a.txt").write_bytes((FIXTURES / "list_multi.txt").read_bytes())
    monkeypatch.chdir(tmp_path)
    for _ in range(3):
        args = ["export", "-j", jobs, "dumps", "-f", "dump", "-o", "dumps/all.txt"]
        result = runner.invoke(app, args)
        assert result.exit_code == 0
        assert (dumps / "all.txt").read_text(encoding="utf-8").count(" date ") == 3


@pytest.mark.parametrize(
    "fields",
    ["date,headline", "headline,source,findings", "tags,normalized_tags,mentioned_countries"],
)
def test_schema_fields_describes_export_fields(fields: str) -> None:
    # `export --fields` records failed the published schema ('summary' is a required
    # property): a CI step validating a projection had no schema to check it with.
    from jsonschema import Draft202012Validator

    full = json.loads(runner.invoke(app, ["schema"]).stdout)
    result = runner.invoke(app, ["schema", "--fields", fields])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    names = fields.split(",")
    assert schema["required"] == names
    assert list(schema["properties"]) == names
    assert schema["additionalProperties"] is False
    assert schema["properties"] == {name: full["properties"][name] for name in names}
    exported = runner.invoke(app, ["export", "--fields", fields, "fixtures"])
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    assert len(records) > 50
    validator = Draft202012Validator(schema)
    for record in records:
        validator.validate(record)
    assert not validator.is_valid({**records[0], "extra": []})


def test_schema_fields_rejects_what_export_rejects() -> None:
    result = runner.invoke(app, ["schema", "--fields", "headlin"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("newsparse: --fields: unknown field 'headlin'; known fields:")


def test_directory_input_exports_every_fixture() -> None:
    result = runner.invoke(app, ["export", "--no-tags", "fixtures"])
    assert result.exit_code == 0
    expected = "".join(
        path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.jsonl"))
    )
    assert result.stdout == expected


def run(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "newsparse", *args], cwd=ROOT, env=env, capture_output=True, **kwargs
    )


def test_real_process_exit_codes_and_no_traceback(tmp_path: Path) -> None:
    ok = run("export", SAMPLE)
    assert ok.returncode == 0 and ok.stderr == b""
    missing = run("export", "nope.txt")
    assert missing.returncode == 2
    assert b"Traceback" not in missing.stderr
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 50)
    garbage = run("export", str(binary))
    assert garbage.returncode == 0 and b"Traceback" not in garbage.stderr


def test_broken_pipe_ends_quietly(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text((FIXTURES / "list_full.txt").read_text(encoding="utf-8") * 20000)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    producer = subprocess.Popen(
        [sys.executable, "-m", "newsparse", "export", str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert producer.stdout is not None and producer.stderr is not None
    producer.stdout.readline()
    producer.stdout.close()  # what `| head -1` does
    stderr = producer.stderr.read()
    assert producer.wait(timeout=60) == 0
    assert stderr == b""


def test_an_environment_failure_is_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> tuple[str, ...]:
        raise PermissionError(13, "Permission denied", "/tmp/spool")

    monkeypatch.setattr("newsparse.export.parse_fields", fail)
    result = runner.invoke(app, ["export", SAMPLE])
    assert result.exit_code == 2
    assert result.stderr == "newsparse: cannot write /tmp/spool: permission denied\n"


def test_a_file_name_that_is_not_utf8_is_escaped_in_the_record(tmp_path: Path) -> None:
    # Python keeps the name's bytes as lone surrogates, which orjson refuses.
    folder = os.fsencode(tmp_path) + b"/bad\xff.txt"
    with open(folder, "wb") as stream:
        stream.write((FIXTURES / "list_multi.txt").read_bytes())
    for args in ([], ["--fields", "source,headline"], ["--no-tags"], ["--jobs", "2"]):
        result = runner.invoke(app, ["export", *args, str(tmp_path)])
        assert result.exit_code == 0, (args, result.stderr)
        lines = result.stdout.splitlines()
        assert len(lines) == 3
        assert all('"path":"' in line and "bad\\udcff.txt" in line for line in lines)
        assert json.loads(lines[0])["source"]["path"].endswith("bad\udcff.txt")


def test_schema_fields_with_a_repeated_name_is_a_valid_schema() -> None:
    from jsonschema import Draft202012Validator

    result = runner.invoke(app, ["schema", "--fields", "date,date"])
    assert result.exit_code == 0
    Draft202012Validator.check_schema(json.loads(result.stdout))


def test_a_directory_passes_over_the_temporary_file_of_the_output(tmp_path: Path) -> None:
    dumps = tmp_path / "dumps"
    (dumps / "sub").mkdir(parents=True)
    for name in ("a.txt", "b.txt"):
        (dumps / name).write_bytes((FIXTURES / "list_multi.txt").read_bytes())
    output = dumps / "sub" / "all.jsonl"
    result = runner.invoke(app, ["export", str(dumps), "--glob", "*", "-o", str(output)])
    assert result.exit_code == 0, result.stderr
    paths = {orjson.loads(line)["source"]["path"] for line in output.read_bytes().splitlines()}
    assert paths == {str(dumps / "a.txt"), str(dumps / "b.txt")}


def test_an_input_named_as_the_output_too_is_kept(tmp_path: Path) -> None:
    # `export a.txt -o a.txt` replaced the dump with its JSON Lines; -f dump, which
    # tidies a dump in place, may.
    dump = tmp_path / "a.txt"
    text = (FIXTURES / "list_multi.txt").read_bytes()
    dump.write_bytes(text)
    result = runner.invoke(app, ["export", str(dump), "-o", str(dump)])
    assert result.exit_code == 2
    assert "is an input and the -o file, which would replace it" in result.stderr
    assert dump.read_bytes() == text
    result = runner.invoke(app, ["export", str(dump), "-f", "dump", "-o", str(dump)])
    assert result.exit_code == 0
    assert [a.headline for a in parse(dump.read_bytes())] == [a.headline for a in parse(text)]
