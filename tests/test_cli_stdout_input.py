"""Standard output redirected into a file that is also an input (`> dumps/all.txt`).

Each command read the file it was writing, forever: `export dumps/ -f dump >
dumps/all.txt` grew it by 20 MB a second until the disk was full. A directory or
pattern now passes over the file standard output writes; named as an input it is an
input error, as `cat a > a` is.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES

COMMANDS = [
    ["export", "-f", "dump"],
    ["export", "-j", "2"],
    ["validate"],
    ["validate", "-j", "2"],
    ["print"],
    ["print", "--list"],
    ["tag"],
    ["stats"],
]


def run(args: list[str], cwd: Path, stdout: Path, append: bool = False) -> tuple[int, str]:
    with open(stdout, "ab" if append else "wb") as out:
        done = subprocess.run(
            [sys.executable, "-m", "newsparse", *args],
            cwd=cwd,
            stdout=out,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            timeout=15,
            check=False,
        )
    return done.returncode, done.stderr.decode()


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_directory_passes_over_the_file_standard_output_writes(
    tmp_path: Path, command: list[str]
) -> None:
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    (dumps / "a.txt").write_bytes((FIXTURES / "list_multi.txt").read_bytes())
    out = dumps / "out.txt"
    code, stderr = run([*command, "dumps"], tmp_path, out)
    assert code in (0, 1), stderr
    assert "out.txt" not in stderr
    assert out.stat().st_size < 100_000
    assert b"out.txt" not in out.read_bytes()  # no record, finding or row from it


def test_standard_output_named_as_an_input_is_an_input_error(tmp_path: Path) -> None:
    dump = tmp_path / "a.txt"
    dump.write_bytes((FIXTURES / "list_multi.txt").read_bytes())
    size = dump.stat().st_size
    code, stderr = run(["export", "-f", "dump", "a.txt"], tmp_path, dump, append=True)
    assert code == 2
    assert stderr.splitlines() == [
        "newsparse: a.txt: is standard output, the file being written: not read",
        "newsparse: 1 input could not be read: a.txt",
    ]
    assert dump.stat().st_size == size


def test_standard_input_that_is_the_standard_output_file_is_an_input_error(
    tmp_path: Path,
) -> None:
    # `newsparse export -f dump - < a.txt >> a.txt` grew a.txt until it was stopped.
    dump = tmp_path / "a.txt"
    dump.write_bytes((FIXTURES / "list_multi.txt").read_bytes())
    size = dump.stat().st_size
    with open(dump, "rb") as source, open(dump, "ab") as out:
        done = subprocess.run(
            [sys.executable, "-m", "newsparse", "export", "-f", "dump", "-"],
            stdin=source,
            stdout=out,
            stderr=subprocess.PIPE,
            timeout=15,
            check=False,
        )
    assert done.returncode == 2
    assert done.stderr.decode().splitlines() == [
        "newsparse: -: is standard output, the file being written: not read",
        "newsparse: 1 input could not be read: -",
    ]
    assert dump.stat().st_size == size
