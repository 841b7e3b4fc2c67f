"""newsparse on a real Dask cluster: the same records and findings as one process.

The cluster is a `distributed.LocalCluster` of 2 worker processes on loopback, started
once for the module. Every test compares with the single-process output, exactly.
Skipped (with the reason shown) where the `dask` extra is not installed; `.ci/run`
installs it.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import orjson
import pytest
from typer.testing import CliRunner

from newsparse import Article, Finding, Severity, parse_file
from newsparse.cli import app
from newsparse.cli.base import Inputs
from newsparse.cli.cluster import ClusterInputs
from newsparse.errors import InputError, UsageError
from newsparse.inputs import expand_inputs

from .conftest import FIXTURES

try:
    import dask
    import dask.bag
    import distributed

    HAVE_DASK = True
except ImportError:
    HAVE_DASK = False

needs_dask = pytest.mark.skipif(
    not HAVE_DASK, reason="Dask is not installed: pip install -e '.[test,dask]'"
)


# --- the corpus and the cluster --------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every shared fixture, a larger file, a nested directory, a .gz and a truncated .gz."""
    root = tmp_path_factory.mktemp("corpus")
    for source in sorted(FIXTURES.glob("*.txt")):
        shutil.copyfile(source, root / source.name)
    big = b"".join((FIXTURES / name).read_bytes() + b"\n" for name in ["list_multi.txt"] * 40)
    nested = root / "nested" / "deeper"
    nested.mkdir(parents=True)
    (nested / "big.txt").write_bytes(big)
    (root / "nested" / "packed.txt.gz").write_bytes(gzip.compress(big))
    (root / "nested" / "truncated.txt.gz").write_bytes(gzip.compress(big)[:-400])
    return root


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with dask.config.set({"distributed.scheduler.allowed-failures": 3}):
        from newsparse.distributed import local_cluster

        cluster = local_cluster(2, memory_limit="256MiB")
        with cluster, distributed.Client(cluster) as client:
            yield client


def local_export(*args: str) -> tuple[int, bytes]:
    result = CliRunner().invoke(app, ["export", *args])
    return result.exit_code, result.stdout_bytes


def local_articles(corpus: Path) -> list[Article]:
    articles: list[Article] = []
    for item in expand_inputs([str(corpus)]):
        assert not isinstance(item, InputError)
        # The truncated file: the articles read before the break are kept, as in a run.
        with contextlib.suppress(InputError):
            for article in parse_file(item.name):
                articles.append(article)
    return articles


def files_of(corpus: Path) -> list[str]:
    return [item.name for item in expand_inputs([str(corpus)]) if not isinstance(item, Exception)]


def parts(outdir: Path) -> list[Path]:
    return sorted(outdir.glob("part-*.jsonl"))


# --- export --scheduler ------------------------------------------------------------------


@needs_dask
@pytest.mark.parametrize("fields", [None, "date,headline,source,findings"])
def test_export_parts_concatenate_to_the_local_export(
    client: Any, corpus: Path, tmp_path: Path, fields: str | None
) -> None:
    options = ["--fields", fields] if fields else []
    local_code, local_out = local_export(str(corpus), *options)
    outdir = tmp_path / "out"

    result = CliRunner().invoke(
        app,
        ["export", str(corpus), *options, "--scheduler", client.scheduler.address,
         "-o", str(outdir)],
    )  # fmt: skip
    assert result.exit_code == local_code == 2  # the truncated input, after the others
    assert "truncated.txt.gz: compressed data ends too early" in result.stderr
    assert "1 input could not be read" in result.stderr
    assert result.stdout == ""

    files = files_of(corpus)
    assert [p.name for p in parts(outdir)] == [f"part-{i:05d}.jsonl" for i in range(len(files))]
    assert b"".join(p.read_bytes() for p in parts(outdir)) == local_out

    manifest = orjson.loads((outdir / "manifest.json").read_bytes())
    articles = local_articles(corpus)
    assert manifest["articles"] == len(articles) == local_out.count(b"\n")
    assert manifest["findings"] == sum(len(a.findings) for a in articles) > 0
    assert [entry["path"] for entry in manifest["files"]] == files
    for entry in manifest["files"]:
        part = (outdir / entry["part"]).read_bytes()
        assert entry["articles"] == part.count(b"\n")
    [error] = manifest["errors"]
    assert error["path"].endswith("truncated.txt.gz")
    assert manifest["fields"] == (fields.split(",") if fields else None)
    assert not list(outdir.glob(".*.tmp"))


@needs_dask
def test_relative_paths_mean_the_client_directory_not_the_workers(
    client: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "dumps").mkdir()
    for name in ["list_multi.txt", "invalid_utf8.txt", "page_full.txt"]:
        shutil.copyfile(FIXTURES / name, tmp_path / "dumps" / name)
    monkeypatch.chdir(tmp_path)
    assert str(tmp_path) not in client.run(os.getcwd).values()

    result = CliRunner().invoke(
        app, ["export", "dumps", "--scheduler", client.scheduler.address, "-o", "out"]
    )
    assert result.exit_code == 0, result.stderr
    local = local_export("dumps")[1]
    assert b"".join(p.read_bytes() for p in parts(tmp_path / "out")) == local
    assert b'"path":"dumps/invalid_utf8.txt"' in local
    # The warning a local run gives, and the count in the manifest.
    warning = "newsparse: warning: dumps/invalid_utf8.txt: 2 lines hold invalid UTF-8"
    assert warning in result.stderr
    assert warning in CliRunner().invoke(app, ["export", "dumps"]).stderr
    manifest = orjson.loads((tmp_path / "out" / "manifest.json").read_bytes())
    assert [part["invalid_utf8"] for part in manifest["files"]] == [2, 0, 0]  # (sorted)


@needs_dask
def test_scheduler_local_in_a_real_process_starts_and_stops_its_own_cluster(
    tmp_path: Path,
) -> None:
    sources = [str(FIXTURES / name) for name in ["list_multi.txt", "invalid_date.txt"]]
    command = [sys.executable, "-m", "newsparse", "export", *sources]
    result = subprocess.run(
        [*command, "--scheduler", "local", "-o", str(tmp_path / "out")],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == b""
    assert result.stderr.decode().startswith("newsparse: ")
    assert len(result.stderr.splitlines()) == 1
    local = subprocess.run(command, capture_output=True, check=True).stdout
    assert b"".join(p.read_bytes() for p in parts(tmp_path / "out")) == local


@needs_dask
def test_export_removes_parts_of_an_earlier_larger_export(client: Any, tmp_path: Path) -> None:
    outdir = tmp_path / "out"
    outdir.mkdir()
    (outdir / "part-00007.jsonl").write_text("{}\n")
    source = str(FIXTURES / "list_multi.txt")
    result = CliRunner().invoke(
        app, ["export", source, "--scheduler", client.scheduler.address, "-o", str(outdir)]
    )
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in parts(outdir)] == ["part-00000.jsonl"]
    assert (outdir / "part-00000.jsonl").read_bytes() == local_export(source)[1]
    assert "3 articles (0 findings) from 1 file " in result.stderr


@needs_dask
def test_export_with_no_input_file_writes_the_manifest_alone(client: Any, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    outdir = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["export", str(empty), "--scheduler", client.scheduler.address, "-o", str(outdir)]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"newsparse: 0 articles (0 findings) from 0 files written to {outdir}: manifest.json"
    )
    assert [p.name for p in outdir.iterdir()] == ["manifest.json"]


@needs_dask
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["fixtures/list_multi.txt"], "give an output directory with -o OUTDIR"),
        (["fixtures/list_multi.txt", "-o", "x", "--format", "json"], "--format json"),
        (["-", "-o", "x"], "--scheduler cannot read standard input"),
    ],
)
def test_export_scheduler_usage_errors(args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["export", *args, "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2
    assert message in result.stderr


@needs_dask
def test_an_unreachable_scheduler_is_a_one_line_error(tmp_path: Path) -> None:
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(
            app,
            ["export", "fixtures/list_multi.txt", "--scheduler", "tcp://127.0.0.1:1",
             "-o", str(tmp_path)],
        )  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr.startswith("newsparse: cannot connect to scheduler tcp://127.0.0.1:1")
    assert len(result.stderr.splitlines()) == 1


def test_without_dask_scheduler_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    result = CliRunner().invoke(
        app, ["export", "fixtures/list_multi.txt", "--scheduler", "local", "-o", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert result.stderr == "newsparse: --scheduler needs Dask: pip install 'newsparse[dask]'\n"
    assert list(tmp_path.iterdir()) == []


# --- the library: bag, findings, inputs ------------------------------------------------


@needs_dask
def test_articles_bag_has_one_partition_per_file_and_the_local_records(
    client: Any, corpus: Path
) -> None:
    from newsparse.distributed import articles_bag

    good = [name for name in files_of(corpus) if not name.endswith("truncated.txt.gz")]
    bag = articles_bag(good)
    assert bag.npartitions == len(good)
    expected = [article for name in good for article in parse_file(name)]
    assert client.compute(bag).result() == expected


@needs_dask
def test_articles_bag_reads_fsspec_urls_with_the_same_parser(client: Any, corpus: Path) -> None:
    from newsparse.distributed import articles_bag, expand_paths

    urls = [f"file://{corpus}/nested/**/*.txt", f"file://{corpus}/nested/packed.txt.gz"]
    files, errors = expand_paths(urls)
    assert errors == []
    assert files == [f"file://{corpus}/nested/deeper/big.txt", urls[1]]
    articles = client.compute(articles_bag(files)).result()
    local = [a for name in files for a in parse_file(name.removeprefix("file://"))]
    assert len(articles) == len(local) == 240
    for remote, here in zip(articles, local, strict=True):
        assert remote.source.path == f"file://{here.source.path}"
        assert replace(remote, source=here.source) == here


@needs_dask
def test_bad_paths_and_patterns_are_input_errors(corpus: Path) -> None:
    from newsparse.distributed import articles_bag, expand_paths

    files, errors = expand_paths(
        [str(corpus / "missing.txt"), str(corpus / "*.nothing"), f"{corpus}/list_*.txt"]
    )
    assert [str(e) for e in errors] == [
        f"{corpus}/missing.txt: no such file or directory",
        f"{corpus}/*.nothing: no file matches this pattern",
    ]
    assert files == sorted(str(p) for p in corpus.glob("list_*.txt"))
    with pytest.raises(InputError, match="no such file"):
        articles_bag([str(corpus / "missing.txt")])


@needs_dask
def test_gathered_findings_equal_the_local_list_in_input_order(client: Any, corpus: Path) -> None:
    from newsparse.distributed import expand_paths, gather_findings

    files, errors = expand_paths([str(corpus), str(corpus / "missing.txt")])
    result = gather_findings(client, files, errors=errors)
    articles = local_articles(corpus)
    assert result.articles == len(articles)
    assert result.findings == [f for a in articles for f in a.findings]
    assert {f.rule for f in result.findings} >= {"NP002", "NP101"}
    assert [e.path.rsplit("/", 1)[1] for e in result.errors] == ["missing.txt", "truncated.txt.gz"]


def short_body_check(article: Article) -> list[Finding]:
    """A stand-in for validate's rules: any per-article function runs on the workers."""
    found = list(article.findings)
    if len(article.body) < 2:
        where = article.source
        found.append(Finding("X001", Severity.INFO, "short body", where.path, where.line))
    return found


@needs_dask
def test_gather_findings_runs_a_custom_check_on_the_workers(client: Any, corpus: Path) -> None:
    from newsparse.distributed import gather_findings

    result = gather_findings(client, files_of(corpus), short_body_check)
    expected = [f for a in local_articles(corpus) for f in short_body_check(a)]
    assert result.findings == expected
    assert any(f.rule == "X001" for f in expected)


def failing_check(article: Article) -> list[Finding]:
    raise ValueError(f"a check that breaks\non {article.source.path}")


@needs_dask
def test_a_task_that_fails_on_the_cluster_is_a_one_line_cluster_error(client: Any) -> None:
    from newsparse.distributed import ClusterError, gather_findings

    with pytest.raises(ClusterError) as error_info:
        gather_findings(client, [str(FIXTURES / "list_multi.txt")], failing_check)
    assert str(error_info.value) == (
        f"the Dask cluster failed: ValueError: a check that breaks on {FIXTURES / 'list_multi.txt'}"
    )
    assert error_info.value.exit_code == 2


@needs_dask
def test_cluster_inputs_give_validate_the_local_articles_and_exit_code(
    client: Any, corpus: Path
) -> None:
    import typer

    from newsparse.cli import cluster

    paths = [str(corpus), "missing.txt"]
    local = cluster.inputs(paths, "*.txt", None)
    remote = cluster.inputs(paths, "*.txt", client.scheduler.address)
    assert type(local) is Inputs
    assert isinstance(remote, ClusterInputs)
    assert list(remote.articles()) == list(local.articles()) == local_articles(corpus)
    assert [str(e) for e in remote.errors] == [str(e) for e in local.errors]
    assert [e.path.rsplit("/", 1)[-1] for e in remote.errors] == [
        "truncated.txt.gz",
        "missing.txt",
    ]
    assert remote.files_read == local.files_read == len(files_of(corpus)) - 1
    for inputs in (local, remote):
        with pytest.raises(typer.Exit) as exit_info:
            inputs.finish()
        assert exit_info.value.exit_code == 2
    with pytest.raises(UsageError, match="needs input paths"):
        ClusterInputs(None, "*.txt", client.scheduler.address)


@needs_dask
@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_validate_scheduler_reports_what_a_local_run_reports(
    client: Any, corpus: Path, fmt: str
) -> None:
    args = ["validate", "--today", "2026-11-28", "-f", fmt, "-q", str(corpus), "missing.txt"]
    local = CliRunner().invoke(app, args)
    remote = CliRunner().invoke(app, [*args, "--scheduler", client.scheduler.address])
    assert local.exit_code == remote.exit_code == 2  # an unreadable input wins over findings
    assert remote.stdout == local.stdout
    assert local.stdout.count("NP0") > 10
    assert remote.stderr == local.stderr


@needs_dask
def test_validate_scheduler_does_not_read_its_own_report(
    client: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As a local run: the last run's -o report inside the input directory is no input.
    (tmp_path / "dumps").mkdir()
    shutil.copyfile(FIXTURES / "validate" / "clean_list.dump", tmp_path / "dumps" / "a.txt")
    monkeypatch.chdir(tmp_path)
    args = ["validate", "dumps", "-o", "dumps/report.txt", "--scheduler", client.scheduler.address]
    for _ in range(2):
        result = CliRunner().invoke(app, args)
        assert (result.exit_code, result.stderr) == (
            0,
            "Checked 2 articles in 1 input: no findings.\n",
        )


# --- a worker killed mid-run -----------------------------------------------------------


def kill_worker_once(marker: str, victim: str, article: Article) -> dict[str, Any]:
    """An enricher that kills its own worker process in the middle of writing `victim`."""
    source = article.source
    if source.path.endswith(victim) and source.index == 2 and not os.path.exists(marker):
        Path(marker).write_text(str(os.getpid()))
        os._exit(1)
    return {}


@needs_dask
def test_a_worker_killed_mid_run_is_retried_without_losing_or_duplicating_records(
    client: Any, corpus: Path, tmp_path: Path
) -> None:
    from newsparse.distributed import export_parts
    from newsparse.export import write_records

    marker = tmp_path / "killed"
    enrich = functools.partial(kill_worker_once, str(marker), "big.txt")
    files = [name for name in files_of(corpus) if not name.endswith("truncated.txt.gz")]
    workers_before = set(client.scheduler_info()["workers"])

    result = export_parts(client, files, str(tmp_path / "out"), enrich=enrich)

    assert marker.exists(), "the victim task never ran"
    killed_pid = int(marker.read_text())
    assert killed_pid not in client.run(os.getpid).values()
    assert workers_before - set(client.scheduler_info()["workers"]), "no worker was replaced"
    expected = tmp_path / "expected.jsonl"
    with expected.open("wb") as stream:
        count = write_records(
            (a for name in files for a in parse_file(name)),
            stream,
            enrich=functools.partial(kill_worker_once, str(marker), "nothing"),
        )
    out = tmp_path / "out"
    assert b"".join(p.read_bytes() for p in parts(out)) == expected.read_bytes()
    assert result.articles == count
    assert result.errors == []
    assert not list(out.glob(".*.tmp")), "the dead worker's temporary part was left behind"
